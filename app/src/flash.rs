//! The outcome of a form posted without JavaScript, carried to the page the
//! browser is sent back to: the classic "flash". The post's response writes
//! it in a cookie and redirects; the next page shows it and deletes it, so
//! reloading that page, or going back to it, never shows it again. The URL
//! stays clean. (With JavaScript the page posts in the background and reads
//! the answer itself: no flash.)
//!
//! ```
//! use app::cookies::CookieValue;
//! use app::flash::Flash;
//!
//! let outcome = r#"{"Err":{"Refused":"Empty"}}"#.to_owned();
//! let refused = Flash::new("/api/remember_me", outcome).typed("name", "  ");
//! assert_eq!(Flash::from_wire(&refused.to_wire()), Ok(refused.clone()));
//! assert_eq!(refused.typed_in("name"), Some("  "));
//! ```

use serde::{Deserialize, Serialize};

use crate::cookies::codec::{decode_text, encode_text};
use crate::cookies::{CookieValue, Undecodable};

/// One post's outcome, as the next page needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// The path of the server function the form posted to, which says which
    /// form on the page the outcome belongs to.
    pub form: String,
    /// The server function's answer as JSON (`{"Ok":…}` or `{"Err":…}`),
    /// read back with the form's own types. Text, not a JSON value: the
    /// browser's code then needs no code for JSON values, only for the
    /// form's own types.
    pub outcome: String,
    /// What the shopper typed, by field name, when the post was refused:
    /// the form shows it again rather than make them type it twice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed: Vec<(String, String)>,
    /// The typed text was too long to travel in a cookie, so it is not shown
    /// again; the form says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub typed_not_kept: bool,
}

impl Flash {
    /// The outcome of a post to `form`.
    pub fn new(form: &str, outcome: String) -> Self {
        Self {
            form: form.to_owned(),
            outcome,
            typed: Vec::new(),
            typed_not_kept: false,
        }
    }

    /// The same, keeping what the shopper typed in `field`.
    pub fn typed(mut self, field: &str, text: &str) -> Self {
        self.typed.push((field.to_owned(), text.to_owned()));
        self
    }

    /// The same without the typed text, which did not fit in a cookie.
    pub fn without_typed(mut self) -> Self {
        self.typed_not_kept = !self.typed.is_empty();
        self.typed.clear();
        self
    }

    /// What the shopper typed in `field`, if the post kept it.
    pub fn typed_in(&self, field: &str) -> Option<&str> {
        let kept = self.typed.iter().find(|(name, _)| name == field);
        kept.map(|(_, text)| text.as_str())
    }
}

/// JSON, percent-encoded: a cookie value may not hold quotes, commas or
/// semicolons, which JSON is full of.
impl CookieValue for Flash {
    fn to_wire(&self) -> String {
        encode_text(&serde_json::to_string(self).unwrap_or_default())
    }

    fn from_wire(wire: &str) -> Result<Self, Undecodable> {
        serde_json::from_str(&decode_text(wire)?).map_err(|_| Undecodable)
    }
}
