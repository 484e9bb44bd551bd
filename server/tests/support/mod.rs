//! Drives the real router in-process: no socket, no browser.

// Each test file uses its own part of these helpers.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

/// Every page route, and a path no route matches.
pub const EVERY_PAGE: [&str; 8] = [
    "/",
    "/customer",
    "/basket",
    "/cookies",
    "/storage",
    "/lecture",
    "/session",
    "/no/such/page",
];

/// What a test needs from a response.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text, without the hydration markers (see `send`).
    pub body: String,
}

impl Reply {
    /// The text of every element `selector` matches, in document order,
    /// read through a real HTML parser (entities decoded, tags gone).
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(selector).expect("a valid CSS selector");
        scraper::Html::parse_document(&self.body)
            .select(&selector)
            .map(|element| element.text().collect())
            .collect()
    }

    /// The attribute `name` of the one element `selector` matches.
    pub fn attribute(&self, selector: &str, name: &str) -> Option<String> {
        let parsed = scraper::Selector::parse(selector).expect("a valid CSS selector");
        let document = scraper::Html::parse_document(&self.body);
        let mut found = document.select(&parsed);
        let element = found.next().expect("an element");
        assert!(found.next().is_none(), "{selector} matched more than one");
        element.value().attr(name).map(str::to_owned)
    }

    /// The text of the one element `selector` matches.
    pub fn text(&self, selector: &str) -> String {
        let texts = self.texts(selector);
        assert_eq!(
            texts.len(),
            1,
            "{selector} matched {} elements",
            texts.len()
        );
        texts.into_iter().next().unwrap_or_default()
    }

    /// The path and query a redirect leads to on this site.
    pub fn redirect_path(&self) -> &str {
        let location = self.headers[header::LOCATION]
            .to_str()
            .expect("an ASCII Location");
        location.strip_prefix(SITE).unwrap_or(location)
    }

    /// Every `Set-Cookie` header of the response, in order, but the flash:
    /// a plain form post always carries its outcome to the next page in
    /// it (tests/flash.rs checks it), whatever else it did.
    pub fn set_cookies(&self) -> Vec<&str> {
        let flash = format!("{}=", app::shop_cookies::FLASH.name());
        let flash_over_https = format!("{}{flash}", app::cookies::HOST_PREFIX);
        self.every_set_cookie()
            .into_iter()
            .filter(|line| !line.starts_with(&flash) && !line.starts_with(&flash_over_https))
            .collect()
    }

    /// Every `Set-Cookie` header of the response, in order.
    pub fn every_set_cookie(&self) -> Vec<&str> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|value| value.to_str().expect("Set-Cookie is ASCII"))
            .collect()
    }

    /// The `name=value` pair of the one `Set-Cookie` line for `name`, as a
    /// browser would send it back.
    pub fn set_pair(&self, name: &str) -> Option<String> {
        let lines = self.set_cookies_for(name);
        assert!(lines.len() <= 1, "{lines:?}");
        let line = lines.first()?;
        Some(
            line.split_once(';')
                .map_or(*line, |(pair, _)| pair)
                .to_owned(),
        )
    }

    /// The `Set-Cookie` headers that set (or delete) the cookie `name`.
    pub fn set_cookies_for(&self, name: &str) -> Vec<&str> {
        let prefix = format!("{name}=");
        self.every_set_cookie()
            .into_iter()
            .filter(|line| line.starts_with(&prefix))
            .collect()
    }
}

/// The address the in-process router believes it serves (Leptos' default
/// site address), which redirects name.
pub const SITE: &str = "http://127.0.0.1:3000";

/// The build's output name as these tests configure it (the real one is
/// the project's name in Cargo.toml; in-process tests serve no files).
pub const OUTPUT_NAME: &str = "shop";

fn options() -> LeptosOptions {
    LeptosOptions::builder().output_name(OUTPUT_NAME).build()
}

/// The key every test router signs with, so that tests can sign and check
/// values as the shop does.
pub fn test_key() -> app::cookies::server_config::Key {
    static KEY: std::sync::LazyLock<app::cookies::server_config::Key> =
        std::sync::LazyLock::new(app::cookies::server_config::Key::generate);
    KEY.clone()
}

/// The default settings, signing with [`test_key`].
pub fn settings() -> server::config::Settings {
    use app::cookies::server_config::{CookieSettings, SecurePolicy};
    server::config::Settings::with_cookies(CookieSettings {
        key: test_key(),
        secure: SecurePolicy::Auto,
    })
}

