//! The session stores under strain: a store that cannot be reached (at
//! start-up too) makes `/session` answer 503 with a sentence naming it while
//! every other page works, and it works again once the store is back; the
//! SQLite store's periodic sweep deletes expired records nobody reads; and
//! Redis, shared by two instances, holds one session for both and expires
//! it itself. One test with its own routers (see `support::router`).

mod support;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::http::StatusCode;
use server::session_store::StoreChoice;
use support::{get_through, post_form_through, session_pair, session_records_in, start_session};

fn folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// A Redis server of the test's own, as an ordinary process.
struct Redis {
    process: Child,
    port: u16,
    _folder: PathBuf,
}

impl Redis {
    fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let folder = folder("shop-redis");
        let process = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
            ])
            .args(["--appendonly", "no", "--daemonize", "no", "--dir"])
            .arg(&folder)
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server (tools/setup.sh --tests installs it)");
        let redis = Self {
            process,
            port,
            _folder: folder,
        };
        for _ in 0..200 {
            if redis.cli(&["ping"]) == "PONG" {
                return redis;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("redis-server did not start on port {port}");
    }

    fn cli(&self, args: &[&str]) -> String {
        let output = Command::new("redis-cli")
            .args(["-p", &self.port.to_string()])
            .args(args)
            .output()
            .expect("redis-cli");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    fn keys(&self) -> String {
        self.cli(&["dbsize"])
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

#[tokio::test]
async fn unreachable_stores_sweeps_and_redis_for_several_instances() {
    // A file whose folder cannot be made (a file is in the way), at start-up.
    let base = folder("shop-unwritable");
    let blocked = base.join("blocked");
    std::fs::write(&blocked, "not a folder").unwrap();
    let file = blocked.join("sessions.sqlite");
    let mut settings = support::settings();
    settings.session_store = StoreChoice::Sqlite(file.clone());
    let router = support::router_with(settings);
    let page = get_through(&router, "/session", &[]).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    let sentence = page.text("[data-testid=session-unavailable]");
    // The file by name; its folder only in the log, never on the page.
    assert!(
        sentence.contains("sessions.sqlite in the shop's data folder"),
        "{sentence}"
    );
    assert!(
        !sentence.contains(&base.display().to_string()),
        "{sentence}"
    );
    for other in ["/", "/customer", "/basket", "/cookies"] {
        assert_eq!(
            get_through(&router, other, &[]).await.status,
            StatusCode::OK,
            "{other}"
        );
    }
    // The store comes back: the same server uses it.
    std::fs::remove_file(&blocked).unwrap();
    std::fs::create_dir_all(&blocked).unwrap();
    let started = start_session(&router, "name=Ada&idle=thirty-minutes", &[]).await;
    let pair = session_pair(&started);
    let page = get_through(&router, "/session", &[&pair]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("[data-testid=session-title]"), "Session of Ada");

    // The sweep deletes what nobody reads again.
    let file = base.join("swept.sqlite");
    let mut settings = support::settings();
    settings.session_store = StoreChoice::Sqlite(file.clone());
    settings.session_times.demo_idle = 1;
    settings.session_sweep = Duration::from_millis(300);
    let router = support::router_with(settings);
    start_session(&router, "name=Ada&idle=twenty-seconds", &[]).await;
    assert_eq!(session_records_in(&file).await, 1);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(
        session_records_in(&file).await,
        0,
        "swept without being read"
    );

    // Redis: two instances share one session, and Redis expires it itself.
    let redis = Redis::start();
    let url = format!("redis://127.0.0.1:{}", redis.port);
    let instance = || {
        let mut settings = support::settings();
        settings.session_store = StoreChoice::Redis(url.clone());
        settings.session_times.demo_idle = 1;
        support::router_with(settings)
    };
    let (one, two) = (instance(), instance());
    let started = start_session(&one, "name=Grace&idle=thirty-minutes", &[]).await;
    assert!(started.status.is_redirection(), "{}", started.body);
    let pair = session_pair(&started);
    assert_eq!(redis.keys(), "1");
    let seen = get_through(&two, "/session", &[&pair]).await;
    assert_eq!(seen.text("[data-testid=session-title]"), "Session of Grace");
    post_form_through(&two, "/session", "/api/end_session", "", &[&pair]).await;
    assert_eq!(redis.keys(), "0");
    let gone = get_through(&one, "/session", &[&pair]).await;
    assert_eq!(gone.text("[data-testid=session-title]"), "No session");

    start_session(&one, "name=Linus&idle=twenty-seconds", &[]).await;
    assert_eq!(redis.keys(), "1");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(redis.keys(), "0", "Redis expired the record itself");

    // Redis down: 503 naming it; the rest of the shop works.
    drop(redis);
    let page = get_through(&one, "/session", &[&pair]).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    let said = page.text("[data-testid=session-unavailable]");
    assert!(said.contains("Redis"), "{said}");
    assert!(
        !said.contains("redis://"),
        "no address, which may carry a password: {said}"
    );
    assert_eq!(
        get_through(&one, "/customer", &[]).await.status,
        StatusCode::OK
    );
    let _ = std::fs::remove_dir_all(&base);
}
