//! A server-held session on the default store, a SQLite file: it starts
//! with a new random id in an `HttpOnly` cookie, is found again by that id,
//! ends — its record deleted — when the shopper ends it or it sits idle,
//! and an unknown id is no session. The tests look into the file itself.
//! One test with its own router (see `support::router`).

mod support;

use std::path::PathBuf;
use std::time::Duration;

use app::shop_cookies::SESSION;
use axum::http::StatusCode;
use server::session_store::StoreChoice;
use support::{get_through, post_form_through, session_pair, session_records_in, start_session};

fn temporary_file(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    folder.join("sessions.sqlite")
}

#[tokio::test]
async fn a_session_starts_is_found_ends_and_leaves_nothing_in_the_store() {
    let file = temporary_file("shop-sessions");
    let mut settings = support::settings();
    settings.session_store = StoreChoice::Sqlite(file.clone());
    settings.session_times.demo_idle = 1;
    settings.session_sweep = Duration::from_secs(3600);
    let router = support::router_with(settings);

    // Nothing is stored, and no cookie set, before the shopper asks.
    let page = get_through(&router, "/session", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("[data-testid=session-title]"), "No session");
    assert!(page.set_cookies().is_empty(), "{:?}", page.set_cookies());
    // The page names the kind of store, never the server's folders.
    let store = page.text("[data-testid=session-store]");
    assert!(
        store.contains("a SQLite file, sessions.sqlite in the shop's data folder"),
        "{store}"
    );
    assert!(
        !store.contains(&*file.parent().unwrap().to_string_lossy()),
        "{store}"
    );

    // Start: an HttpOnly, Lax, site-wide cookie whose value never appears in a body.
    let started = start_session(&router, "name=Ada&idle=thirty-minutes", &[]).await;
    let line = started.set_cookies_for(SESSION.name())[0].to_owned();
    assert!(line.contains("; HttpOnly"), "{line}");
    assert!(line.contains("; SameSite=Lax"), "{line}");
    assert!(line.contains("; Path=/"), "{line}");
    let pair = session_pair(&started);
    let id = pair.split_once('=').unwrap().1.to_owned();
    assert_eq!(id.len(), 22, "128 bits in base64: {id}");
    assert_eq!(session_records_in(&file).await, 1);

    // The inspector shows it like the other HttpOnly cookie: name and size.
    let inspected = get_through(&router, "/cookies", &[&pair]).await;
    let received = inspected.text("[data-testid=server-received]");
    assert!(
        received.contains("session (HttpOnly: 22 bytes)"),
        "{received}"
    );
    assert!(!inspected.body.contains(&id));

    // Seen again within a twentieth of its 30 minutes: "last seen" is not rewritten.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let page = get_through(&router, "/session", &[&pair]).await;
    assert_eq!(page.text("[data-testid=session-title]"), "Session of Ada");
    assert_eq!(page.text("[data-testid=session-name]"), "Ada");
    assert_eq!(
        page.text("[data-testid=session-last-seen]"),
        page.text("[data-testid=session-started]")
    );
    assert!(
        page.set_cookies_for(SESSION.name()).is_empty(),
        "nothing written"
    );
    assert!(!page.body.contains(&id), "the id never appears in a page");
    assert!(page
        .text("[data-testid=session-cookie-line]")
        .contains("bytes, hidden"));

    // Starting again gives a new id, and the old record is gone.
    let again = start_session(&router, "name=Ada&idle=thirty-minutes", &[&pair]).await;
    let second = session_pair(&again);
    assert_ne!(second, pair, "a new id every time a session starts");
    assert_eq!(session_records_in(&file).await, 1);
    let old = get_through(&router, "/session", &[&pair]).await;
    assert_eq!(old.text("[data-testid=session-title]"), "No session");

    // End, without JavaScript: the record is deleted, and the cookie kept a
    // minute, empty, for the page the browser is sent back to, which says
    // the session ended and deletes it.
    let ended = post_form_through(&router, "/session", "/api/end_session", "", &[&second]).await;
    assert_eq!(session_records_in(&file).await, 0);
    let marker = session_pair(&ended);
    assert_eq!(marker, format!("{}=", SESSION.name()));
    let page = get_through(&router, "/session", &[&marker]).await;
    assert_eq!(page.text("[data-testid=session-title]"), "No session");
    assert!(page.text("[data-testid=session-ended]").contains("deleted"));
    assert!(page.set_cookies_for(SESSION.name())[0].contains("Max-Age=0"));
    let page = get_through(&router, "/session", &[&second]).await;
    assert_eq!(page.text("[data-testid=session-title]"), "No session");

    // End from the page's script: the cookie is deleted at once.
    let third = start_session(&router, "name=Ada&idle=thirty-minutes", &[]).await;
    let third = session_pair(&third);
    let request = axum::http::Request::post("/api/end_session")
        .header("host", support::SHOP_HOST)
        .header("origin", support::SITE)
        .header("accept", "application/json")
        .header("cookie", third.as_str())
        .body(axum::body::Body::empty())
        .unwrap();
    let ended = support::send_through(router.clone(), request).await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert!(ended.set_cookies_for(SESSION.name())[0].contains("Max-Age=0"));
    assert_eq!(session_records_in(&file).await, 0);

    // Idle past its time (one second here): never used, deleted when read.
    let short = start_session(&router, "name=Grace&idle=twenty-seconds", &[]).await;
    let pair = session_pair(&short);
    assert_eq!(session_records_in(&file).await, 1);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let page = get_through(&router, "/session", &[&pair]).await;
    assert_eq!(page.text("[data-testid=session-title]"), "No session");
    assert!(page.text("[data-testid=session-ended]").contains("deleted"));
    assert!(page.set_cookies_for(SESSION.name())[0].contains("Max-Age=0"));
    assert_eq!(session_records_in(&file).await, 0);

    // A tampered or unknown id is no session, and the browser forgets it.
    for forged in ["session=AAAAAAAAAAAAAAAAAAAAAA", "session=not-an-id"] {
        let page = get_through(&router, "/session", &[forged]).await;
        assert_eq!(
            page.text("[data-testid=session-title]"),
            "No session",
            "{forged}"
        );
        assert!(
            page.set_cookies_for(SESSION.name())[0].contains("Max-Age=0"),
            "{forged}"
        );
    }

    // A page that does not use the session never touches it.
    let elsewhere = get_through(&router, "/customer", &["session=AAAAAAAAAAAAAAAAAAAAAA"]).await;
    assert!(elsewhere.set_cookies_for(SESSION.name()).is_empty());
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}
