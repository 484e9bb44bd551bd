//! The HTTP response around a server-rendered page or a server function.
//! In the browser there is no response to change, so these calls do
//! nothing there.

/// Makes the server answer `404 Not Found` for the page being rendered.
pub fn mark_not_found() {
    #[cfg(feature = "ssr")]
    server::set_status(http::StatusCode::NOT_FOUND);
}

/// Makes the server answer `500 Internal Server Error` for the page being
/// rendered: the page could not be made, and says why.
pub fn mark_server_error() {
    #[cfg(feature = "ssr")]
    server::set_status(http::StatusCode::INTERNAL_SERVER_ERROR);
}

/// Sends this page's Content-Security-Policy: scripts only from this site
/// or inline with this response's nonce (Leptos puts it on its hydration
/// script), WebAssembly allowed, no framing, forms only to this site.
/// Without a nonce it fails closed: no script runs at all, and the page
/// still works as it does with JavaScript off. `live_reload` is the
/// `cargo leptos watch` socket in development.
pub fn set_content_security_policy(live_reload: Option<String>) {
    #[cfg(feature = "ssr")]
    {
        let nonce = leptos::nonce::use_nonce().map(|nonce| nonce.to_string());
        let policy = content_security_policy(nonce.as_deref(), live_reload.as_deref());
        server::set_header(http::header::CONTENT_SECURITY_POLICY, &policy);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = live_reload;
}

/// The policy text for a response with `nonce` (if any).
///
/// ```
/// use app::response::content_security_policy;
///
/// assert!(content_security_policy(None, None).contains("script-src 'none'"));
/// assert!(content_security_policy(Some("abc"), None).contains("'nonce-abc'"));
/// ```
pub fn content_security_policy(nonce: Option<&str>, live_reload: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'none'".to_owned(),
    };
    let connect = live_reload
        .map(|socket| format!(" {socket}"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self'; \
         connect-src 'self'{connect}; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Makes the server answer `422 Unprocessable Content`, unless the request
/// is a plain form post, which Leptos answers with a redirect back to the
/// form (see [`crate::action::answer`]).
pub fn mark_unprocessable() {
    #[cfg(feature = "ssr")]
    server::set_status_unless_plain_form_post(http::StatusCode::UNPROCESSABLE_ENTITY);
}

/// Makes the server answer `503 Service Unavailable` for a server
/// function whose store cannot be reached, unless it is a plain form post
/// (redirected back, as above).
pub fn mark_unavailable() {
    #[cfg(feature = "ssr")]
    server::set_status_unless_plain_form_post(http::StatusCode::SERVICE_UNAVAILABLE);
}

/// Makes the server answer `503 Service Unavailable` for the page being
/// rendered, which says why.
pub fn mark_page_unavailable() {
    #[cfg(feature = "ssr")]
    server::set_status(http::StatusCode::SERVICE_UNAVAILABLE);
}

/// Makes the server answer `400 Bad Request` for a request whose fields it
/// could not read, unless it is a plain form post (redirected back, as above).
pub fn mark_bad_request() {
    #[cfg(feature = "ssr")]
    server::set_status_unless_plain_form_post(http::StatusCode::BAD_REQUEST);
}

/// Whether the request being answered is a form posted by a browser without
/// JavaScript, which Leptos answers with a redirect back to the page.
#[cfg(feature = "ssr")]
pub fn answers_a_plain_form_post() -> bool {
    server::is_plain_form_post()
}

/// The path of the request being answered: for a server function, its own.
#[cfg(feature = "ssr")]
pub fn request_path() -> Option<String> {
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|request| request.uri.path().to_owned())
}

/// Whether a request asks for a page (`Accept: text/html`), as a browser
/// posting a form without JavaScript does, rather than for data.
#[cfg(feature = "ssr")]
pub fn wants_html(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

#[cfg(feature = "ssr")]
mod server {
    use http::{request::Parts, StatusCode};
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    pub fn set_header(name: http::HeaderName, value: &str) {
        let response = use_context::<ResponseOptions>();
        if let (Some(response), Ok(value)) = (response, http::HeaderValue::from_str(value)) {
            response.insert_header(name, value);
        }
    }

    pub fn set_status(status: StatusCode) {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.set_status(status);
        }
    }

    /// A browser without JavaScript asks for HTML; Leptos then redirects.
    pub fn set_status_unless_plain_form_post(status: StatusCode) {
        if !is_plain_form_post() {
            set_status(status);
        }
    }

    pub fn is_plain_form_post() -> bool {
        use_context::<Parts>().is_some_and(|request| super::wants_html(&request.headers))
    }
}
