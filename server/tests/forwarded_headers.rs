//! `FORWARDED_HEADERS` names the forwarding headers a trusted proxy sets
//! itself (Caddy sets `X-Forwarded-Host`; some proxies write `Forwarded`):
//! those are then believed, each by its right-most value. One test with its
//! own router (see `support::router`).

mod support;

use axum::body::Body;
use axum::http::{header, Request};
use server::request_origin::ForwardedHeaders;
use support::{assert_accepted, from_local_proxy, post_with, send_through, STATE_CHANGING};

#[tokio::test]
async fn headers_the_proxy_is_named_for_are_believed_from_the_right() {
    let mut settings = support::settings();
    settings.forwarded_headers =
        ForwardedHeaders::parse("x-forwarded-proto, x-forwarded-host, forwarded").unwrap();
    let router = support::router_with(settings);

    for (path, form) in STATE_CHANGING {
        let headers = [
            ("host", "127.0.0.1:3101"),
            ("origin", "https://shop.example"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "evil.example, shop.example"),
        ];
        let request = from_local_proxy(post_with(path, form, &headers));
        assert_accepted(
            &send_through(router.clone(), request).await,
            "X-Forwarded-Host",
            path,
        );
    }

    let request = Request::get("/")
        .header(header::HOST, "127.0.0.1:3101")
        .header(header::COOKIE, support::consented_to_all())
        .header(
            header::COOKIE,
            format!("__Host-{}", support::consented_to_all()),
        )
        .header("forwarded", "for=192.0.2.7;proto=http")
        .header("forwarded", "for=192.0.2.8;proto=https")
        .body(Body::empty())
        .unwrap();
    let reply = send_through(router, from_local_proxy(request)).await;
    support::assert_answered_as_https(&reply);
}
