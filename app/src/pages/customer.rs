//! `/customer`: the lecture's `Customer.html`. The server remembers the
//! shopper's name in the `username` cookie and greets them on every visit.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::consent::ConsentChoice;
use crate::cookies::{Category, CookieError, USERNAME};
use crate::shopper::NameError;
use crate::state::{reread_after, ConsentStore, CookieMirror};

/// Why the customer page could not do what was asked, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum CustomerError {
    #[error(transparent)]
    Name(#[from] NameError),
    #[error(transparent)]
    Cookie(#[from] CookieError),
    #[error("The shop could not be reached ({0}). Please check your connection and try again.")]
    Unreachable(String),
}

impl FromServerFnError for CustomerError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        Self::Unreachable(error.to_string())
    }
}

/// "Remember me": checks the name and sets the `username` cookie in the
/// response headers (the lecture's `resp.set_cookie('username', name)`).
/// Refused without consent to preference cookies (the cookie module's rule).
#[server(endpoint = "remember_me")]
pub async fn remember_me(name: String) -> Result<(), CustomerError> {
    let kept = crate::shopper::parse_name(&name)
        .map_err(CustomerError::from)
        .and_then(|name| Ok(USERNAME.set(&name)?));
    crate::response::unprocessable_on_error(kept)
}

/// "Forget me": asks the browser to delete the `username` cookie.
#[server(endpoint = "forget_me")]
pub async fn forget_me() -> Result<(), CustomerError> {
    USERNAME.remove()?;
    Ok(())
}

#[component]
pub fn CustomerPage() -> impl IntoView {
    let remember = ServerAction::<RememberMe>::new();
    let forget = ServerAction::<ForgetMe>::new();
    // Rendered from the request's `Cookie` header; read again from
    // `document.cookie` whenever a form has gone through, since the
    // response's `Set-Cookie` has just updated it.
    let shopper = CookieMirror::new(|| USERNAME.get());
    reread_after(remember.version(), shopper);
    reread_after(forget.version(), shopper);
    let problem = move || {
        let remember_error = remember.value().get().and_then(Result::err);
        let forget_error = forget.value().get().and_then(Result::err);
        remember_error
            .or(forget_error)
            .map(|error| error.to_string())
    };

    view! {
        <Title text="Customer" />
        <h1>"Customer"</h1>
        <Greeting shopper />
        <PreferencesNotice />
        <ActionForm action=remember attr:class="name-form">
            <label for="name">"Your name"</label>
            <input
                id="name"
                name="name"
                type="text"
                autocomplete="name"
                aria-describedby="name-problem"
                aria-invalid=move || problem().is_some().to_string()
            />
            <button type="submit">"Remember me"</button>
            <p id="name-problem" class="problem" role="alert" data-testid="name-problem">
                {problem}
            </p>
        </ActionForm>
        <ActionForm action=forget>
            <button type="submit" class="secondary">
                "Forget me"
            </button>
        </ActionForm>
        <HowItWorks />
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

/// Remembering a name needs consent to preference cookies; without it the
/// server refuses to set `username`, and this says why and offers to allow it.
#[component]
fn PreferencesNotice() -> impl IntoView {
    let store = ConsentStore::expect();
    let allows = move |category| {
        store
            .answer
            .get()
            .is_some_and(|answer| answer.allows(category))
    };
    view! {
        <Show when=move || !allows(Category::Preferences)>
            <div class="notice" data-testid="preferences-notice">
                <p>
                    "Remembering your name needs a preference cookie, which you have not allowed, "
                    "so the shop will not set it."
                </p>
                <ActionForm action=store.save>
                    <input type="hidden" name="choice" value=ConsentChoice::Chosen.key() />
                    <input type="hidden" name=Category::Preferences.key() value="on" />
                    // Keep the shopper's answer about the other category as it was.
                    <Show when=move || allows(Category::Statistics)>
                        <input type="hidden" name=Category::Statistics.key() value="on" />
                    </Show>
                    <button type="submit">"Allow preference cookies"</button>
                </ActionForm>
            </div>
        </Show>
    }
}

/// What happens under the hood, for students reading the page.
#[component]
fn HowItWorks() -> impl IntoView {
    let name = USERNAME.info.name;
    view! {
        <section class="explainer" aria-labelledby="how-it-works">
            <h2 id="how-it-works">"How it works"</h2>
            <ol>
                <li>
                    <em>"Remember me"</em> " sends your name to the server. The server answers with "
                    <code>"Set-Cookie: " {name} "=…; SameSite=Lax; Path=/; Max-Age=…"</code> "."
                </li>
                <li>
                    "From then on your browser adds " <code>"Cookie: " {name} "=…"</code>
                    " to every request to this site, and the server puts your name into the page "
                    "before sending it."
                </li>
                <li>
                    <em>"Forget me"</em> " makes the server send the same cookie with an expiry in "
                    "the past, and the browser deletes it."
                </li>
            </ol>
        </section>
    }
}
