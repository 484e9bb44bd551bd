//! The shop's cookies: the one list of what the shop stores, why, and
//! under which consent, on top of the general mechanism in [`crate::cookies`].
//!
//! Adding a cookie means adding a constant here and to [`ALL`]; nothing else
//! spells out a cookie's name. Every read and write goes through
//! [`ShopCookie`] and the request's (or page's) [`Cookies`], which is where
//! the consent rule is applied.
//!
//! ```no_run
//! use app::shop_cookies::{Cookies, ShopCookieError, USERNAME};
//!
//! fn remember(cookies: &Cookies, name: String) -> Result<(), ShopCookieError> {
//!     // Refused unless the shopper allowed preference cookies.
//!     USERNAME.set(cookies, &name)
//! }
//! ```

use serde::{Deserialize, Serialize};

use crate::basket::{Basket, BasketLifetime, BasketTerm};
use crate::consent::{Category, Consent, ANSWER_KEPT};
use crate::cookies::{codec, CookieError, CookieInfo, CookieSpec, CookieValue, Jar, Lifetime};
use crate::flash::Flash;

/// The shop's view of one request's cookies (on the server) or the page's
/// (in the browser): the [`Jar`], the shopper's consent answer and the
/// outcome of a form posted without JavaScript, read from it once. Every
/// read and write of a [`ShopCookie`] takes it.
#[derive(Debug, Clone)]
pub struct Cookies {
    jar: Jar,
    consent: Option<Consent>,
    flash: Option<Flash>,
}

impl Cookies {
    /// The shop's view of `jar`.
    pub fn new(jar: Jar) -> Self {
        let consent = answer_in(&jar);
        let flash = FLASH.spec.get(&jar);
        Self {
            jar,
            consent,
            flash,
        }
    }

    /// The cookies of the request being answered, or of this page: see
    /// [`Jar::current`].
    ///
    /// # Errors
    /// As for [`Jar::current`].
    pub fn current() -> Result<Self, CookieError> {
        Jar::current().map(Self::new)
    }

    /// The cookies as they are now: see [`Jar::latest`]. For a change made
    /// in the browser, which must start from what another tab or an expiry
    /// may have left.
    ///
    /// # Errors
    /// As for [`Jar::latest`].
    pub fn latest() -> Result<Self, CookieError> {
        Jar::latest().map(Self::new)
    }

    /// The shopper's answer to the consent banner, if it still counts.
    pub fn consent(&self) -> Option<&Consent> {
        self.consent.as_ref()
    }

    /// The outcome of the form this browser posted without JavaScript just
    /// before asking for this page (see [`crate::flash`]). Only the server
    /// sees it: the cookie is `HttpOnly`, and the page hands it to its
    /// islands.
    pub fn flash(&self) -> Option<&Flash> {
        self.flash.as_ref()
    }

    pub fn jar(&self) -> &Jar {
        &self.jar
    }
}

/// The shopper's answer, if it still counts (see [`Consent::is_current`]).
/// Two `consent` cookies are two answers the shop cannot choose between (one
/// may be planted), so they count as none and the banner asks again.
fn answer_in(jar: &Jar) -> Option<Consent> {
    if CONSENT.declaration.info.raw_values(jar).len() > 1 {
        return None;
    }
    CONSENT.spec.get(jar).filter(Consent::is_current)
}

/// Which side writes the cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetBy {
    /// The server, in a `Set-Cookie` response header.
    Server,
    /// The page's own script, through `document.cookie`.
    Browser,
}

/// What the shop says about one of its cookies, whatever the type of its
/// value: what the cookie page, the banner and the tests read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declaration {
    /// Name, lifetime and attributes, for the mechanism.
    pub info: CookieInfo,
    /// One sentence for shoppers: what the cookie does and why.
    pub purpose: &'static str,
    pub category: Category,
    pub set_by: SetBy,
}

/// A declared cookie whose value has type `V`.
///
/// ```
/// use app::shop_cookies::USERNAME;
///
/// assert_eq!(USERNAME.name(), "username");
/// assert!(!USERNAME.declaration.info.http_only, "the page reads it after hydration");
/// ```
#[derive(Debug)]
pub struct ShopCookie<V> {
    pub declaration: Declaration,
    spec: CookieSpec<V>,
}

