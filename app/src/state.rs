//! State the whole page shares, always re-read from the cookies: the basket
//! (nav count and basket page) and the consent answer (banner, customer
//! page, cookie page).

use leptos::prelude::*;

use crate::basket::{self, Basket, BasketChange, BasketError, BasketLifetime, BasketTerm};
use crate::consent::{self, Consent, SaveConsent};
use crate::cookies::{BASKET, BASKET_TERM};

/// The cookie is the single source of truth; these memos only re-read it.
/// On the server they read the request's `Cookie` header, in the browser
/// `document.cookie`.
#[derive(Clone, Copy)]
pub struct BasketStore {
    reread: Trigger,
    pub basket: Memo<Basket>,
    pub term: Memo<Option<BasketTerm>>,
}

impl BasketStore {
    /// Creates the store and shares it with every component below.
    pub fn provide() -> Self {
        let reread = Trigger::new();
        let store = Self {
            reread,
            basket: Memo::new(move |_| {
                reread.track();
                BASKET.get().unwrap_or_default()
            }),
            term: Memo::new(move |_| {
                reread.track();
                BASKET_TERM.get()
            }),
        };
        provide_context(store);
        store
    }

    pub fn expect() -> Self {
        expect_context()
    }

    /// Reads the cookies again, e.g. once the browser may have expired them.
    pub fn reread(&self) {
        self.reread.notify();
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
    pub answer: Memo<Option<Consent>>,
}

impl ConsentStore {
    pub fn provide() -> Self {
        let save = ServerAction::<SaveConsent>::new();
        let store = Self {
            save,
            answer: Memo::new(move |_| {
                // The response's Set-Cookie has updated `document.cookie`.
                save.version().track();
                consent::current()
            }),
        };
        provide_context(store);
        store
    }

    pub fn expect() -> Self {
        expect_context()
    }
}
