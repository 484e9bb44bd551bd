//! Where server-held sessions are kept (`SESSION_STORE`): a SQLite file in
//! the data folder by default, so a session outlives a restart; `memory`,
//! lost at restart; or Redis, shared by every instance. The stores are the
//! `tower-sessions` family's own; the shop's cookie module writes the
//! cookie (see `app::session`).
//!
//! The server starts whatever the store's state: a store that cannot be
//! reached makes `/session` answer 503 until it can, and nothing else.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use app::session::{SessionTimes, Sessions};
use async_trait::async_trait;
use fred::prelude::{ClientLike, Config, ReconnectPolicy};
use tokio::sync::OnceCell;
use tower_sessions_core::session::{Id, Record};
use tower_sessions_core::session_store::{self, ExpiredDeletion};
use tower_sessions_core::SessionStore;
use tower_sessions_memory_store::MemoryStore;
use tower_sessions_redis_store::RedisStore;
use tower_sessions_sqlx_store::sqlx::sqlite::SqliteConnectOptions;
use tower_sessions_sqlx_store::SqliteStore;

/// Which store keeps the sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreChoice {
    /// A SQLite file (the default: `sessions.sqlite` in `COOKIE_SHOP_DATA`).
    Sqlite(PathBuf),
    /// The server's memory: gone at restart.
    Memory,
    /// A Redis server, `redis://host:port`.
    Redis(String),
}

impl StoreChoice {
    /// In words, for the log: where exactly.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("the SQLite file {}", path.display()),
            Self::Memory => "the server's memory, which a restart empties".to_owned(),
            Self::Redis(url) => format!("Redis at {url}"),
        }
    }

    /// In words, for the session page: the kind of store, never the
    /// server's folders or a Redis address (which may carry a password).
    pub fn describe_to_shoppers(&self) -> String {
        match self {
            Self::Sqlite(path) => {
                let file = path.file_name().unwrap_or_default().to_string_lossy();
                format!("a SQLite file, {file} in the shop's data folder")
            }
            Self::Memory => self.describe(),
            Self::Redis(_) => "Redis, shared by every instance of the shop".to_owned(),
        }
    }
}

/// How long a store may take to answer before it counts as unreachable.
const STORE_TIMEOUT: Duration = Duration::from_secs(2);

/// Opens the chosen store for `times`, without waiting for it: a SQLite
/// file that cannot be written, or a Redis that is down, is retried on use.
/// Expired SQLite rows are swept every `sweep_every`; Redis expires its own.
pub fn open(choice: &StoreChoice, times: SessionTimes, sweep_every: Duration) -> Sessions {
    let described = choice.describe();
    tracing::info!("sessions are kept in {described}");
    let store: Arc<dyn SessionStore> = match choice {
        StoreChoice::Memory => Arc::new(MemoryStore::default()),
        StoreChoice::Sqlite(path) => {
            let store = SqliteFile::open(path);
            tokio::spawn(store.clone().sweep_every(sweep_every));
            Arc::new(store)
        }
        StoreChoice::Redis(url) => match redis(url) {
            Ok(store) => Arc::new(store),
            Err(error) => {
                tracing::warn!(%error, "cannot use {described}");
                Arc::new(Unreachable)
            }
        },
    };
    Sessions::new(store, times, &choice.describe_to_shoppers())
}

/// A Redis pool that connects in the background and reconnects for ever;
/// a command waits at most [`STORE_TIMEOUT`].
fn redis(url: &str) -> Result<RedisStore<fred::prelude::Pool>, fred::error::Error> {
    let mut config = Config::from_url(url)?;
    // Wait for a connection (up to the timeout) rather than fail at once.
    config.fail_fast = false;
    let pool = fred::types::Builder::from_config(config)
        .with_connection_config(|connection| connection.connection_timeout = STORE_TIMEOUT)
        .with_performance_config(|performance| performance.default_command_timeout = STORE_TIMEOUT)
        .set_policy(ReconnectPolicy::new_constant(0, 500))
        .build_pool(2)?;
    // In the background: the server starts while Redis is down, and the
    // pool keeps reconnecting by its policy.
    let connecting = pool.clone();
    tokio::spawn(async move {
        if let Err(error) = connecting.init().await {
            tracing::warn!(%error, "Redis is not reachable yet");
        }
    });
    Ok(RedisStore::new(pool))
}

/// The SQLite store, whose table is made on first use that succeeds (the
/// file may not be writable when the server starts).
#[derive(Debug, Clone)]
struct SqliteFile {
    store: SqliteStore,
    migrated: Arc<OnceCell<()>>,
}

impl SqliteFile {
    fn open(path: &std::path::Path) -> Self {
        if let Some(folder) = path.parent() {
            // Failing here shows as an unreachable store on first use.
            let _ = std::fs::create_dir_all(folder);
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .busy_timeout(STORE_TIMEOUT);
        // SQLite writes one at a time; a few connections (each with its own
        // thread and page cache) serve the reads.
        let pool = tower_sessions_sqlx_store::sqlx::pool::PoolOptions::new()
            .max_connections(2)
            .acquire_timeout(STORE_TIMEOUT)
            .connect_lazy_with(options);
        Self {
            store: SqliteStore::new(pool),
            migrated: Arc::new(OnceCell::new()),
        }
    }

    /// The store, its table made if it is not yet.
    async fn ready(&self) -> session_store::Result<&SqliteStore> {
        self.migrated
            .get_or_try_init(|| async {
                self.store
                    .migrate()
                    .await
                    .map_err(|error| session_store::Error::Backend(error.to_string()))
            })
            .await?;
        Ok(&self.store)
    }

    async fn sweep_every(self, period: Duration) {
        loop {
            tokio::time::sleep(period).await;
            let swept = match self.ready().await {
                Ok(store) => store.delete_expired().await,
                Err(error) => Err(error),
            };
            if let Err(error) = swept {
                tracing::debug!(%error, "expired sessions not swept this time");
            }
        }
    }
}

#[async_trait]
impl SessionStore for SqliteFile {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.ready().await?.create(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.ready().await?.save(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.ready().await?.load(id).await
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.ready().await?.delete(id).await
    }
}

/// A store whose address could not even be understood: every use fails.
#[derive(Debug)]
struct Unreachable;

#[async_trait]
impl SessionStore for Unreachable {
    async fn save(&self, _: &Record) -> session_store::Result<()> {
        Err(session_store::Error::Backend("unusable address".to_owned()))
    }

    async fn load(&self, _: &Id) -> session_store::Result<Option<Record>> {
        Err(session_store::Error::Backend("unusable address".to_owned()))
    }

    async fn delete(&self, _: &Id) -> session_store::Result<()> {
        Err(session_store::Error::Backend("unusable address".to_owned()))
    }
}
