//! The `server` binary: serves the shop on `LEPTOS_SITE_ADDR` (127.0.0.1:3000
//! unless moved), configured by cargo-leptos' `LEPTOS_*` variables, the
//! cookie variables and the deployment settings of `config.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use app::cookies::server_config::{self, load_key, ConfigError, SecurePolicy, ServerCookies};
use leptos::config::get_configuration;
use server::build_files::BuildFiles;
use server::config::Settings;
use tokio::{net::TcpListener, signal};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates many small, short-lived objects; mimalloc
// serves them faster than the system allocator (see docs/performance.md).
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
    configure_cookies()?;
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

/// The cookie signing key (`COOKIE_SHOP_KEY`, else the key file
/// `<project name>.key` in `COOKIE_SHOP_DATA`, default `data/`) and the
/// `Secure` policy (`COOKIE_SECURE`: always, never or auto).
fn configure_cookies() -> Result<(), String> {
    let bad = |error: ConfigError| format!("bad configuration: {error}");
    let secure = match std::env::var("COOKIE_SECURE") {
        Ok(policy) => policy.parse().map_err(bad)?,
        Err(_) => SecurePolicy::Auto,
    };
    let secret = std::env::var("COOKIE_SHOP_KEY").ok();
    let folder =
        std::env::var_os("COOKIE_SHOP_DATA").map_or_else(|| PathBuf::from("data"), PathBuf::from);
    let key_file = folder.join(key_file_name());
    let key = load_key(secret.as_deref(), &key_file).map_err(bad)?;
    server_config::configure(ServerCookies { key, secure }).map_err(bad)
}

/// The key file's name: the project's name and `.key` (`my-shop.key` for
/// a project named `my-shop`).
fn key_file_name() -> String {
    format!("{}.key", app::PROJECT_NAME)
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