impl<V> ShopCookie<V> {
    const fn new(declaration: Declaration) -> Self {
        Self {
            declaration,
            spec: CookieSpec::new(declaration.info),
        }
    }

    /// The cookie's name over plain HTTP (over HTTPS it gets `__Host-`).
    pub const fn name(&self) -> &'static str {
        self.declaration.info.name
    }
}

/// Why the shop did not write a cookie.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum ShopCookieError {
    /// The cookie belongs to a category the shopper has not allowed.
    #[error(
        "That needs a {} cookie, which you have not allowed. You can allow it in the cookie \
         settings.", category.label()
    )]
    NotAllowed { category: Category },
    #[error(transparent)]
    Cookie(#[from] CookieError),
}

impl<V: CookieValue> ShopCookie<V> {
    /// The cookie's value in `cookies` (see [`CookieSpec::get`]), if the
    /// shopper's consent allows its category: the consent rule covers
    /// reading as well as writing.
    pub fn get(&self, cookies: &Cookies) -> Option<V> {
        let category = self.declaration.category;
        category
            .allowed_by(cookies.consent())
            .then(|| self.spec.get(&cookies.jar))
            .flatten()
    }

    /// Whether the browser sent this cookie and the shop ignores it, because
    /// the shopper's consent does not allow its category.
    pub fn ignored(&self, cookies: &Cookies) -> bool {
        !self.declaration.category.allowed_by(cookies.consent())
            && self.declaration.info.raw_value(&cookies.jar).is_some()
    }

    /// Writes the cookie with its declared lifetime, if the shopper's
    /// consent allows its category.
    ///
    /// # Errors
    /// [`ShopCookieError::NotAllowed`] without consent, else the
    /// mechanism's [`CookieError`].
    pub fn set(&self, cookies: &Cookies, value: &V) -> Result<(), ShopCookieError> {
        self.set_lasting(cookies, value, self.declaration.info.lifetime)
    }

    /// Like [`set`](Self::set), for a lifetime the shopper chose.
    ///
    /// # Errors
    /// As for [`set`](Self::set).
    pub fn set_lasting(
        &self,
        cookies: &Cookies,
        value: &V,
        lifetime: Lifetime,
    ) -> Result<(), ShopCookieError> {
        let category = self.declaration.category;
        if !category.allowed_by(cookies.consent()) {
            return Err(ShopCookieError::NotAllowed { category });
        }
        // An optional cookie never outlives the answer that allowed it.
        let lifetime = match (category, cookies.consent()) {
            (Category::Necessary, _) | (_, None) => lifetime,
            (_, Some(answer)) => lifetime.at_most(answer.time_left()),
        };
        Ok(self.spec.set_lasting(&cookies.jar, value, lifetime)?)
    }

    /// The `Set-Cookie` line that stores `value` over plain HTTP, exactly as
    /// the codec writes it: for the pages' explanations, so that they can
    /// never show a line the shop does not send.
    pub fn example_line(&self, value: &V) -> String {
        let info = &self.declaration.info;
        codec::set_cookie_line(info, &value.to_wire(), info.lifetime, false)
            .unwrap_or_else(|error| error.to_string())
    }

    /// Deletes the cookie; always allowed.
    ///
    /// # Errors
    /// The mechanism's [`CookieError`] when it cannot be written.
    pub fn remove(&self, cookies: &Cookies) -> Result<(), CookieError> {
        self.spec.remove(&cookies.jar)
    }
}

/// The shopper's name, which the customer page remembers (the lecture's
/// `resp.set_cookie('username', …)`).
pub const USERNAME: ShopCookie<String> = ShopCookie::new(Declaration {
    // Not HttpOnly: the page greets the shopper from `document.cookie`
    // after hydration, so it must see the same value the server rendered.
    info: CookieInfo::site_wide("username", Lifetime::days(30)),
    purpose: "Remembers the name you gave on the customer page, so that we can greet you.",
    category: Category::Preferences,
    set_by: SetBy::Server,
});

/// The parts in the shopper's basket, in the lecture's format
/// (`basket=oil,filter,bolt,washer`). Written by the page's script through
/// `document.cookie`, or by the server when JavaScript is off.
pub const BASKET: ShopCookie<Basket> = ShopCookie::new(Declaration {
    // Declared with the longest lifetime a shopper can choose; each write
    // uses the one they chose.
    info: CookieInfo::site_wide("basket", BasketLifetime::LONGEST.lifetime()),
    purpose: "Keeps the parts you put in your basket while you shop.",
    // A basket the shopper asked for is "strictly necessary" under EU rules.
    category: Category::Necessary,
    set_by: SetBy::Browser,
});

