use serde::{Deserialize, Serialize};

/// Why a cookie could not be written.
///
/// Serializable so that a server function can carry it to the page, where it
/// is shown as a sentence. It holds numbers and named reasons, never text,
/// so a forged error in a URL cannot put words of its own on the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum CookieError {
    /// Browsers drop a cookie whose name and value exceed 4096 bytes without
    /// telling anyone, so we refuse it first and say so.
    #[error(
        "That is too much to keep in one cookie: it would take {size} bytes, and browsers \
         keep at most {limit}. Please make it shorter."
    )]
    TooLarge { size: usize, limit: usize },
    /// Only reachable when a cookie is written where it cannot be, which is
    /// a programming error rather than a shopper's.
    #[error("The cookie could not be sent: {0}. Please reload the page and try again.")]
    NotSent(NotSent),
}

/// Why a cookie could not be sent at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum NotSent {
    #[error("there is no request to answer")]
    NoRequest,
    #[error("it is not a valid header")]
    InvalidHeader,
    #[error("only the server can sign it")]
    OnlyTheServerSigns,
    #[error("the browser refused to store it")]
    BrowserRefused,
}
