//! The `server` binary: serves the shop on `LEPTOS_SITE_ADDR` (127.0.0.1:3000
//! unless moved), configured by cargo-leptos' `LEPTOS_*` variables and the
//! shop's own settings (`config.rs`).

use std::process::ExitCode;

use leptos::config::get_configuration;
use server::build_files::BuildFiles;
use server::config::Settings;
use tokio::{net::TcpListener, signal};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates many small, short-lived objects, which mimalloc serves faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();

    match serve().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve() -> Result<(), String> {
    let options = get_configuration(None)
        .map_err(|error| {
            format!("bad configuration in the LEPTOS_* environment variables: {error}")
        })?
        .leptos_options;
    let settings = Settings::from_env().map_err(|error| format!("bad configuration: {error}"))?;
    // Before listening: a build whose files cannot be named is not served.
    let build = BuildFiles::name_once(options).map_err(|error| error.to_string())?;
    let address = build.options.site_addr;
    let listener = TcpListener::bind(address).await.map_err(|error| {
        format!("cannot listen on {address}: {error} (set LEPTOS_SITE_ADDR to use another address)")
    })?;

    println!("{} is serving on http://{address}", app::SHOP_NAME);
    let router = server::router(build, settings.clone());
    server::serve::serve(listener, router, &settings, shutdown_requested()).await;
    tracing::info!("shut down");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests are then finished
/// before `serve` returns, for at most `SHUTDOWN_DEADLINE`.
async fn shutdown_requested() {
    let ctrl_c = async {
        if signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match signal::unix::signal(signal::unix::SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing requests in flight");
}
