//! The real binary: a clear refusal on bad configuration, and a graceful
//! shutdown that finishes the request in flight.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

fn shop(address: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env("LEPTOS_OUTPUT_NAME", "shop")
        .env("LEPTOS_SITE_ADDR", address)
        .env("RUST_LOG", "warn")
        .env(
            "COOKIE_SHOP_KEY",
            "a test secret that is long enough to derive a key",
        )
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
    let (ok, stderr) = stderr_of(shop(&free_address()).env("COOKIE_SHOP_KEY", "short"));
    assert!(!ok);
    assert!(stderr.contains("at least 32 characters"), "{stderr}");
}

#[test]
fn an_unreadable_key_file_is_refused_with_one_clear_line() {
    let folder =
        std::env::temp_dir().join(format!("cookie-shop-unreadable-{}", std::process::id()));
    // A folder where the key file should be cannot be read as a file.
    std::fs::create_dir_all(folder.join("cookie-shop.key")).unwrap();
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
