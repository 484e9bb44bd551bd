//! The customer page over HTTP: the server greets from the request's cookie
//! and sets the cookie in its response.

mod support;

use axum::http::{header, StatusCode};
use support::{consented_to_all, follow, get, post_form, remember_me, SITE};

#[tokio::test]
async fn without_a_cookie_the_page_does_not_greet_by_name() {
    let reply = get("/customer", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Hello, new customer"), "{}", reply.body);
    assert!(!reply.body.contains("Welcome back"));
    assert!(
        reply.set_cookies().is_empty(),
        "a visit alone sets no cookie"
    );
}

#[tokio::test]
async fn the_request_cookie_is_rendered_into_the_server_html() {
    let reply = get("/customer", &[&consented_to_all(), "username=ian"]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Welcome back, ian"), "{}", reply.body);
}

#[tokio::test]
async fn an_encoded_name_is_decoded_before_rendering() {
    let reply = get(
        "/customer",
        &[&consented_to_all(), "username=Zo%C3%AB%3B%20%22Z%22"],
    )
    .await;
    assert!(
        reply.body.contains(r#"Welcome back, Zoë; "Z""#),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn markup_in_a_cookie_is_escaped() {
    let reply = get(
        "/customer",
        &[
            &consented_to_all(),
            "username=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        ],
    )
    .await;
    assert!(
        reply
            .body
            .contains("Welcome back, &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        reply.body
    );
    assert!(!reply.body.contains("<script>alert(1)"));
}

#[tokio::test]
async fn cookies_split_over_several_header_lines_are_all_read() {
    let reply = get(
        "/customer",
        &[&consented_to_all(), "theme=dark", "username=ian"],
    )
    .await;
    assert!(reply.body.contains("Welcome back, ian"), "{}", reply.body);
}

#[tokio::test]
async fn remember_me_sets_exactly_one_username_cookie() {
    let reply = remember_me("name=%20ian%20", &[&consented_to_all()]).await;
    assert_eq!(
        reply.status,
        StatusCode::FOUND,
        "a form post without JavaScript is redirected back"
    );
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{SITE}/customer")),
        "back to the form's page: {location}"
    );
    assert!(!location.contains("__err"), "{location}");
    let cookies = reply.set_cookies();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let cookie = cookies[0];
    assert!(cookie.starts_with("username=ian;"), "{cookie}");
    assert!(cookie.contains("; Path=/"), "{cookie}");
    assert!(cookie.contains("; SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("; Max-Age=2592000"), "{cookie}");
}

#[tokio::test]
async fn special_characters_in_a_name_are_percent_encoded_in_the_header() {
    let reply = remember_me("name=Zo%C3%AB%3B+x%3D1", &[&consented_to_all()]).await;
    let cookies = reply.set_cookies();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert!(
        cookies[0].starts_with("username=Zo%C3%AB%3B%20x%3D1;"),
        "{}",
        cookies[0]
    );
}

#[tokio::test]
async fn an_invalid_name_sets_no_cookie_and_says_why() {
    for (form, message) in [
        ("name=+++", "Please type your name."),
        (
            "name=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "at most 64 characters",
        ),
        ("name=a%0D%0ASet-Cookie%3A+admin%3D1", "control characters"),
    ] {
        let reply = remember_me(form, &[&consented_to_all()]).await;
        assert!(
            reply.set_cookies().is_empty(),
            "{form}: {:?}",
            reply.set_cookies()
        );
        // Without JavaScript the outcome travels in the flash cookie, not
        // the URL...
        assert_eq!(reply.redirect_path(), "/customer", "{form}");
        // ...and the page it leads to shows it beside the field, with the
        // name as typed, and deletes the flash.
        let page = follow(&reply, &[]).await;
        let problem = page.text("[data-testid=name-problem]");
        assert!(problem.contains(message), "{form}: {problem:?}");
        let typed = form
            .strip_prefix("name=")
            .unwrap()
            .replace('+', " ")
            .replace("%0D%0A", "\n")
            .replace("%3A", ":")
            .replace("%3D", "=");
        assert_eq!(page.attribute("#name", "value"), Some(typed), "{form}");
        let forgotten = page.set_cookies_for("flash");
        assert!(
            forgotten.len() == 1 && forgotten[0].contains("Max-Age=0"),
            "{form}: {forgotten:?}"
        );
    }
}

#[tokio::test]
async fn forget_me_expires_the_cookie_on_the_same_path() {
    let reply = post_form("/api/forget_me", "").await;
    let cookies = reply.set_cookies();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert!(cookies[0].starts_with("username=;"), "{}", cookies[0]);
    assert!(cookies[0].contains("; Path=/"), "{}", cookies[0]);
    assert!(cookies[0].contains("; Max-Age=0"), "{}", cookies[0]);
}

#[tokio::test]
async fn server_functions_answer_only_post() {
    let reply = get("/api/remember_me?name=ian", &[]).await;
    assert!(reply.set_cookies().is_empty());
    assert_ne!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn with_javascript_an_invalid_name_is_a_422_with_the_typed_error() {
    use axum::body::Body;
    use axum::http::Request;
    let request = Request::post("/api/remember_me")
        .header(header::HOST, support::SHOP_HOST)
        .header(header::ORIGIN, format!("http://{}", support::SHOP_HOST))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, consented_to_all())
        .body(Body::from("name=+"))
        .unwrap();
    let reply = support::send(request).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The typed error travels as JSON; the page turns it into a sentence.
    assert_eq!(reply.body, r#"{"Refused":"Empty"}"#);
    assert!(reply.set_cookies().is_empty());
}

#[tokio::test]
async fn without_consent_to_preferences_the_name_is_not_kept() {
    let reply = remember_me("name=ian", &[]).await;
    assert!(reply.set_cookies().is_empty(), "{:?}", reply.set_cookies());
    let page = follow(&reply, &[]).await;
    assert!(
        page.text("[data-testid=name-problem]")
            .contains("which you have not allowed"),
        "no reason given"
    );
    assert!(
        page.body.contains("Allow preference cookies"),
        "no way to allow it"
    );
}

#[tokio::test]
async fn an_error_in_a_get_url_shows_nothing() {
    use base64::{engine::general_purpose::URL_SAFE, Engine};
    // A link anyone can send: a made-up answer in `__err`, encoded the way
    // Leptos encodes a real one. Outcomes travel in the flash cookie only,
    // which no link can set.
    for made_up in [
        r#"{"Unreachable":"Your account is locked, call 555-0100"}"#,
        r#"{"Cookie":{"Cookie":{"TooLarge":{"size":5000,"limit":4096}}}}"#,
    ] {
        let encoded = URL_SAFE.encode(made_up);
        let page = get(
            &format!("/customer?__path=/api/remember_me&__err={encoded}"),
            &[],
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("[data-testid=name-problem]"), "", "{made_up}");
    }
}
