//! The cookies of one request (on the server) or of the page (in the
//! browser), as one value: the pairs that were sent, whether cookies get
//! `Secure`, and where a write goes. This is the only place that knows
//! which side the code runs on; everything else takes a [`Jar`].

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
compile_error!("build `app` with the `ssr` (server) or the `hydrate` (browser) feature");

use std::sync::Arc;

/// The cookies one request carries, or the page sees: parsed once, read by
/// every [`CookieSpec::get`](super::CookieSpec::get) through it.
///
/// On the server a jar can only be made from the request's public origin,
/// so no cookie is read or written before the request's scheme is known
/// (see [`Jar::for_request`]). In the browser it is
/// [`Jar::of_this_page`].
#[derive(Debug, Clone)]
pub struct Jar {
    pairs: Arc<[(String, String)]>,
    https: bool,
    #[cfg(feature = "ssr")]
    server: server::ServerSide,
}

impl Jar {
    /// Every `name=value` pair sent, in order, malformed pairs skipped.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Whether cookies written through this jar get `Secure` (and their
    /// `__Host-` name).
    pub fn is_https(&self) -> bool {
        self.https
    }

    /// The jar of the request being answered (on the server) or of this
    /// page (in the browser): for the entry points — server functions and
    /// islands' event handlers — that hand it on to the code they call.
    ///
    /// # Errors
    /// [`NotSent::NoRequest`](super::NotSent::NoRequest) on the server outside
    /// a request the server's middleware saw.
    pub fn current() -> Result<Self, super::CookieError> {
        #[cfg(feature = "ssr")]
        return Self::of_this_request();
        #[cfg(not(feature = "ssr"))]
        Ok(Self::of_this_page())
    }

    /// Like [`current`](Self::current), but in the browser `document.cookie`
    /// is read again first: an expiry, another tab or a response's
    /// `Set-Cookie` may have changed it since the page's last write. A
    /// request's cookies never change.
    ///
    /// # Errors
    /// As for [`current`](Self::current).
    pub fn latest() -> Result<Self, super::CookieError> {
        #[cfg(feature = "ssr")]
        return Self::of_this_request();
        #[cfg(not(feature = "ssr"))]
        Ok(Self::reread_this_page())
    }

    /// Every undecoded value sent under `name`, in the order sent.
    pub fn values_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        super::codec::values_of(&self.pairs, name)
    }
}

#[cfg(feature = "ssr")]
mod server {
    use std::sync::{Arc, Mutex, PoisonError};

    use http::request::Parts;

    use super::Jar;
    use crate::cookies::server_config::{sign, verify, CookieSettings, SecurePolicy};
    use crate::cookies::{
        CookieError, CookieInfo, Lifetime, NotSent, PublicOrigin, RequestCookies,
    };

    /// The server's half of a jar: the key and the response's `Set-Cookie` lines.
    #[derive(Debug, Clone)]
    pub(super) struct ServerSide {
        settings: Arc<CookieSettings>,
        /// Checked as header values when written, so the response takes them as they are.
        sent: Arc<Mutex<Vec<http::HeaderValue>>>,
    }

    impl Jar {
        /// The jar of one request: its parsed `Cookie` header, its public
        /// origin (which decides `Secure` under [`SecurePolicy::Auto`]) and
        /// the server's cookie settings.
        pub fn for_request(
            cookies: &RequestCookies,
            origin: Option<&PublicOrigin>,
            settings: Arc<CookieSettings>,
        ) -> Self {
            let https = match settings.secure {
                SecurePolicy::Always => true,
                SecurePolicy::Never => false,
                SecurePolicy::Auto => origin.is_some_and(|origin| origin.https),
            };
            Self {
                pairs: cookies.pairs().into(),
                https,
                server: ServerSide {
                    settings,
                    sent: Arc::default(),
                },
            }
        }

        /// The jar of the request being answered, which the server's
        /// middleware left in the request's extensions.
        ///
        /// # Errors
        /// [`NotSent::NoRequest`] outside a request the server's middleware saw.
        pub fn of_this_request() -> Result<Self, CookieError> {
            leptos::prelude::use_context::<Parts>()
                .and_then(|request| request.extensions.get::<Self>().cloned())
                .ok_or(CookieError::NotSent(NotSent::NoRequest))
        }

