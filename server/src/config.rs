//! Every setting the shop defines, in one place: the cookie key and
//! `Secure` policy, which proxies it believes, the address shoppers use,
//! and the limits that keep slow or oversized clients from tying it up.
//! Read once from environment variables; every one has a default that suits
//! `http://127.0.0.1:3000`, and the README's configuration table lists them.
//! (Leptos reads its own `LEPTOS_*` variables; `RUST_LOG` sets the log.)

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use app::cookies::server_config::{load_key, CookieSettings, SecurePolicy};
use app::cookies::PublicOrigin;

use crate::request_origin::{parse_origin, ForwardedHeaders, TrustedProxies};
use crate::session_store::StoreChoice;
use app::session::SessionTimes;

/// The longest any timeout may be set to: longer would hold a connection
/// for nothing (and overflow a timer far beyond).
const LONGEST_TIMEOUT: Duration = Duration::from_secs(60 * 60);
/// The largest request body the shop can be told to read.
const LARGEST_BODY: usize = 1024 * 1024;
/// The longest `Strict-Transport-Security` the shop sends: two years.
const LONGEST_HSTS: u64 = 2 * 365 * 24 * 60 * 60;
/// The most connections the shop can be told to keep open at once.
const MOST_CONNECTIONS: usize = 1 << 20;

/// Everything the server needs to know about its deployment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The key that signs server-only cookies (`COOKIE_SHOP_KEY`, else a key
    /// file in `COOKIE_SHOP_DATA`) and when cookies get `Secure`
    /// (`COOKIE_SECURE`).
    pub cookies: Arc<CookieSettings>,
    /// Peers whose forwarding headers are believed (`TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
    /// Which forwarding headers a trusted proxy is believed for
    /// (`FORWARDED_HEADERS`): only those it overwrites or appends to.
    pub forwarded_headers: ForwardedHeaders,
    /// The address shoppers use, when set (`PUBLIC_ORIGIN`); it wins over
    /// anything a request or a proxy says.
    pub public_origin: Option<PublicOrigin>,
    /// Time allowed for a request's line and headers, counted from when
    /// the server is ready for them (`HEADER_READ_TIMEOUT`).
    pub header_read_timeout: Duration,
    /// Time allowed for a request's body (`REQUEST_BODY_TIMEOUT`).
    pub body_timeout: Duration,
    /// How long a kept-alive connection may wait for its next request
    /// (`KEEP_ALIVE_TIMEOUT`).
    pub keep_alive_timeout: Duration,
    /// How long a response may wait for the client to read more of it
    /// (`RESPONSE_WRITE_TIMEOUT`).
    pub write_timeout: Duration,
    /// The most connections open at once; at the cap the server stops
    /// accepting until one closes (`MAX_CONNECTIONS`).
    pub max_connections: usize,
    /// The largest request body accepted, in bytes (`REQUEST_BODY_LIMIT`).
    pub body_limit: usize,
    /// After SIGTERM, how long requests in flight may take before the
    /// server stops anyway (`SHUTDOWN_DEADLINE`).
    pub shutdown_deadline: Duration,
    /// `Strict-Transport-Security: max-age` in seconds, sent over HTTPS
    /// only; 0 sends none (`HSTS_MAX_AGE`).
    pub hsts_max_age: u64,
    /// Where server-held sessions are kept (`SESSION_STORE`).
    pub session_store: StoreChoice,
    /// How long sessions last (`SESSION_DEMO_IDLE`, `SESSION_LONG_IDLE`,
    /// `SESSION_MAX_AGE`), in seconds.
    pub session_times: SessionTimes,
    /// How often expired SQLite sessions are deleted (`SESSION_SWEEP_INTERVAL`).
    pub session_sweep: Duration,
}

impl Settings {
    /// The defaults with these cookie settings: loopback proxies only, no
    /// fixed public origin, limits that comfortably fit the shop's forms, and
    /// sessions in memory (`from_env` keeps them in a SQLite file unless
    /// told otherwise; tests choose their store).
    pub fn with_cookies(cookies: CookieSettings) -> Self {
        Self {
            cookies: Arc::new(cookies),
            trusted_proxies: TrustedProxies::loopback(),
            forwarded_headers: ForwardedHeaders::default(),
            public_origin: None,
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            keep_alive_timeout: Duration::from_secs(5),
            write_timeout: Duration::from_secs(30),
            max_connections: 1024,
            body_limit: 16 * 1024,
            shutdown_deadline: Duration::from_secs(10),
            hsts_max_age: 365 * 24 * 60 * 60,
            session_store: StoreChoice::Memory,
            session_times: SessionTimes::default(),
            session_sweep: Duration::from_secs(60),
        }
    }
}

