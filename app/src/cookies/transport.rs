//! Where cookies travel. The rest of the module is the same on both sides;
//! only these five functions differ between the server and the browser:
//! `is_https`, `seal`, `open`, `with_visible_pairs` and `write`. The server
//! side has one more, `set_cookie_lines_sent`, for the inspector.

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
compile_error!("build `app` with the `ssr` (server) or the `hydrate` (browser) feature");

#[cfg(feature = "ssr")]
pub use server::set_cookie_lines_sent;
#[cfg(feature = "ssr")]
pub(super) use server::{is_https, open, seal, with_visible_pairs, write};

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub(super) use browser::{is_https, open, seal, with_visible_pairs, write};

#[cfg(feature = "ssr")]
mod server {
    use http::header::SET_COOKIE;
    use http::{request::Parts, HeaderValue};
    use leptos::prelude::{use_context, with_context};
    use leptos_axum::ResponseOptions;

    use crate::cookies::request_cookies::RequestCookies;
    use crate::cookies::server_config::{configured, sign, verify, SecurePolicy};
    use crate::cookies::PublicOrigin;
    use crate::cookies::{CookieError, CookieInfo, Lifetime, NotSent};

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

    /// Signs `wire` when the cookie is declared signed, for as long as it
    /// will live.
    pub fn seal(
        info: &CookieInfo,
        wire: String,
        lifetime: Lifetime,
    ) -> Result<String, CookieError> {
        Ok(if info.signed {
            let lifetime = match lifetime {
                Lifetime::Session => None,
                Lifetime::For(duration) => Some(duration),
            };
            sign(info.name, &wire, lifetime)
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

    /// Lends `read` the request's cookie pairs, parsed once per request by
    /// the server's middleware ([`RequestCookies`] in the request's
    /// extensions), or parsed here when a request came without it.
    pub fn with_visible_pairs<R>(read: impl FnOnce(&[(String, String)]) -> R) -> R {
        let cookies = with_context(|request: &Parts| {
            let parsed = request.extensions.get::<RequestCookies>().cloned();
            parsed.unwrap_or_else(|| {
                RequestCookies::from_headers(&request.headers).unwrap_or_default()
            })
        });
        read(cookies.unwrap_or_default().pairs())
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
    pub fn write(line: &str) -> Result<(), CookieError> {
        let response =
            use_context::<ResponseOptions>().ok_or(CookieError::NotSent(NotSent::NoResponse))?;
        let value = HeaderValue::from_str(line)
            .map_err(|_| CookieError::NotSent(NotSent::InvalidHeader))?;
        response.append_header(SET_COOKIE, value);
        Ok(())
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod browser {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    use web_sys::HtmlDocument;

    use crate::cookies::{codec, CookieError, CookieInfo, Lifetime, NotSent};

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
    pub fn seal(info: &CookieInfo, wire: String, _: Lifetime) -> Result<String, CookieError> {
        if info.signed {
            return Err(CookieError::NotSent(NotSent::OnlyTheServerSigns));
        }
        Ok(wire)
    }

    /// A signed cookie cannot be checked without the key, so it counts as absent.
    pub fn open(info: &CookieInfo, stored: String) -> Option<String> {
        (!info.signed).then_some(stored)
    }

    /// Lends `read` the pairs of `document.cookie`: the cookies this page
    /// may see (not `HttpOnly` ones).
    pub fn with_visible_pairs<R>(read: impl FnOnce(&[(String, String)]) -> R) -> R {
        read(&codec::pairs(&html_document().cookie().unwrap_or_default()))
    }

    /// Assigning to `document.cookie` sets one cookie, attributes included.
    pub fn write(line: &str) -> Result<(), CookieError> {
        html_document()
            .set_cookie(line)
            .map_err(|_| CookieError::NotSent(NotSent::BrowserRefused))
    }
}
