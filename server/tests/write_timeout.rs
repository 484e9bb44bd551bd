//! A client that stops reading a response is dropped once a write has
//! waited `RESPONSE_WRITE_TIMEOUT`: the shop's own serving code over a real
//! socket, with a response far larger than the kernel's buffers.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::time::Duration;

use axum::routing::get;
use axum::Router;

const LARGE: usize = 64 * 1024 * 1024;
const WRITE_TIMEOUT: Duration = Duration::from_millis(500);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = Router::new().route("/large", get(|| async { vec![b'x'; LARGE] }));
    let mut settings = support::settings();
    settings.write_timeout = WRITE_TIMEOUT;
    tokio::spawn(async move {
        server::serve::serve(listener, router, &settings, std::future::pending()).await;
    });

    let received = tokio::task::spawn_blocking(move || {
        let mut client = std::net::TcpStream::connect(address).unwrap();
        write!(client, "GET /large HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        // Not reading: the shop's writes stall once the buffers are full.
        // Ten times the timeout, so that a slow machine still sees it pass.
        std::thread::sleep(WRITE_TIMEOUT * 10);
        client
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut received = Vec::new();
        match client.read_to_end(&mut received) {
            Ok(_) => {}
            Err(error) => assert!(
                !matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
                "the connection was still open: {error}"
            ),
        }
        received.len()
    })
    .await
    .unwrap();
    assert!(
        received < LARGE,
        "the whole response arrived ({received} bytes): the stalled connection was kept"
    );
}
