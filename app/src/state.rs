//! State the whole page shares, mirrored from the cookies: the basket (nav
//! count and basket page) and the consent answer (banner, customer page,
//! cookie page).
//!
//! Hydration must start from exactly what the server rendered. Reading
//! `document.cookie` at that moment would usually agree, but not always: a
//! response that has just set a cookie, or another tab, can change it
//! between the server's render and the browser's hydration, and a page
//! hydrated from different data breaks. So each mirror starts from the
//! server's value (serialized into the page by `SharedValue`) and reads the
//! cookie again only when something has changed it.

use leptos::prelude::*;
use leptos::server::SharedValue;
use serde::{de::DeserializeOwned, Serialize};

use crate::basket::{self, Basket, BasketChange, BasketError, BasketLifetime, BasketTerm};
use crate::consent::{self, Consent, SaveConsent};
use crate::cookies::{BASKET, BASKET_TERM};

/// A cookie's value as the page shows it.
pub struct CookieMirror<T: 'static> {
    value: RwSignal<T>,
    read: fn() -> T,
}

impl<T: 'static> Clone for CookieMirror<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for CookieMirror<T> {}

impl<T> CookieMirror<T>
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    /// Starts from `read()` as the server ran it for this page.
    pub fn new(read: fn() -> T) -> Self {
        let rendered = SharedValue::new(read).into_inner();
        Self {
            value: RwSignal::new(rendered),
            read,
        }
    }

    /// Reads the cookie again (in the browser: `document.cookie`).
    pub fn reread(&self) {
        self.value.set((self.read)());
    }

    /// The value, tracked.
    pub fn get(&self) -> T {
        self.value.get()
    }

    pub fn get_untracked(&self) -> T {
        self.value.get_untracked()
    }

    pub fn with<R>(&self, look: impl FnOnce(&T) -> R) -> R {
        self.value.with(look)
    }
}

/// The basket and its expiry, shared by the nav and the basket page.
#[derive(Clone, Copy)]
pub struct BasketStore {
    pub basket: CookieMirror<Basket>,
    pub term: CookieMirror<Option<BasketTerm>>,
}

impl BasketStore {
    /// Creates the store and shares it with every component below.
    pub fn provide() -> Self {
        let store = Self {
            basket: CookieMirror::new(|| BASKET.get().unwrap_or_default()),
            term: CookieMirror::new(|| BASKET_TERM.get()),
        };
        provide_context(store);
        store
    }

    pub fn expect() -> Self {
        expect_context()
    }

    /// Reads the cookies again, e.g. once the browser may have expired them.
    pub fn reread(&self) {
        self.basket.reread();
        self.term.reread();
    }

    /// Applies `change` in the browser, writes the cookie through
    /// `document.cookie` and re-reads it. On error nothing is written.
    ///
    /// # Errors
    /// A [`BasketError`] saying why the change was refused.
    pub fn change(
        &self,
        change: BasketChange,
        lifetime: BasketLifetime,
    ) -> Result<(), BasketError> {
        let changed = basket::apply(&self.basket.get_untracked(), change)?;
        let kept = basket::keep(&changed, lifetime);
        // Re-read even on error: the browser may have changed since.
        self.reread();
        Ok(kept?)
    }
}

/// The consent answer, and the one action every consent form submits, so
/// that the banner, the customer page and the cookie page stay in step.
#[derive(Clone, Copy)]
pub struct ConsentStore {
    pub save: ServerAction<SaveConsent>,
    /// The answer to the current revision; `None` until the shopper decides.
    pub answer: CookieMirror<Option<Consent>>,
}

impl ConsentStore {
    pub fn provide() -> Self {
        let save = ServerAction::<SaveConsent>::new();
        let answer = CookieMirror::new(consent::current);
        // When an answer has been sent, its response's Set-Cookie has
        // updated `document.cookie`.
        reread_after(save.version(), answer);
        let store = Self { save, answer };
        provide_context(store);
        store
    }

    pub fn expect() -> Self {
        expect_context()
    }
}

/// Re-reads `mirror` whenever `version` moves on (an action has finished).
/// Effects run only in the browser.
pub fn reread_after<T>(version: RwSignal<usize>, mirror: CookieMirror<T>)
where
    T: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    Effect::watch(move || version.get(), move |_, _, _| mirror.reread(), false);
}
