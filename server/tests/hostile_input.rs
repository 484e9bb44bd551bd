//! Hostile form input: each is refused with a clear message, or kept and
//! shown back exactly (escaped) — never a header injection, a broken page
//! or a lost basket.

mod support;

use app::basket::Basket;
use app::cookies::codec::{pairs, values_of};
use app::cookies::CookieValue;
use app::shop_cookies::{BASKET, USERNAME};
use axum::http::StatusCode;
use support::{consented_to_all, follow, get, post_form_from, remember_me};

/// The first value sent under `name` in a `Cookie` header, as the shop reads it.
fn find(header: &str, name: &str) -> Option<String> {
    values_of(&pairs(header), name).next().map(str::to_owned)
}

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

/// The items the basket page lists.
const BASKET_ITEMS: &str = "[data-testid=basket-item] .item";

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
        let reply = remember_me(&form, &[&consent]).await;
        assert_eq!(reply.status, StatusCode::FOUND, "{name:?}");
        assert!(reply.headers.get_all("admin").iter().next().is_none());
        match refusal {
            Some(message) => {
                assert_eq!(reply.set_pair(USERNAME.name()), None, "{name:?}");
                assert!(
                    follow(&reply, &[&consent]).await.body.contains(message),
                    "{name:?}"
                );
            }
            None => {
                let pair = reply.set_pair(USERNAME.name()).expect("a cookie");
                let wire = find(&pair, USERNAME.name()).unwrap();
                assert_eq!(
                    String::from_wire(&wire).as_deref(),
                    Ok(name.trim()),
                    "{name:?}"
                );
                let page = get("/customer", &[&consent, &pair]).await;
                let shown = format!("Welcome back, {}", name.trim());
                assert_eq!(
                    page.text("[data-testid=greeting]").trim(),
                    shown,
                    "{name:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn five_kilobytes_of_name_are_refused() {
    let form = format!("name={}", "n".repeat(5 * 1024));
    let reply = remember_me(&form, &[&consented_to_all()]).await;
    assert!(reply.set_cookies().is_empty());
    assert!(follow(&reply, &[])
        .await
        .body
        .contains("at most 64 characters"));
}

#[tokio::test]
async fn hostile_basket_items_are_refused_or_kept_exactly_and_the_basket_is_never_lost() {
    let previous = format!("{}=oil,bolt", BASKET.name());
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
                assert_eq!(reply.set_pair(BASKET.name()), None, "{list:?}");
                let page = follow(&reply, &[&previous]).await;
                assert!(page.body.contains(message), "{list:?}: {message}");
                assert_eq!(
                    page.texts(BASKET_ITEMS),
                    ["oil", "bolt"],
                    "{list:?}: basket lost"
                );
            }
            None => {
                let pair = reply.set_pair(BASKET.name()).expect("a cookie");
                let kept = Basket::from_wire(&find(&pair, BASKET.name()).unwrap()).unwrap();
                let typed: Vec<&str> = list.split(',').map(str::trim).collect();
                assert_eq!(kept.items(), typed.as_slice(), "{list:?}");
                let page = get("/basket", &[&pair]).await;
                assert_eq!(page.texts(BASKET_ITEMS), typed, "{list:?}");
            }
        }
    }
}