/// When the basket expires: a browser never tells a page or a server a
/// cookie's expiry, so the page keeps it beside the basket to show it.
pub const BASKET_TERM: ShopCookie<BasketTerm> = ShopCookie::new(Declaration {
    // The longest basket's, and `EXPIRY_REMEMBERED` more, as each write.
    info: CookieInfo::site_wide(
        "basket_term",
        BASKET.declaration.info.lifetime.and(EXPIRY_REMEMBERED),
    ),
    purpose: "Remembers how long you asked us to keep your basket, to show when it expires \
              and, for a day after, when it expired.",
    category: Category::Necessary,
    set_by: SetBy::Browser,
});

/// The shopper's answer to the consent banner.
pub const CONSENT: ShopCookie<Consent> = ShopCookie::new(Declaration {
    // Kept as long as an answer counts. Not HttpOnly: the banner is
    // rendered from it on both sides.
    info: CookieInfo::site_wide("consent", Lifetime::For(ANSWER_KEPT)),
    purpose: "Remembers which kinds of cookies you allowed, so we ask only once.",
    category: Category::Necessary,
    set_by: SetBy::Server,
});

/// How many pages this browser has loaded: a server-only cookie the page's
/// script can neither read nor change.
pub const VISITS: ShopCookie<u32> = ShopCookie::new(Declaration {
    // HttpOnly, so no script can read it; signed, so a count edited in the
    // developer tools is noticed and ignored.
    info: CookieInfo::site_wide("visits", Lifetime::For(ANSWER_KEPT)).server_only(),
    purpose: "Counts the pages you have loaded, to show a cookie only the server can see.",
    category: Category::Statistics,
    set_by: SetBy::Server,
});

/// The note the storage page saves as a cookie, beside localStorage and
/// sessionStorage.
pub const NOTE: ShopCookie<String> = ShopCookie::new(Declaration {
    info: CookieInfo::site_wide("note", Lifetime::days(1)),
    purpose: "Holds the note you save as a cookie on the storage page, to compare it with local and session storage.",
    // Written only when the shopper presses "Save" on that page.
    category: Category::Necessary,
    set_by: SetBy::Browser,
});

/// The id of a server-held session (see [`crate::session`]): the only part
/// of the session the browser keeps.
pub const SESSION: ShopCookie<String> = ShopCookie::new(Declaration {
    // HttpOnly: no script needs the id, and none may steal it. Each write
    // gives it the time its record has left (at most the longest session).
    info: CookieInfo::site_wide("session", Lifetime::seconds(12 * 60 * 60)).http_only(),
    purpose: "Holds the id of the session you started on the session page, so the server can \
              find what it keeps for you; deleted when the session ends.",
    // Started only when the shopper presses "Start session".
    category: Category::Necessary,
    set_by: SetBy::Server,
});

/// The outcome of a form sent without JavaScript, on its way to the next
/// page (see [`crate::flash`]).
pub const FLASH: ShopCookie<Flash> = ShopCookie::new(Declaration {
    // HttpOnly: the page that shows it gets it from the server. A minute is
    // plenty for the redirect that follows the post.
    info: CookieInfo::site_wide("flash", Lifetime::seconds(60)).http_only(),
    purpose: "Carries the outcome of a form you sent without JavaScript to the page you are \
              sent back to, which shows it and deletes it at once.",
    category: Category::Necessary,
    set_by: SetBy::Server,
});

/// Every cookie the shop may set, in the order the cookie page lists them.
pub const ALL: &[&Declaration] = &[
    &CONSENT.declaration,
    &BASKET.declaration,
    &BASKET_TERM.declaration,
    &FLASH.declaration,
    &NOTE.declaration,
    &SESSION.declaration,
    &USERNAME.declaration,
    &VISITS.declaration,
];

/// Keeps the shopper's `answer` in the `consent` cookie and deletes, at
/// once, every cookie of a category they did not allow.
///
/// # Errors
/// A [`CookieError`] when a cookie cannot be written.
pub fn record_consent(cookies: &Cookies, answer: &Consent) -> Result<(), ShopCookieError> {
    CONSENT.set(cookies, answer)?;
    for cookie in ALL {
        let allowed = cookie.category.allowed_by(Some(answer));
        if !allowed && cookie.info.sent_in_any_variant(&cookies.jar) {
            cookie.info.remove_every_variant(&cookies.jar)?;
        }
    }
    Ok(())
}