/// A setting that cannot be used: one sentence naming the variable and
/// what to write instead.
#[derive(Debug, thiserror::Error)]
#[error("{variable} {problem}")]
pub struct SettingError {
    variable: &'static str,
    problem: String,
}

/// Where the key file lives unless `COOKIE_SHOP_DATA` says otherwise.
const DATA_FOLDER: &str = "data";

impl Settings {
    /// Reads the settings from the process's environment.
    ///
    /// # Errors
    /// The first variable that is set to something unusable.
    pub fn from_env() -> Result<Self, SettingError> {
        Self::from_lookup(|variable| std::env::var(variable).ok())
    }

    /// Reads the settings through `lookup`, which returns a variable's
    /// value when it is set; unset variables keep their defaults.
    ///
    /// # Errors
    /// The first variable that is set to something unusable.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, SettingError> {
        let read = |variable: &'static str| {
            lookup(variable).map(|value| Setting {
                variable,
                value: value.trim().to_owned(),
            })
        };
        let mut settings = Self::with_cookies(cookie_settings(&read)?);
        settings.session_store = session_store(&read)?;
        if let Some(setting) = read("TRUSTED_PROXIES") {
            settings.trusted_proxies = setting.parse_with(
                TrustedProxies::parse,
                "must be a comma-separated list of IP addresses or ranges (127.0.0.1, 10.0.0.0/8, ::1)",
            )?;
        }
        if let Some(setting) = read("FORWARDED_HEADERS") {
            settings.forwarded_headers = setting.parse_with(
                ForwardedHeaders::parse,
                "must be a comma-separated list of x-forwarded-proto, x-forwarded-for, \
                 x-forwarded-host and forwarded: the headers your proxy overwrites",
            )?;
        }
        if let Some(setting) = read("PUBLIC_ORIGIN") {
            settings.public_origin = match setting.value.as_str() {
                "" => None,
                _ => Some(setting.parse_with(
                    parse_origin,
                    "must be a scheme and host such as https://shop.example (no path)",
                )?),
            };
        }
        if let Some(setting) = read("HEADER_READ_TIMEOUT") {
            settings.header_read_timeout = setting.seconds()?;
        }
        if let Some(setting) = read("REQUEST_BODY_TIMEOUT") {
            settings.body_timeout = setting.seconds()?;
        }
        if let Some(setting) = read("KEEP_ALIVE_TIMEOUT") {
            settings.keep_alive_timeout = setting.seconds()?;
        }
        if let Some(setting) = read("RESPONSE_WRITE_TIMEOUT") {
            settings.write_timeout = setting.seconds()?;
        }
        if let Some(setting) = read("MAX_CONNECTIONS") {
            settings.max_connections = setting.count_up_to(
                MOST_CONNECTIONS,
                "must be a whole number of connections from 1 to 1048576, e.g. 1024",
            )?;
        }
        if let Some(setting) = read("REQUEST_BODY_LIMIT") {
            settings.body_limit = setting.count_up_to(
                LARGEST_BODY,
                "must be a number of bytes from 1 to 1048576 (1 MiB), e.g. 16384",
            )?;
        }
        if let Some(setting) = read("SHUTDOWN_DEADLINE") {
            settings.shutdown_deadline = setting.seconds()?;
        }
        if let Some(setting) = read("HSTS_MAX_AGE") {
            settings.hsts_max_age = setting.parse_with(
                |text| text.parse().ok().filter(|&seconds| seconds <= LONGEST_HSTS),
                "must be a whole number of seconds up to 63072000 (two years); 0 sends no \
                 Strict-Transport-Security",
            )?;
        }
        if let Some(setting) = read("SESSION_DEMO_IDLE") {
            settings.session_times.demo_idle = setting.whole_seconds()?;
        }
        if let Some(setting) = read("SESSION_LONG_IDLE") {
            settings.session_times.long_idle = setting.whole_seconds()?;
        }
        if let Some(setting) = read("SESSION_MAX_AGE") {
            settings.session_times.longest = setting.whole_seconds()?;
        }
        if let Some(setting) = read("SESSION_SWEEP_INTERVAL") {
            settings.session_sweep = setting.seconds()?;
        }
        Ok(settings)
    }
}

