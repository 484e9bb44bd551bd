//! A server function given missing or malformed fields blames the request
//! (`400`), never the server or the network.

mod support;

use app::action::{ActionError, NoRefusal};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::{follow, post_form_from, send, SHOP_HOST, SITE};

const INCOMPLETE: &str = "The form was incomplete";

#[tokio::test]
async fn a_missing_field_is_a_400_the_page_can_explain() {
    // `lifetime` is missing; `choice` is not one of the choices.
    for (path, form) in [
        ("/api/basket", "shopping=a"),
        ("/api/consent", "choice=maybe"),
    ] {
        let request = Request::post(path)
            .header(header::HOST, SHOP_HOST)
            .header(header::ORIGIN, SITE)
            .header(header::ACCEPT, "application/json")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .expect("a valid request");
        let reply = send(request).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            reply.body
        );
        let error: ActionError<NoRefusal> =
            serde_json::from_str(&reply.body).expect("the app's own error");
        assert_eq!(error, ActionError::BadForm, "{path}");
        assert!(error.to_string().starts_with(INCOMPLETE));
    }
}

#[tokio::test]
async fn without_javascript_the_page_says_the_form_was_incomplete() {
    let posted = post_form_from("/basket", "/api/basket", "shopping=a", &[]).await;
    assert!(posted.status.is_redirection(), "{}", posted.status);
    let page = follow(&posted, &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text("[data-testid=basket-problem]")
            .starts_with(INCOMPLETE),
        "{}",
        page.text("[data-testid=basket-problem]")
    );
}
