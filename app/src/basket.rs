//! The basket as a value: a list of parts in the lecture's cookie format,
//! `oil,filter,bolt,washer`, and the rules for changing it. The same code
//! runs in the browser (through `document.cookie`) and on the server (when
//! JavaScript is off); the cookies that keep it are declared in
//! [`crate::shop_cookies`].

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::cookies::codec::{decode_text, encode_text};
use crate::cookies::{CookieValue, Lifetime, Undecodable};
use crate::short_text::{self, Problem};

/// The parts the shop sells. Two have a comma or a non-ASCII letter in
/// their name, to show that such items survive the comma-separated cookie.
pub const CATALOGUE: &[&str] = &[
    "oil",
    "filter",
    "bolt",
    "washer",
    "spark plug",
    "hex nut, M6",
    "Ölwanne gasket",
];

/// The longest item name a shopper may type, in characters.
pub const MAX_ITEM_CHARS: usize = short_text::MAX_CHARS;

/// The parts in the basket, in the order they were added. Duplicates are
/// allowed: two washers are two lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basket {
    items: Vec<String>,
    /// Items in the cookie that are not text (edited by hand into invalid
    /// UTF-8): left out, and counted so the page can say so.
    #[serde(default, skip_serializing_if = "is_zero")]
    unreadable: usize,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

impl Basket {
    /// The lecture's basket: `oil,filter,bolt,washer`.
    pub fn lecture_example() -> Self {
        let items = ["oil", "filter", "bolt", "washer"];
        Self::of(items.map(str::to_owned).to_vec())
    }

    fn of(items: Vec<String>) -> Self {
        Self {
            items,
            unreadable: 0,
        }
    }

    /// How many items of the cookie were left out because they are not text.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }

    /// The items as the shopping list shows them: separated by `, `, with
    /// a comma or a percent sign inside an item percent-encoded (`%2C`,
    /// `%25`), as [`BasketChange::Replace`] reads them back.
    ///
    /// ```
    /// use app::basket::{apply, Basket, BasketChange};
    ///
    /// let basket = apply(&Basket::default(), BasketChange::Add("hex nut, M6".into())).unwrap();
    /// assert_eq!(basket.as_list(), "hex nut%2C M6");
    /// let saved = apply(&basket, BasketChange::Replace(basket.as_list())).unwrap();
    /// assert_eq!(saved, basket);
    /// ```
    pub fn as_list(&self) -> String {
        let listed: Vec<String> = self
            .items
            .iter()
            .map(|item| item.replace('%', "%25").replace(',', "%2C"))
            .collect();
        listed.join(", ")
    }

    pub fn items(&self) -> &[String] {
        &self.items
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Items joined by commas, each percent-encoded so that a comma inside an
/// item cannot be taken for a separator.
///
/// ```
/// use app::basket::Basket;
/// use app::cookies::CookieValue;
///
/// let typed = Basket::from_wire("oil,filter,bolt,washer").unwrap();
/// assert_eq!(typed.items(), ["oil", "filter", "bolt", "washer"]);
/// assert_eq!(typed.to_wire(), "oil,filter,bolt,washer");
/// ```
impl CookieValue for Basket {
    fn to_wire(&self) -> String {
        let encoded: Vec<String> = self.items.iter().map(|item| encode_text(item)).collect();
        encoded.join(",")
    }

    /// Empty items (`oil,,filter`) are skipped; an item that does not decode
    /// (hand-edited into invalid UTF-8) is left out, counted in
    /// [`unreadable`](Basket::unreadable), and the others kept.
    fn from_wire(wire: &str) -> Result<Self, Undecodable> {
        let decoded: Vec<_> = wire.split(',').map(decode_text).collect();
        let unreadable = decoded.iter().filter(|item| item.is_err()).count();
        let items = decoded
            .into_iter()
            .filter_map(Result::ok)
            .map(|item| item.trim().to_owned())
            .filter(|item| !item.is_empty())
            .collect();
        Ok(Self { items, unreadable })
    }
}

/// How long the shopper wants the basket kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum BasketLifetime {
    /// Until the browser is closed: no `Expires`.
    Session,
    /// The lecture's expiry demonstration.
    TwentySeconds,
    #[default]
    OneDay,
}

impl BasketLifetime {
    pub const ALL: [Self; 3] = [Self::Session, Self::TwentySeconds, Self::OneDay];

