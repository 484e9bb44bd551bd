//! The HTTP server under the router. `axum::serve` would wait for ever on
//! a client that sends half a request and stops, so the shop accepts
//! connections itself and serves each with hyper, which can time out:
//!
//! * a request's head must arrive within `HEADER_READ_TIMEOUT` (hyper
//!   counts from when it is ready for the request);
//! * a connection with no request in flight is closed after
//!   `KEEP_ALIVE_TIMEOUT`;
//! * a client that stops reading a response is dropped once a write has
//!   waited `RESPONSE_WRITE_TIMEOUT`;
//! * at most `MAX_CONNECTIONS` are open at once: at the cap the server
//!   stops accepting (new ones wait in the kernel's queue) until one closes;
//! * on shutdown, new connections are refused, idle ones closed, requests
//!   in flight finished — and whatever is still open after
//!   `SHUTDOWN_DEADLINE` is dropped, so a stuck client cannot hold the
//!   server up.
//!
//! The body's own limits are in `limits.rs`.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore};
use tokio_io_timeout::TimeoutStream;
use tower::ServiceExt;

use crate::config::Settings;

/// Serves `router` on `listener` until `shutdown` resolves, then lets the
/// requests in flight finish for at most the shutdown deadline.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    settings: &Settings,
    shutdown: impl Future<Output = ()>,
) {
    // Every connection holds a receiver; the sender tells them to close,
    // and learns when the last one has.
    let (closing, connections) = watch::channel(());
    let open = Arc::new(Semaphore::new(settings.max_connections));
    let mut shutdown = pin!(shutdown);
    loop {
        // A place for one more connection before accepting it.
        let place = tokio::select! {
            place = open.clone().acquire_owned() => match place {
                Ok(place) => place,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(error) => {
                    // Out of file descriptors, say: wait rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let connection = Connection {
            router: router.clone(),
            peer,
            header_read_timeout: settings.header_read_timeout,
            keep_alive_timeout: settings.keep_alive_timeout,
            write_timeout: settings.write_timeout,
            closing: connections.clone(),
            _place: place,
        };
        tokio::spawn(connection.serve(stream));
    }
    drop(listener);
    drop(connections);
    closing.send_replace(());
    let deadline = settings.shutdown_deadline;
    if tokio::time::timeout(deadline, closing.closed())
        .await
        .is_err()
    {
        tracing::warn!(
            open = closing.receiver_count(),
            "connections still open at the shutdown deadline ({deadline:?}) are dropped"
        );
    }
}

/// One client's connection.
struct Connection {
    router: Router,
    peer: SocketAddr,
    header_read_timeout: Duration,
    keep_alive_timeout: Duration,
    write_timeout: Duration,
    closing: watch::Receiver<()>,
    /// Held while the connection is open (see `MAX_CONNECTIONS`).
    _place: OwnedSemaphorePermit,
}

impl Connection {
    async fn serve(mut self, stream: TcpStream) {
        // Small responses go out at once instead of waiting for an ACK.
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::default());
        let service = {
            let (router, peer, activity) = (self.router.clone(), self.peer, activity.clone());
            hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                // Handlers and middleware find the peer as axum's `ConnectInfo`.
                request.extensions_mut().insert(ConnectInfo(peer));
                let busy = activity.begin();
                let response = router.clone().oneshot(request);
                async move {
                    let response = response.await;
                    drop(busy);
                    response
                }
            })
        };
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(self.header_read_timeout);
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(self.write_timeout));
        let stream = TokioIo::new(Box::pin(stream));
        let mut connection = pin!(http.serve_connection(stream, service));
        let mut closing = false;
        loop {
            tokio::select! {
                ended = connection.as_mut() => {
                    if let Err(error) = ended {
                        tracing::debug!(peer = %self.peer, %error, "connection ended");
                    }
                    return;
                }
                _ = self.closing.changed(), if !closing => {
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
                () = activity.idle_for(self.keep_alive_timeout), if !closing => {
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

/// How many requests of one connection are being answered.
#[derive(Default)]
struct Activity {
    in_flight: AtomicUsize,
    changed: Notify,
}

impl Activity {
    /// Counts a request until the returned guard is dropped.
    fn begin(self: &Arc<Self>) -> Busy {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_waiters();
        Busy(self.clone())
    }

    /// Resolves once no request has been in flight for `limit`.
    async fn idle_for(&self, limit: Duration) {
        loop {
            // Created before the check, so a change in between is not missed.
            let changed = self.changed.notified();
            if self.in_flight.load(Ordering::SeqCst) > 0 {
                changed.await;
            } else if tokio::time::timeout(limit, changed).await.is_err() {
                return;
            }
        }
    }
}

struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.changed.notify_waiters();
    }
}
