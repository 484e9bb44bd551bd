//! Where cookies travel. The rest of the module is the same on both sides;
//! only these two functions differ between the server and the browser.

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
compile_error!("build `app` with the `ssr` (server) or the `hydrate` (browser) feature");

#[cfg(feature = "ssr")]
pub use server::set_cookie_lines_sent;
#[cfg(feature = "ssr")]
pub(super) use server::{is_https, open, seal, with_visible_cookies, write};

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub(super) use browser::{is_https, open, seal, with_visible_cookies, write};

#[cfg(feature = "ssr")]
mod server {
    use std::borrow::Cow;

    use http::header::{COOKIE, SET_COOKIE};
    use http::{request::Parts, HeaderValue};
    use leptos::prelude::{use_context, with_context};
    use leptos_axum::ResponseOptions;

    use crate::cookies::server_config::{configured, sign, verify, SecurePolicy};
    use crate::cookies::{CookieError, CookieInfo};
    use crate::public_origin::PublicOrigin;

    /// Whether this response's cookies get `Secure`, by the configured
    /// policy; `auto` follows the request's [`PublicOrigin`], which the
    /// server works out before the app runs (a proxy's headers count only
    /// when the proxy is trusted).
    pub fn is_https() -> bool {
        match configured().secure {
            SecurePolicy::Always => true,
            SecurePolicy::Never => false,
            SecurePolicy::Auto => with_context(|request: &Parts| {
                let origin = request.extensions.get::<PublicOrigin>();
                origin.is_some_and(|origin| origin.https)
            })
            .unwrap_or(false),
        }
    }

    /// Signs `wire` when the cookie is declared signed.
    pub fn seal(info: &CookieInfo, wire: String) -> Result<String, CookieError> {
        Ok(if info.signed {
            sign(info.name, &wire)
        } else {
            wire
        })
    }

    /// Checks and strips the signature of a signed cookie; `None` when it
    /// does not match.
    pub fn open(info: &CookieInfo, stored: String) -> Option<String> {
        if info.signed {
            verify(info.name, &stored)
        } else {
            Some(stored)
        }
    }

    /// Lends `read` the request's cookies, borrowed from the request when
    /// they came in one `Cookie` line (the usual case: nothing is copied).
    /// HTTP/2 may split them over several lines, which are then joined.
    /// Bytes that are not UTF-8 become U+FFFD, which spoils only the pair
    /// they are in: the codec skips or ignores that pair and reads the others.
    pub fn with_visible_cookies<R>(mut read: impl FnMut(&str) -> R) -> R {
        with_context(|request: &Parts| {
            let lines = request.headers.get_all(COOKIE).iter();
            let lines = lines.map(|line| String::from_utf8_lossy(line.as_bytes()));
            let cookies = lines.reduce(|joined, line| Cow::Owned(format!("{joined}; {line}")));
            read(&cookies.unwrap_or_default())
        })
        .unwrap_or_else(|| read(""))
    }

    /// The `Set-Cookie` lines added to the current response so far.
    pub fn set_cookie_lines_sent() -> Vec<String> {
        let Some(response) = use_context::<ResponseOptions>() else {
            return Vec::new();
        };
        // A poisoned lock only means another writer panicked; the headers are intact.
        let parts = response
            .0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let lines = parts.headers.get_all(SET_COOKIE).iter();
        lines
            .filter_map(|line| line.to_str().ok().map(str::to_owned))
            .collect()
    }

    /// Adds a `Set-Cookie` header to the response. Appended, never
    /// inserted: one response may set several cookies.
    pub fn write(info: &CookieInfo, line: &str) -> Result<(), CookieError> {
        let not_sent = |reason: &str| CookieError::NotSent {
            name: info.name.to_owned(),
            reason: reason.to_owned(),
        };
        let response = use_context::<ResponseOptions>()
            .ok_or_else(|| not_sent("there is no response to add it to"))?;
        let value =
            HeaderValue::from_str(line).map_err(|_| not_sent("it is not a valid header"))?;
        response.append_header(SET_COOKIE, value);
        Ok(())
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod browser {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    use web_sys::HtmlDocument;

    use crate::cookies::{CookieError, CookieInfo};

    fn html_document() -> HtmlDocument {
        document().unchecked_into()
    }

    /// A page served over HTTPS writes `Secure` cookies.
    pub fn is_https() -> bool {
        leptos::prelude::window()
            .location()
            .protocol()
            .is_ok_and(|protocol| protocol == "https:")
    }

    /// Only the server holds the signing key.
    pub fn seal(info: &CookieInfo, wire: String) -> Result<String, CookieError> {
        if info.signed {
            return Err(CookieError::NotSent {
                name: info.name.to_owned(),
                reason: "only the server can sign it".to_owned(),
            });
        }
        Ok(wire)
    }

    /// A signed cookie cannot be checked without the key, so it counts as absent.
    pub fn open(info: &CookieInfo, stored: String) -> Option<String> {
        (!info.signed).then_some(stored)
    }

    /// Lends `read` `document.cookie`: the cookies this page may see (not
    /// `HttpOnly` ones).
    pub fn with_visible_cookies<R>(mut read: impl FnMut(&str) -> R) -> R {
        read(&html_document().cookie().unwrap_or_default())
    }

    /// Assigning to `document.cookie` sets one cookie, attributes included.
    pub fn write(info: &CookieInfo, line: &str) -> Result<(), CookieError> {
        html_document()
            .set_cookie(line)
            .map_err(|_| CookieError::NotSent {
                name: info.name.to_owned(),
                reason: "the browser refused to store it".to_owned(),
            })
    }
}
