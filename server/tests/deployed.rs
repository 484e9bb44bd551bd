//! The shop deployed: behind a reverse proxy that rewrites `Host` and ends
//! TLS, reached by forgers, and read by caches. In-process; the socket-level
//! timeouts are in `timeouts.rs`, the real nginx in the browser tests.

mod support;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::{
    assert_accepted, assert_refused, consented_to_all, from_local_proxy, from_peer, post_with,
    send, Reply, STATE_CHANGING,
};

#[tokio::test]
async fn every_state_changing_endpoint_refuses_what_is_not_from_the_shop() {
    let shop = [("host", "127.0.0.1:3000")];
    let cases: [(&str, Vec<(&str, &str)>); 6] = [
        ("no Origin, Referer or Sec-Fetch-Site", vec![]),
        ("another scheme", vec![("origin", "https://127.0.0.1:3000")]),
        ("another host", vec![("origin", "http://evil.example")]),
        ("another port", vec![("origin", "http://127.0.0.1:3001")]),
        (
            "Sec-Fetch-Site: cross-site",
            vec![
                ("origin", "http://127.0.0.1:3000"),
                ("sec-fetch-site", "cross-site"),
            ],
        ),
        (
            "a Referer on another site",
            vec![("referer", "http://evil.example/")],
        ),
    ];
    for (path, form) in STATE_CHANGING {
        for (what, headers) in &cases {
            let headers = [&shop[..], headers].concat();
            assert_refused(&send(post_with(path, form, &headers)).await, what, path);
        }
    }
}

#[tokio::test]
async fn every_state_changing_endpoint_accepts_the_shops_own_pages() {
    let cases: [(&str, Vec<(&str, &str)>); 3] = [
        ("the same Origin", vec![("origin", "http://127.0.0.1:3000")]),
        (
            "Sec-Fetch-Site: same-origin",
            vec![("sec-fetch-site", "same-origin")],
        ),
        (
            "a Referer on the shop",
            vec![("referer", "http://127.0.0.1:3000/customer")],
        ),
    ];
    for (path, form) in STATE_CHANGING {
        for (what, headers) in &cases {
            let headers = [&[("host", "127.0.0.1:3000")][..], headers].concat();
            assert_accepted(&send(post_with(path, form, &headers)).await, what, path);
        }
    }
}

/// nginx's stock `proxy_pass http://127.0.0.1:3101;` sends the upstream's
/// address as `Host`; the browser's `Origin` is the proxy's public address.
fn behind_nginx(path: &str, form: &str, extra: &[(&str, &str)]) -> Request<Body> {
    let headers = [
        &[
            ("host", "127.0.0.1:3101"),
            ("origin", "https://shop.example"),
            ("x-forwarded-proto", "https"),
        ][..],
        extra,
    ]
    .concat();
    from_local_proxy(post_with(path, form, &headers))
}

#[tokio::test]
async fn behind_a_proxy_that_rewrites_host_the_shops_pages_still_pass() {
    for (path, form) in STATE_CHANGING {
        let browser = behind_nginx(path, form, &[("sec-fetch-site", "same-origin")]);
        assert_accepted(&send(browser).await, "Sec-Fetch-Site", path);
        // The documented nginx config does not set X-Forwarded-Host, so by
        // default it is not believed (see forwarded_headers.rs for opting in).
        let forwarded_host = behind_nginx(path, form, &[("x-forwarded-host", "shop.example")]);
        assert_refused(
            &send(forwarded_host).await,
            "X-Forwarded-Host not believed by default",
            path,
        );
        // Without either, the guard cannot know the proxy's address.
        let unknown = behind_nginx(path, form, &[]);
        assert_refused(
            &send(unknown).await,
            "Host rewritten, nothing forwarded",
            path,
        );
    }
}

#[tokio::test]
async fn with_javascript_the_refusal_is_the_pages_error_message() {
    let request = Request::post("/api/remember_me")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("name=ian"))
        .unwrap();
    let reply = send(request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    // Every server function's error type reads it and shows the sentence.
    use app::action::{ActionError, NoRefusal};
    use app::basket::BasketError;
    use app::shopper::NameError;
    let customer: ActionError<NameError> = serde_json::from_str(&reply.body).unwrap();
    let consent: ActionError<NoRefusal> = serde_json::from_str(&reply.body).unwrap();
    let basket: ActionError<BasketError> = serde_json::from_str(&reply.body).unwrap();
    for shown in [
        customer.to_string(),
        consent.to_string(),
        basket.to_string(),
    ] {
        assert!(
            shown.contains("did not come from the shop's own pages"),
            "{shown}"
        );
    }
}

