//! The request body, read whole before the app sees it: at most
//! `REQUEST_BODY_LIMIT` bytes (the shop's forms need a few hundred), within
//! `REQUEST_BODY_TIMEOUT`. Anything larger is answered `413` and anything
//! slower `408`, each with a sentence, before a handler runs — so nothing
//! is written for a request that is refused.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::config::Settings;

pub async fn read_whole_body(
    State(settings): State<Arc<Settings>>,
    request: Request,
    next: Next,
) -> Response {
    let limit = settings.body_limit;
    // A declared length over the limit is refused without reading a byte.
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|length| length.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(limit);
    }
    let (parts, body) = request.into_parts();
    let reading = Limited::new(body, limit).collect();
    let bytes = match tokio::time::timeout(settings.body_timeout, reading).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) if error.is::<LengthLimitError>() => return too_large(limit),
        Ok(Err(error)) => {
            tracing::debug!(%error, "the request body could not be read");
            let sentence = "The request's body could not be read. Please try again.";
            return (StatusCode::BAD_REQUEST, sentence).into_response();
        }
        Err(_elapsed) => {
            let sentence = "The request's body came too slowly. Please try again.";
            return (StatusCode::REQUEST_TIMEOUT, sentence).into_response();
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn too_large(limit: usize) -> Response {
    let sentence = format!(
        "{} accepts forms of at most {limit} bytes; this one is larger. Please send less text.",
        app::SHOP_NAME
    );
    (StatusCode::PAYLOAD_TOO_LARGE, sentence).into_response()
}