/// `wire` signed for the cookie `name` as the test routers sign it.
pub fn sign(name: &str, wire: &str, lifetime: Option<time::Duration>) -> String {
    app::cookies::server_config::sign(&test_key(), name, wire, lifetime)
}

/// The value inside a signed cookie `name`, if its signature holds.
pub fn verify(name: &str, signed: &str) -> Option<String> {
    app::cookies::server_config::verify(&test_key(), name, signed)
}

/// The shop's router, as `main` serves it, built once per test binary:
/// building it renders the app to list its routes, and tests running in
/// parallel each doing that at once have been seen to hang.
pub fn router() -> axum::Router {
    static ROUTER: std::sync::OnceLock<axum::Router> = std::sync::OnceLock::new();
    ROUTER.get_or_init(|| router_with(settings())).clone()
}

/// The shop's router with other deployment settings. Only for a test
/// binary of one test: building a router while another test renders a page
/// has been seen to hang, too.
pub fn router_with(settings: server::config::Settings) -> axum::Router {
    let build = server::build_files::BuildFiles::name_once(options()).expect("no hashed names");
    server::router(build, settings)
}

/// `request` as if a reverse proxy on this machine (a trusted proxy by
/// default) had passed it on: the server records the peer of every
/// connection as axum's `ConnectInfo`.
pub fn from_local_proxy(request: Request<Body>) -> Request<Body> {
    from_peer("127.0.0.1:45678", request)
}

/// `request` as if it had come over a connection from `peer`.
pub fn from_peer(peer: &str, mut request: Request<Body>) -> Request<Body> {
    let peer: std::net::SocketAddr = peer.parse().expect("a socket address");
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    request
}

/// Sends one request through the shop's router.
pub async fn send(request: Request<Body>) -> Reply {
    send_through(router(), request).await
}

/// Sends one request through `router`.
pub async fn send_through(router: axum::Router, request: Request<Body>) -> Reply {
    let response = router
        .oneshot(request)
        .await
        .expect("the router never fails");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body can be read")
        .to_bytes();
    Reply {
        status,
        headers,
        // Leptos marks view boundaries with empty comments (`<!>`) for
        // hydration; the tests read the markup without them.
        body: String::from_utf8_lossy(&bytes).replace("<!>", ""),
    }
}

/// A `Cookie` header pair saying the shopper allowed every category, as
/// the consent banner's "Accept all" writes it.
pub fn consented_to_all() -> String {
    consent_pair(&app::consent::Consent::given_now(true, true))
}

/// The `Cookie` header pair of a consent answer.
pub fn consent_pair(answer: &app::consent::Consent) -> String {
    use app::cookies::CookieValue;
    format!("{}={}", app::shop_cookies::CONSENT.name(), answer.to_wire())
}

/// `GET path`, with the given `Cookie` header lines.
pub async fn get(path: &str, cookie_lines: &[&str]) -> Reply {
    get_through(&router(), path, cookie_lines).await
}

/// `GET path` through `router`, with the given `Cookie` header lines.
pub async fn get_through(router: &axum::Router, path: &str, cookie_lines: &[&str]) -> Reply {
    let mut request = Request::get(path);
    for line in cookie_lines {
        request = request.header(header::COOKIE, *line);
    }
    send_through(
        router.clone(),
        request.body(Body::empty()).expect("a valid request"),
    )
    .await
}

/// The `Host` the in-process requests name, as a browser on the lecture's
/// address sends it.
pub const SHOP_HOST: &str = "127.0.0.1:3000";

/// A form post as a browser without JavaScript sends it from the customer page.
pub async fn post_form(path: &str, form: &str) -> Reply {
    post_form_from("/customer", path, form, &[]).await
}

/// A form post from the page at `page`, with the given `Cookie` header lines.
pub async fn post_form_from(page: &str, path: &str, form: &str, cookie_lines: &[&str]) -> Reply {
    post_form_through(&router(), page, path, form, cookie_lines).await
}

/// The same form post, through `router`.
pub async fn post_form_through(
    router: &axum::Router,
    page: &str,
    path: &str,
    form: &str,
    cookie_lines: &[&str],
) -> Reply {
    let mut request = Request::post(path)
        .header(header::HOST, SHOP_HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, format!("{SITE}{page}"));
    for line in cookie_lines {
        request = request.header(header::COOKIE, *line);
    }
    let request = request
        .body(Body::from(form.to_owned()))
        .expect("a valid request");
    send_through(router.clone(), request).await
}

