//! `/customer`: the lecture's `Customer.html`. The server remembers the
//! shopper's name in the `username` cookie and greets them on every visit.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::action::{ActionError, NoRefusal};
use crate::components::consent_banner::ConsentMirror;
use crate::consent::{Category, Consent, ConsentChoice};
use crate::cookies::codec;
use crate::flash::Flash;
use crate::form_post::{FormPost, PostForm};
use crate::in_browser::focus_soon;
use crate::shop_cookies::{Cookies, USERNAME};
use crate::shopper::{NameError, MAX_NAME_CHARS};
use crate::state::CookieMirror;

/// "Remember me": checks the name and sets the `username` cookie in the
/// response headers (the lecture's `resp.set_cookie('username', name)`).
/// Refused without consent to preference cookies (the shop's consent rule).
#[server(endpoint = "remember_me")]
pub async fn remember_me(name: String) -> Result<(), ActionError<NameError>> {
    let cookies = Cookies::current()?;
    let kept = crate::shopper::parse_name(&name)
        .map_err(ActionError::Refused)
        .and_then(|name| Ok(USERNAME.set(&cookies, &name)?));
    crate::action::answer_keeping(kept, &[("name", &name)])
}

/// "Forget me": asks the browser to delete the `username` cookie.
#[server(endpoint = "forget_me")]
pub async fn forget_me() -> Result<(), ActionError<NoRefusal>> {
    let cookies = Cookies::current()?;
    crate::action::answer(USERNAME.remove(&cookies).map_err(Into::into))
}

#[component]
pub fn CustomerPage(cookies: Cookies) -> impl IntoView {
    view! {
        <Title text="Customer" />
        <h1>"Customer"</h1>
        <NameForms
            shopper=USERNAME.get(&cookies)
            ignored=USERNAME.ignored(&cookies)
            consent=cookies.consent().cloned()
            flash=cookies.flash().cloned()
        />
        <HowItWorks />
    }
}

/// Everything on the page that changes with the cookies, as an island
/// started from what the server read in the request: the greeting, the
/// notices and the two forms. With JavaScript the forms post in the
/// background and the page reads `document.cookie` again when the
/// response's `Set-Cookie` has updated it; without, the browser posts them
/// and `flash` brings the outcome back.
#[island]
fn NameForms(
    shopper: Option<String>,
    ignored: bool,
    consent: Option<Consent>,
    flash: Option<Flash>,
) -> impl IntoView {
    let remember = FormPost::<RememberMe>::after(flash.as_ref());
    let forget = FormPost::<ForgetMe>::after(flash.as_ref());
    let consent = ConsentMirror::new(consent, flash.as_ref());
    let shopper = CookieMirror::new(shopper, |cookies| USERNAME.get(cookies));
    // Only the newest answer speaks: a finished action clears the other's.
    Effect::watch(
        move || remember.version().get(),
        move |_, _, _| forget.value().set(None),
        false,
    );
    Effect::watch(
        move || forget.version().get(),
        move |_, _, _| remember.value().set(None),
        false,
    );
    let problem = move || {
        let remember_error = remember.value().get().and_then(Result::err);
        let forget_error = forget.value().get().and_then(Result::err);
        remember_error
            .map(|error| error.to_string())
            .or(forget_error.map(|error| error.to_string()))
    };
    let done = move || {
        if remember.value().get().is_some_and(|answer| answer.is_ok()) {
            let name = shopper.get().unwrap_or_default();
            Some(format!("Saved: the shop will greet you as {name}."))
        } else if forget.value().get().is_some_and(|answer| answer.is_ok()) {
            Some("Done: the shop has forgotten your name.".to_owned())
        } else {
            None
        }
    };
    // After each answer: the name field to correct a refusal, else the line
    // that says what happened. Allowing preference cookies leads to the name.
    Effect::watch(
        move || (remember.version().get(), forget.version().get()),
        move |_, _, _| {
            focus_soon(if problem().is_some() {
                "name"
            } else {
                "name-status"
            })
        },
        false,
    );
    Effect::watch(
        move || consent.save.version().get(),
        move |_, _, _| focus_soon("name"),
        false,
    );
    // A refused post without JavaScript: what the shopper typed, again.
    let typed = flash
        .as_ref()
        .filter(|flash| flash.form == RememberMe::PATH)
        .and_then(|flash| flash.typed_in("name"))
        .map(str::to_owned);
    let refused_without_script = problem().is_some();

    view! {
        <Greeting shopper />
        <IgnoredNotice ignored />
        <PreferencesNotice consent />
        <PostForm post=remember attr:class="name-form">
            <label for="name">"Your name"</label>
            <input
                id="name"
                name="name"
                type="text"
                autocomplete="name"
                required
                maxlength=MAX_NAME_CHARS
                value=typed
                autofocus=refused_without_script
                aria-describedby="name-problem"
                aria-invalid=move || problem().is_some().to_string()
            />
            <button type="submit">"Remember me"</button>
            <p id="name-problem" class="problem" role="alert" data-testid="name-problem">
                {problem}
            </p>
        </PostForm>
        <p
            id="name-status"
            class="status"
            role="status"
            tabindex="-1"
            data-testid="name-status"
            autofocus=done().is_some()
        >
            {done}
        </p>
        <PostForm post=forget>
            <button type="submit" class="secondary">
                "Forget me"
            </button>
        </PostForm>
    }
}