    /// The longest a shopper can choose, which the basket's cookies declare.
    pub const LONGEST: Self = Self::OneDay;

    pub fn label(self) -> &'static str {
        match self {
            Self::Session => "this browser session",
            Self::TwentySeconds => "20 seconds (demo)",
            Self::OneDay => "1 day",
        }
    }

    /// The word in forms, in the `basket_term` cookie and in serde's form.
    pub fn key(self) -> &'static str {
        match self {
            Self::Session => "session",
            Self::TwentySeconds => "twenty-seconds",
            Self::OneDay => "one-day",
        }
    }

    pub const fn lifetime(self) -> Lifetime {
        match self {
            Self::Session => Lifetime::Session,
            Self::TwentySeconds => Lifetime::seconds(20),
            Self::OneDay => Lifetime::days(1),
        }
    }
}

impl From<BasketLifetime> for &'static str {
    fn from(lifetime: BasketLifetime) -> Self {
        lifetime.key()
    }
}

impl TryFrom<String> for BasketLifetime {
    type Error = Undecodable;

    fn try_from(key: String) -> Result<Self, Undecodable> {
        Self::ALL
            .into_iter()
            .find(|lifetime| lifetime.key() == key)
            .ok_or(Undecodable)
    }
}

/// When the basket cookie expires, kept in its own cookie because a browser
/// never tells a page (or a server) a cookie's expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasketTerm {
    pub lifetime: BasketLifetime,
    /// Unix seconds; `None` for a session basket.
    pub expires_at: Option<i64>,
}

impl BasketTerm {
    /// The term of a basket written now with `lifetime`.
    pub fn starting_now(lifetime: BasketLifetime) -> Self {
        let expires_at = match lifetime.lifetime() {
            Lifetime::Session => None,
            Lifetime::For(duration) => {
                Some((OffsetDateTime::now_utc() + duration).unix_timestamp())
            }
        };
        Self {
            lifetime,
            expires_at,
        }
    }
}

/// `one-day@1764241200` or `session`.
impl CookieValue for BasketTerm {
    fn to_wire(&self) -> String {
        match self.expires_at {
            Some(at) => format!("{}@{at}", self.lifetime.key()),
            None => self.lifetime.key().to_owned(),
        }
    }

    fn from_wire(wire: &str) -> Result<Self, Undecodable> {
        let (key, at) = match wire.split_once('@') {
            Some((key, at)) => (key, Some(at.parse().map_err(|_| Undecodable)?)),
            None => (wire, None),
        };
        // Only a moment the calendar can show (anyone can edit the cookie).
        if at.is_some_and(|at| OffsetDateTime::from_unix_timestamp(at).is_err()) {
            return Err(Undecodable);
        }
        let lifetime = BasketLifetime::try_from(key.to_owned())?;
        Ok(Self {
            lifetime,
            expires_at: at,
        })
    }
}

/// One thing a shopper can do to the basket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasketChange {
    /// "Save basket": replace the basket with a typed, comma-separated list.
    Replace(String),
    /// "Add": put one catalogue part in.
    Add(String),
    /// "Remove": take out this line.
    Remove(BasketLine),
    /// "Empty basket".
    Empty,
    /// "Undo" after emptying: the basket as it was, from its cookie form.
    Restore(Basket),
}

/// What a change did, as the page's status line says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasketSaved {
    pub done: Done,
    /// Items in the basket now.
    pub items: usize,
    pub lifetime: BasketLifetime,
}

/// The kind of change made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Done {
    Saved,
    Added(String),
    Removed(String),
    /// The basket was emptied (by "Empty basket" or by saving an empty
    /// list); `was` is what "Undo" puts back.
    Emptied {
        was: Basket,
    },
    Restored,
}

impl BasketSaved {
    /// What `change` did to `before`, now that the basket is `after`, kept
    /// for `lifetime`.
    pub fn of(
        change: &BasketChange,
        before: &Basket,
        after: &Basket,
        lifetime: BasketLifetime,
    ) -> Self {
        let done = match change {
            _ if after.is_empty() && !before.is_empty() => Done::Emptied {
                was: Basket::of(before.items.clone()),
            },
            BasketChange::Add(item) => Done::Added(item.clone()),
            BasketChange::Remove(line) => Done::Removed(line.item.clone()),
            BasketChange::Restore(_) => Done::Restored,
            BasketChange::Replace(_) | BasketChange::Empty => Done::Saved,
        };
        Self {
            done,
            items: after.len(),
            lifetime,
        }
    }
}