/// The page a redirect leads to, fetched with `cookie_lines` and the flash
/// cookie the post left (its outcome): what a browser without JavaScript
/// shows after posting a form.
pub async fn follow(reply: &Reply, cookie_lines: &[&str]) -> Reply {
    let flash = reply.set_pair(app::shop_cookies::FLASH.name());
    let mut lines = cookie_lines.to_vec();
    lines.extend(flash.as_deref());
    get(reply.redirect_path(), &lines).await
}

/// "Remember me" posted from the customer page without JavaScript.
pub async fn remember_me(form: &str, cookie_lines: &[&str]) -> Reply {
    post_form_from("/customer", "/api/remember_me", form, cookie_lines).await
}

/// Every endpoint that changes something, with a form it accepts.
pub const STATE_CHANGING: [(&str, &str); 7] = [
    ("/api/consent", "choice=all"),
    ("/api/remember_me", "name=ian"),
    ("/api/forget_me", ""),
    ("/api/basket", "lifetime=one-day&shopping=oil"),
    ("/api/inspect", ""),
    ("/api/start_session", "name=ian&idle=thirty-minutes"),
    ("/api/end_session", ""),
];

/// A post to `path` with the shopper's consent and `headers`, from a
/// browser without JavaScript (it asks for HTML).
pub fn post_with(path: &str, form: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, consented_to_all())
        .header(
            header::COOKIE,
            format!("{}=eve", app::shop_cookies::USERNAME.name()),
        );
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request
        .body(Body::from(form.to_owned()))
        .expect("a valid request")
}

/// The same-origin guard said no, said why, and nothing was written.
pub fn assert_refused(reply: &Reply, what: &str, path: &str) {
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{what}: {path}");
    assert!(
        reply.set_cookies().is_empty(),
        "{what}: {path}: nothing is written"
    );
    assert!(
        reply.body.contains("refused this form because"),
        "{what}: {path}: the page says why: {}",
        reply.body
    );
}

/// The request went through to the app, which answered it.
pub fn assert_accepted(reply: &Reply, what: &str, path: &str) {
    assert!(
        reply.status.as_u16() < 400,
        "{what}: {path}: {} {}",
        reply.status,
        reply.body
    );
}

/// The shop answered as over plain HTTP: the visit counter without
/// `Secure`, under its plain name, and no HSTS.
pub fn assert_answered_as_http(reply: &Reply) {
    let visits = reply.set_cookies_for(app::shop_cookies::VISITS.name());
    assert_eq!(visits.len(), 1, "{:?}", reply.set_cookies());
    assert!(!visits[0].contains("Secure"), "{}", visits[0]);
    assert!(!reply
        .headers
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
}

/// The shop answered as over HTTPS: the visit counter `Secure` and named
/// `__Host-…`, and HSTS.
pub fn assert_answered_as_https(reply: &Reply) {
    let name = format!("__Host-{}", app::shop_cookies::VISITS.name());
    let visits = reply.set_cookies_for(&name);
    assert_eq!(visits.len(), 1, "{:?}", reply.set_cookies());
    assert!(visits[0].contains("; Secure"), "{}", visits[0]);
    assert!(reply
        .headers
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
}

/// The records a SQLite session file holds now (the store's own table).
pub async fn session_records_in(file: &std::path::Path) -> i64 {
    use tower_sessions_sqlx_store::sqlx::{self, sqlite::SqlitePool};
    let pool = SqlitePool::connect(&format!("sqlite://{}", file.display()))
        .await
        .expect("the sessions' file opens");
    let count = sqlx::query_scalar("select count(*) from tower_sessions")
        .fetch_one(&pool)
        .await
        .expect("the sessions' table");
    pool.close().await;
    count
}

/// The `session=…` pair a response set, as the browser sends it back.
pub fn session_pair(reply: &Reply) -> String {
    reply
        .set_pair(app::shop_cookies::SESSION.name())
        .expect("a session cookie")
}

/// "Start session" posted without JavaScript through `router`, with `form`
/// and `cookie_lines`.
pub async fn start_session(router: &axum::Router, form: &str, cookie_lines: &[&str]) -> Reply {
    post_form_through(router, "/session", "/api/start_session", form, cookie_lines).await
}
