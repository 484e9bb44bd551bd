//! Where cookies travel. The rest of the module is the same on both sides;
//! only these two functions differ between the server and the browser.

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
compile_error!("build `app` with the `ssr` (server) or the `hydrate` (browser) feature");

#[cfg(feature = "ssr")]
pub use server::set_cookie_lines_sent;
#[cfg(feature = "ssr")]
pub(super) use server::{visible_cookies, write};

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub(super) use browser::{visible_cookies, write};

#[cfg(feature = "ssr")]
mod server {
    use http::header::{COOKIE, SET_COOKIE};
    use http::{request::Parts, HeaderValue};
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    use crate::cookies::CookieError;

    /// The request's cookies. HTTP/2 may split them over several `Cookie`
    /// header lines, so all are joined; lines that are not UTF-8 are skipped.
    pub fn visible_cookies() -> String {
        let Some(request) = use_context::<Parts>() else {
            return String::new();
        };
        let lines: Vec<&str> = request
            .headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|line| line.to_str().ok())
            .collect();
        lines.join("; ")
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
        let not_sent = |reason: &str| CookieError::NotSent {
            name: line.split('=').next().unwrap_or_default().to_owned(),
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

    use crate::cookies::CookieError;

    fn html_document() -> HtmlDocument {
        document().unchecked_into()
    }

    /// `document.cookie`: the cookies this page may see (not `HttpOnly` ones).
    pub fn visible_cookies() -> String {
        html_document().cookie().unwrap_or_default()
    }

    /// Assigning to `document.cookie` sets one cookie, attributes included.
    pub fn write(line: &str) -> Result<(), CookieError> {
        html_document()
            .set_cookie(line)
            .map_err(|_| CookieError::NotSent {
                name: line.split('=').next().unwrap_or_default().to_owned(),
                reason: "the browser refused to store it".to_owned(),
            })
    }
}
