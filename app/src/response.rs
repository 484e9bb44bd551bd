//! The HTTP response around a server-rendered page. In the browser there is
//! no response to change, so these calls do nothing there.

/// Makes the server answer `404 Not Found` for the page being rendered.
pub fn mark_not_found() {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}
