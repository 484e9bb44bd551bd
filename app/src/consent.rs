//! The shopper's consent to optional cookies, kept in the `consent` cookie.
//! The cookie module asks [`allows`] before writing any cookie that is not
//! strictly necessary.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::cookies::codec::Undecodable;
use crate::cookies::{Category, CookieError, CookieValue, CONSENT};

/// Raise this when the cookies or their purposes change: every earlier
/// answer then stops counting and the banner asks again.
pub const CONSENT_REVISION: u32 = 1;

/// One answer to the banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// The [`CONSENT_REVISION`] the shopper answered.
    pub revision: u32,
    pub preferences: bool,
    pub statistics: bool,
    /// When they answered, `YYYY-MM-DD`.
    pub date: String,
}

impl Consent {
    /// An answer given today to the current revision.
    pub fn given_now(preferences: bool, statistics: bool) -> Self {
        let today = OffsetDateTime::now_utc().date();
        Self {
            revision: CONSENT_REVISION,
            preferences,
            statistics,
            date: format!(
                "{:04}-{:02}-{:02}",
                today.year(),
                u8::from(today.month()),
                today.day()
            ),
        }
    }

    pub fn allows(&self, category: Category) -> bool {
        match category {
            Category::Necessary => true,
            Category::Preferences => self.preferences,
            Category::Statistics => self.statistics,
        }
    }

    /// Whether the answer was given to the current revision.
    pub fn is_current(&self) -> bool {
        self.revision == CONSENT_REVISION
    }
}

/// `1:preferences+statistics:2026-11-26`; `1::2026-11-26` when only
/// necessary cookies are allowed.
///
/// ```
/// use app::consent::Consent;
/// use app::cookies::CookieValue;
///
/// let answer = Consent { revision: 1, preferences: true, statistics: false, date: "2026-11-26".into() };
/// assert_eq!(answer.to_wire(), "1:preferences:2026-11-26");
/// assert_eq!(Consent::from_wire("1:preferences:2026-11-26"), Ok(answer));
/// ```
impl CookieValue for Consent {
    fn to_wire(&self) -> String {
        let allowed: Vec<&str> = Category::OPTIONAL
            .into_iter()
            .filter(|category| self.allows(*category))
            .map(Category::key)
            .collect();
        format!("{}:{}:{}", self.revision, allowed.join("+"), self.date)
    }

    fn from_wire(wire: &str) -> Result<Self, Undecodable> {
        let mut parts = wire.splitn(3, ':');
        let (Some(revision), Some(allowed), Some(date)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(Undecodable);
        };
        let allowed: Vec<&str> = allowed.split('+').filter(|key| !key.is_empty()).collect();
        let known = |key: &&str| {
            Category::OPTIONAL
                .iter()
                .any(|category| category.key() == *key)
        };
        let is_date = date.len() == 10
            && date
                .bytes()
                .all(|byte| byte.is_ascii_digit() || byte == b'-');
        if !allowed.iter().all(known) || !is_date {
            return Err(Undecodable);
        }
        Ok(Self {
            revision: revision.parse().map_err(|_| Undecodable)?,
            preferences: allowed.contains(&Category::Preferences.key()),
            statistics: allowed.contains(&Category::Statistics.key()),
            date: date.to_owned(),
        })
    }
}

/// What the banner's buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentChoice {
    /// "Accept all".
    All,
    /// "Reject non-essential".
    NecessaryOnly,
    /// "Save my choice", with the switches that are on.
    Chosen,
}

impl ConsentChoice {
    /// The form value, as serde spells it.
    pub fn key(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::NecessaryOnly => "necessary-only",
            Self::Chosen => "chosen",
        }
    }

    /// The answer this choice gives; `preferences` and `statistics` are the
    /// form's ticked boxes (used by "Save my choice" only).
    pub fn answer(self, preferences: bool, statistics: bool) -> Consent {
        match self {
            Self::All => Consent::given_now(true, true),
            Self::NecessaryOnly => Consent::given_now(false, false),
            Self::Chosen => Consent::given_now(preferences, statistics),
        }
    }
}

/// Why the answer could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ConsentError {
    #[error(transparent)]
    Cookie(#[from] CookieError),
    #[error("The shop could not be reached ({0}). Your choice is unchanged; please try again.")]
    Unreachable(String),
}

impl FromServerFnError for ConsentError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        Self::Unreachable(error.to_string())
    }
}

/// Keeps the shopper's answer in the `consent` cookie and deletes, at once,
/// every cookie of a category they did not allow.
#[server(endpoint = "consent")]
pub async fn save_consent(
    choice: ConsentChoice,
    preferences: Option<String>,
    statistics: Option<String>,
) -> Result<(), ConsentError> {
    let answer = choice.answer(preferences.is_some(), statistics.is_some());
    CONSENT.set(&answer)?;
    for cookie in crate::cookies::ALL {
        if !answer.allows(cookie.category) && cookie.raw_value().is_some() {
            cookie.remove()?;
        }
    }
    Ok(())
}

/// The shopper's answer to the current revision, if they gave one.
pub fn current() -> Option<Consent> {
    CONSENT.get().filter(Consent::is_current)
}

/// Whether cookies of `category` may be written now.
pub fn allows(category: Category) -> bool {
    category == Category::Necessary || current().is_some_and(|consent| consent.allows(category))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_round_trips() {
        for (preferences, statistics) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let answer = Consent::given_now(preferences, statistics);
            assert_eq!(Consent::from_wire(&answer.to_wire()), Ok(answer));
        }
    }

    #[test]
    fn refusing_everything_is_written_with_no_category() {
        let answer = Consent {
            revision: 1,
            preferences: false,
            statistics: false,
            date: "2026-11-26".into(),
        };
        assert_eq!(answer.to_wire(), "1::2026-11-26");
    }

    #[test]
    fn forged_or_garbled_answers_do_not_count() {
        for wire in [
            "",
            "1",
            "1:preferences",
            "x:preferences:2026-11-26",
            "1:everything:2026-11-26",
            "1::<script>",
        ] {
            assert_eq!(Consent::from_wire(wire), Err(Undecodable), "{wire:?}");
        }
    }

    #[test]
    fn an_answer_to_an_earlier_revision_is_not_current() {
        let mut answer = Consent::given_now(true, true);
        assert!(answer.is_current());
        answer.revision = CONSENT_REVISION - 1;
        assert!(!answer.is_current());
    }

    #[test]
    fn form_values_are_what_serde_reads() {
        for choice in [
            ConsentChoice::All,
            ConsentChoice::NecessaryOnly,
            ConsentChoice::Chosen,
        ] {
            assert_eq!(serde_json::to_value(choice).unwrap(), choice.key());
        }
    }

    #[test]
    fn necessary_cookies_are_always_allowed() {
        let nothing = Consent::given_now(false, false);
        assert!(nothing.allows(Category::Necessary));
        assert!(!nothing.allows(Category::Preferences));
        assert!(!nothing.allows(Category::Statistics));
    }
}
