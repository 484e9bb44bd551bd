//! Where shoppers reach the shop: the scheme and host in their browser's
//! address bar. Behind a reverse proxy the server cannot see them in the
//! request itself, so the server works them out once per request (from
//! `PUBLIC_ORIGIN`, a trusted proxy's headers, or the request) and leaves
//! the answer in the request's extensions for the cookie code to read.

use std::fmt;

/// The public origin of the request being answered.
///
/// ```
/// use app::cookies::PublicOrigin;
/// let origin = PublicOrigin { https: true, host: "shop.example".to_owned() };
/// assert_eq!(origin.to_string(), "https://shop.example");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicOrigin {
    /// Whether shoppers reach the shop over HTTPS.
    pub https: bool,
    /// Host and port as an `Origin` header writes them: lower case, and
    /// without the port when it is the scheme's default (`shop.example`,
    /// `127.0.0.1:3000`).
    pub host: String,
}

impl fmt::Display for PublicOrigin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = if self.https { "https" } else { "http" };
        write!(formatter, "{scheme}://{}", self.host)
    }
}
