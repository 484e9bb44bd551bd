//! The shopper's answer to the consent banner, as a value that lives in a
//! cookie: which optional categories they allowed, when, and to which
//! revision of the shop's cookie list. The rule that applies it to every
//! cookie is in [`crate::shop_cookies`].

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month, OffsetDateTime, Time};

use crate::cookies::{CookieValue, Undecodable};

/// Raise this when the cookies or their purposes change: every earlier
/// answer then stops counting and the banner asks again.
pub const CONSENT_REVISION: u32 = 1;

/// How long an answer counts: about six months, after which the banner asks
/// again (EDPB guidance). No optional cookie outlives the answer that
/// allowed it.
pub const ANSWER_KEPT: Duration = Duration::days(182);

/// Why a cookie exists, in the terms of the EU's cookie rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Category {
    /// Needed for something the shopper asked for; allowed without consent.
    Necessary,
    /// Remembers a choice for the shopper's convenience; needs consent.
    Preferences,
    /// Counts how the shop is used; needs consent.
    Statistics,
}

impl Category {
    /// The categories a shopper may refuse, in the order the banner lists them.
    pub const OPTIONAL: [Self; 2] = [Self::Preferences, Self::Statistics];

    /// The word used in forms and in the `consent` cookie.
    pub fn key(self) -> &'static str {
        match self {
            Self::Necessary => "necessary",
            Self::Preferences => "preferences",
            Self::Statistics => "statistics",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Necessary => "Necessary",
            Self::Preferences => "Preferences",
            Self::Statistics => "Statistics",
        }
    }

    /// The consent rule, the shop's one check, for reading as well as
    /// writing: necessary cookies need no answer; the others need the
    /// shopper's `answer` to allow them.
    ///
    /// ```
    /// use app::consent::{Category, Consent};
    ///
    /// let no_statistics = Consent::given_now(true, false);
    /// assert!(Category::Necessary.allowed_by(None));
    /// assert!(!Category::Preferences.allowed_by(None));
    /// assert!(Category::Preferences.allowed_by(Some(&no_statistics)));
    /// assert!(!Category::Statistics.allowed_by(Some(&no_statistics)));
    /// ```
    pub fn allowed_by(self, answer: Option<&Consent>) -> bool {
        match (self, answer) {
            (Self::Necessary, _) => true,
            (_, None) => false,
            (Self::Preferences, Some(answer)) => answer.preferences,
            (Self::Statistics, Some(answer)) => answer.statistics,
        }
    }
}

/// One answer to the banner. Serialized (as an island's prop) in the very
/// form the cookie keeps it, which spares the browser's wasm the `time`
/// crate's general date formats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Consent {
    /// The [`CONSENT_REVISION`] the shopper answered.
    pub revision: u32,
    pub preferences: bool,
    pub statistics: bool,
    /// The day they answered.
    pub date: Date,
}

impl Consent {
    /// An answer given today to the current revision.
    pub fn given_now(preferences: bool, statistics: bool) -> Self {
        Self {
            revision: CONSENT_REVISION,
            preferences,
            statistics,
            date: OffsetDateTime::now_utc().date(),
        }
    }

    /// Whether the answer still counts: given to the current revision, not
    /// in the future (a day of slack for clocks and time zones), and less
    /// than [`ANSWER_KEPT`] ago. A date anyone can write into the cookie is
    /// never trusted to be in range.
    pub fn is_current(&self) -> bool {
        let now = OffsetDateTime::now_utc();
        let latest_day = now.date().next_day().unwrap_or(now.date());
        self.revision == CONSENT_REVISION
            && self.date <= latest_day
            && self.time_left_at(now) > Duration::ZERO
    }

    /// How long the answer counts from now: until the end of the day it was
    /// given, [`ANSWER_KEPT`] later; zero once that has passed.
    pub fn time_left(&self) -> Duration {
        self.time_left_at(OffsetDateTime::now_utc())
    }

    /// Checked arithmetic: the date comes from a cookie, and near the end of
    /// the calendar (`9999-12-31`) adding to it overflows.
    fn time_left_at(&self, now: OffsetDateTime) -> Duration {
        let ends = self
            .date
            .with_time(Time::MIDNIGHT)
            .assume_utc()
            .checked_add(ANSWER_KEPT + Duration::DAY);
        ends.map_or(Duration::ZERO, |ends| (ends - now).max(Duration::ZERO))
    }
}

/// `YYYY-MM-DD`, the way the cookie and the cookie page write a day.
pub fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Reads a `YYYY-MM-DD` day; `None` unless it is a real day of the calendar.
fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

impl From<Consent> for String {
    fn from(answer: Consent) -> Self {
        answer.to_wire()
    }
}

impl TryFrom<String> for Consent {
    type Error = Undecodable;

    fn try_from(wire: String) -> Result<Self, Undecodable> {
        Self::from_wire(&wire)
    }
}

