//! A server-held session, the lecture's first definition: "a period during
//! which conversation data can be persistently accessed between the server
//! and the client. When the session is over, the data is removed." The
//! browser keeps only an id in the `session` cookie ([`SESSION`]); the data
//! lives in a store on the server (SQLite, in memory or Redis: the server
//! chooses, see `SESSION_STORE`), and ends when the shopper ends it, after
//! an idle time they chose, or at the latest [`SessionTimes::longest`]
//! after it started — and then the record is deleted.
//!
//! Everything that touches the store runs on the server; the browser only
//! shows a [`SessionView`].

use serde::{Deserialize, Serialize};

use crate::cookies::Undecodable;
use crate::shopper::NameError;

/// How long a session may sit unused before the server ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum IdleChoice {
    /// The lecture's expiry demonstration.
    Demo,
    Long,
}

impl IdleChoice {
    pub const ALL: [Self; 2] = [Self::Demo, Self::Long];

    /// The word in forms and in the record (and serde's).
    pub fn key(self) -> &'static str {
        match self {
            Self::Demo => "twenty-seconds",
            Self::Long => "thirty-minutes",
        }
    }

    /// As the form offers it, with the server's times (shortened in tests).
    pub fn label(self, times: &SessionTimes) -> String {
        match self {
            Self::Demo => format!("{} idle (demo)", in_words(times.demo_idle)),
            Self::Long => format!("{} idle", in_words(times.long_idle)),
        }
    }

    /// The idle time this choice stands for, in seconds.
    pub fn seconds(self, times: &SessionTimes) -> u64 {
        match self {
            Self::Demo => times.demo_idle,
            Self::Long => times.long_idle,
        }
    }
}

impl From<IdleChoice> for &'static str {
    fn from(choice: IdleChoice) -> Self {
        choice.key()
    }
}

impl TryFrom<String> for IdleChoice {
    type Error = Undecodable;

    fn try_from(key: String) -> Result<Self, Undecodable> {
        Self::ALL
            .into_iter()
            .find(|choice| choice.key() == key)
            .ok_or(Undecodable)
    }
}

/// `20 seconds`, `30 minutes`, `12 hours`.
fn in_words(seconds: u64) -> String {
    let (count, unit) = match seconds {
        s if s >= 3600 && s % 3600 == 0 => (s / 3600, "hour"),
        s if s >= 60 && s % 60 == 0 => (s / 60, "minute"),
        s => (s, "second"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural}")
}

/// The session lifetimes the server uses: settings, so that tests can
/// shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionTimes {
    /// The demo's idle time, in seconds (`SESSION_DEMO_IDLE`, 20).
    pub demo_idle: u64,
    /// The long idle time, in seconds (`SESSION_LONG_IDLE`, 1800).
    pub long_idle: u64,
    /// The longest any session lasts, however busy (`SESSION_MAX_AGE`, 12 h).
    pub longest: u64,
}

impl SessionTimes {
    /// When a session started at `started` and last seen at `last_seen`
    /// ends unless used again: the chosen idle time after it was last seen,
    /// but never later than the longest a session lasts (Unix seconds).
    pub fn end_of(&self, idle: IdleChoice, started: i64, last_seen: i64) -> i64 {
        let idle = i64::try_from(idle.seconds(self)).unwrap_or(i64::MAX);
        let longest = i64::try_from(self.longest).unwrap_or(i64::MAX);
        last_seen
            .saturating_add(idle)
            .min(started.saturating_add(longest))
    }
}

impl Default for SessionTimes {
    fn default() -> Self {
        Self {
            demo_idle: 20,
            long_idle: 30 * 60,
            longest: 12 * 60 * 60,
        }
    }
}

/// What the server holds for a session, as the page shows it. Never the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub name: String,
    pub idle: IdleChoice,
    /// Unix seconds.
    pub started: i64,
    pub last_seen: i64,
    /// When the server ends it unless it is used again (Unix seconds).
    pub ends_at: i64,
    /// The `Set-Cookie` line the server last sent for it, the value replaced
    /// by its size (the cookie is `HttpOnly`).
    pub cookie_line: String,
    /// Whether the request being answered sent the cookie back.
    pub sent_back: bool,
}

