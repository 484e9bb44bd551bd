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
use crate::flash::Flash;
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
                #[cfg(feature = "ssr")]
                if crate::response::answers_a_plain_form_post() {
                    keep_for_the_next_page::<(), E>(&Err(Self::BadForm), &[]);
                }
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
/// instead, and its outcome goes with it in the [`Flash`] cookie.
///
/// # Errors
/// The `outcome`'s own error, unchanged.
pub fn answer<T, E>(outcome: Result<T, ActionError<E>>) -> Result<T, ActionError<E>>
where
    T: Serialize,
    E: Serialize,
{
    answer_keeping(outcome, &[])
}

/// Like [`answer`], and when a plain form post is refused, what the shopper
/// typed in the `typed` fields goes with the outcome, so the page they are
/// sent back to shows it again.
///
/// # Errors
/// The `outcome`'s own error, unchanged.
pub fn answer_keeping<T, E>(
    outcome: Result<T, ActionError<E>>,
    typed: &[(&str, &str)],
) -> Result<T, ActionError<E>>
where
    T: Serialize,
    E: Serialize,
{
    if outcome.is_err() {
        crate::response::mark_unprocessable();
    }
    #[cfg(feature = "ssr")]
    if crate::response::answers_a_plain_form_post() {
        let typed = if outcome.is_err() { typed } else { &[] };
        keep_for_the_next_page(&outcome, typed);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = typed;
    outcome
}

/// Writes the flash cookie for a plain form post: the outcome and, if it
/// fits in a cookie, the typed text.
#[cfg(feature = "ssr")]
fn keep_for_the_next_page<T: Serialize, E: Serialize>(
    outcome: &Result<T, ActionError<E>>,
    typed: &[(&str, &str)],
) {
    use crate::shop_cookies::{Cookies, FLASH};
    let (Some(form), Ok(cookies), Ok(outcome)) = (
        crate::response::request_path(),
        Cookies::current(),
        serde_json::to_string(outcome),
    ) else {
        return;
    };
    let flash = typed
        .iter()
        .fold(Flash::new(&form, outcome), |flash, (field, text)| {
            flash.typed(field, text)
        });
    if FLASH.set(&cookies, &flash).is_err() {
        let _ = FLASH.set(&cookies, &flash.without_typed());
    }
}

/// The outcome of the post to `S` that this page follows, if the [`Flash`]
/// it was rendered with is for `S`: what a [`FormPost`] starts from, so the
/// server and the island show the same.
///
/// [`FormPost`]: crate::form_post::FormPost
pub fn posted_to<S>(flash: Option<&Flash>) -> Option<Result<S::Output, S::Error>>
where
    S: leptos::server_fn::ServerFn,
    Result<S::Output, S::Error>: DeserializeOwned,
{
    let flash = flash.filter(|flash| flash.form == S::PATH)?;
    serde_json::from_str(&flash.outcome).ok()
}