/// The greeting, rendered by the server from the request's cookie.
#[component]
fn Greeting(shopper: CookieMirror<Option<String>>) -> impl IntoView {
    // One text node, so the server HTML reads "Welcome back, NAME" verbatim.
    let text = move || match shopper.get() {
        Some(name) => format!("Welcome back, {name}"),
        None => "Hello, new customer. Tell us your name and we will remember it.".to_owned(),
    };
    view! {
        <p class="greeting" data-testid="greeting">
            {text}
        </p>
    }
}

/// Said when the browser sent a `username` cookie the shop may not read:
/// the consent rule covers reading, not only writing.
#[component]
fn IgnoredNotice(ignored: bool) -> impl IntoView {
    let ignored = CookieMirror::new(ignored, |cookies| USERNAME.ignored(cookies));
    let name = USERNAME.name();
    view! {
        <Show when=move || ignored.get()>
            <p class="notice" data-testid="ignored-notice">
                "Your browser sent a " <code>{name}</code> " cookie, but you have not allowed "
                "preference cookies, so the shop ignores it: it neither reads nor uses it."
            </p>
        </Show>
    }
}

/// Remembering a name needs consent to preference cookies; without it the
/// server refuses to set `username`, and this says why and offers to allow it.
#[component]
fn PreferencesNotice(consent: ConsentMirror) -> impl IntoView {
    view! {
        <Show when=move || !consent.answer.with(|answer| Category::Preferences.allowed_by(answer.as_ref()))>
            <div class="notice" data-testid="preferences-notice">
                <p>
                    "Remembering your name needs a preference cookie, which you have not allowed, "
                    "so the shop will not set it."
                </p>
                <PostForm post=consent.save>
                    <input type="hidden" name="choice" value=ConsentChoice::Chosen.key() />
                    <input type="hidden" name=Category::Preferences.key() value="on" />
                    // Keep the shopper's answer about the other category as it was.
                    <Show when=move || consent.answer.with(|answer| Category::Statistics.allowed_by(answer.as_ref()))>
                        <input type="hidden" name=Category::Statistics.key() value="on" />
                    </Show>
                    <button type="submit">"Allow preference cookies"</button>
                </PostForm>
            </div>
        </Show>
    }
}

/// What happens under the hood, for students reading the page. The lines
/// are the codec's own, for an example name.
#[component]
fn HowItWorks() -> impl IntoView {
    let example = "ian".to_owned();
    let set = USERNAME.example_line(&example);
    let sent = set
        .split_once("; ")
        .map_or(set.as_str(), |(pair, _)| pair)
        .to_owned();
    let removal = codec::removal_line(&USERNAME.declaration.info, false);
    view! {
        <section class="explainer" aria-labelledby="how-it-works">
            <h2 id="how-it-works">"How it works"</h2>
            <ol>
                <li>
                    <em>"Remember me"</em> " sends your name to the server. For the name "
                    <q>{example}</q> " the server answers with " <code>"Set-Cookie: " {set.clone()}</code> "."
                </li>
                <li>
                    "From then on your browser adds " <code>"Cookie: " {sent}</code>
                    " to every request to this site, and the server puts your name into the page "
                    "before sending it."
                </li>
                <li>
                    <em>"Forget me"</em> " makes the server send the same cookie with an expiry in "
                    "the past, " <code>"Set-Cookie: " {removal}</code> ", and the browser deletes it."
                </li>
            </ol>
        </section>
    }
}
