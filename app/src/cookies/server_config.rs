//! What only the server knows about cookies: the key that signs server-only
//! cookies, and whether cookies get the `Secure` attribute. The server makes
//! one [`CookieSettings`] at start-up and hands it to every request's
//! [`Jar`](super::Jar).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use base64::Engine;
pub use cookie::Key;
use cookie::{Cookie, CookieJar};
use time::{Duration, OffsetDateTime};

/// The size of a signing key, in bytes (what [`Key`] is made from).
pub const KEY_BYTES: usize = 64;

/// The command that prints a good `COOKIE_SHOP_KEY`.
pub const MAKE_A_KEY: &str = "head -c 64 /dev/urandom | base64 -w0";

/// When cookies carry `Secure` (sent over HTTPS only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecurePolicy {
    Always,
    Never,
    /// When shoppers reach the shop over HTTPS: the request's public origin
    /// is `https`.
    Auto,
}

/// The server's cookie settings: made once at start-up, shared by every
/// request's jar.
#[derive(Clone)]
pub struct CookieSettings {
    pub key: Key,
    pub secure: SecurePolicy,
}

impl CookieSettings {
    /// A new random key, lost at restart: for tests and throwaway servers.
    pub fn with_random_key(secure: SecurePolicy) -> Self {
        Self {
            key: Key::generate(),
            secure,
        }
    }
}

impl std::fmt::Debug for CookieSettings {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        formatter
            .debug_struct("CookieSettings")
            .field("secure", &self.secure)
            .finish_non_exhaustive()
    }
}