/// `GET path` with the shopper's consent, from `peer`, with `headers`. The
/// answer is sent under both names, since over HTTPS the shop reads only
/// `__Host-consent`.
async fn get_from(peer: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(path)
        .header(header::COOKIE, consented_to_all())
        .header(header::COOKIE, format!("__Host-{}", consented_to_all()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(from_peer(peer, request.body(Body::empty()).unwrap())).await
}

#[tokio::test]
async fn https_through_a_trusted_proxy_gives_secure_prefixed_cookies_and_hsts() {
    let proxied = [("host", "127.0.0.1:3101"), ("x-forwarded-proto", "https")];
    let reply = get_from("127.0.0.1:50000", "/", &proxied).await;
    support::assert_answered_as_https(&reply);
    assert_eq!(
        reply.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );

    // `Forwarded` is believed only when FORWARDED_HEADERS names it (see
    // forwarded_headers.rs): by default, a client's own is passed on by nginx.
    let rfc7239 = [
        ("host", "127.0.0.1:3101"),
        ("forwarded", "for=192.0.2.7;proto=https"),
    ];
    let reply = get_from("[::1]:50000", "/", &rfc7239).await;
    support::assert_answered_as_http(&reply);
}

#[tokio::test]
async fn through_the_proxy_a_forged_forwarded_or_host_changes_nothing() {
    let forged = [
        ("host", "127.0.0.1:3101"),
        ("x-forwarded-proto", "https"),
        ("forwarded", "proto=http;host=evil.example"),
        ("x-forwarded-host", "evil.example"),
    ];
    let reply = get_from("127.0.0.1:50000", "/", &forged).await;
    support::assert_answered_as_https(&reply);
    let post = from_local_proxy(post_with(
        "/api/consent",
        "choice=all",
        &[&forged[..], &[("origin", "https://evil.example")]].concat(),
    ));
    assert_refused(
        &send(post).await,
        "Origin of the forged host",
        "/api/consent",
    );
}

#[tokio::test]
async fn the_request_line_does_not_make_a_request_https() {
    let request = Request::get("https://127.0.0.1:3000/")
        .header(header::COOKIE, consented_to_all())
        .body(Body::empty())
        .unwrap();
    let reply = send(from_peer("203.0.113.9:50000", request)).await;
    assert_eq!(reply.status, StatusCode::OK);
    support::assert_answered_as_http(&reply);
}

#[tokio::test]
async fn a_host_the_shop_is_not_served_as_is_421_unless_through_a_trusted_proxy() {
    for host in ["evil.example", "evil.example:3000", "10.0.0.1:3000"] {
        let reply = get_from("203.0.113.9:50000", "/", &[("host", host)]).await;
        assert_eq!(reply.status, StatusCode::MISDIRECTED_REQUEST, "{host}");
        assert!(
            reply.body.contains("is not served under this name"),
            "{}",
            reply.body
        );
        assert!(reply.set_cookies().is_empty());
        // Stock nginx sends its upstream's name; a trusted proxy is not refused.
        let proxied = get_from("127.0.0.1:50000", "/", &[("host", host)]).await;
        assert_eq!(proxied.status, StatusCode::OK, "{host} through the proxy");
    }
    for host in ["localhost:3000", "127.0.0.1:3000", "[::1]:3000"] {
        let reply = get_from("203.0.113.9:50000", "/", &[("host", host)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{host}");
    }
}

#[tokio::test]
async fn a_forged_forwarded_proto_from_anyone_else_is_ignored() {
    let forged = [
        ("host", "127.0.0.1:3000"),
        ("x-forwarded-proto", "https"),
        ("forwarded", "proto=https"),
    ];
    let reply = get_from("203.0.113.9:50000", "/", &forged).await;
    support::assert_answered_as_http(&reply);
}

#[tokio::test]
async fn over_plain_http_there_is_no_hsts_and_the_lectures_names_stay() {
    let reply = get_from("127.0.0.1:50000", "/", &[("host", "127.0.0.1:3000")]).await;
    support::assert_answered_as_http(&reply);
}

#[tokio::test]
async fn pages_and_responses_that_set_cookies_are_never_stored_by_a_cache() {
    for path in support::EVERY_PAGE {
        let reply = get_from("127.0.0.1:50000", path, &[("host", "127.0.0.1:3000")]).await;
        assert_eq!(reply.headers[header::CACHE_CONTROL], "no-store", "{path}");
    }
    let saved = send(post_with(
        "/api/consent",
        "choice=all",
        &[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ],
    ))
    .await;
    assert!(!saved.set_cookies().is_empty());
    assert_eq!(saved.headers[header::CACHE_CONTROL], "no-store");
    let refused = send(post_with("/api/consent", "choice=all", &[])).await;
    assert_eq!(refused.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn an_oversized_post_is_413_with_a_sentence_and_writes_nothing() {
    let three_megabytes = format!("lifetime=one-day&shopping={}", "a".repeat(3 * 1024 * 1024));
    let own_page = [
        ("host", "127.0.0.1:3000"),
        ("origin", "http://127.0.0.1:3000"),
    ];
    let length = three_megabytes.len().to_string();
    let declared = [&own_page[..], &[("content-length", length.as_str())]].concat();
    for headers in [&own_page[..], &declared[..]] {
        let reply = send(post_with("/api/basket", &three_megabytes, headers)).await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            reply.body.contains("accepts forms of at most 16384 bytes"),
            "{}",
            reply.body
        );
        assert!(reply.set_cookies().is_empty());
    }
    // A form near the limit is still read.
    let form = format!("lifetime=one-day&shopping={}", "a".repeat(8 * 1024));
    let reply = send(post_with("/api/basket", &form, &own_page)).await;
    assert_ne!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}