impl std::fmt::Display for BasketSaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = match self.items {
            0 => "your basket is empty".to_owned(),
            1 => format!("1 item, kept for {}", self.lifetime.label()),
            items => format!("{items} items, kept for {}", self.lifetime.label()),
        };
        match &self.done {
            Done::Saved => write!(f, "Basket saved: {kept}."),
            Done::Added(item) => write!(f, "Added {item}: {kept}."),
            Done::Removed(item) => write!(f, "Removed {item}: {kept}."),
            Done::Emptied { was } => write!(
                f,
                "Basket emptied: {} left your basket.",
                match was.len() {
                    1 => "1 item".to_owned(),
                    items => format!("{items} items"),
                }
            ),
            Done::Restored => write!(f, "Basket restored: {kept}."),
        }
    }
}

/// One line of the basket as the page showed it. Removing it takes out
/// that item, not whatever sits at that position now: another tab may have
/// changed the basket since the page was drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasketLine {
    pub position: usize,
    pub item: String,
}

impl BasketLine {
    /// The value of the line's Remove button, `position:item`, which a form
    /// posts without JavaScript.
    ///
    /// ```
    /// use app::basket::BasketLine;
    ///
    /// let line = BasketLine { position: 2, item: "hex nut, M6".into() };
    /// assert_eq!(line.form_value(), "2:hex nut, M6");
    /// assert_eq!(BasketLine::from_form_value("2:hex nut, M6"), Some(line));
    /// ```
    pub fn form_value(&self) -> String {
        format!("{}:{}", self.position, self.item)
    }

    /// Reads [`form_value`](Self::form_value) back; `None` for anything else.
    pub fn from_form_value(value: &str) -> Option<Self> {
        let (position, item) = value.split_once(':')?;
        Some(Self {
            position: position.parse().ok()?,
            item: item.to_owned(),
        })
    }
}

/// Why a change was refused; the basket stays as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum BasketError {
    #[error("Please use at most {max} characters for one item; one of yours has {given}.")]
    ItemTooLong { given: usize, max: usize },
    #[error("Items can't contain line breaks, tabs or other control characters.")]
    ControlCharacter,
    #[error("We don't sell that part. Please pick one from the catalogue.")]
    NotInCatalogue,
    #[error("That item is no longer in your basket; the page now shows your basket as it is.")]
    NoLongerInBasket,
}

/// Applies `change` to `basket`, or says why not without touching it.
///
/// # Errors
/// A [`BasketError`] for an item that is too long, contains control
/// characters or is not sold, or one that is no longer in the basket.
pub fn apply(basket: &Basket, change: BasketChange) -> Result<Basket, BasketError> {
    let mut items = basket.items.clone();
    match change {
        BasketChange::Replace(list) => items = parse_list(list.split(','))?,
        // Posted back by a form, so checked like a typed list.
        BasketChange::Restore(was) => items = parse_list(was.items.iter().map(String::as_str))?,
        BasketChange::Add(item) => {
            let sold = CATALOGUE.iter().find(|part| **part == item);
            items.push(sold.ok_or(BasketError::NotInCatalogue)?.to_string());
        }
        BasketChange::Remove(line) => {
            // The line the page showed; else the same item elsewhere (the
            // basket was reordered); never a different item.
            let at = if items.get(line.position) == Some(&line.item) {
                line.position
            } else {
                let elsewhere = items.iter().position(|item| *item == line.item);
                elsewhere.ok_or(BasketError::NoLongerInBasket)?
            };
            items.remove(at);
        }
        BasketChange::Empty => items.clear(),
    }
    Ok(Basket::of(items))
}

