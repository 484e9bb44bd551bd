//! What the benchmark's yardsticks share (and the islands floor in
//! `end2end/bench/islands-floor/`, which includes this file): serving a
//! router the way the shop serves its own (see `server/src/serve.rs`), with
//! a one-line error.

use std::process::ExitCode;

use axum::Router;
use tokio::net::TcpListener;

/// Serves `router` on `address` until the process is stopped. Every accepted
/// connection gets `TCP_NODELAY`, like the shop's: without it a streamed
/// answer's last bytes would wait for the client's delayed ACK.
pub async fn serve(name: &str, address: &str, router: Router) -> ExitCode {
    let listener = match TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("{name}: cannot listen on {address}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = axum::serve::ListenerExt::tap_io(listener, |stream| {
        let _ = stream.set_nodelay(true);
    });
    match axum::serve(listener, router).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{name}: {error}");
            ExitCode::FAILURE
        }
    }
}