/// The session as a request finds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionState {
    /// No session cookie came.
    None,
    /// A session cookie came, but its session has ended (or never was): the
    /// server has deleted what it held, and the cookie.
    Ended,
    Active(SessionView),
}

/// Why a session could not be started, read or ended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum SessionError {
    #[error(transparent)]
    Name(#[from] NameError),
    /// The store cannot be reached; everything else in the shop works.
    #[error(
        "Sessions are unavailable right now: the server cannot reach its session store \
         ({store}). Everything else in the shop works; please try again in a minute."
    )]
    Unavailable { store: String },
}

#[cfg(feature = "ssr")]
pub use server::Sessions;

/// What the session page shows: the server's session times, where it keeps
/// sessions, and the session the request's cookies name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageSession {
    pub times: SessionTimes,
    pub store: String,
    pub state: SessionState,
}

/// The session as the page finds it — or the sentence saying why the store
/// cannot tell (the page is then `503`). Pages render on the server only;
/// in the browser there is no store to ask.
pub async fn as_the_page_finds_it(
    cookies: crate::shop_cookies::Cookies,
) -> Result<PageSession, String> {
    #[cfg(feature = "ssr")]
    {
        let unavailable = |error: SessionError| {
            crate::response::mark_page_unavailable();
            error.to_string()
        };
        let Some(sessions) = Sessions::of_this_request() else {
            let none = SessionError::Unavailable {
                store: "none configured".to_owned(),
            };
            return Err(unavailable(none));
        };
        let state = sessions.current(&cookies).await.map_err(unavailable)?;
        Ok(PageSession {
            times: sessions.times(),
            store: sessions.described().to_owned(),
            state,
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = cookies;
        Err(String::new())
    }
}

#[cfg(feature = "ssr")]
mod server {
    use std::collections::HashMap;
    use std::str::FromStr;
    use std::sync::Arc;

    use time::{Duration, OffsetDateTime};
    use tower_sessions_core::session::{Id, Record};
    use tower_sessions_core::SessionStore;

    use super::{IdleChoice, SessionError, SessionState, SessionTimes, SessionView};
    use crate::cookies::Lifetime;
    use crate::shop_cookies::{Cookies, SESSION};

    /// The key under which a record keeps the shop's data.
    const DATA: &str = "shop";

    /// What a record holds, besides its id and expiry.
    #[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
    struct Held {
        name: String,
        idle: IdleChoice,
        started: i64,
        last_seen: i64,
        cookie_line: String,
    }

    /// The server's session store and the times it keeps sessions for; the
    /// server hands it to every request, beside the request's cookies.
    #[derive(Clone)]
    pub struct Sessions {
        store: Arc<dyn SessionStore>,
        times: SessionTimes,
        /// Which store, for the log and the unavailable sentence.
        described: Arc<str>,
    }

    impl std::fmt::Debug for Sessions {
        fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            formatter
                .debug_struct("Sessions")
                .field("store", &self.described)
                .field("times", &self.times)
                .finish()
        }
    }

    impl Sessions {
        pub fn new(store: Arc<dyn SessionStore>, times: SessionTimes, described: &str) -> Self {
            Self {
                store,
                times,
                described: described.into(),
            }
        }

        /// The sessions of the request being answered (the server's
        /// middleware leaves them in its extensions).
        pub fn of_this_request() -> Option<Self> {
            let request = leptos::prelude::use_context::<http::request::Parts>()?;
            request.extensions.get::<Self>().cloned()
        }

        pub fn times(&self) -> SessionTimes {
            self.times
        }

        /// Where this server keeps sessions, in words.
        pub fn described(&self) -> &str {
            &self.described
        }

        fn unavailable(&self, error: &tower_sessions_core::session_store::Error) -> SessionError {
            tracing::warn!(store = %self.described, %error, "the session store failed");
            SessionError::Unavailable {
                store: self.described.to_string(),
            }
        }

        /// Starts a new session for `name`: always a new id (a session id
        /// the browser had before is never reused, so no one can fix it in
        /// advance), and any session the browser had is ended first.
        ///
        /// # Errors
        /// A [`SessionError`] for a name the shop does not keep, or a store
        /// that cannot be reached.
        pub async fn start(
            &self,
            cookies: &Cookies,
            name: &str,
            idle: IdleChoice,
        ) -> Result<SessionView, SessionError> {
            let name = crate::shopper::parse_name(name)?;
            // The old record goes; the new cookie replaces the old one.
            self.delete_record(cookies).await?;
            let now = OffsetDateTime::now_utc().unix_timestamp();
            let held = Held {
                name,
                idle,
                started: now,
                last_seen: now,
                cookie_line: String::new(),
            };
            let bytes = random_bytes().ok_or_else(|| SessionError::Unavailable {
                store: "the operating system's random number generator".to_owned(),
            })?;
            self.keep(cookies, Id(i128::from_le_bytes(bytes)), held, false)
                .await
        }

        /// The session this request's cookie names. An unknown, tampered or
        /// expired id is no session: its record (if any) is deleted, and the
        /// browser is told to forget the cookie. "Last seen" is written at
        /// most once per twentieth of the idle time.
        ///
        /// # Errors
        /// [`SessionError::Unavailable`] when the store cannot be reached.
        pub async fn current(&self, cookies: &Cookies) -> Result<SessionState, SessionError> {
            let Some(sent) = SESSION.get(cookies) else {
                // Asked anyway, so that the page offers no form the store cannot keep.
                self.store
                    .load(&Id(0))
                    .await
                    .map_err(|error| self.unavailable(&error))?;
                return Ok(SessionState::None);
            };
            let Ok(id) = Id::from_str(&sent) else {
                forget_cookie(cookies);
                return Ok(SessionState::Ended);
            };
            let record = self
                .store
                .load(&id)
                .await
                .map_err(|error| self.unavailable(&error))?;
            let held = record.and_then(|record| {
                let held = record.data.get(DATA)?.clone();
                serde_json::from_value::<Held>(held).ok()
            });
            let now = OffsetDateTime::now_utc().unix_timestamp();
            let Some(held) = held.filter(|held| self.ends_at(held) > now) else {
                // Expired, unknown or unreadable: never used, deleted now.
                self.store
                    .delete(&id)
                    .await
                    .map_err(|error| self.unavailable(&error))?;
                forget_cookie(cookies);
                return Ok(SessionState::Ended);
            };
            let write_every = (held.idle.seconds(&self.times) / 20).max(1);
            let seen_long_ago = now.saturating_sub(held.last_seen) >= write_every as i64;
            if seen_long_ago {
                let held = Held {
                    last_seen: now,
                    ..held
                };
                return self
                    .keep(cookies, id, held, true)
                    .await
                    .map(SessionState::Active);
            }
            Ok(SessionState::Active(self.view(&held, true)))
        }

        /// Ends the session this request's cookie names: its record deleted,
        /// the cookie removed. A browser without JavaScript shows the next
        /// page the server sends, which must still say that the session
        /// ended (`tell_next_page`): for it the cookie is kept a minute more,
        /// empty — an id that finds nothing, which that page reports and
        /// deletes.
        ///
        /// # Errors
        /// [`SessionError::Unavailable`] when the store cannot be reached.
        pub async fn end(
            &self,
            cookies: &Cookies,
            tell_next_page: bool,
        ) -> Result<(), SessionError> {
            if SESSION.get(cookies).is_none() {
                return Ok(());
            }
            self.delete_record(cookies).await?;
            if tell_next_page {
                let a_minute = Lifetime::For(Duration::MINUTE);
                if let Err(error) = SESSION.set_lasting(cookies, &String::new(), a_minute) {
                    tracing::warn!("the ended session's cookie could not be written: {error}");
                }
            } else {
                forget_cookie(cookies);
            }
            Ok(())
        }

        /// Deletes the record this request's cookie names, if any.
        async fn delete_record(&self, cookies: &Cookies) -> Result<(), SessionError> {
            let Some(id) = SESSION
                .get(cookies)
                .and_then(|sent| Id::from_str(&sent).ok())
            else {
                return Ok(());
            };
            self.store
                .delete(&id)
                .await
                .map_err(|error| self.unavailable(&error))
        }

        fn ends_at(&self, held: &Held) -> i64 {
            self.times.end_of(held.idle, held.started, held.last_seen)
        }

        /// Saves `held` under `id` until it ends, and sends the cookie for
        /// as long (never longer than the record).
        async fn keep(
            &self,
            cookies: &Cookies,
            id: Id,
            mut held: Held,
            sent_back: bool,
        ) -> Result<SessionView, SessionError> {
            let ends_at = self.ends_at(&held);
            let now = OffsetDateTime::now_utc().unix_timestamp();
            let lifetime = Lifetime::For(Duration::seconds(ends_at.saturating_sub(now).max(1)));
            // A necessary cookie of a fixed size: nothing refuses it.
            if let Err(error) = SESSION.set_lasting(cookies, &id.to_string(), lifetime) {
                tracing::warn!("the session cookie could not be written: {error}");
            }
            held.cookie_line = cookies
                .jar()
                .set_cookie_lines()
                .last()
                .map(|line| crate::components::inspector::without_http_only_value(line))
                .unwrap_or_default();
            let mut record = Record {
                id,
                data: HashMap::from([(
                    DATA.to_owned(),
                    serde_json::to_value(&held).unwrap_or_default(),
                )]),
                expiry_date: OffsetDateTime::from_unix_timestamp(ends_at)
                    .unwrap_or(OffsetDateTime::UNIX_EPOCH),
            };
            // A new session is created (a store may refuse to overwrite
            // with it), a session seen again saved over its record.
            let kept = if sent_back {
                self.store.save(&record).await
            } else {
                self.store.create(&mut record).await
            };
            kept.map_err(|error| self.unavailable(&error))?;
            Ok(self.view(&held, sent_back))
        }

        fn view(&self, held: &Held, sent_back: bool) -> SessionView {
            SessionView {
                name: held.name.clone(),
                idle: held.idle,
                started: held.started,
                last_seen: held.last_seen,
                ends_at: self.ends_at(held),
                cookie_line: held.cookie_line.clone(),
                sent_back,
            }
        }
    }

    fn forget_cookie(cookies: &Cookies) {
        if let Err(error) = SESSION.remove(cookies) {
            tracing::warn!("the session cookie could not be removed: {error}");
        }
    }

    /// 128 bits from the operating system's generator.
    fn random_bytes() -> Option<[u8; 16]> {
        let mut bytes = [0; 16];
        getrandom::fill(&mut bytes).ok().map(|()| bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_after_its_idle_time_but_never_after_the_longest() {
        let times = SessionTimes::default();
        // Seen a minute after it started: 30 minutes idle from then.
        assert_eq!(times.end_of(IdleChoice::Long, 0, 60), 60 + 30 * 60);
        assert_eq!(times.end_of(IdleChoice::Demo, 0, 60), 60 + 20);
        // Busy all day: it still ends 12 hours after it started.
        let late = 12 * 60 * 60 - 10;
        assert_eq!(times.end_of(IdleChoice::Long, 0, late), 12 * 60 * 60);
    }

    #[test]
    fn idle_choices_read_back_and_say_their_times() {
        let times = SessionTimes::default();
        for choice in IdleChoice::ALL {
            assert_eq!(IdleChoice::try_from(choice.key().to_owned()), Ok(choice));
        }
        assert_eq!(IdleChoice::Demo.label(&times), "20 seconds idle (demo)");
        assert_eq!(IdleChoice::Long.label(&times), "30 minutes idle");
    }
}
