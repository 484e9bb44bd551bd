//! Every page answers, with the right status, and unknown paths get a 404.

mod support;

use axum::http::StatusCode;
use support::get;

#[tokio::test]
async fn the_home_page_links_to_the_customer_page() {
    let reply = get("/", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply
        .body
        .contains(&format!("Welcome to {}", app::SHOP_NAME)));
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
        assert!(
            reply
                .body
                .contains(&format!("/pkg/{}.js", support::OUTPUT_NAME)),
            "{path}"
        );
    }
}

/// Each page fits TCP's first round trip uncompressed, and compressing every
/// one cost a fifth of the server's time (the template's
/// docs/performance.md); a reverse proxy may compress them.
#[tokio::test]
async fn pages_are_sent_uncompressed_whatever_the_browser_accepts() {
    use axum::body::Body;
    use axum::http::{header, Request};

    for path in support::EVERY_PAGE {
        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, "br, gzip, deflate")
            .body(Body::empty())
            .unwrap();
        let reply = support::send(request).await;
        assert!(reply.body.contains("</html>"), "{path}: the page as it is");
        assert_eq!(reply.headers.get(header::CONTENT_ENCODING), None, "{path}");
        assert!(
            reply.body.len() < 14 * 1024,
            "{path}: {} bytes, more than fits the first round trip",
            reply.body.len()
        );
    }
}

#[tokio::test]
async fn pages_carry_a_nonce_based_content_security_policy_and_safety_headers() {
    for path in support::EVERY_PAGE {
        let reply = get(path, &[]).await;
        let policy = reply.headers["content-security-policy"].to_str().unwrap();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(
            reply.body.contains(&format!(r#"nonce="{nonce}""#)),
            "{path}: the hydration script carries the nonce"
        );
        assert_eq!(reply.headers["x-content-type-options"], "nosniff");
        assert_eq!(reply.headers["referrer-policy"], "same-origin");
        assert_eq!(reply.headers["x-frame-options"], "DENY");
    }
    let first = get("/", &[]).await.headers["content-security-policy"].clone();
    let second = get("/", &[]).await.headers["content-security-policy"].clone();
    assert_ne!(first, second, "a fresh nonce for every response");
}

#[tokio::test]
async fn a_cross_site_post_is_refused_and_sets_nothing() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let forged = |origin: &str| {
        Request::post("/api/consent")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("choice=all"))
            .unwrap()
    };
    for origin in ["http://evil.example", "null", "http://127.0.0.1:3001"] {
        let reply = support::send(forged(origin)).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{origin}");
        assert!(reply.set_cookies().is_empty(), "{origin}");
    }
    let own = support::send(forged("http://127.0.0.1:3000")).await;
    assert_eq!(own.set_cookies().len(), 1, "the shop's own pages may post");
}
