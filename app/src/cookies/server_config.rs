//! What only the server knows about cookies: the key that signs server-only
//! cookies, and whether cookies get the `Secure` attribute. Set once by the
//! server's `main` before it serves (see [`configure`]).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use cookie::{Cookie, CookieJar, Key};

/// When cookies carry `Secure` (sent over HTTPS only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurePolicy {
    Always,
    Never,
    /// When shoppers reach the shop over HTTPS: the request's public
    /// origin (`PUBLIC_ORIGIN`, or a trusted proxy's `Forwarded` /
    /// `X-Forwarded-Proto`) is `https`.
    Auto,
}

impl FromStr for SecurePolicy {
    type Err = ConfigError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "always" => Ok(Self::Always),
            "never" => Ok(Self::Never),
            "auto" => Ok(Self::Auto),
            other => Err(ConfigError::SecurePolicy(other.to_owned())),
        }
    }
}

/// Why the server cannot start with this configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("COOKIE_SECURE must be always, never or auto, not {0:?}")]
    SecurePolicy(String),
    #[error("COOKIE_SHOP_KEY must be at least 32 characters long (it has {0})")]
    SecretTooShort(usize),
    #[error("cannot read the key file {path}: {source} (delete it to make a new one, or set COOKIE_SHOP_KEY)")]
    UnreadableKey {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the key file {path} must hold exactly 64 bytes; it holds {size} (delete it to make a new one)")]
    BadKey { path: PathBuf, size: usize },
    #[error("cannot create the key file {path}: {source}")]
    UncreatableKey {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The server's cookie configuration.
pub struct ServerCookies {
    pub key: Key,
    pub secure: SecurePolicy,
}

static CONFIGURED: OnceLock<ServerCookies> = OnceLock::new();

/// Sets the configuration for the life of the process; later calls are
/// ignored (and return `false`).
pub fn configure(config: ServerCookies) -> bool {
    CONFIGURED.set(config).is_ok()
}

/// The configuration; a random key and [`SecurePolicy::Auto`] until
/// `configure` is called, so that nothing signed survives a restart then.
pub fn configured() -> &'static ServerCookies {
    CONFIGURED.get_or_init(|| ServerCookies {
        key: Key::generate(),
        secure: SecurePolicy::Auto,
    })
}

/// The signing key: derived from `secret` (`COOKIE_SHOP_KEY`) when given,
/// else read from `folder/cookie-shop.key`, which is created with a random
/// key on first start so that a restart keeps signed cookies valid.
///
/// # Errors
/// A [`ConfigError`] saying what to fix.
pub fn load_key(secret: Option<&str>, folder: &Path) -> Result<Key, ConfigError> {
    if let Some(secret) = secret {
        if secret.len() < 32 {
            return Err(ConfigError::SecretTooShort(secret.len()));
        }
        return Ok(Key::derive_from(secret.as_bytes()));
    }
    let path = folder.join("cookie-shop.key");
    match fs::read(&path) {
        Ok(bytes) => Key::try_from(bytes.as_slice()).map_err(|_| ConfigError::BadKey {
            path,
            size: bytes.len(),
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => create_key(&path),
        Err(source) => Err(ConfigError::UnreadableKey { path, source }),
    }
}

fn create_key(path: &Path) -> Result<Key, ConfigError> {
    let uncreatable = |source| ConfigError::UncreatableKey {
        path: path.to_owned(),
        source,
    };
    let key = Key::generate();
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(uncreatable)?;
    }
    let mut file = private_file(path).map_err(uncreatable)?;
    file.write_all(key.master()).map_err(uncreatable)?;
    tracing::info!("created a new cookie signing key in {}", path.display());
    Ok(key)
}

/// A new file only its owner can read.
fn private_file(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// The value to store for a signed cookie: an HMAC-SHA256 of the value,
/// followed by the value (the `cookie` crate's signed jar does this). The
/// MAC covers the value only, so one signed value could be replayed as
/// another signed cookie's; with a single signed cookie that cannot happen.
pub fn sign(name: &str, wire: &str) -> String {
    let mut jar = CookieJar::new();
    jar.signed_mut(&configured().key)
        .add(Cookie::new(name.to_owned(), wire.to_owned()));
    jar.get(name)
        .map(|cookie| cookie.value().to_owned())
        .unwrap_or_default()
}

/// The value inside a signed cookie, or `None` when the signature does not
/// match (the value was changed, or signed with another key).
pub fn verify(name: &str, signed: &str) -> Option<String> {
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::new(name.to_owned(), signed.to_owned()));
    jar.signed(&configured().key)
        .get(name)
        .map(|cookie| cookie.value().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_value_verifies_and_a_changed_one_does_not() {
        let signed = sign("visits", "7");
        assert_eq!(verify("visits", &signed).as_deref(), Some("7"));
        let forged = format!("{}8", &signed[..signed.len() - 1]);
        assert_eq!(verify("visits", &forged), None);
        assert_eq!(verify("visits", "7"), None, "an unsigned value");
    }

    #[test]
    fn the_key_file_is_created_once_and_then_reused() {
        let folder = std::env::temp_dir().join(format!("cookie-shop-key-{}", std::process::id()));
        let _ = fs::remove_dir_all(&folder);
        let first = load_key(None, &folder).unwrap();
        let second = load_key(None, &folder).unwrap();
        assert_eq!(first.master(), second.master());
        fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn bad_configuration_is_explained() {
        assert!(matches!(
            "sometimes".parse::<SecurePolicy>(),
            Err(ConfigError::SecurePolicy(_))
        ));
        assert!(matches!(
            load_key(Some("short"), Path::new(".")),
            Err(ConfigError::SecretTooShort(5))
        ));
        let folder =
            std::env::temp_dir().join(format!("cookie-shop-badkey-{}", std::process::id()));
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("cookie-shop.key"), b"too short").unwrap();
        let error = load_key(None, &folder).unwrap_err();
        assert!(error.to_string().contains("exactly 64 bytes"), "{error}");
        fs::remove_dir_all(&folder).unwrap();
    }
}
