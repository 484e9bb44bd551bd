//! A small, general cookie mechanism: one API that reads and writes typed
//! cookies on either side of the wire. It knows nothing about the shop; the
//! shop's own cookies are declared in [`crate::shop_cookies`].
//!
//! * [`spec`] — what a cookie is to the mechanism: name, lifetime, attributes.
//! * [`codec`] — how a value becomes the text of a `Cookie` / `Set-Cookie`
//!   header or of `document.cookie`, and back. Pure functions, the same on
//!   the server and in the browser.
//! * `transport` — the only place that knows where the code runs: the
//!   request's `Cookie` header and the response's `Set-Cookie` headers on the
//!   server, `document.cookie` in the browser.
//! * `server_config` (server only) — the signing key and the `Secure` policy;
//!   [`public_origin`] — the scheme and host shoppers see, which the server
//!   works out per request and the transport reads to decide `Secure`.
//!
//! Code that uses a cookie never needs to know which side it is on:
//!
//! ```no_run
//! use app::cookies::{CookieInfo, CookieSpec, Lifetime};
//!
//! const THEME: CookieSpec<String> = CookieSpec::new(CookieInfo::site_wide("theme", Lifetime::days(30)));
//!
//! // During server rendering this reads the request's `Cookie` header;
//! // after hydration it reads `document.cookie`.
//! let theme: Option<String> = THEME.get();
//! ```

pub mod codec;
mod error;
pub mod public_origin;
#[cfg(feature = "ssr")]
pub mod request_cookies;
#[cfg(feature = "ssr")]
pub mod server_config;
pub mod spec;
mod transport;

pub use codec::{CookieValue, Undecodable, MAX_COOKIE_BYTES};
pub use error::{CookieError, NotSent};
pub use public_origin::PublicOrigin;
#[cfg(feature = "ssr")]
pub use request_cookies::{CookieHeaderTooLarge, RequestCookies, MAX_COOKIE_HEADER_BYTES};
pub use spec::{CookieInfo, CookieSpec, Lifetime, SameSite};
#[cfg(feature = "ssr")]
pub use transport::set_cookie_lines_sent;

impl<V: CookieValue> CookieSpec<V> {
    /// Reads this cookie from what the current side can see: the request's
    /// `Cookie` header on the server, `document.cookie` in the browser.
    ///
    /// Returns `None` when the cookie is absent or its value cannot be
    /// decoded (a hand-edited or forged value is treated as absent, never as
    /// an error page).
    pub fn get(&self) -> Option<V> {
        let wire = transport::open(&self.info, self.info.raw_value()?)?;
        V::from_wire(&wire).ok()
    }

    /// Stores `value` in this cookie with its declared lifetime and
    /// attributes: a `Set-Cookie` response header on the server, a
    /// `document.cookie` assignment in the browser.
    ///
    /// # Errors
    /// [`CookieError::TooLarge`] when the encoded cookie would exceed
    /// [`MAX_COOKIE_BYTES`] (browsers silently drop such cookies), or a
    /// transport error when there is no response to write to.
    pub fn set(&self, value: &V) -> Result<(), CookieError> {
        self.set_lasting(value, self.info.lifetime)
    }

    /// Like [`set`](Self::set), for a cookie whose lifetime is chosen when
    /// it is written (the basket).
    ///
    /// # Errors
    /// As for [`set`](Self::set).
    pub fn set_lasting(&self, value: &V, lifetime: Lifetime) -> Result<(), CookieError> {
        let wire = transport::seal(&self.info, value.to_wire(), lifetime)?;
        let line = codec::set_cookie_line(&self.info, &wire, lifetime, transport::is_https())?;
        transport::write(&line)
    }

    /// Deletes this cookie: the same name and `Path`, an empty value and an
    /// expiry in the past, which is how both HTTP and `document.cookie` ask a
    /// browser to forget a cookie.
    ///
    /// # Errors
    /// A transport error when there is no response to write to.
    pub fn remove(&self) -> Result<(), CookieError> {
        self.info.remove()
    }
}

impl CookieInfo {
    /// Every undecoded value sent under this cookie's name, in the order
    /// the current side sees them (signatures included). Usually one; two
    /// mean another cookie of the same name was planted (by a sibling domain
    /// or with a longer `Path`), and browsers send the longer `Path` first.
    /// `HttpOnly` cookies are visible on the server only.
    pub fn raw_values(&self) -> Vec<String> {
        let name = self.wire_name(transport::is_https());
        transport::with_visible_pairs(|pairs| {
            codec::values_of(pairs, &name).map(str::to_owned).collect()
        })
    }

    /// The first value sent under this cookie's name.
    pub fn raw_value(&self) -> Option<String> {
        let name = self.wire_name(transport::is_https());
        transport::with_visible_pairs(|pairs| {
            codec::values_of(pairs, &name).next().map(str::to_owned)
        })
    }

    /// For a signed cookie that was sent: whether its signature holds.
    pub fn signature_holds(&self) -> Option<bool> {
        self.signature_holds_for(self.raw_value()?)
    }

    /// For a signed cookie: whether `stored` (a value sent under its name,
    /// signature included) carries a signature that holds.
    pub fn signature_holds_for(&self, stored: String) -> Option<bool> {
        self.signed.then(|| transport::open(self, stored).is_some())
    }

    /// Deletes the cookie, whatever the type of its value.
    ///
    /// # Errors
    /// A transport error when there is no response to write to.
    pub fn remove(&self) -> Result<(), CookieError> {
        transport::write(&codec::removal_line(self, transport::is_https()))
    }

    /// Deletes the cookie under each name it may have: the plain one, and
    /// over HTTPS also the `__Host-` one (only a secure page can touch that).
    ///
    /// # Errors
    /// A transport error when there is no response to write to.
    pub fn remove_every_variant(&self) -> Result<(), CookieError> {
        let plain = Self {
            host_prefix: false,
            ..*self
        };
        transport::write(&codec::removal_line(&plain, transport::is_https()))?;
        if transport::is_https() && self.host_prefix {
            transport::write(&codec::removal_line(self, true))?;
        }
        Ok(())
    }

    /// Whether a value was sent under either of this cookie's names.
    pub fn sent_in_any_variant(&self) -> bool {
        let names = [self.name.to_owned(), format!("__Host-{}", self.name)];
        transport::with_visible_pairs(|pairs| pairs.iter().any(|(sent, _)| names.contains(sent)))
    }
}

/// Every `name=value` pair the current side sees, in order, malformed pairs
/// skipped: the request's `Cookie` header on the server, `document.cookie`
/// in the browser.
pub fn visible_pairs() -> Vec<(String, String)> {
    transport::with_visible_pairs(<[_]>::to_vec)
}
