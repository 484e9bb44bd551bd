//! The one error pattern of every server function (and of the same changes
//! made in the browser): the shop refused what was asked, a cookie could not
//! be kept, or no answer came.
//!
//! ```
//! use app::action::ActionError;
//! use app::shopper::NameError;
//!
//! let refused: ActionError<NameError> = ActionError::Refused(NameError::Empty);
//! assert_eq!(refused.to_string(), "Please type your name.");
//! ```

use std::fmt::{self, Debug, Display};

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::cookies::CookieError;
use crate::shop_cookies::ShopCookieError;

/// Why an action did not happen; each variant displays as a sentence for
/// the shopper, in the shop's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionError<E> {
    /// The shop understood the request and said no (a name too long, a part
    /// not sold…).
    Refused(E),
    /// The answer's cookie could not be written.
    Cookie(ShopCookieError),
    /// The request's fields were missing or malformed: a page older than
    /// the server, or a request made by hand. The client's fault: `400`.
    BadForm,
    /// The server's same-origin guard refused the request: it did not come
    /// from the shop's own pages (see `server/src/same_origin.rs`).
    NotFromThisSite,
    /// No usable answer arrived: the network, a server error, or a reply the
    /// page could not read. Carries no text from the reply, so nothing a
    /// request or a URL says can appear on the page.
    Unreachable,
}

/// For an action that can only fail for want of a cookie or an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoRefusal {}

impl Display for NoRefusal {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl<E: Display> Display for ActionError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused(refusal) => Display::fmt(refusal, f),
            Self::Cookie(error) => Display::fmt(error, f),
            Self::BadForm => f.write_str(
                "The form was incomplete, so nothing was changed. Please reload the page and try \
                 again.",
            ),
            Self::NotFromThisSite => f.write_str(
                "The shop refused this because it did not come from the shop's own pages, so \
                 nothing was changed. Please reload the page and try again.",
            ),
            Self::Unreachable => f.write_str(
                "The shop could not be reached, so nothing was changed. Please check your \
                 connection and try again.",
            ),
        }
    }
}

impl<E: Debug + Display> std::error::Error for ActionError<E> {}

impl<E> From<ShopCookieError> for ActionError<E> {
    fn from(error: ShopCookieError) -> Self {
        Self::Cookie(error)
    }
}

impl<E> From<CookieError> for ActionError<E> {
    fn from(error: CookieError) -> Self {
        Self::Cookie(error.into())
    }
}

impl<E> FromServerFnError for ActionError<E>
where
    E: Debug + Serialize + DeserializeOwned + 'static,
{
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        tracing::debug!("a server function failed: {error}");
        match error {
            // Only the server reads arguments: a request it could not read.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                crate::response::mark_bad_request();
                Self::BadForm
            }
            _ => Self::Unreachable,
        }
    }
}

/// A server function's outcome, marked for HTTP: an error makes the answer
/// `422 Unprocessable Content` (the request was understood, but cannot be
/// done; a server function's error is 500 by default, which would blame
/// the server). A plain form post keeps its redirect back to the form
/// instead, which carries the error in its URL.
///
/// # Errors
/// The `outcome`'s own error, unchanged.
pub fn answer<T, E>(outcome: Result<T, ActionError<E>>) -> Result<T, ActionError<E>> {
    outcome.inspect_err(|_| crate::response::mark_unprocessable())
}

/// The error a JavaScript-off post to `S` brought back in the URL (Leptos
/// redirects back to the form with `?__path=…&__err=…`), on both sides:
/// what a [`FormPost`](crate::form_post::FormPost) starts from, and the
/// basket form, whose buttons change the cookie in the page.
pub fn error_in_url<S>() -> Option<S::Error>
where
    S: leptos::server_fn::ServerFn,
    S::Error: FromServerFnError,
{
    crate::in_browser::form_error_from_the_url();
    let posted = leptos::prelude::use_context::<leptos::server::ServerActionError>()?;
    (posted.path() == S::PATH)
        .then(|| leptos::server_fn::error::ServerFnUrlError::<S::Error>::decode_err(posted.err()))
}
