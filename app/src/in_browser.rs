//! Helpers for what happens only once the page's script runs. Effects never
//! run on the server, so each of these is inert while a page is rendered
//! there, and the server's HTML shows the state before hydration.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::web_sys::MouseEvent;

/// `false` while the server renders and until the page is hydrated, then
/// `true`: for text that says whether the page's script is running.
pub fn hydrated() -> ReadSignal<bool> {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    hydrated
}

/// Calls `tick` once the page is hydrated and then every second, until the
/// component that asked is removed. For what no browser event announces,
/// such as a cookie expiring or being changed in another tab.
pub fn every_second(tick: impl Fn() + 'static) {
    tick_while_alive(Rc::new(tick));
}

/// Not generic, so every clock shares one copy of this code in the wasm.
fn tick_while_alive(tick: Rc<dyn Fn()>) {
    Effect::new(move |_| {
        tick();
        let tick = tick.clone();
        if let Ok(interval) =
            set_interval_with_handle(move || tick(), std::time::Duration::from_secs(1))
        {
            on_cleanup(move || interval.clear());
        }
    });
}

/// A click handler for a form's submit button: with JavaScript, `act` runs
/// in the page instead of posting the form. Without JavaScript the handler
/// never runs and the browser posts the form as usual.
pub fn without_posting(act: impl Fn() + 'static) -> impl Fn(MouseEvent) + 'static {
    move |event: MouseEvent| {
        event.prevent_default();
        act();
    }
}

/// Moves the keyboard focus to the element `id` once the page has drawn
/// what just changed: after an action, to the line that says what happened
/// or to the control that comes next, so that focus never drops to the
/// page's body (and a screen reader reads the outcome once). Nothing on the
/// server.
pub fn focus_soon(id: &'static str) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let element = document().get_element_by_id(id);
        if let Some(element) = element.and_then(|it| it.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// Starts the islands of a server-rendered page (the page's script
/// hydrates each one right after), then marks the page with
/// `data-hydrated`. Called by the front end's `hydrate`.
#[cfg(feature = "hydrate")]
pub fn start_islands() {
    leptos::mount::hydrate_islands();
    reread_cookies_when_they_may_have_changed();
    // The islands are hydrated in the promise callbacks that follow; a
    // timeout runs after all of them. Tests wait for this mark before
    // clicking, so they never race the wasm download.
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-hydrated", "true");
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Every island reads the cookies again when the page is shown again or
/// regains focus (another tab, or the lecture's own script, may have changed
/// them), and on the browser's `cookiechange` event where it has one.
#[cfg(feature = "hydrate")]
fn reread_cookies_when_they_may_have_changed() {
    use wasm_bindgen::JsCast;
    let reread = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            crate::state::announce_outside_change();
        }
    });
    let listener = reread.as_ref().unchecked_ref();
    let _ = window().add_event_listener_with_callback("focus", listener);
    let _ = document().add_event_listener_with_callback("visibilitychange", listener);
    // `window.cookieStore` (Chromium): not in every browser, nor in web-sys' stable API.
    let cookie_store = web_sys::js_sys::Reflect::get(&window(), &"cookieStore".into());
    if let Some(store) = cookie_store
        .ok()
        .and_then(|it| it.dyn_into::<web_sys::EventTarget>().ok())
    {
        let _ = store.add_event_listener_with_callback("change", listener);
    }
    // For the page's whole life.
    reread.forget();
}
