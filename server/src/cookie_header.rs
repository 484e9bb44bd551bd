//! The request's `Cookie` header, parsed once for every read the page makes
//! (see `app::cookies::RequestCookies`); a header beyond the documented
//! limit is answered `431 Request Header Fields Too Large` with a sentence.

use app::cookies::RequestCookies;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn parse_once(mut request: Request, next: Next) -> Response {
    match RequestCookies::from_headers(request.headers()) {
        Ok(cookies) => {
            request.extensions_mut().insert(cookies);
            next.run(request).await
        }
        Err(too_large) => {
            tracing::info!("refused {} bytes of cookies", too_large.size);
            (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                too_large.to_string(),
            )
                .into_response()
        }
    }
}