/// Deletes the flash cookie, if the browser sent one: the page being
/// rendered shows its outcome, and only once. A cookie that cannot be
/// deleted expires within its minute.
pub fn forget_flash(cookies: &Cookies) {
    if FLASH.declaration.info.sent_in_any_variant(&cookies.jar) {
        let _ = FLASH.remove(cookies);
    }
}

/// Keeps `basket` for `lifetime`, with its term beside it: in
/// `document.cookie` when called in the browser, in `Set-Cookie` headers
/// when called on the server. An empty basket deletes both cookies.
///
/// # Errors
/// [`CookieError::TooLarge`] for a basket the browser would drop; nothing
/// is written then, so the previous basket stays.
pub fn keep_basket(
    cookies: &Cookies,
    basket: &Basket,
    lifetime: BasketLifetime,
) -> Result<(), ShopCookieError> {
    if basket.is_empty() {
        BASKET.remove(cookies)?;
        return Ok(BASKET_TERM.remove(cookies)?);
    }
    let term = BasketTerm::starting_now(lifetime);
    BASKET.set_lasting(cookies, basket, lifetime.lifetime())?;
    BASKET_TERM.set_lasting(cookies, &term, lifetime.lifetime().and(EXPIRY_REMEMBERED))
}

/// How long the basket's term outlives the basket, so that a page loaded
/// after the basket expired can still say when it did.
pub const EXPIRY_REMEMBERED: time::Duration = time::Duration::days(1);

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser tests read the declarations from this JSON copy.
    const END2END_COPY: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/support/declared-cookies.json"
    );

    fn as_json(cookie: &Declaration) -> serde_json::Value {
        let info = &cookie.info;
        serde_json::json!({
            "name": info.name,
            "category": cookie.category.key(),
            "setBy": format!("{:?}", cookie.set_by).to_lowercase(),
            "maxAgeSeconds": match info.lifetime {
                Lifetime::Session => None,
                Lifetime::For(duration) => Some(duration.whole_seconds()),
            },
            "path": info.path,
            "sameSite": info.same_site.to_string(),
            "httpOnly": info.http_only,
            "signed": info.signed,
            "hostPrefix": info.host_prefix,
        })
    }

    #[test]
    fn the_browser_tests_see_the_same_declarations() {
        let all: Vec<_> = ALL.iter().map(|cookie| as_json(cookie)).collect();
        let expected = serde_json::to_string_pretty(&all).unwrap() + "\n";
        if std::env::var_os("UPDATE_DECLARED_COOKIES").is_some() {
            std::fs::write(END2END_COPY, &expected).unwrap();
        }
        let copy = std::fs::read_to_string(END2END_COPY).unwrap_or_default();
        assert_eq!(
            copy, expected,
            "end2end/support/declared-cookies.json is stale; refresh it with \
             `UPDATE_DECLARED_COOKIES=1 cargo test -p app --features ssr`"
        );
    }

    #[test]
    fn names_are_unique_and_lifetimes_within_the_400_day_cap() {
        for (index, cookie) in ALL.iter().enumerate() {
            let name = cookie.info.name;
            assert!(
                ALL[..index].iter().all(|earlier| earlier.info.name != name),
                "{name} twice"
            );
            if let Lifetime::For(duration) = cookie.info.lifetime {
                assert!(
                    duration.is_positive() && duration <= time::Duration::days(400),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn no_optional_cookie_is_declared_to_outlive_the_consent_answer() {
        for cookie in ALL
            .iter()
            .filter(|cookie| cookie.category != Category::Necessary)
        {
            let Lifetime::For(lifetime) = cookie.info.lifetime else {
                continue;
            };
            assert!(lifetime <= ANSWER_KEPT, "{}", cookie.info.name);
        }
    }

    #[test]
    fn only_server_written_cookies_are_server_only() {
        for cookie in ALL {
            if cookie.info.http_only || cookie.info.signed {
                assert_eq!(cookie.set_by, SetBy::Server, "{}", cookie.info.name);
            }
        }
    }
}
