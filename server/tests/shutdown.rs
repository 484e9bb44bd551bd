//! The real binary: a clear refusal on bad configuration, slow clients
//! dropped on time, and a graceful shutdown that finishes the request in
//! flight but never waits past its deadline.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// 64 random bytes in base64, as `COOKIE_SHOP_KEY` wants them.
const TEST_KEY: &str =
    "DCLBThxSCqYb0sRJssXzkkKSKSHR9yS90OZohsZg9jmdA1snMYmPqx62QCJ9kU2vHx/lR1Or9J305MawTcXmXg==";

fn shop(address: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env("LEPTOS_OUTPUT_NAME", "shop")
        .env("LEPTOS_SITE_ADDR", address)
        .env("RUST_LOG", "warn")
        .env("COOKIE_SHOP_KEY", TEST_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

fn free_address() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

fn connect_when_up(address: &str, child: &mut Child) -> TcpStream {
    for _ in 0..200 {
        if let Ok(stream) = TcpStream::connect(address) {
            return stream;
        }
        assert!(child.try_wait().unwrap().is_none(), "the shop exited early");
        sleep(Duration::from_millis(25));
    }
    panic!("the shop did not start on {address}");
}

fn stderr_of(command: &mut Command) -> (bool, String) {
    let output = command.output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_bad_address_is_refused_with_one_clear_line() {
    let (ok, stderr) = stderr_of(&mut shop("not-an-address"));
    assert!(!ok);
    assert!(stderr.contains("server: bad configuration"), "{stderr}");
    assert!(stderr.contains("LEPTOS_"), "{stderr}");
}

#[test]
fn a_bad_secure_policy_and_a_short_key_are_refused() {
    let (ok, stderr) = stderr_of(shop(&free_address()).env("COOKIE_SECURE", "sometimes"));
    assert!(!ok);
    assert!(
        stderr.contains("COOKIE_SECURE must be always, never or auto"),
        "{stderr}"
    );
    let passphrase = "a test secret that is long enough to derive a key";
    let (ok, stderr) = stderr_of(shop(&free_address()).env("COOKIE_SHOP_KEY", passphrase));
    assert!(!ok);
    assert!(
        stderr.contains("head -c 64 /dev/urandom | base64"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[test]
fn an_unreadable_key_file_is_refused_with_one_clear_line() {
    let folder = std::env::temp_dir().join(format!("shop-unreadable-{}", std::process::id()));
    // A folder where the key file should be cannot be read as a file.
    std::fs::create_dir_all(folder.join(format!("{}.key", app::PROJECT_NAME))).unwrap();
    let (ok, stderr) = stderr_of(
        shop(&free_address())
            .env_remove("COOKIE_SHOP_KEY")
            .env("COOKIE_SHOP_DATA", &folder),
    );
    std::fs::remove_dir_all(&folder).unwrap();
    assert!(!ok);
    assert!(stderr.contains("cannot read the key file"), "{stderr}");
}

#[test]
fn an_address_in_use_is_refused_with_one_clear_line() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let (ok, stderr) = stderr_of(&mut shop(&address));
    assert!(!ok);
    assert!(
        stderr.contains(&format!("server: cannot listen on {address}")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn sigterm_lets_the_request_in_flight_finish() {
    let address = free_address();
    let mut child = shop(&address).spawn().unwrap();
    let mut stream = connect_when_up(&address, &mut child);

    // Start a form post but hold back the end of its body: the request is in flight.
    let body = "choice=all";
    let head = format!(
        "POST /api/consent HTTP/1.1\r\nHost: {address}\r\nOrigin: http://{address}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body.as_bytes()[..4]).unwrap();
    sleep(Duration::from_millis(200));

    let terminated = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    sleep(Duration::from_millis(200));
    stream.write_all(&body.as_bytes()[4..]).unwrap();

    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "{}",
        answer.lines().next().unwrap_or_default()
    );
    assert!(
        answer.to_ascii_lowercase().contains("set-cookie: consent="),
        "{answer}"
    );
    let status = child.wait().unwrap();
    assert!(status.success(), "exited with {status}");
}

#[test]
fn a_bad_deployment_setting_is_refused_with_one_clear_line() {
    let (ok, stderr) = stderr_of(shop(&free_address()).env("HEADER_READ_TIMEOUT", "soon"));
    assert!(!ok);
    assert!(
        stderr
            .contains("server: bad configuration: HEADER_READ_TIMEOUT must be a number of seconds"),
        "{stderr}"
    );
}

/// A shop this test started; stopped when dropped, even by a failed assertion.
struct Started {
    child: Child,
    address: String,
}

impl Drop for Started {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the shop with `settings` and returns once it listens.
fn started(settings: &[(&str, &str)]) -> Started {
    let address = free_address();
    let mut command = shop(&address);
    command.envs(settings.iter().copied());
    let mut child = command.spawn().unwrap();
    connect_when_up(&address, &mut child);
    Started { child, address }
}

/// The timeouts the tests below set are one second (`"1"`), so the tests are
/// quick. They assert the order of events and that nothing happens sooner
/// than configured, never how soon: a slow machine must not fail them. Each
/// waits ten times the timeout before it calls the shop hung.
const TIMEOUT: Duration = Duration::from_secs(1);
const HANG_GUARD: Duration = Duration::from_secs(10);

/// Everything the server sends on `stream` until it closes the connection.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    stream.set_read_timeout(Some(HANG_GUARD)).unwrap();
    let mut answer = Vec::new();
    // Closed or reset: either way the server let go.
    if let Err(error) = stream.read_to_end(&mut answer) {
        let still_open = matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut);
        assert!(!still_open, "still open after {HANG_GUARD:?}");
    }
    answer
}

fn status_line(stream: &mut TcpStream) -> String {
    let answer = String::from_utf8_lossy(&read_until_closed(stream)).into_owned();
    answer.lines().next().unwrap_or("(no answer)").to_owned()
}

/// Whether the server holds `stream` open without having answered on it.
fn still_waiting(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let waiting = match stream.peek(&mut [0]) {
        Err(error) => error.kind() == ErrorKind::WouldBlock,
        Ok(_) => false,
    };
    stream.set_nonblocking(false).unwrap();
    waiting
}

#[test]
fn a_half_sent_request_is_dropped_after_the_header_timeout_while_others_are_answered() {
    // Kept alive far beyond the hang guard: only the header timeout drops it.
    let shop = started(&[("HEADER_READ_TIMEOUT", "1"), ("KEEP_ALIVE_TIMEOUT", "30")]);
    let address = &shop.address;
    let connected = Instant::now();
    let mut stuck = TcpStream::connect(address).unwrap();
    stuck.write_all(b"GET /customer HT").unwrap();

    let mut other = TcpStream::connect(address).unwrap();
    write!(
        other,
        "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    assert_eq!(status_line(&mut other), "HTTP/1.1 200 OK");
    assert!(
        still_waiting(&stuck),
        "the half-sent request was dropped before the other one was answered"
    );

    read_until_closed(&mut stuck);
    let held = connected.elapsed();
    assert!(held >= TIMEOUT, "dropped after {held:?}");
}

#[test]
fn an_idle_kept_alive_connection_is_closed_after_the_keep_alive_timeout() {
    let shop = started(&[("KEEP_ALIVE_TIMEOUT", "1"), ("HEADER_READ_TIMEOUT", "30")]);
    let address = &shop.address;
    let mut stream = TcpStream::connect(address).unwrap();
    let asked = Instant::now();
    write!(stream, "HEAD / HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
    let answer = String::from_utf8_lossy(&read_until_closed(&mut stream)).into_owned();
    let idle = asked.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(idle >= TIMEOUT, "closed after {idle:?}");
}

#[test]
fn a_body_that_stops_coming_is_answered_408() {
    let shop = started(&[("REQUEST_BODY_TIMEOUT", "1")]);
    let address = &shop.address;
    let mut stream = TcpStream::connect(address).unwrap();
    let asked = Instant::now();
    write!(
        stream,
        "POST /api/consent HTTP/1.1\r\nHost: {address}\r\nOrigin: http://{address}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\ncho"
    )
    .unwrap();
    assert_eq!(status_line(&mut stream), "HTTP/1.1 408 Request Timeout");
    let waited = asked.elapsed();
    assert!(waited >= TIMEOUT, "answered after {waited:?}");
}

#[test]
fn sigterm_with_a_stuck_client_ends_within_the_shutdown_deadline() {
    // The stuck client's own timeout is far beyond the hang guard: a shop
    // that waited for it instead of its shutdown deadline fails here.
    let mut shop = started(&[("HEADER_READ_TIMEOUT", "60"), ("SHUTDOWN_DEADLINE", "1")]);
    let mut stuck = TcpStream::connect(&shop.address).unwrap();
    stuck.write_all(b"POST /api/cons").unwrap();
    sleep(Duration::from_millis(200));

    let signalled = Instant::now();
    let terminated = Command::new("kill")
        .args(["-TERM", &shop.child.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    let mut exited = || shop.child.try_wait().unwrap();
    while exited().is_none() && signalled.elapsed() < HANG_GUARD {
        sleep(Duration::from_millis(20));
    }
    let status = exited();
    let waited = signalled.elapsed();
    assert!(
        status.is_some_and(|status| status.success()),
        "still running after {waited:?}"
    );
    // It gave the stuck client until the deadline.
    assert!(waited >= TIMEOUT, "ended after {waited:?}");
}

#[test]
fn at_the_connection_cap_the_next_connection_waits_until_one_closes() {
    let shop = started(&[
        ("MAX_CONNECTIONS", "2"),
        ("HEADER_READ_TIMEOUT", "30"),
        ("KEEP_ALIVE_TIMEOUT", "30"),
    ]);
    let address = &shop.address;
    // HEAD: answers without a body, so a kept-alive connection is ready at once.
    let request = format!("HEAD / HTTP/1.1\r\nHost: {address}\r\n\r\n");
    // Two kept-alive connections, each answered once: both are open now.
    let mut first = TcpStream::connect(address).unwrap();
    let mut second = TcpStream::connect(address).unwrap();
    for stream in [&mut first, &mut second] {
        stream.write_all(request.as_bytes()).unwrap();
        assert_eq!(first_line(stream), "HTTP/1.1 200 OK");
    }
    // The kernel completes the third connection; the shop does not take it.
    let mut third = TcpStream::connect(address).unwrap();
    write!(
        third,
        "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // A request sent after the third's is answered on an open connection…
    second.write_all(request.as_bytes()).unwrap();
    assert_eq!(first_line(&mut second), "HTTP/1.1 200 OK");
    // …while the third still waits.
    assert!(
        still_waiting(&third),
        "the third connection was served at the cap"
    );
    drop(first);
    assert_eq!(status_line(&mut third), "HTTP/1.1 200 OK");
}

/// The first line of the next response, to a `HEAD`, on a kept-alive `stream`.
fn first_line(stream: &mut TcpStream) -> String {
    stream.set_read_timeout(Some(HANG_GUARD)).unwrap();
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") {
        stream
            .read_exact(&mut byte)
            .expect("a response within the hang guard");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    head.lines().next().unwrap_or_default().to_owned()
}
