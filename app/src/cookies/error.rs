use serde::{Deserialize, Serialize};

/// Why a cookie could not be written.
///
/// Serializable so that a server function can carry it to the page, where it
/// is shown as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum CookieError {
    /// Browsers drop a cookie whose name and value exceed 4096 bytes without
    /// telling anyone, so we refuse it first and say so.
    #[error(
        "That is too much to keep in the {name} cookie: it would take {size} bytes, \
         and browsers keep at most {limit}. Please make it shorter."
    )]
    TooLarge {
        name: String,
        size: usize,
        limit: usize,
    },
    /// The cookie belongs to a category the shopper has not allowed.
    #[error(
        "The {name} cookie is a {category} cookie, which you have not allowed. \
         You can allow it in the cookie settings."
    )]
    NotAllowed { name: String, category: String },
    /// Only reachable when a cookie is written outside a request, which is a
    /// programming error rather than a shopper's.
    #[error(
        "The {name} cookie could not be sent: {reason}. Please reload the page and try again."
    )]
    NotSent { name: String, reason: String },
}
