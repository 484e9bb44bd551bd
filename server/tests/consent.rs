//! The consent banner and what consent changes, over HTTP.

mod support;

use app::consent::{Consent, CONSENT_REVISION};
use app::cookies::CookieValue;
use app::shop_cookies::{ALL, CONSENT, USERNAME, VISITS};
use axum::http::StatusCode;
use support::{consent_pair, consented_to_all, get, post_form_from, Reply, EVERY_PAGE};
use support::{sign, verify};

/// Whether the page carries the consent banner.
fn has_banner(reply: &Reply) -> bool {
    !reply
        .texts("section.consent-banner #consent-title")
        .is_empty()
}

#[tokio::test]
async fn the_banner_is_in_the_server_html_until_the_shopper_answers() {
    for path in EVERY_PAGE {
        let first_visit = get(path, &[]).await;
        assert!(
            has_banner(&first_visit),
            "{path}: no banner on a first visit"
        );
        assert!(
            first_visit.body.contains("Accept all")
                && first_visit.body.contains("Reject non-essential")
        );
        let answered = get(path, &[&consent_pair(&Consent::given_now(false, false))]).await;
        assert!(!has_banner(&answered), "{path}: banner after an answer");
    }
}

#[tokio::test]
async fn an_answer_to_an_older_revision_asks_again() {
    let mut old = Consent::given_now(true, true);
    old.revision = CONSENT_REVISION - 1;
    let reply = get("/", &[&consent_pair(&old)]).await;
    assert!(has_banner(&reply));
}

#[tokio::test]
async fn a_forged_consent_cookie_counts_as_no_answer() {
    for forged in ["1:everything:soon", "1:preferences+statistics:----------"] {
        let reply = get("/", &[&format!("{}={forged}", CONSENT.name())]).await;
        assert!(has_banner(&reply), "{forged}");
    }
}

#[tokio::test]
async fn accept_all_keeps_the_answer_for_about_six_months() {
    let reply = post_form_from("/", "/api/consent", "choice=all", &[]).await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let consent = reply.set_cookies_for(CONSENT.name());
    assert_eq!(consent.len(), 1, "{:?}", reply.set_cookies());
    let expected = Consent::given_now(true, true).to_wire();
    assert!(
        consent[0].starts_with(&format!("consent={expected};")),
        "{}",
        consent[0]
    );
    assert!(
        consent[0].contains("; Max-Age=15724800"),
        "182 days: {}",
        consent[0]
    );
    assert!(consent[0].contains("; SameSite=Lax"), "{}", consent[0]);
}

#[tokio::test]
async fn rejecting_deletes_optional_cookies_at_once() {
    let reply = post_form_from(
        "/cookies",
        "/api/consent",
        "choice=necessary-only",
        &[&consented_to_all(), "username=ian; visits=3; basket=oil"],
    )
    .await;
    let consent = reply.set_cookies_for(CONSENT.name());
    assert!(consent[0].starts_with(&format!(
        "consent={}",
        Consent::given_now(false, false).to_wire()
    )));
    for optional in [USERNAME.name(), VISITS.name()] {
        let removal = reply.set_cookies_for(optional);
        assert_eq!(removal.len(), 1, "{optional}: {:?}", reply.set_cookies());
        assert!(removal[0].contains("Max-Age=0"), "{}", removal[0]);
    }
    assert!(
        reply.set_cookies_for("basket").is_empty(),
        "a necessary cookie is kept"
    );
}

#[tokio::test]
async fn chosen_switches_are_kept_as_given() {
    let reply = post_form_from("/", "/api/consent", "choice=chosen&statistics=on", &[]).await;
    let consent = reply.set_cookies_for(CONSENT.name());
    assert!(consent[0].starts_with(&format!(
        "consent={}",
        Consent::given_now(false, true).to_wire()
    )));
}

/// The value of a `Set-Cookie` line, signature included.
fn stored_value(set_cookie: &str) -> &str {
    let pair = set_cookie.split(';').next().unwrap_or_default();
    pair.split_once('=').map_or("", |(_, value)| value)
}

/// `visits=N` as the server signs it.
fn signed_visits(count: u32) -> String {
    format!(
        "{}={}",
        VISITS.name(),
        sign(VISITS.name(), &count.to_string(), Some(time::Duration::DAY))
    )
}