/// A typed shopping list, as in the lecture: items separated by commas,
/// each a short text (empty ones skipped), `%2C` and `%25` read as a comma
/// and a percent sign inside an item (see [`Basket::as_list`]).
fn parse_list<'a>(list: impl Iterator<Item = &'a str>) -> Result<Vec<String>, BasketError> {
    let unescaped = list.map(|item| {
        item.replace("%2C", ",")
            .replace("%2c", ",")
            .replace("%25", "%")
    });
    let checked = unescaped.map(|item| match short_text::check(&item) {
        Ok(item) => Ok(item.map(str::to_owned)),
        Err(Problem::TooLong { given }) => Err(BasketError::ItemTooLong {
            given,
            max: MAX_ITEM_CHARS,
        }),
        Err(Problem::ControlCharacter) => Err(BasketError::ControlCharacter),
    });
    checked.filter_map(Result::transpose).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basket(items: &[&str]) -> Basket {
        Basket::of(items.iter().map(|item| item.to_string()).collect())
    }

    #[test]
    fn the_lectures_raw_value_reads_as_four_items() {
        let read = Basket::from_wire("oil,filter,bolt,washer").unwrap();
        assert_eq!(read, basket(&["oil", "filter", "bolt", "washer"]));
    }

    #[test]
    fn plain_items_are_written_in_the_lectures_format() {
        assert_eq!(
            basket(&["oil", "filter", "bolt", "washer"]).to_wire(),
            "oil,filter,bolt,washer"
        );
    }

    #[test]
    fn commas_and_unicode_inside_items_round_trip() {
        let original = basket(&[
            "hex nut, M6",
            "Ölwanne gasket",
            "a;b",
            "50% off",
            "\"quoted\"",
        ]);
        let wire = original.to_wire();
        assert_eq!(
            wire.matches(',').count(),
            4,
            "only the separators stay commas: {wire}"
        );
        assert_eq!(Basket::from_wire(&wire).unwrap(), original);
    }

    #[test]
    fn empty_items_and_spaces_around_them_are_dropped() {
        assert_eq!(
            Basket::from_wire(",oil,, ,filter,").unwrap(),
            basket(&["oil", "filter"])
        );
        assert_eq!(Basket::from_wire("").unwrap(), Basket::default());
    }

    #[test]
    fn an_undecodable_item_is_left_out_counted_and_the_rest_kept() {
        let read = Basket::from_wire("oil,%FF,bolt").unwrap();
        assert_eq!(read.items(), ["oil", "bolt"]);
        assert_eq!(read.unreadable(), 1);
    }

    #[test]
    fn the_shopping_list_shows_the_basket_and_saves_it_unchanged() {
        let awkward = basket(&["oil", "hex nut, M6", "50% off", "50%2C"]);
        assert_eq!(awkward.as_list(), "oil, hex nut%2C M6, 50%25 off, 50%252C");
        let saved = apply(&Basket::default(), BasketChange::Replace(awkward.as_list()));
        assert_eq!(saved, Ok(awkward));
    }

    #[test]
    fn each_change_says_what_it_did() {
        let before = basket(&["oil", "bolt"]);
        let lifetime = BasketLifetime::Session;
        let said = |change: BasketChange| {
            let after = apply(&before, change.clone()).unwrap();
            BasketSaved::of(&change, &before, &after, lifetime).to_string()
        };
        assert_eq!(
            said(BasketChange::Replace(before.as_list())),
            "Basket saved: 2 items, kept for this browser session."
        );
        assert_eq!(
            said(BasketChange::Add("filter".into())),
            "Added filter: 3 items, kept for this browser session."
        );
        assert_eq!(
            said(BasketChange::Empty),
            "Basket emptied: 2 items left your basket."
        );
        assert_eq!(
            said(BasketChange::Replace(String::new())),
            "Basket emptied: 2 items left your basket.",
            "saving an empty list empties it too, with Undo"
        );
    }

    #[test]
    fn undo_puts_back_what_emptying_took() {
        let before = basket(&["oil", "hex nut, M6"]);
        let after = apply(&before, BasketChange::Empty).unwrap();
        let Done::Emptied { was } = BasketSaved::of(
            &BasketChange::Empty,
            &before,
            &after,
            BasketLifetime::OneDay,
        )
        .done
        else {
            panic!("emptying is undoable");
        };
        let posted_back = Basket::from_wire(&was.to_wire()).unwrap();
        assert_eq!(
            apply(&after, BasketChange::Restore(posted_back)),
            Ok(before)
        );
    }

    #[test]
    fn a_typed_list_replaces_the_basket() {
        let changed = apply(
            &basket(&["bolt"]),
            BasketChange::Replace(" oil, filter ,,bolt ".into()),
        );
        assert_eq!(changed, Ok(basket(&["oil", "filter", "bolt"])));
    }

    #[test]
    fn only_catalogue_parts_can_be_added() {
        let added = apply(&basket(&["oil"]), BasketChange::Add("hex nut, M6".into()));
        assert_eq!(added, Ok(basket(&["oil", "hex nut, M6"])));
        let refused = apply(&basket(&["oil"]), BasketChange::Add("caviar".into()));
        assert_eq!(refused, Err(BasketError::NotInCatalogue));
    }

    fn remove(position: usize, item: &str) -> BasketChange {
        BasketChange::Remove(BasketLine {
            position,
            item: item.into(),
        })
    }

    #[test]
    fn removing_takes_out_one_line_even_among_duplicates() {
        let two_washers = basket(&["washer", "oil", "washer"]);
        assert_eq!(
            apply(&two_washers, remove(2, "washer")),
            Ok(basket(&["washer", "oil"]))
        );
    }

    #[test]
    fn removing_from_a_changed_basket_takes_out_that_item_or_nothing() {
        // Another tab put a bolt in front since the page showed oil at 0.
        let changed = basket(&["bolt", "oil", "filter"]);
        assert_eq!(
            apply(&changed, remove(0, "oil")),
            Ok(basket(&["bolt", "filter"]))
        );
        // Another tab took the oil out: nothing else goes.
        let without_oil = basket(&["bolt", "filter"]);
        assert_eq!(
            apply(&without_oil, remove(0, "oil")),
            Err(BasketError::NoLongerInBasket)
        );
        assert_eq!(
            apply(&without_oil, remove(7, "bolt")),
            Ok(basket(&["filter"]))
        );
    }

    #[test]
    fn emptying_leaves_nothing() {
        assert_eq!(
            apply(&basket(&["oil"]), BasketChange::Empty),
            Ok(Basket::default())
        );
    }

    #[test]
    fn bad_typed_items_are_refused() {
        assert_eq!(
            apply(
                &Basket::default(),
                BasketChange::Replace("oil,bad\r\nSet-Cookie: x=1".into())
            ),
            Err(BasketError::ControlCharacter)
        );
        assert!(matches!(
            apply(&Basket::default(), BasketChange::Replace("y".repeat(65))),
            Err(BasketError::ItemTooLong { max: 64, .. })
        ));
    }

    #[test]
    fn lifetime_form_values_are_what_serde_reads() {
        for lifetime in BasketLifetime::ALL {
            let read: BasketLifetime = serde_json::from_value(lifetime.key().into()).unwrap();
            assert_eq!(read, lifetime);
        }
        assert!(serde_json::from_value::<BasketLifetime>("forever".into()).is_err());
    }

    #[test]
    fn a_term_round_trips_and_rejects_nonsense() {
        for term in [
            BasketTerm {
                lifetime: BasketLifetime::Session,
                expires_at: None,
            },
            BasketTerm {
                lifetime: BasketLifetime::TwentySeconds,
                expires_at: Some(1_764_241_200),
            },
        ] {
            assert_eq!(BasketTerm::from_wire(&term.to_wire()), Ok(term));
        }
        assert_eq!(BasketTerm::from_wire("forever"), Err(Undecodable));
        assert_eq!(BasketTerm::from_wire("one-day@soon"), Err(Undecodable));
        assert_eq!(
            BasketTerm::from_wire(&format!("one-day@{}", i64::MAX)),
            Err(Undecodable),
            "beyond the calendar"
        );
    }

    #[test]
    fn a_term_starting_now_expires_after_its_lifetime() {
        let before = OffsetDateTime::now_utc().unix_timestamp();
        let term = BasketTerm::starting_now(BasketLifetime::TwentySeconds);
        let at = term.expires_at.unwrap();
        assert!(
            (before + 20..=before + 21).contains(&at),
            "{at} vs {before}"
        );
        assert_eq!(
            BasketTerm::starting_now(BasketLifetime::Session).expires_at,
            None
        );
    }
}
