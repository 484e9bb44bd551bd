//! Every page answers, with the right status, and unknown paths get a 404.

mod support;

use axum::http::StatusCode;
use support::get;

#[tokio::test]
async fn the_home_page_links_to_the_customer_page() {
    let reply = get("/", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Welcome to Cookie Shop"));
    assert!(reply.body.contains(r#"href="/customer""#));
}

#[tokio::test]
async fn an_unknown_path_is_a_404_page_with_the_nav() {
    let reply = get("/no/such/page", &[]).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Page not found"));
    assert!(reply.body.contains(r#"aria-label="Main""#));
}

#[tokio::test]
async fn pages_are_html_and_load_the_hydration_script() {
    for path in ["/", "/customer"] {
        let reply = get(path, &[]).await;
        let content_type = reply.headers.get("content-type").unwrap().to_str().unwrap();
        assert!(
            content_type.starts_with("text/html"),
            "{path}: {content_type}"
        );
        assert!(reply.body.contains("/pkg/cookie-shop.js"), "{path}");
    }
}