/// Why the server has no signing key.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "COOKIE_SHOP_KEY must be {KEY_BYTES} random bytes in base64 ({problem}); make one with: {MAKE_A_KEY}"
    )]
    WeakSecret { problem: &'static str },
    #[error("cannot read the key file {path}: {source} (delete it to make a new one, or set COOKIE_SHOP_KEY)")]
    UnreadableKey {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the key file {path} must hold exactly {KEY_BYTES} bytes; it holds {size} (delete it to make a new one)")]
    BadKey { path: PathBuf, size: usize },
    #[error("the key file {path} can be read by other users (mode {mode:o}); make it private with: chmod 600 {path}")]
    KeyNotPrivate { path: PathBuf, mode: u32 },
    #[error("cannot create the key file {path}: {source}")]
    UncreatableKey {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The signing key: `secret` (`COOKIE_SHOP_KEY`, [`KEY_BYTES`] random bytes
/// in base64) when given, else read from `key_file`, which is created with
/// a random key on first start so that a restart keeps signed cookies valid.
///
/// # Errors
/// A [`KeyError`] saying what to fix.
pub fn load_key(secret: Option<&str>, key_file: &Path) -> Result<Key, KeyError> {
    if let Some(secret) = secret {
        return key_from_secret(secret);
    }
    let path = key_file.to_owned();
    match fs::read(&path) {
        Ok(bytes) => {
            refuse_if_shared(&path)?;
            Key::try_from(bytes.as_slice())
                .ok()
                .filter(|_| bytes.len() == KEY_BYTES)
                .ok_or(KeyError::BadKey {
                    path,
                    size: bytes.len(),
                })
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => create_key(&path),
        Err(source) => Err(KeyError::UnreadableKey { path, source }),
    }
}

/// A key from `COOKIE_SHOP_KEY`: base64 of [`KEY_BYTES`] bytes that look
/// random. A passphrase, however long, could be guessed offline from one
/// signed cookie, so it is refused.
fn key_from_secret(secret: &str) -> Result<Key, KeyError> {
    let secret = secret.trim();
    let bytes = STANDARD
        .decode(secret)
        .or_else(|_| URL_SAFE.decode(secret))
        .map_err(|_| KeyError::WeakSecret {
            problem: "it is not base64",
        })?;
    if bytes.len() != KEY_BYTES {
        return Err(KeyError::WeakSecret {
            problem: "it decodes to the wrong number of bytes",
        });
    }
    // 64 random bytes hold about 56 different values; a pattern or a
    // repeated word holds few.
    let mut seen = [false; 256];
    bytes
        .iter()
        .for_each(|byte| seen[usize::from(*byte)] = true);
    if seen.iter().filter(|seen| **seen).count() < 32 {
        return Err(KeyError::WeakSecret {
            problem: "its bytes are too repetitive to be random",
        });
    }
    Ok(Key::from(&bytes))
}

/// A key file others can read lets them forge every signed cookie.
fn refuse_if_shared(path: &Path) -> Result<(), KeyError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)
            .map_err(|source| KeyError::UnreadableKey {
                path: path.to_owned(),
                source,
            })?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(KeyError::KeyNotPrivate {
                path: path.to_owned(),
                mode: mode & 0o777,
            });
        }
    }
    Ok(())
}

fn create_key(path: &Path) -> Result<Key, KeyError> {
    let uncreatable = |source| KeyError::UncreatableKey {
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

/// The value to store for a signed cookie `name` that lives `lifetime`
/// (`None`: the browser session): `MAC` + `expiry.wire`, where the MAC is
/// the `cookie` crate's HMAC-SHA256 over `name=expiry.wire`. The name is
/// covered but not stored (the cookie already carries it), so a value moved
/// to another cookie fails; the expiry (Unix seconds, `0` for none) is
/// covered and stored, so an old value replayed later fails.
pub fn sign(key: &Key, name: &str, wire: &str, lifetime: Option<Duration>) -> String {
    let expiry = lifetime.map_or(0, |lifetime| {
        (OffsetDateTime::now_utc() + lifetime).unix_timestamp()
    });
    let stored = format!("{expiry}.{wire}");
    let mut jar = CookieJar::new();
    jar.signed_mut(key)
        .add(Cookie::new(name.to_owned(), format!("{name}={stored}")));
    let signed = jar.get(name).map(|cookie| cookie.value().to_owned());
    // The jar's value is MAC + `name=stored`; the name is dropped again.
    let mac = signed.as_deref().map_or("", |value| mac_of(value));
    format!("{mac}{stored}")
}

/// The value inside a signed cookie `name`, or `None` when the signature
/// does not match (the value was changed, moved from another cookie or
/// signed with another key) or its expiry has passed.
pub fn verify(key: &Key, name: &str, signed: &str) -> Option<String> {
    let mac = mac_of(signed);
    let stored = signed.get(mac.len()..)?;
    let mut jar = CookieJar::new();
    jar.add_original(Cookie::new(
        name.to_owned(),
        format!("{mac}{name}={stored}"),
    ));
    let verified = jar.signed(key).get(name)?;
    let (expiry, wire) = verified
        .value()
        .strip_prefix(&format!("{name}="))?
        .split_once('.')?;
    let expiry: i64 = expiry.parse().ok()?;
    let fresh = expiry == 0 || OffsetDateTime::now_utc().unix_timestamp() < expiry;
    fresh.then(|| wire.to_owned())
}

/// The MAC at the front of a signed value: base64 of 32 bytes.
fn mac_of(signed: &str) -> &str {
    const MAC_CHARS: usize = 44;
    signed.get(..MAC_CHARS).unwrap_or(signed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Option<Duration> = Some(Duration::DAY);

    fn sign(name: &str, wire: &str, lifetime: Option<Duration>) -> String {
        super::sign(&test_key(), name, wire, lifetime)
    }

    fn verify(name: &str, signed: &str) -> Option<String> {
        super::verify(&test_key(), name, signed)
    }

    fn test_key() -> Key {
        static KEY: std::sync::LazyLock<Key> = std::sync::LazyLock::new(Key::generate);
        KEY.clone()
    }

    fn good_secret() -> String {
        STANDARD.encode(Key::generate().master())
    }

    #[test]
    fn a_signed_value_verifies_and_a_changed_one_does_not() {
        let signed = sign("visits", "7", DAY);
        assert_eq!(verify("visits", &signed).as_deref(), Some("7"));
        let forged = format!("{}8", &signed[..signed.len() - 1]);
        assert_eq!(verify("visits", &forged), None);
        assert_eq!(verify("visits", "7"), None, "an unsigned value");
    }

    #[test]
    fn a_signed_value_moved_to_another_name_does_not_verify() {
        let signed = sign("visits", "7", DAY);
        assert_eq!(verify("username", &signed), None);
        assert_eq!(verify("__Host-visits", &signed), None);
    }

    #[test]
    fn a_signed_value_past_its_lifetime_does_not_verify() {
        let expired = sign("visits", "7", Some(Duration::seconds(-1)));
        assert_eq!(verify("visits", &expired), None);
        // Nor when the expiry is edited: it is covered by the MAC.
        let later = format!("{}9999999999.7", &expired[..44]);
        assert_eq!(verify("visits", &later), None);
        let session = sign("visits", "7", None);
        assert_eq!(verify("visits", &session).as_deref(), Some("7"));
    }

    #[test]
    fn the_key_file_is_created_once_private_and_then_reused() {
        let folder = std::env::temp_dir().join(format!("shop-key-{}", std::process::id()));
        let _ = fs::remove_dir_all(&folder);
        let path = folder.join("shop.key");
        let first = load_key(None, &path).unwrap();
        let second = load_key(None, &path).unwrap();
        assert_eq!(first.master(), second.master());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
            let error = load_key(None, &path).unwrap_err();
            assert!(error.to_string().contains("chmod 600"), "{error}");
        }
        fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn only_a_random_64_byte_secret_is_a_key() {
        assert!(load_key(Some(&good_secret()), Path::new(".")).is_ok());
        let weak = [
            "short",
            "a test secret that is long enough to derive a key",
            &STANDARD.encode([7_u8; 64]),
            &STANDARD.encode(b"correct horse battery staple correct horse battery staple 12345"),
            &STANDARD.encode(&Key::generate().master()[..32]),
        ];
        for secret in weak {
            let error = load_key(Some(secret), Path::new(".")).unwrap_err();
            assert!(error.to_string().contains(MAKE_A_KEY), "{secret}: {error}");
        }
    }

    #[test]
    fn a_key_file_of_the_wrong_size_is_refused() {
        let folder = std::env::temp_dir().join(format!("shop-badkey-{}", std::process::id()));
        fs::create_dir_all(&folder).unwrap();
        for size in [9, 65, 128] {
            let path = folder.join("shop.key");
            let _ = fs::remove_file(&path);
            private_file(&path)
                .unwrap()
                .write_all(&vec![1; size])
                .unwrap();
            let error = load_key(None, &path).unwrap_err();
            assert!(
                error.to_string().contains("exactly 64 bytes"),
                "{size}: {error}"
            );
        }
        fs::remove_dir_all(&folder).unwrap();
    }
}
