//! What counts as a shopper's name: the shop's short-text rule
//! ([`crate::short_text`]), in a name's words.

use serde::{Deserialize, Serialize};

use crate::short_text::{self, Problem};

/// The longest name we keep, in characters.
pub const MAX_NAME_CHARS: usize = short_text::MAX_CHARS;

/// Why a typed name was not accepted, as a sentence for the shopper.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum NameError {
    #[error("Please type your name.")]
    Empty,
    #[error("Please use at most {max} characters; that name has {given}.")]
    TooLong { given: usize, max: usize },
    #[error("Please use only letters, digits, spaces and punctuation; line breaks, tabs and other control characters can't be kept.")]
    ControlCharacter,
}

/// Turns what the shopper typed into the name we remember: trimmed,
/// 1 to [`MAX_NAME_CHARS`] characters, no control characters.
///
/// ```
/// use app::shopper::{parse_name, NameError};
///
/// assert_eq!(parse_name("  Ada Lovelace "), Ok("Ada Lovelace".to_owned()));
/// assert_eq!(parse_name("   "), Err(NameError::Empty));
/// ```
///
/// # Errors
/// A [`NameError`] saying what to change.
pub fn parse_name(typed: &str) -> Result<String, NameError> {
    match short_text::check(typed) {
        Ok(Some(name)) => Ok(name.to_owned()),
        Ok(None) => Err(NameError::Empty),
        Err(Problem::TooLong { given }) => Err(NameError::TooLong {
            given,
            max: MAX_NAME_CHARS,
        }),
        Err(Problem::ControlCharacter) => Err(NameError::ControlCharacter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(parse_name("\t ian \n"), Ok("ian".to_owned()));
    }

    #[test]
    fn names_of_one_to_sixty_four_characters_are_kept() {
        assert_eq!(parse_name("é"), Ok("é".to_owned()));
        let longest = "ñ".repeat(MAX_NAME_CHARS);
        assert_eq!(parse_name(&longest), Ok(longest.clone()));
    }

    #[test]
    fn a_name_of_sixty_five_characters_is_refused() {
        assert_eq!(
            parse_name(&"a".repeat(65)),
            Err(NameError::TooLong { given: 65, max: 64 })
        );
    }

    #[test]
    fn control_characters_inside_are_refused() {
        for name in ["a\r\nSet-Cookie: x=1", "a\0b", "tab\there", "bell\u{7}"] {
            assert_eq!(
                parse_name(name),
                Err(NameError::ControlCharacter),
                "{name:?}"
            );
        }
    }

    #[test]
    fn punctuation_and_markup_are_just_text() {
        let name = "<script>alert(1)</script>; a=b";
        assert_eq!(parse_name(name), Ok(name.to_owned()));
    }
}