#[tokio::test]
async fn visits_are_counted_in_a_signed_http_only_cookie_only_with_consent() {
    let counted = get("/", &[&consented_to_all(), &signed_visits(4)]).await;
    let visits = counted.set_cookies_for(VISITS.name());
    assert_eq!(visits.len(), 1, "{:?}", counted.set_cookies());
    let stored = stored_value(visits[0]);
    assert_eq!(verify(VISITS.name(), stored).as_deref(), Some("5"));
    assert!(visits[0].contains("; HttpOnly"), "{}", visits[0]);

    let statistics_refused = get(
        "/",
        &[
            &consent_pair(&Consent::given_now(true, false)),
            &signed_visits(4),
        ],
    )
    .await;
    assert!(statistics_refused.set_cookies_for(VISITS.name()).is_empty());
    assert!(get("/", &[])
        .await
        .set_cookies_for(VISITS.name())
        .is_empty());
}

#[tokio::test]
async fn a_tampered_visit_count_is_ignored_and_reported() {
    let forged = format!("{}=AAAA{}", VISITS.name(), "9".repeat(44));
    let restarted = get("/", &[&consented_to_all(), &forged]).await;
    let visits = restarted.set_cookies_for(VISITS.name());
    let stored = stored_value(visits[0]);
    assert_eq!(
        verify(VISITS.name(), stored).as_deref(),
        Some("1"),
        "counting starts again"
    );
    let inspector = get("/cookies", &[&consented_to_all(), &forged]).await;
    assert!(inspector.body.contains("visits: signature invalid"));
    let honest = get("/cookies", &[&consented_to_all(), &signed_visits(3)]).await;
    assert!(honest.body.contains("visits: signature valid"));
}

#[tokio::test]
async fn over_https_the_server_only_cookie_is_secure_and_host_prefixed() {
    use axum::body::Body;
    use axum::http::{header, Request};
    // Over HTTPS every cookie the shop writes is `__Host-` prefixed, consent included.
    let request = Request::get("/")
        .header(header::HOST, "127.0.0.1:3101")
        .header("x-forwarded-proto", "https")
        .header(header::COOKIE, format!("__Host-{}", consented_to_all()))
        .body(Body::empty())
        .unwrap();
    let reply = support::send(support::from_local_proxy(request)).await;
    let visits = reply.set_cookies_for(&format!("__Host-{}", VISITS.name()));
    assert_eq!(visits.len(), 1, "{:?}", reply.set_cookies());
    assert!(
        visits[0].contains("; Secure") && visits[0].contains("; Path=/"),
        "{}",
        visits[0]
    );
    assert!(!visits[0].contains("Domain"), "{}", visits[0]);
}

#[tokio::test]
async fn no_page_sets_an_optional_cookie_before_consent() {
    for path in EVERY_PAGE {
        let reply = get(path, &["visits=9; username=ian"]).await;
        assert!(
            reply.set_cookies().is_empty(),
            "{path}: {:?}",
            reply.set_cookies()
        );
    }
}

#[tokio::test]
async fn the_cookie_page_lists_every_declared_cookie_with_the_value_received() {
    let reply = get(
        "/cookies",
        &[&consented_to_all(), &signed_visits(2), "basket=oil,bolt"],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    for cookie in ALL {
        let name = cookie.info.name;
        let cells = reply.texts(&format!("[data-testid=cookie-row-{name}] td"));
        assert_eq!(
            cells.first().map(String::as_str),
            Some(cookie.purpose),
            "{name}"
        );
    }
    let basket_row = reply.texts("[data-testid=cookie-row-basket] td");
    assert_eq!(basket_row.last().map(|cell| cell.trim()), Some("oil,bolt"));
    // The inspector's server columns: what came in, and this response's
    // Set-Cookie. `visits` is HttpOnly: its name, size and signature, never
    // its value.
    let received = reply.text("[data-testid=server-received]");
    assert!(
        received.contains("visits (HttpOnly: signed, valid, "),
        "{received}"
    );
    assert!(!received.contains(&signed_visits(2)), "{received}");
    assert!(reply
        .text("[data-testid=signatures]")
        .contains("visits: signature valid"));
    let sent = reply.text("[data-testid=server-sent]");
    assert!(
        sent.contains("visits=(") && sent.contains("bytes, hidden); HttpOnly"),
        "{sent}"
    );
}
