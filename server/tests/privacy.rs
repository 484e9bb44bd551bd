//! The promises the pages make about cookies, kept over HTTP: an `HttpOnly`
//! value never reaches a page or an API answer; consent governs reading as
//! well as writing; a name sent twice is not guessed at.

mod support;

use app::consent::{Consent, ANSWER_KEPT, CONSENT_REVISION};
use app::shop_cookies::{CONSENT, USERNAME, VISITS};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use support::sign;
use support::{consent_pair, consented_to_all, get, remember_me, send, Reply, EVERY_PAGE};

/// `visits=N` as the server signs it.
fn signed_visits(count: u32) -> String {
    let value = sign(VISITS.name(), &count.to_string(), Some(time::Duration::DAY));
    format!("{}={value}", VISITS.name())
}

/// The value of the `visits` cookie a response sets, signature included.
fn visits_value_set(reply: &Reply) -> Option<String> {
    let pair = reply.set_pair(VISITS.name())?;
    pair.split_once('=').map(|(_, value)| value.to_owned())
}

#[tokio::test]
async fn no_page_and_no_api_answer_carries_an_http_only_value() {
    let visits = signed_visits(41);
    let sent_value = visits.split_once('=').unwrap().1.to_owned();
    let cookies = [consented_to_all(), visits.clone()];
    let cookies: Vec<&str> = cookies.iter().map(String::as_str).collect();
    for path in EVERY_PAGE {
        let reply = get(path, &cookies).await;
        let new_value = visits_value_set(&reply).expect("counted");
        for secret in [&sent_value, &new_value] {
            assert!(
                !reply.body.contains(secret.as_str()),
                "{path} shows {secret}"
            );
        }
    }
    let mut inspect = Request::post("/api/inspect")
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin");
    for line in &cookies {
        inspect = inspect.header(header::COOKIE, *line);
    }
    let reply = send(inspect.body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(!reply.body.contains(&sent_value), "{}", reply.body);
    assert!(
        reply.body.contains(r#""name":"visits""#),
        "the name is there: {}",
        reply.body
    );
}

#[tokio::test]
async fn the_inspector_shows_name_size_and_signature_of_an_http_only_cookie() {
    let visits = signed_visits(2);
    let bytes = visits.split_once('=').unwrap().1.len();
    let page = get("/cookies", &[&consented_to_all(), &visits, "theme=dark"]).await;
    let received = page.text("[data-testid=server-received]");
    assert!(
        received.contains(&format!("visits (HttpOnly: signed, valid, {bytes} bytes)")),
        "{received}"
    );
    assert!(
        received.contains("theme (not this shop's: 4 bytes)"),
        "{received}"
    );
    assert!(
        received.contains("basket") || !received.contains("dark"),
        "{received}"
    );
    let sent = page.text("[data-testid=server-sent]");
    assert!(sent.contains("bytes, hidden); HttpOnly"), "{sent}");
}

#[tokio::test]
async fn each_value_sent_under_a_signed_name_is_judged_on_its_own_signature() {
    let forged = format!("{}=AAAA{}", VISITS.name(), "9".repeat(44));
    let page = get(
        "/cookies",
        &[&consented_to_all(), &forged, &signed_visits(2)],
    )
    .await;
    let received = page.text("[data-testid=server-received]");
    assert!(
        received.contains("visits (HttpOnly: signed, INVALID, "),
        "{received}"
    );
    assert!(
        received.contains("visits (HttpOnly: signed, valid, "),
        "{received}"
    );
    let signatures = page.text("[data-testid=signatures]");
    assert!(
        signatures.contains("signature invalid") && signatures.contains("signature valid"),
        "{signatures}"
    );
}

/// A consent answer given `days` ago.
fn answered_days_ago(days: i64, preferences: bool) -> Consent {
    let mut answer = Consent::given_now(preferences, preferences);
    answer.date -= time::Duration::days(days);
    answer
}

#[tokio::test]
async fn an_optional_cookie_is_ignored_without_a_current_answer_that_allows_it() {
    let mut outdated = Consent::given_now(true, true);
    outdated.revision = CONSENT_REVISION - 1;
    let expired = answered_days_ago(ANSWER_KEPT.whole_days() + 1, true);
    let cases = [
        ("no answer", None),
        ("rejected", Some(Consent::given_now(false, false))),
        ("an older revision", Some(outdated)),
        ("expired", Some(expired)),
    ];
    for (what, answer) in cases {
        let consent = answer.as_ref().map(consent_pair).unwrap_or_default();
        let page = get("/customer", &[&consent, "username=ian"]).await;
        assert!(
            page.text("[data-testid=greeting]")
                .contains("Hello, new customer"),
            "{what}: greeted by a cookie the shop may not read"
        );
        assert!(
            page.text("[data-testid=ignored-notice]")
                .contains("ignores it"),
            "{what}: not told"
        );
        let table = get("/cookies", &[&consent, "username=ian"]).await;
        assert!(
            table
                .text("[data-testid=cookie-note-username]")
                .contains("Sent, but ignored"),
            "{what}"
        );
    }
    let allowed = get("/customer", &[&consented_to_all(), "username=ian"]).await;
    assert_eq!(allowed.text("[data-testid=greeting]"), "Welcome back, ian");
    assert!(allowed.texts("[data-testid=ignored-notice]").is_empty());
}

#[tokio::test]
async fn no_optional_cookie_outlives_the_answer_that_allowed_it() {
    let answer = answered_days_ago(170, true);
    let consent = consent_pair(&answer);
    let counted = get("/", &[&consent]).await;
    let line = counted.set_cookies_for(VISITS.name())[0].to_owned();
    let max_age: i64 = line
        .split("Max-Age=")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .and_then(|seconds| seconds.parse().ok())
        .expect("a Max-Age");
    assert!(max_age <= answer.time_left().whole_seconds() + 1, "{line}");
    assert!(max_age < time::Duration::days(14).whole_seconds(), "{line}");

    let remembered = remember_me("name=ian", &[&consent]).await;
    assert!(
        remembered.set_cookies_for(USERNAME.name())[0].contains("Max-Age="),
        "{:?}",
        remembered.set_cookies()
    );
}

#[tokio::test]
async fn two_consent_answers_count_as_none_and_the_banner_asks_again() {
    let all = Consent::given_now(true, true);
    let planted = format!("{}=1:preferences+statistics:2026-01-01", CONSENT.name());
    let page = get(
        "/customer",
        &[&consent_pair(&all), &planted, "username=ian"],
    )
    .await;
    assert!(
        !page.texts("#consent-title").is_empty(),
        "the banner asks again"
    );
    assert!(page
        .text("[data-testid=greeting]")
        .contains("Hello, new customer"));
    let table = get("/cookies", &[&consent_pair(&all), &planted]).await;
    let note = table.text("[data-testid=cookie-note-consent]");
    assert!(
        note.contains("Sent 2 times") && note.contains("asks again"),
        "{note}"
    );
}

#[tokio::test]
async fn a_name_sent_twice_reads_the_first_and_the_cookie_page_says_so() {
    let page = get(
        "/customer",
        &[&consented_to_all(), "username=ian; username=eve"],
    )
    .await;
    assert_eq!(page.text("[data-testid=greeting]"), "Welcome back, ian");
    let table = get(
        "/cookies",
        &[&consented_to_all(), "username=ian", "username=eve"],
    )
    .await;
    let note = table.text("[data-testid=cookie-note-username]");
    assert!(
        note.contains("Sent 2 times") && note.contains("uses the first"),
        "{note}"
    );
}

#[tokio::test]
async fn withdrawing_over_https_deletes_the_plain_and_the_host_prefixed_cookie() {
    let mut request = Request::post("/api/consent")
        .header(header::HOST, support::SHOP_HOST)
        .header("x-forwarded-proto", "https")
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{}/cookies", support::SITE));
    for line in [
        format!("__Host-{}", consented_to_all()),
        "username=old; __Host-username=new".to_owned(),
        signed_visits(3),
    ] {
        request = request.header(header::COOKIE, line);
    }
    let form = "choice=necessary-only";
    // From the proxy on this machine, which the shop trusts by default.
    let reply = send(support::from_local_proxy(
        request.body(Body::from(form)).unwrap(),
    ))
    .await;
    for name in ["username", "__Host-username", "visits", "__Host-visits"] {
        let removal = reply.set_cookies_for(name);
        assert_eq!(removal.len(), 1, "{name}: {:?}", reply.set_cookies());
        assert!(removal[0].contains("Max-Age=0"), "{}", removal[0]);
    }
}

#[tokio::test]
async fn the_inspector_shows_an_optional_cookie_sent_without_consent_by_size_only() {
    let page = get("/cookies", &["username=Ada"]).await;
    let received = page.text("[data-testid=server-received]");
    assert!(
        received.contains("username (sent, ignored without consent: 3 bytes)"),
        "{received}"
    );
    assert!(!received.contains("Ada"), "{received}");

    let inspected = send(
        Request::post("/api/inspect")
            .header(header::HOST, support::SHOP_HOST)
            .header(header::ORIGIN, support::SITE)
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, "username=Ada")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(inspected.status, StatusCode::OK, "{}", inspected.body);
    assert!(!inspected.body.contains("Ada"), "{}", inspected.body);
    assert_eq!(inspected.headers[header::CACHE_CONTROL], "no-store");
}
