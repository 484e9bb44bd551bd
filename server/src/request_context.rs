//! What every request carries through the app, worked out once, first:
//! where shoppers reach the shop ([`PublicOrigin`]), who sent the request
//! ([`ClientAddress`]), and its cookies as a [`Jar`] — which can only be made
//! from the origin, so no cookie is read before the scheme is known. On the
//! way back, the `Set-Cookie` lines written through the jar are added to the
//! response. A `Cookie` header beyond the documented limit is answered
//! `431 Request Header Fields Too Large` with a sentence.

use std::sync::Arc;

use app::cookies::{Jar, PublicOrigin, RequestCookies};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::Settings;
use crate::request_origin::{peer_address, public_origin, ClientAddress, Forwarded};

pub async fn attach(
    State(settings): State<Arc<Settings>>,
    mut request: Request,
    next: Next,
) -> Response {
    let cookies = match RequestCookies::from_headers(request.headers()) {
        Ok(cookies) => cookies,
        Err(too_large) => {
            tracing::info!("refused {} bytes of cookies", too_large.size);
            let refusal = (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                too_large.to_string(),
            );
            return refusal.into_response();
        }
    };
    let peer = peer_address(&request);
    let forwarded = Forwarded::believed(&settings.trusted_proxies, peer, request.headers());
    if let Some(client) = forwarded.client.or(peer) {
        request.extensions_mut().insert(ClientAddress(client));
    }
    let origin = public_origin(
        settings.public_origin.as_ref(),
        &forwarded,
        request.uri(),
        request.headers(),
    );
    let jar = Jar::for_request(&cookies, origin.as_ref(), settings.cookies.clone());
    request.extensions_mut().insert(jar.clone());
    if let Some(origin) = origin.clone() {
        request.extensions_mut().insert(origin);
    }

    let mut response = next.run(request).await;
    for line in jar.set_cookie_lines() {
        // The jar only takes lines that are valid header values.
        if let Ok(line) = HeaderValue::from_str(&line) {
            response.headers_mut().append(header::SET_COOKIE, line);
        }
    }
    // For the layers above, which decide caching and HSTS by it.
    if let Some(origin) = origin {
        response.extensions_mut().insert::<PublicOrigin>(origin);
    }
    response
}