        /// The `Set-Cookie` lines written through this jar so far, which the
        /// server adds to the response.
        pub fn set_cookie_lines(&self) -> Vec<String> {
            let sent = self.set_cookie_headers();
            let text = sent.iter().filter_map(|line| line.to_str().ok());
            text.map(str::to_owned).collect()
        }

        /// The same lines as header values, for the response.
        pub fn set_cookie_headers(&self) -> Vec<http::HeaderValue> {
            self.server
                .sent
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        }

        pub(in crate::cookies) fn seal(
            &self,
            info: &CookieInfo,
            wire: String,
            lifetime: Lifetime,
        ) -> Result<String, CookieError> {
            Ok(if info.signed {
                let lifetime = match lifetime {
                    Lifetime::Session => None,
                    Lifetime::For(duration) => Some(duration),
                };
                sign(&self.server.settings.key, info.name, &wire, lifetime)
            } else {
                wire
            })
        }

        pub(in crate::cookies) fn open(&self, info: &CookieInfo, stored: &str) -> Option<String> {
            if info.signed {
                verify(&self.server.settings.key, info.name, stored)
            } else {
                Some(stored.to_owned())
            }
        }

        pub(in crate::cookies) fn write(&self, line: String) -> Result<(), CookieError> {
            let line = http::HeaderValue::try_from(line)
                .map_err(|_| CookieError::NotSent(NotSent::InvalidHeader))?;
            let mut sent = self
                .server
                .sent
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            sent.push(line);
            Ok(())
        }
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
mod browser {
    use std::cell::RefCell;

    use leptos::prelude::{document, window};
    use wasm_bindgen::JsCast;
    use web_sys::HtmlDocument;

    use super::Jar;
    use crate::cookies::{codec, CookieError, CookieInfo, Lifetime, NotSent};

    thread_local! {
        /// `document.cookie`, parsed when the page starts and again after each write.
        static THIS_PAGE: RefCell<Option<Jar>> = const { RefCell::new(None) };
    }

    fn html_document() -> HtmlDocument {
        document().unchecked_into()
    }

    fn read_document() -> Jar {
        let text = html_document().cookie().unwrap_or_default();
        let https = window()
            .location()
            .protocol()
            .is_ok_and(|protocol| protocol == "https:");
        Jar {
            pairs: codec::pairs(&text).into(),
            https,
        }
    }

    impl Jar {
        /// The cookies this page sees (not `HttpOnly` ones), as of the last
        /// write; read from `document.cookie` only when it may have changed.
        pub fn of_this_page() -> Self {
            THIS_PAGE.with_borrow_mut(|jar| jar.get_or_insert_with(read_document).clone())
        }

        /// Reads `document.cookie` again: after a response's `Set-Cookie`,
        /// another tab or another script may have changed it.
        pub fn reread_this_page() -> Self {
            let jar = read_document();
            THIS_PAGE.set(Some(jar.clone()));
            jar
        }

        /// Only the server holds the signing key.
        pub(in crate::cookies) fn seal(
            &self,
            info: &CookieInfo,
            wire: String,
            _: Lifetime,
        ) -> Result<String, CookieError> {
            if info.signed {
                return Err(CookieError::NotSent(NotSent::OnlyTheServerSigns));
            }
            Ok(wire)
        }

        /// A signed cookie cannot be checked without the key, so it counts as absent.
        pub(in crate::cookies) fn open(&self, info: &CookieInfo, stored: &str) -> Option<String> {
            (!info.signed).then(|| stored.to_owned())
        }

        /// Assigning to `document.cookie` sets one cookie, attributes
        /// included; the page's jar is then what the browser kept.
        pub(in crate::cookies) fn write(&self, line: String) -> Result<(), CookieError> {
            html_document()
                .set_cookie(&line)
                .map_err(|_| CookieError::NotSent(NotSent::BrowserRefused))?;
            Self::reread_this_page();
            Ok(())
        }
    }
}
