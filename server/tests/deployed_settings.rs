//! `PUBLIC_ORIGIN` and `HSTS_MAX_AGE` set. One test with its own router:
//! building a second router in a test binary while another test renders a
//! page has been seen to hang (see `support::router`).

mod support;

use axum::body::Body;
use axum::http::{header, Request};
use server::config::Settings;
use server::request_origin::parse_origin;
use support::{
    assert_accepted, assert_refused, from_local_proxy, post_with, send_through, STATE_CHANGING,
};

#[tokio::test]
async fn a_set_public_origin_is_what_origin_must_match_and_hsts_0_sends_none() {
    let router = support::router_with(Settings {
        public_origin: parse_origin("https://shop.example"),
        hsts_max_age: 0,
        ..support::settings()
    });
    for (path, form) in STATE_CHANGING {
        // Whatever Host the proxy sends and whatever it forwards.
        let own = [
            ("host", "10.0.0.5:3000"),
            ("origin", "https://shop.example"),
        ];
        let proxied = from_local_proxy(post_with(path, form, &own));
        let reply = send_through(router.clone(), proxied).await;
        assert_accepted(&reply, "PUBLIC_ORIGIN", path);
        let forwarded = [
            ("host", "evil.example"),
            ("x-forwarded-host", "evil.example"),
            ("origin", "https://evil.example"),
        ];
        let forged = from_local_proxy(post_with(path, form, &forwarded));
        let reply = send_through(router.clone(), forged).await;
        assert_refused(&reply, "a forwarded host other than PUBLIC_ORIGIN", path);
        let plain = [("host", "shop.example"), ("origin", "http://shop.example")];
        let reply = send_through(router.clone(), post_with(path, form, &plain)).await;
        assert_refused(&reply, "http on an https shop", path);
    }

    let page = Request::get("/")
        .header(header::HOST, "shop.example")
        .body(Body::empty())
        .unwrap();
    let reply = send_through(router.clone(), page).await;
    assert!(!reply
        .headers
        .contains_key(header::STRICT_TRANSPORT_SECURITY));

    // Not through the proxy, under another name (DNS rebinding): refused.
    let rebound = Request::get("/")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let reply = send_through(router, rebound).await;
    assert_eq!(reply.status, axum::http::StatusCode::MISDIRECTED_REQUEST);
}
