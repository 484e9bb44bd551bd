//! Cross-site request forgery guard: a post (a form or a server function)
//! whose `Origin` names another site is refused. Browsers send `Origin` with
//! every cross-site post; a request without one (curl, an old browser) is let
//! through, and the cookies' `SameSite=Lax` already keeps them off
//! cross-site posts.

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn refuse_cross_site_posts(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(&request) {
        return next.run(request).await;
    }
    tracing::info!(origin = ?request.headers().get(header::ORIGIN), "refused a cross-site post");
    let refusal = format!(
        "{} accepts forms only from its own pages. Please go back to the shop and try again.",
        app::SHOP_NAME
    );
    (StatusCode::FORBIDDEN, refusal).into_response()
}

/// No `Origin`, or one whose host and port are this request's `Host`.
fn is_same_origin(request: &Request) -> bool {
    let Some(origin) = request.headers().get(header::ORIGIN) else {
        return true;
    };
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|host| host.to_str().ok());
    let origin_authority = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, authority)| authority);
    origin_authority.is_some() && origin_authority == host
}