/// `1:preferences+statistics:2026-11-26`; `1::2026-11-26` when only
/// necessary cookies are allowed.
///
/// ```
/// use app::consent::Consent;
/// use app::cookies::CookieValue;
/// use time::{Date, Month};
///
/// let date = Date::from_calendar_date(2026, Month::November, 26).unwrap();
/// let answer = Consent { revision: 1, preferences: true, statistics: false, date };
/// assert_eq!(answer.to_wire(), "1:preferences:2026-11-26");
/// assert_eq!(Consent::from_wire("1:preferences:2026-11-26"), Ok(answer));
/// ```
impl CookieValue for Consent {
    fn to_wire(&self) -> String {
        let allowed: Vec<&str> = Category::OPTIONAL
            .into_iter()
            .filter(|category| category.allowed_by(Some(self)))
            .map(Category::key)
            .collect();
        format!(
            "{}:{}:{}",
            self.revision,
            allowed.join("+"),
            iso_date(self.date)
        )
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
        if !allowed.iter().all(known) {
            return Err(Undecodable);
        }
        Ok(Self {
            revision: revision.parse().map_err(|_| Undecodable)?,
            preferences: allowed.contains(&Category::Preferences.key()),
            statistics: allowed.contains(&Category::Statistics.key()),
            date: parse_iso_date(date).ok_or(Undecodable)?,
        })
    }
}

/// What the banner's buttons ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum ConsentChoice {
    /// "Accept all".
    All,
    /// "Reject non-essential".
    NecessaryOnly,
    /// "Save my choice", with the switches that are on.
    Chosen,
}

impl From<ConsentChoice> for &'static str {
    fn from(choice: ConsentChoice) -> Self {
        choice.key()
    }
}

impl TryFrom<String> for ConsentChoice {
    type Error = Undecodable;

    fn try_from(key: String) -> Result<Self, Undecodable> {
        [Self::All, Self::NecessaryOnly, Self::Chosen]
            .into_iter()
            .find(|choice| choice.key() == key)
            .ok_or(Undecodable)
    }
}

impl ConsentChoice {
    /// The form value (and serde's).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_island_prop_is_the_cookie_value_itself() {
        let answer = Consent::given_now(true, false);
        let prop = serde_json::to_string(&answer).unwrap();
        assert_eq!(prop, format!("\"{}\"", answer.to_wire()));
        assert_eq!(serde_json::from_str::<Consent>(&prop).unwrap(), answer);
        assert!(serde_json::from_str::<Consent>("\"1:all:2026-02-30\"").is_err());
    }

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
            date: Date::from_calendar_date(2026, Month::November, 26).unwrap(),
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
    fn the_date_must_be_a_real_day() {
        for date in [
            "----------",
            "2026-13-01",
            "2026-02-30",
            "+026-11-26",
            "2026-1-261",
            "2026-11-26-",
            "26-11-2026",
        ] {
            let wire = format!("1::{date}");
            assert_eq!(Consent::from_wire(&wire), Err(Undecodable), "{wire:?}");
        }
        assert!(Consent::from_wire("1::2028-02-29").is_ok(), "a leap day");
    }

    #[test]
    fn an_answer_to_an_earlier_revision_is_not_current() {
        let mut answer = Consent::given_now(true, true);
        assert!(answer.is_current());
        answer.revision = CONSENT_REVISION - 1;
        assert!(!answer.is_current());
    }

    #[test]
    fn an_answer_counts_for_about_six_months() {
        let mut answer = Consent::given_now(true, true);
        assert!(answer.time_left() > ANSWER_KEPT);
        answer.date -= ANSWER_KEPT;
        assert!(answer.is_current(), "still counts on its last day");
        answer.date -= Duration::DAY;
        assert!(!answer.is_current(), "expired");
    }

    #[test]
    fn form_values_are_what_serde_reads() {
        for choice in [
            ConsentChoice::All,
            ConsentChoice::NecessaryOnly,
            ConsentChoice::Chosen,
        ] {
            let read: ConsentChoice = serde_json::from_value(choice.key().into()).unwrap();
            assert_eq!(read, choice);
        }
        assert!(serde_json::from_value::<ConsentChoice>("everything".into()).is_err());
    }

    #[test]
    fn necessary_cookies_are_always_allowed() {
        let nothing = Consent::given_now(false, false);
        assert!(Category::Necessary.allowed_by(Some(&nothing)));
        assert!(!Category::Preferences.allowed_by(Some(&nothing)));
        assert!(!Category::Statistics.allowed_by(Some(&nothing)));
    }

    #[test]
    fn a_date_at_the_end_of_the_calendar_or_in_the_future_is_no_answer() {
        for wire in ["1::9999-12-31", "1:preferences+statistics:9000-01-01"] {
            assert!(!Consent::from_wire(wire).unwrap().is_current(), "{wire}");
        }
        // Its end is beyond the calendar: no time left, and no overflow.
        let last_day = Consent::from_wire("1::9999-12-31").unwrap();
        assert_eq!(last_day.time_left(), Duration::ZERO);
        let today = Consent::given_now(true, true);
        assert!(today.is_current());
        let tomorrow = Consent {
            date: today.date.next_day().unwrap(),
            ..today
        };
        assert!(tomorrow.is_current(), "a day of slack for time zones");
    }
}
