//! A small, general cookie mechanism: one API that reads and writes typed
//! cookies on either side of the wire. It knows nothing about the shop; the
//! shop's own cookies are declared in [`crate::shop_cookies`].
//!
//! * [`spec`] — what a cookie is to the mechanism: name, lifetime, attributes.
//! * [`codec`] — how a value becomes the text of a `Cookie` / `Set-Cookie`
//!   header or of `document.cookie`, and back. Pure functions, the same on
//!   the server and in the browser.
//! * [`jar`] — the cookies of one request or page, as one value: the only
//!   place that knows where the code runs (the request's `Cookie` header and
//!   the response's `Set-Cookie` lines on the server, `document.cookie` in
//!   the browser).
//! * `server_config` (server only) — the signing key and the `Secure` policy;
//!   [`public_origin`] — the scheme and host shoppers see, from which the
//!   server makes each request's jar.
//!
//! Code that uses a cookie passes the jar it reads from and writes to, and
//! never needs to know which side it is on:
//!
//! ```no_run
//! use app::cookies::{CookieInfo, CookieSpec, Jar, Lifetime};
//!
//! const THEME: CookieSpec<String> = CookieSpec::new(CookieInfo::site_wide("theme", Lifetime::days(30)));
//!
//! fn theme(jar: &Jar) -> Option<String> {
//!     // On the server: what the request's `Cookie` header sent;
//!     // in the browser: what `document.cookie` holds.
//!     THEME.get(jar)
//! }
//! ```

pub mod codec;
mod error;
pub mod jar;
pub mod public_origin;
#[cfg(feature = "ssr")]
pub mod request_cookies;
#[cfg(feature = "ssr")]
pub mod server_config;
pub mod spec;

pub use codec::{CookieValue, Undecodable, MAX_COOKIE_BYTES};
pub use error::{CookieError, NotSent};
pub use jar::Jar;
pub use public_origin::PublicOrigin;
#[cfg(feature = "ssr")]
pub use request_cookies::{CookieHeaderTooLarge, RequestCookies, MAX_COOKIE_HEADER_BYTES};
pub use spec::{CookieInfo, CookieSpec, Lifetime, SameSite, HOST_PREFIX};

impl<V: CookieValue> CookieSpec<V> {
    /// Reads this cookie from `jar`.
    ///
    /// Returns `None` when the cookie is absent or its value cannot be
    /// decoded (a hand-edited or forged value is treated as absent, never as
    /// an error page).
    pub fn get(&self, jar: &Jar) -> Option<V> {
        let wire = jar.open(&self.info, &self.info.raw_value(jar)?)?;
        V::from_wire(&wire).ok()
    }

    /// Stores `value` in this cookie with its declared lifetime and
    /// attributes: a `Set-Cookie` response header on the server, a
    /// `document.cookie` assignment in the browser.
    ///
    /// # Errors
    /// [`CookieError::TooLarge`] when the encoded cookie would exceed
    /// [`MAX_COOKIE_BYTES`] (browsers silently drop such cookies), or
    /// [`CookieError::NotSent`] when it cannot be written.
    pub fn set(&self, jar: &Jar, value: &V) -> Result<(), CookieError> {
        self.set_lasting(jar, value, self.info.lifetime)
    }

    /// Like [`set`](Self::set), for a cookie whose lifetime is chosen when
    /// it is written (the basket).
    ///
    /// # Errors
    /// As for [`set`](Self::set).
    pub fn set_lasting(&self, jar: &Jar, value: &V, lifetime: Lifetime) -> Result<(), CookieError> {
        let wire = jar.seal(&self.info, value.to_wire(), lifetime)?;
        let line = codec::set_cookie_line(&self.info, &wire, lifetime, jar.is_https())?;
        jar.write(line)
    }

    /// Deletes this cookie: the same name and `Path`, an empty value and an
    /// expiry in the past, which is how both HTTP and `document.cookie` ask a
    /// browser to forget a cookie.
    ///
    /// # Errors
    /// [`CookieError::NotSent`] when it cannot be written.
    pub fn remove(&self, jar: &Jar) -> Result<(), CookieError> {
        self.info.remove(jar)
    }
}

impl CookieInfo {
    /// Every undecoded value sent under this cookie's name, in the order
    /// sent (signatures included). Usually one; two mean another cookie of
    /// the same name was planted (by a sibling domain or with a longer
    /// `Path`), and browsers send the longer `Path` first. `HttpOnly`
    /// cookies are visible on the server only.
    pub fn raw_values(&self, jar: &Jar) -> Vec<String> {
        let name = self.wire_name(jar.is_https());
        jar.values_of(&name).map(str::to_owned).collect()
    }

    /// The first value sent under this cookie's name.
    pub fn raw_value(&self, jar: &Jar) -> Option<String> {
        let name = self.wire_name(jar.is_https());
        let first = jar.values_of(&name).next().map(str::to_owned);
        first
    }

    /// For a signed cookie: whether `stored` (a value sent under its name,
    /// signature included) carries a signature that holds.
    pub fn signature_holds_for(&self, jar: &Jar, stored: &str) -> Option<bool> {
        self.signed.then(|| jar.open(self, stored).is_some())
    }

    /// Deletes the cookie, whatever the type of its value.
    ///
    /// # Errors
    /// [`CookieError::NotSent`] when it cannot be written.
    pub fn remove(&self, jar: &Jar) -> Result<(), CookieError> {
        jar.write(codec::removal_line(self, jar.is_https()))
    }

    /// Deletes the cookie under each name it may have: the plain one, and
    /// over HTTPS also the `__Host-` one (only a secure page can touch that).
    ///
    /// # Errors
    /// [`CookieError::NotSent`] when it cannot be written.
    pub fn remove_every_variant(&self, jar: &Jar) -> Result<(), CookieError> {
        let plain = Self {
            host_prefix: false,
            ..*self
        };
        jar.write(codec::removal_line(&plain, jar.is_https()))?;
        if jar.is_https() && self.host_prefix {
            jar.write(codec::removal_line(self, true))?;
        }
        Ok(())
    }

    /// Whether a value was sent under either of this cookie's names.
    pub fn sent_in_any_variant(&self, jar: &Jar) -> bool {
        let prefixed = format!("{HOST_PREFIX}{}", self.name);
        jar.pairs()
            .iter()
            .any(|(sent, _)| *sent == self.name || *sent == prefixed)
    }
}
