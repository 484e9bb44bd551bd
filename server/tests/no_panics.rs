//! Nothing a request carries reaches a panic: every page and every server
//! function, driven in-process with arbitrary values for every declared
//! cookie, arbitrary other cookies, form fields and `Accept` headers,
//! answers below 500 with a body that reads to its end, and the panic hook
//! installed here counts no panic (one would be caught by the server and
//! still cost the shopper their page).

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use app::shop_cookies::ALL;
use axum::body::Body;
use axum::http::{header, Request};
use proptest::prelude::*;
use support::{send, EVERY_PAGE, SHOP_HOST, SITE};

/// Panics seen anywhere in this test binary.
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            report(info);
        }));
    });
}

/// Every server function, with the fields it reads.
const SERVER_FUNCTIONS: [(&str, &[&str]); 7] = [
    ("/api/consent", &["choice", "preferences", "statistics"]),
    ("/api/remember_me", &["name"]),
    ("/api/forget_me", &[]),
    (
        "/api/basket",
        &["lifetime", "shopping", "add", "remove", "empty"],
    ),
    ("/api/inspect", &[]),
    ("/api/start_session", &["name", "idle"]),
    ("/api/end_session", &[]),
];

/// Text a header may carry: visible ASCII and spaces, and a few shapes the
/// shop's codecs look for. (Bytes a header cannot carry never reach the app.)
fn header_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,40}",
        Just("1::9999-12-31".to_owned()),
        Just("1:preferences+statistics:9000-01-01".to_owned()),
        Just(format!("one-day@{}", i64::MAX)),
        Just(format!("one-day@{}", i64::MIN)),
        Just("%FF%FE,%C3".to_owned()),
        "[0-9]{1,25}",
        "[0-9]{1,20}@-?[0-9]{1,25}",
        "[a-z-]{1,12}:[a-z+]{0,30}:[0-9-]{0,12}",
    ]
}

/// A `Cookie` header: any of the shop's cookies (plain or `__Host-`, the
/// session's id included), and others.
fn cookie_header() -> impl Strategy<Value = String> {
    let names: Vec<String> = ALL
        .iter()
        .flat_map(|cookie| {
            [
                cookie.info.name.to_owned(),
                format!("__Host-{}", cookie.info.name),
            ]
        })
        .chain(["other".to_owned(), "x".to_owned()])
        .collect();
    let pair = (proptest::sample::select(names), header_text())
        .prop_map(|(name, value)| format!("{name}={}", value.replace(';', "")));
    proptest::collection::vec(pair, 0..6).prop_map(|pairs| pairs.join("; "))
}

fn accept() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("text/html".to_owned()),
        Just("application/json".to_owned()),
        Just("*/*".to_owned()),
        "[ -~]{0,20}",
    ]
}

/// A form body: some of the function's own fields and others, any values.
fn form(fields: &'static [&'static str]) -> impl Strategy<Value = String> {
    let names: Vec<&str> = fields.iter().copied().chain(["junk", ""]).collect();
    let field = (
        proptest::sample::select(names),
        "[ -~\u{80}-\u{10FFFF}]{0,80}",
    )
        .prop_map(|(name, value)| {
            let value: String = url_encoded(&value);
            format!("{name}={value}")
        });
    proptest::collection::vec(field, 0..5).prop_map(|fields| fields.join("&"))
}

fn url_encoded(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_page_answers_5xx_to_any_cookies(
        page in proptest::sample::select(EVERY_PAGE.to_vec()),
        cookies in cookie_header(),
        accept in accept(),
    ) {
        count_panics();
        let request = Request::get(page)
            .header(header::HOST, SHOP_HOST)
            .header(header::COOKIE, cookies.as_str())
            .header(header::ACCEPT, accept.as_str())
            .body(Body::empty())
            .expect("a valid request");
        let reply = runtime().block_on(send(request));
        prop_assert!(reply.status.as_u16() < 500, "{page} with {cookies:?}: {}", reply.status);
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn no_server_function_answers_5xx_to_any_fields(
        function in proptest::sample::select(SERVER_FUNCTIONS.to_vec()),
        cookies in cookie_header(),
        accept in accept(),
        body in proptest::strategy::Union::new(
            SERVER_FUNCTIONS.map(|(_, fields)| form(fields).boxed())
        ),
    ) {
        count_panics();
        let (path, _) = function;
        let request = Request::post(path)
            .header(header::HOST, SHOP_HOST)
            .header(header::ORIGIN, SITE)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookies.as_str())
            .header(header::ACCEPT, accept.as_str())
            .body(Body::from(body.clone()))
            .expect("a valid request");
        let reply = runtime().block_on(send(request));
        prop_assert!(
            reply.status.as_u16() < 500,
            "{path} with {body:?} and {cookies:?}: {} {}",
            reply.status,
            reply.body
        );
        prop_assert_eq!(PANICS.load(Ordering::SeqCst), 0);
    }
}

/// The issue's own reproductions, always run.
#[tokio::test]
async fn the_reported_values_answer_pages() {
    count_panics();
    for cookie in [
        "consent=1::9999-12-31",
        "basket_term=one-day@9223372036854775807",
    ] {
        for page in EVERY_PAGE {
            let request = Request::get(page)
                .header(header::HOST, SHOP_HOST)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("a valid request");
            let reply = send(request).await;
            assert!(
                reply.status.as_u16() < 500,
                "{page} with {cookie}: {}",
                reply.status
            );
        }
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
}