/// `SESSION_STORE`: unset for a SQLite file beside the key file, `memory`,
/// or a `redis://` address.
fn session_store(
    read: &impl Fn(&'static str) -> Option<Setting>,
) -> Result<StoreChoice, SettingError> {
    let Some(setting) = read("SESSION_STORE").filter(|setting| !setting.value.is_empty()) else {
        let file = format!("{}-sessions.sqlite", app::PROJECT_NAME);
        return Ok(StoreChoice::Sqlite(data_folder(read).join(file)));
    };
    setting.parse_with(
        |text| match text {
            "memory" => Some(StoreChoice::Memory),
            url if url.starts_with("redis://") || url.starts_with("rediss://") => {
                fred::prelude::Config::from_url(url)
                    .ok()
                    .map(|_| StoreChoice::Redis(url.to_owned()))
            }
            _ => None,
        },
        "must be unset (a SQLite file in COOKIE_SHOP_DATA), memory, or a Redis address such as \
         redis://127.0.0.1:6379",
    )
}

/// `COOKIE_SHOP_DATA`, where the key file and the sessions' file live.
fn data_folder(read: &impl Fn(&'static str) -> Option<Setting>) -> PathBuf {
    read("COOKIE_SHOP_DATA").map_or_else(
        || PathBuf::from(DATA_FOLDER),
        |setting| PathBuf::from(setting.value),
    )
}

/// The signing key and the `Secure` policy. The key is `COOKIE_SHOP_KEY`
/// when set, else read from (or, on first start, written to) the key file
/// `<project name>.key` in `COOKIE_SHOP_DATA`, so a restart keeps signed
/// cookies valid.
fn cookie_settings(
    read: &impl Fn(&'static str) -> Option<Setting>,
) -> Result<CookieSettings, SettingError> {
    let secure = match read("COOKIE_SECURE") {
        None => SecurePolicy::Auto,
        Some(setting) => setting.parse_with(
            |text| match text {
                "always" => Some(SecurePolicy::Always),
                "never" => Some(SecurePolicy::Never),
                "auto" => Some(SecurePolicy::Auto),
                _ => None,
            },
            "must be always, never or auto",
        )?,
    };
    let secret = read("COOKIE_SHOP_KEY");
    let key_file = data_folder(read).join(format!("{}.key", app::PROJECT_NAME));
    let key = load_key(
        secret.as_ref().map(|setting| setting.value.as_str()),
        &key_file,
    )
    .map_err(|error| SettingError {
        variable: if secret.is_some() {
            "COOKIE_SHOP_KEY"
        } else {
            "COOKIE_SHOP_DATA"
        },
        problem: format!("is not usable: {error}"),
    })?;
    Ok(CookieSettings { key, secure })
}

/// One environment variable that is set.
struct Setting {
    variable: &'static str,
    value: String,
}

impl Setting {
    fn parse_with<T>(
        &self,
        parse: impl FnOnce(&str) -> Option<T>,
        problem: &'static str,
    ) -> Result<T, SettingError> {
        parse(&self.value).ok_or_else(|| SettingError {
            variable: self.variable,
            problem: format!("{problem}, not {:?}", self.value),
        })
    }

    /// A whole number of seconds from 1 to a day (a session's times).
    fn whole_seconds(&self) -> Result<u64, SettingError> {
        self.parse_with(
            |text| {
                text.parse()
                    .ok()
                    .filter(|seconds| (1..=24 * 60 * 60).contains(seconds))
            },
            "must be a whole number of seconds from 1 to 86400 (a day)",
        )
    }

    /// A whole number from 1 to `most`.
    fn count_up_to(&self, most: usize, problem: &'static str) -> Result<usize, SettingError> {
        self.parse_with(
            |text| text.parse().ok().filter(|count| (1..=most).contains(count)),
            problem,
        )
    }

    /// A positive number of seconds up to an hour; fractions are allowed (`0.5`).
    fn seconds(&self) -> Result<Duration, SettingError> {
        self.parse_with(
            |text| {
                let seconds: f64 = text.parse().ok()?;
                Duration::try_from_secs_f64(seconds)
                    .ok()
                    .filter(|duration| !duration.is_zero() && *duration <= LONGEST_TIMEOUT)
            },
            "must be a number of seconds above 0 and at most 3600 (an hour), e.g. 10 or 0.5",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settings these variables give, with a key of their own unless
    /// they name one (so that no test writes a key file).
    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, SettingError> {
        use base64::Engine;
        let key = base64::engine::general_purpose::STANDARD.encode(
            app::cookies::server_config::CookieSettings::with_random_key(SecurePolicy::Auto)
                .key
                .master(),
        );
        Settings::from_lookup(|variable| {
            let given = pairs.iter().find(|(name, _)| *name == variable);
            match given {
                Some((_, value)) => Some((*value).to_owned()),
                None => (variable == "COOKIE_SHOP_KEY").then(|| key.clone()),
            }
        })
    }

    #[test]
    fn nothing_set_gives_the_defaults() {
        let read = settings(&[]).unwrap();
        assert_eq!(read.header_read_timeout, Duration::from_secs(10));
        assert_eq!(read.body_limit, 16 * 1024);
        assert!(read.public_origin.is_none());
        assert!(read.trusted_proxies.contains("127.0.0.1".parse().unwrap()));
        assert!(!read.trusted_proxies.contains("10.0.0.1".parse().unwrap()));
    }

    #[test]
    fn every_variable_is_read() {
        let read = settings(&[
            ("TRUSTED_PROXIES", "10.0.0.0/8, ::1"),
            ("PUBLIC_ORIGIN", "https://Shop.Example:443"),
            ("HEADER_READ_TIMEOUT", "0.5"),
            ("REQUEST_BODY_TIMEOUT", "3"),
            ("KEEP_ALIVE_TIMEOUT", "7"),
            ("REQUEST_BODY_LIMIT", "4096"),
            ("SHUTDOWN_DEADLINE", "2"),
            ("HSTS_MAX_AGE", "0"),
            ("RESPONSE_WRITE_TIMEOUT", "3600"),
            ("MAX_CONNECTIONS", "2"),
            ("FORWARDED_HEADERS", "forwarded"),
        ])
        .unwrap();
        assert_eq!(read.write_timeout, Duration::from_secs(3600));
        assert_eq!(read.max_connections, 2);
        assert_eq!(
            read.forwarded_headers,
            ForwardedHeaders::parse("Forwarded").unwrap()
        );
        assert!(read.trusted_proxies.contains("10.1.2.3".parse().unwrap()));
        assert!(!read.trusted_proxies.contains("127.0.0.1".parse().unwrap()));
        assert_eq!(
            read.public_origin.unwrap().to_string(),
            "https://shop.example"
        );
        assert_eq!(read.header_read_timeout, Duration::from_millis(500));
        assert_eq!(read.body_timeout, Duration::from_secs(3));
        assert_eq!(read.keep_alive_timeout, Duration::from_secs(7));
        assert_eq!(read.body_limit, 4096);
        assert_eq!(read.shutdown_deadline, Duration::from_secs(2));
        assert_eq!(read.hsts_max_age, 0);
    }

    #[test]
    fn a_bad_value_names_the_variable_and_what_to_write() {
        let cases = [
            ("TRUSTED_PROXIES", "localhost"),
            ("PUBLIC_ORIGIN", "shop.example"),
            ("PUBLIC_ORIGIN", "https://shop.example/path"),
            ("HEADER_READ_TIMEOUT", "ten"),
            ("KEEP_ALIVE_TIMEOUT", "0"),
            ("REQUEST_BODY_LIMIT", "-1"),
            ("HSTS_MAX_AGE", "a year"),
            ("COOKIE_SECURE", "sometimes"),
            ("HEADER_READ_TIMEOUT", "1e19"),
            ("RESPONSE_WRITE_TIMEOUT", "3601"),
            ("REQUEST_BODY_LIMIT", "1048577"),
            ("HSTS_MAX_AGE", "63072001"),
            ("MAX_CONNECTIONS", "0"),
            ("FORWARDED_HEADERS", "x-real-ip"),
        ];
        for (variable, value) in cases {
            let error = settings(&[(variable, value)]).unwrap_err().to_string();
            assert!(error.starts_with(variable), "{error}");
            assert!(error.contains(value), "{error}");
        }
    }

    #[test]
    fn a_weak_key_is_refused_without_repeating_it() {
        let error = settings(&[("COOKIE_SHOP_KEY", "a passphrase")])
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("COOKIE_SHOP_KEY"), "{error}");
        assert!(!error.contains("a passphrase"), "{error}");
    }
}
