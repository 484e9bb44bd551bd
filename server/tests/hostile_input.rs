//! Hostile form input: each is refused with a clear message, or kept and
//! shown back exactly (escaped) — never a header injection, a broken page
//! or a lost basket.

mod support;

use app::basket::Basket;
use app::cookies::codec::find;
use app::cookies::{CookieValue, BASKET, USERNAME};
use axum::http::{header, StatusCode};
use support::{consented_to_all, get, post_form_from, Reply};

/// Percent-encodes form text the way a browser does (`application/x-www-form-urlencoded`).
fn form_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (byte as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The page the redirect leads to, fetched with `cookies`.
async fn follow(reply: &Reply, cookies: &[&str]) -> Reply {
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    get(
        location.trim_start_matches("http://127.0.0.1:3000"),
        cookies,
    )
    .await
}

/// The `name=value` pair of the one `Set-Cookie` line for `name`.
fn set_pair(reply: &Reply, name: &str) -> Option<String> {
    let lines = reply.set_cookies_for(name);
    assert!(lines.len() <= 1, "{lines:?}");
    lines
        .first()
        .map(|line| line.split(';').next().unwrap().to_owned())
}

const HOSTILE_NAMES: [(&str, Option<&str>); 8] = [
    ("semi;colon", None),
    ("equals=sign", None),
    ("line\r\nSet-Cookie: admin=1", Some("control characters")),
    ("nul\0byte", Some("control characters")),
    ("\u{202e}evil\u{202c} right-to-left", None),
    ("<script>alert(1)</script>", None),
    ("\"quoted\", with comma", None),
    ("", Some("Please type your name.")),
];

#[tokio::test]
async fn hostile_names_are_refused_or_kept_exactly() {
    let consent = consented_to_all();
    for (name, refusal) in HOSTILE_NAMES {
        let form = format!("name={}", form_encode(name));
        let reply = post_form_from("/customer", "/api/remember_me", &form, &[&consent]).await;
        assert_eq!(reply.status, StatusCode::FOUND, "{name:?}");
        assert!(reply.headers.get_all("admin").iter().next().is_none());
        match refusal {
            Some(message) => {
                assert_eq!(set_pair(&reply, USERNAME.info.name), None, "{name:?}");
                assert!(
                    follow(&reply, &[&consent]).await.body.contains(message),
                    "{name:?}"
                );
            }
            None => {
                let pair = set_pair(&reply, USERNAME.info.name).expect("a cookie");
                let wire = find(&pair, USERNAME.info.name).unwrap();
                assert_eq!(
                    String::from_wire(&wire).as_deref(),
                    Ok(name.trim()),
                    "{name:?}"
                );
                let page = get("/customer", &[&consent, &pair]).await;
                let shown = format!("Welcome back, {}", escape(name.trim()));
                assert!(
                    page.body.contains(&shown),
                    "{name:?} not shown as {shown:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn five_kilobytes_of_name_are_refused() {
    let form = format!("name={}", "n".repeat(5 * 1024));
    let reply = post_form_from(
        "/customer",
        "/api/remember_me",
        &form,
        &[&consented_to_all()],
    )
    .await;
    assert!(reply.set_cookies().is_empty());
    assert!(follow(&reply, &[])
        .await
        .body
        .contains("at most 64 characters"));
}

#[tokio::test]
async fn hostile_basket_items_are_refused_or_kept_exactly_and_the_basket_is_never_lost() {
    let previous = format!("{}=oil,bolt", BASKET.info.name);
    let cases: [(&str, Option<&str>); 6] = [
        ("a;b, c=d, <script>x</script>", None),
        ("\u{202e}rtl, \"q\"", None),
        ("bad\r\nSet-Cookie: admin=1", Some("control characters")),
        ("nul\0", Some("control characters")),
        (&"y".repeat(5 * 1024), Some("at most 64 characters")),
        ("%41%, 100%", None),
    ];
    for (list, refusal) in cases {
        let form = format!("lifetime=one-day&shopping={}", form_encode(list));
        let reply = post_form_from("/basket", "/api/basket", &form, &[&previous]).await;
        match refusal {
            Some(message) => {
                assert_eq!(set_pair(&reply, BASKET.info.name), None, "{list:?}");
                let page = follow(&reply, &[&previous]).await;
                assert!(page.body.contains(message), "{list:?}: {message}");
                assert!(
                    page.body.contains(r#"<span class="item">bolt</span>"#),
                    "{list:?}: basket lost"
                );
            }
            None => {
                let pair = set_pair(&reply, BASKET.info.name).expect("a cookie");
                let kept = Basket::from_wire(&find(&pair, BASKET.info.name).unwrap()).unwrap();
                let typed: Vec<&str> = list.split(',').map(str::trim).collect();
                assert_eq!(kept.items(), typed.as_slice(), "{list:?}");
                let page = get("/basket", &[&pair]).await;
                for item in typed {
                    assert!(
                        page.body
                            .contains(&format!(r#"<span class="item">{}</span>"#, escape(item))),
                        "{item:?}"
                    );
                }
            }
        }
    }
}

/// HTML text escaping as Leptos does it.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
