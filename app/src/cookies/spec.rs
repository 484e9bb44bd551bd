//! What a cookie *is* to the mechanism: its name, how long it lives and
//! the attributes it is written with. Nothing here knows which shop uses it.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

pub use cookie::SameSite;
use time::Duration;

/// How long the browser keeps a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Until the browser session ends (no `Max-Age`/`Expires`). A browser
    /// that restores the previous session on start-up restores these
    /// cookies too, so they may outlive many restarts.
    Session,
    /// For this long after it was last written (`Max-Age`).
    For(Duration),
}

impl Lifetime {
    /// `Max-Age` of `days` days.
    pub const fn days(days: i64) -> Self {
        Self::For(Duration::days(days))
    }

    /// `Max-Age` of `seconds` seconds.
    pub const fn seconds(seconds: i64) -> Self {
        Self::For(Duration::seconds(seconds))
    }

    /// This lifetime and `extra` more; a session cookie stays one (it has
    /// no end to move).
    ///
    /// ```
    /// use app::cookies::Lifetime;
    /// use time::Duration;
    ///
    /// assert_eq!(Lifetime::days(1).and(Duration::days(1)), Lifetime::days(2));
    /// assert_eq!(Lifetime::Session.and(Duration::days(1)), Lifetime::Session);
    /// ```
    pub const fn and(self, extra: Duration) -> Self {
        match self {
            Self::Session => Self::Session,
            Self::For(duration) => match duration.checked_add(extra) {
                Some(longer) => Self::For(longer),
                None => Self::For(Duration::MAX),
            },
        }
    }

    /// This lifetime, cut to `longest` (a session cookie gets `longest`
    /// too: a browser may restore a session for much longer).
    ///
    /// ```
    /// use app::cookies::Lifetime;
    /// use time::Duration;
    ///
    /// assert_eq!(Lifetime::days(365).at_most(Duration::days(30)), Lifetime::days(30));
    /// assert_eq!(Lifetime::days(1).at_most(Duration::days(30)), Lifetime::days(1));
    /// ```
    pub fn at_most(self, longest: Duration) -> Self {
        match self {
            Self::For(duration) if duration <= longest => self,
            _ => Self::For(longest.max(Duration::ZERO)),
        }
    }
}

/// In words: `until you close the browser`, `20 seconds`, `1 day`, `30 days`.
impl fmt::Display for Lifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self::For(duration) = self else {
            return f.write_str("until you close the browser");
        };
        // In the largest unit that says it exactly: "12 hours", not "43200 seconds".
        let seconds = duration.whole_seconds();
        let (count, unit) = [(86_400, "day"), (3_600, "hour"), (60, "minute")]
            .into_iter()
            .find(|(length, _)| seconds >= *length && seconds % length == 0)
            .map_or((seconds, "second"), |(length, unit)| {
                (seconds / length, unit)
            });
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{count} {unit}{plural}")
    }
}

/// The name prefix with which the browser guarantees a cookie was set by
/// this host over HTTPS, for the whole site (`Secure`, `Path=/`, no `Domain`).
pub const HOST_PREFIX: &str = "__Host-";

/// A cookie's name, lifetime and attributes, whatever the type of its value:
/// all the codec and the transport need to write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookieInfo {
    pub name: &'static str,
    pub lifetime: Lifetime,
    pub path: &'static str,
    pub same_site: SameSite,
    /// `HttpOnly` hides the cookie from `document.cookie`. Only for cookies
    /// the page's script never needs to read.
    pub http_only: bool,
    /// Signed by the server, so a changed value is noticed (and ignored).
    /// Only for server-only cookies: the browser has no key.
    pub signed: bool,
    /// Named `__Host-…` when `Secure`: the browser then guarantees it was
    /// set by this host over HTTPS, for the whole site.
    pub host_prefix: bool,
}

impl CookieInfo {
    /// A cookie for the whole site (`Path=/`), sent when the shopper follows
    /// a link here but never on cross-site posts or sub-requests
    /// (`SameSite=Lax`), readable by the page's script, and named `__Host-…`
    /// whenever it is `Secure`.
    ///
    /// ```
    /// use app::cookies::{CookieInfo, Lifetime};
    ///
    /// let theme = CookieInfo::site_wide("theme", Lifetime::days(30));
    /// assert_eq!(theme.path, "/");
    /// assert!(!theme.http_only);
    /// ```
    pub const fn site_wide(name: &'static str, lifetime: Lifetime) -> Self {
        Self {
            name,
            lifetime,
            path: "/",
            same_site: SameSite::Lax,
            http_only: false,
            signed: false,
            host_prefix: true,
        }
    }

    /// The same cookie, kept from scripts (`HttpOnly`) and signed by the
    /// server: only the server can read or write it.
    pub const fn server_only(self) -> Self {
        Self {
            http_only: true,
            signed: true,
            ..self
        }
    }

    /// The same cookie, kept from scripts (`HttpOnly`) but not signed: for
    /// a value that means nothing without the server's own records (a
    /// random session id).
    pub const fn http_only(self) -> Self {
        Self {
            http_only: true,
            ..self
        }
    }

    /// The name on the wire: `__Host-` in front when asked for and the
    /// cookie is `Secure`.
    pub fn wire_name(&self, secure: bool) -> Cow<'static, str> {
        if secure && self.host_prefix {
            Cow::Owned(format!("{HOST_PREFIX}{}", self.name))
        } else {
            Cow::Borrowed(self.name)
        }
    }
}

/// A cookie whose value has type `V`; read and written through the methods
/// in the module root ([`get`](Self::get), [`set`](Self::set), …).
///
/// ```
/// use app::cookies::{CookieInfo, CookieSpec, Lifetime};
///
/// const THEME: CookieSpec<String> = CookieSpec::new(CookieInfo::site_wide("theme", Lifetime::Session));
/// assert_eq!(THEME.info.name, "theme");
/// ```
#[derive(Debug)]
pub struct CookieSpec<V> {
    pub info: CookieInfo,
    value: PhantomData<fn() -> V>,
}

impl<V> CookieSpec<V> {
    pub const fn new(info: CookieInfo) -> Self {
        Self {
            info,
            value: PhantomData,
        }
    }
}

// Not derived: a derive would ask `V: Clone`, which a handle does not need.
impl<V> Clone for CookieSpec<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V> Copy for CookieSpec<V> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lifetime_reads_in_the_largest_unit_that_says_it_exactly() {
        let read = |lifetime: Lifetime| lifetime.to_string();
        assert_eq!(read(Lifetime::days(1)), "1 day");
        assert_eq!(read(Lifetime::days(182)), "182 days");
        assert_eq!(read(Lifetime::seconds(43_200)), "12 hours");
        assert_eq!(read(Lifetime::seconds(60)), "1 minute");
        assert_eq!(read(Lifetime::seconds(90)), "90 seconds");
        assert_eq!(read(Lifetime::seconds(20)), "20 seconds");
        assert_eq!(read(Lifetime::Session), "until you close the browser");
    }
}
