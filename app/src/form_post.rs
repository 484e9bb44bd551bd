//! Forms that post to a server function, in the browser's own encoding.
//!
//! Without JavaScript a [`PostForm`] is a plain HTML form: the browser
//! posts it to the server function, the server redirects back to the page,
//! and the outcome comes back in the flash cookie ([`crate::flash`]), which
//! the page hands to its island ([`FormPost::after`]). Once the island
//! runs, the form sends the very same body in the background with `fetch`,
//! and its [`FormPost`] keeps the server function's answer. The browser
//! encodes the fields, as it would without JavaScript, so the wasm carries
//! code to read answers only (JSON), not Leptos' larger server-function
//! client (`ActionForm` and `ServerAction`).
//!
//! ```no_run
//! use app::form_post::{FormPost, PostForm};
//! use app::pages::customer::RememberMe;
//! use leptos::prelude::*;
//!
//! #[component]
//! fn NameForm() -> impl IntoView {
//!     let remember = FormPost::<RememberMe>::new();
//!     let problem = move || {
//!         let answer = remember.value().get();
//!         answer.and_then(Result::err).map(|error| error.to_string())
//!     };
//!     view! {
//!         <PostForm post=remember>
//!             <input name="name" />
//!             <button type="submit">"Remember me"</button>
//!         </PostForm>
//!         <p role="alert">{problem}</p>
//!     }
//! }
//! ```

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;

use crate::action::posted_to;
use crate::flash::Flash;

/// The posts of one form to the server function `S`: the answer to the
/// latest (`value`) and how many have been answered (`version`).
pub struct FormPost<S: ServerFn> {
    value: RwSignal<Option<Result<S::Output, S::Error>>>,
    version: RwSignal<usize>,
}

impl<S: ServerFn> Clone for FormPost<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for FormPost<S> {}

impl<S> FormPost<S>
where
    S: ServerFn + 'static,
    S::Output: DeserializeOwned + Sync + 'static,
    S::Error: 'static,
{
    /// No post answered yet.
    pub fn new() -> Self {
        Self::starting_from(None)
    }

    /// Starts from the outcome a JavaScript-off post to `S` left in the
    /// page's `flash`, if any, so the server and the island show the same.
    pub fn after(flash: Option<&Flash>) -> Self
    where
        Result<S::Output, S::Error>: DeserializeOwned,
    {
        Self::starting_from(posted_to::<S>(flash))
    }

    fn starting_from(answer: Option<Result<S::Output, S::Error>>) -> Self {
        Self {
            value: RwSignal::new(answer),
            version: RwSignal::new(0),
        }
    }

    /// The answer to the latest post; `None` before the first.
    pub fn value(&self) -> RwSignal<Option<Result<S::Output, S::Error>>> {
        self.value
    }

    /// How many posts have been answered (in the browser; 0 on the server).
    pub fn version(&self) -> RwSignal<usize> {
        self.version
    }

    /// Sends the form `event` submits, with the button that submitted it,
    /// instead of letting the browser leave the page. When the answer
    /// arrives its `Set-Cookie` headers have been applied, so every island
    /// is told that cookies may have changed.
    pub fn submit(&self, event: SubmitEvent) {
        event.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            let body = background_post::form_body(&event);
            leptos::task::spawn_local(async move {
                let answer = match body {
                    Ok(body) => background_post::post::<S>(body).await,
                    Err(error) => Err(error),
                };
                this.record(answer);
                crate::state::announce_outside_change();
            });
        }
    }

    /// Posts no fields to `S` in the background, as a form with only a
    /// button would: for a question the page asks by itself (the cookie
    /// inspector asks the server what it now receives).
    pub fn send(&self) {
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            leptos::task::spawn_local(async move {
                let answer = match web_sys::UrlSearchParams::new() {
                    Ok(empty) => background_post::post::<S>(empty).await,
                    Err(_) => return,
                };
                this.record(answer);
            });
        }
    }

    /// Keeps `answer` as the latest, and counts it.
    #[cfg(feature = "hydrate")]
    fn record(&self, answer: Result<S::Output, S::Error>) {
        self.value.set(Some(answer));
        self.version.update(|answered| *answered += 1);
    }

    /// Runs `act` with each answer as it arrives in the page; not with the
    /// one the page started from.
    pub fn on_each_answer(&self, act: impl Fn(&Result<S::Output, S::Error>) + 'static) {
        let value = self.value;
        on_each_count(
            self.version,
            Box::new(move || {
                value.with_untracked(|answer| {
                    if let Some(answer) = answer {
                        act(answer);
                    }
                });
            }),
        );
    }
}

/// Runs `act` each time `count` goes up. Not generic, so every form shares
/// one copy of this code in the wasm rather than one per server function.
fn on_each_count(count: RwSignal<usize>, act: Box<dyn Fn()>) {
    Effect::watch(move || count.get(), move |_, _, _| act(), false);
}

