//! State the whole page shares, mirrored from the cookies: [`CookieMirror`]
//! and the basket's store (nav count and basket page).
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

use crate::basket::{Basket, BasketTerm};
use crate::shop_cookies::{BASKET, BASKET_TERM};

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

    /// Reads the cookie again whenever `version` moves on (an action has
    /// finished, and its response's `Set-Cookie` has updated
    /// `document.cookie`). Effects run only in the browser.
    pub fn reread_after(self, version: RwSignal<usize>) {
        Effect::watch(move || version.get(), move |_, _, _| self.reread(), false);
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

    /// Reads the cookies again, after a change or once the browser may have
    /// expired them.
    pub fn reread(&self) {
        self.basket.reread();
        self.term.reread();
    }
}
