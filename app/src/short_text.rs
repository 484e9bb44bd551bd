//! The one rule for a short text a shopper types and the shop keeps in a
//! cookie — a name, a basket item: trimmed, at most [`MAX_CHARS`]
//! characters, no control characters (a line break in a cookie value could
//! end the header it travels in).

/// The longest short text the shop keeps, in characters.
pub const MAX_CHARS: usize = 64;

/// What is wrong with a typed short text; each user of the rule says it in
/// its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    TooLong { given: usize },
    ControlCharacter,
}

/// `typed`, trimmed, if it may be kept; `Ok(None)` when nothing is left.
///
/// ```
/// use app::short_text::{check, Problem};
///
/// assert_eq!(check("  Ada "), Ok(Some("Ada")));
/// assert_eq!(check("   "), Ok(None));
/// assert_eq!(check("a\nb"), Err(Problem::ControlCharacter));
/// ```
///
/// # Errors
/// A [`Problem`] for a text that is too long or holds control characters.
pub fn check(typed: &str) -> Result<Option<&str>, Problem> {
    let text = typed.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().any(char::is_control) {
        return Err(Problem::ControlCharacter);
    }
    let given = text.chars().count();
    if given > MAX_CHARS {
        return Err(Problem::TooLong { given });
    }
    Ok(Some(text))
}