impl<S> Default for FormPost<S>
where
    S: ServerFn + 'static,
    S::Output: DeserializeOwned + Sync + 'static,
    S::Error: 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

/// A form that posts to the server function of `post`: as plain HTML
/// without JavaScript, in the background once the island runs.
#[component]
pub fn PostForm<S, C>(post: FormPost<S>, children: TypedChildren<C>) -> impl IntoView
where
    S: ServerFn + 'static,
    S::Output: DeserializeOwned + Sync + 'static,
    S::Error: 'static,
    C: IntoView + 'static,
{
    let in_background = Callback::new(move |event| post.submit(event));
    FormTo(FormToProps {
        action: S::PATH,
        in_background: Some(in_background),
        children,
    })
}

/// The form every post goes through: a plain HTML form to the server
/// function at `action`, which the browser posts without JavaScript. With
/// JavaScript, `in_background` sends it instead ([`PostForm`]); a form
/// whose buttons act in the page (the basket's) has none, so its wasm
/// carries no code to post it. Typed children: boxed ones would make every
/// form's view hydratable asynchronously too, which the wasm pays for.
#[component]
pub fn FormTo<C: IntoView + 'static>(
    action: &'static str,
    #[prop(optional)] in_background: Option<Callback<SubmitEvent>>,
    children: TypedChildren<C>,
) -> impl IntoView {
    let submit = move |event: SubmitEvent| {
        if let Some(in_background) = in_background {
            in_background.run(event);
        }
    };
    let children = children.into_inner();
    view! {
        <form method="post" action=action on:submit=submit>
            {children()}
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod background_post {
    use leptos::prelude::window;
    use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
    use leptos::server_fn::{Bytes, ServerFn};
    use serde::de::DeserializeOwned;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        FormData, Headers, HtmlButtonElement, HtmlFormElement, RequestInit, Response, SubmitEvent,
        UrlSearchParams,
    };

    /// The form's fields, and the submitting button's name and value (the
    /// consent form's buttons say which answer), encoded by the browser as
    /// `application/x-www-form-urlencoded`, exactly as a plain post.
    pub fn form_body<E: FromServerFnError>(event: &SubmitEvent) -> Result<UrlSearchParams, E> {
        let unreadable = || {
            E::from_server_fn_error(ServerFnErrorErr::Request(
                "the form could not be read".into(),
            ))
        };
        let form: HtmlFormElement = event
            .target()
            .and_then(|target| target.dyn_into().ok())
            .ok_or_else(unreadable)?;
        let fields = FormData::new_with_form(&form).map_err(|_| unreadable())?;
        let button = event
            .submitter()
            .and_then(|it| it.dyn_into::<HtmlButtonElement>().ok());
        if let Some(button) = button.filter(|button| !button.name().is_empty()) {
            fields
                .append_with_str(&button.name(), &button.value())
                .map_err(|_| unreadable())?;
        }
        UrlSearchParams::new_with_str_sequence_sequence(&fields).map_err(|_| unreadable())
    }

    /// Posts `body` to `S` and reads its answer as the server function's
    /// client would: JSON for a result, the error's own encoding for an
    /// error status. Anything else (no answer, a reply that does not read)
    /// becomes the error type's own word for it.
    pub async fn post<S>(body: UrlSearchParams) -> Result<S::Output, S::Error>
    where
        S: ServerFn,
        S::Output: DeserializeOwned,
    {
        let failed = |kind: fn(String) -> ServerFnErrorErr| {
            move |error: JsValue| {
                let error = error.as_string().unwrap_or_else(|| format!("{error:?}"));
                S::Error::from_server_fn_error(kind(error))
            }
        };
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        let headers = Headers::new().map_err(failed(ServerFnErrorErr::Request))?;
        // A server function answers JSON to this; to a browser's plain
        // post (`Accept: text/html`) it answers with a redirect.
        headers
            .set("Accept", "application/json")
            .map_err(failed(ServerFnErrorErr::Request))?;
        init.set_headers(&headers);
        let sent = window().fetch_with_str_and_init(S::PATH, &init);
        let response: Response = JsFuture::from(sent)
            .await
            .map_err(failed(ServerFnErrorErr::Request))?
            .unchecked_into();
        let text = response
            .text()
            .map_err(failed(ServerFnErrorErr::Response))?;
        let text = JsFuture::from(text)
            .await
            .map_err(failed(ServerFnErrorErr::Response))?
            .as_string()
            .unwrap_or_default();
        if (400..600).contains(&response.status()) {
            return Err(S::Error::de(Bytes::from(text)));
        }
        serde_json::from_str(&text).map_err(|error| {
            S::Error::from_server_fn_error(ServerFnErrorErr::Deserialization(error.to_string()))
        })
    }
}
