//! What the page's islands know of the cookies, and how they stay in step.
//!
//! Pages render only on the server; the interactive parts are islands
//! (`#[island]`), each hydrated on its own with the props the server
//! rendered it with. Islands share no Rust state, so they keep in step the
//! way any two scripts on a page would: whoever changes a cookie in the
//! browser announces it with a [`COOKIES_CHANGED`] event on `window`, and
//! every [`CookieMirror`] reads its cookie again when it hears one.
//!
//! Hydration must start from exactly what the server rendered. Reading
//! `document.cookie` at that moment would usually agree, but not always: a
//! response that has just set a cookie, or another tab, can change it
//! between the server's render and the browser's hydration, and a page
//! hydrated from different data breaks. So each mirror starts from the
//! server's value (the island's prop) and reads the cookie again only when
//! something has changed it.

use std::rc::Rc;

use leptos::prelude::*;

use crate::basket::{Basket, BasketTerm};
use crate::shop_cookies::{Cookies, BASKET, BASKET_TERM};

/// The `window` event an island dispatches after changing a cookie.
pub const COOKIES_CHANGED: &str = "cookies-changed";

/// Tells every island on the page that the page's script changed a cookie
/// (the page's jar already holds what it wrote). Nothing happens on the
/// server, where no island runs.
pub fn announce_cookie_change() {
    #[cfg(feature = "hydrate")]
    if let Ok(event) = leptos::web_sys::Event::new(COOKIES_CHANGED) {
        let _ = window().dispatch_event(&event);
    }
}

/// Tells every island that cookies may have changed without the page's
/// script writing them — a response's `Set-Cookie`, an expiry, another tab:
/// `document.cookie` is read once, then the change announced.
pub fn announce_outside_change() {
    let _ = crate::cookies::Jar::latest();
    announce_cookie_change();
}

/// The `window` event that carries the `Set-Cookie` lines a form's answer
/// sent (as the server function reported them), for the cookie inspector.
pub const SERVER_ANSWERED: &str = "server-answered";

/// Tells every island what one of them learned, as JSON in the `detail`
/// of a `window` event named `event`. Nothing happens on the server.
pub fn announce<T: serde::Serialize>(event: &'static str, what: &T) {
    #[cfg(feature = "hydrate")]
    {
        let init = leptos::web_sys::CustomEventInit::new();
        init.set_detail(&serde_json::to_string(what).unwrap_or_default().into());
        if let Ok(event) = leptos::web_sys::CustomEvent::new_with_event_init_dict(event, &init) {
            let _ = window().dispatch_event(&event);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, what);
}

/// Runs `heard` with what an island [`announce`]d under `event`, as long as
/// the component that asked lives.
pub fn hear<T: serde::de::DeserializeOwned>(event: &'static str, heard: impl Fn(T) + 'static) {
    listen_while_alive(
        event,
        Rc::new(move |detail: Option<String>| {
            if let Some(what) = detail.and_then(|json| serde_json::from_str(&json).ok()) {
                heard(what);
            }
        }),
    );
}

/// Runs `heard` whenever an island announces a cookie change, as long as
/// the component that asked lives.
pub fn on_cookie_change(heard: impl Fn() + 'static) {
    listen_while_alive(COOKIES_CHANGED, Rc::new(move |_| heard()));
}

/// Listens to `event` on `window` until the component that asked is
/// removed, passing on its text `detail`. Not generic, so every island
/// shares one copy of this code in the wasm rather than one per listener.
fn listen_while_alive(event: &'static str, heard: Rc<dyn Fn(Option<String>)>) {
    Effect::new(move |_| {
        let heard = heard.clone();
        let listening = window_event_listener_untyped(event, move |event| {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                let detail = event
                    .dyn_ref::<leptos::web_sys::CustomEvent>()
                    .and_then(|event| event.detail().as_string());
                heard(detail);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&event, &heard);
        });
        on_cleanup(move || listening.remove());
    });
}

/// A cookie's value as an island shows it.
pub struct CookieMirror<T: 'static> {
    value: RwSignal<T>,
    read: fn(&Cookies) -> T,
}

impl<T: 'static> Clone for CookieMirror<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for CookieMirror<T> {}

impl<T> CookieMirror<T>
where
    T: Clone + Send + Sync + 'static,
{
    /// Starts from `rendered`, what `read` gave on the server for this
    /// page, and reads the page's cookies with it again whenever an island
    /// announces a change.
    pub fn new(rendered: T, read: fn(&Cookies) -> T) -> Self {
        let mirror = Self {
            value: RwSignal::new(rendered),
            read,
        };
        on_cookie_change(move || mirror.reread());
        mirror
    }

    /// Reads the cookie again. Listeners run as the event is dispatched, so
    /// every mirror is up to date when [`announce_cookie_change`] returns.
    fn reread(&self) {
        if let Ok(cookies) = Cookies::current() {
            self.value.set((self.read)(&cookies));
        }
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

    pub fn with_untracked<R>(&self, look: impl FnOnce(&T) -> R) -> R {
        self.value.with_untracked(look)
    }
}

/// The basket and its expiry, as the basket page's island shows them: two
/// mirrors of their cookies.
#[derive(Clone, Copy)]
pub struct BasketMirror {
    pub basket: CookieMirror<Basket>,
    pub term: CookieMirror<Option<BasketTerm>>,
}

impl BasketMirror {
    /// The basket as the server rendered it.
    pub fn new(basket: Basket, term: Option<BasketTerm>) -> Self {
        Self {
            basket: CookieMirror::new(basket, Self::current_basket),
            term: CookieMirror::new(term, |cookies| BASKET_TERM.get(cookies)),
        }
    }

    /// The basket as its cookie holds it now (on the server: as the request
    /// sent it); no cookie is an empty basket. The one reading both the
    /// server's render and the island's mirror use, so they cannot differ.
    pub fn current_basket(cookies: &Cookies) -> Basket {
        BASKET.get(cookies).unwrap_or_default()
    }
}
