//! The one list of cookies Cookie Shop sets. Adding a cookie means adding a
//! constant here and to [`ALL`]; nothing else spells out a cookie's name.

use std::borrow::Cow;
use std::marker::PhantomData;

pub use cookie::SameSite;
use time::Duration;

use crate::basket::{Basket, BasketTerm};
use crate::consent::Consent;

/// Why a cookie exists, in the terms of the EU's cookie rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Needed for something the shopper asked for; allowed without consent.
    Necessary,
    /// Remembers a choice for the shopper's convenience; needs consent.
    Preferences,
    /// Counts how the shop is used; needs consent.
    Statistics,
}

impl Category {
    /// The categories a shopper may refuse, in the order the banner lists them.
    pub const OPTIONAL: [Self; 2] = [Self::Preferences, Self::Statistics];

    /// The word used in forms and in the `consent` cookie.
    pub fn key(self) -> &'static str {
        match self {
            Self::Necessary => "necessary",
            Self::Preferences => "preferences",
            Self::Statistics => "statistics",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Necessary => "Necessary",
            Self::Preferences => "Preferences",
            Self::Statistics => "Statistics",
        }
    }

    /// What the category is for, for the banner and the cookie page.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Necessary => {
                "Needed for what you ask the shop to do, such as keeping your basket and this \
                 choice. Always on."
            }
            Self::Preferences => {
                "Remember things about you for your convenience, such as your name."
            }
            Self::Statistics => {
                "Count your visits, so the shop can show how a server-only cookie works."
            }
        }
    }
}

/// Which side writes the cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetBy {
    /// The server, in a `Set-Cookie` response header.
    Server,
    /// The page's own script, through `document.cookie`.
    Browser,
}

/// How long the browser keeps the cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Until the browser session ends (no `Max-Age`/`Expires`).
    Session,
    /// For this long after it was last written (`Max-Age`).
    For(Duration),
}

/// Everything about a cookie except the type of its value: what the cookie
/// page shows and what the codec needs to write the attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CookieInfo {
    pub name: &'static str,
    /// One sentence for shoppers: what the cookie does and why.
    pub purpose: &'static str,
    pub category: Category,
    pub set_by: SetBy,
    pub lifetime: Lifetime,
    pub path: &'static str,
    pub same_site: SameSite,
    /// `HttpOnly` hides the cookie from `document.cookie`. Only for cookies
    /// the page's script never needs to read.
    pub http_only: bool,
    /// Signed by the server, so a changed value is noticed (and ignored).
    /// Only for server-only cookies: the browser has no key.
    pub signed: bool,
    /// Named `__Host-…` when `Secure`: the browser then guarantees it was
    /// set by this host over HTTPS, for the whole site.
    pub host_prefix: bool,
}

impl CookieInfo {
    /// The name on the wire: `__Host-` in front when asked for and the
    /// cookie is `Secure`.
    pub fn wire_name(&self, secure: bool) -> Cow<'static, str> {
        if secure && self.host_prefix {
            Cow::Owned(format!("__Host-{}", self.name))
        } else {
            Cow::Borrowed(self.name)
        }
    }
}

/// A declared cookie whose value has type `V`.
///
/// ```
/// use app::cookies::USERNAME;
///
/// assert_eq!(USERNAME.info.name, "username");
/// assert!(!USERNAME.info.http_only, "the page reads it after hydration");
/// ```
#[derive(Debug)]
pub struct CookieSpec<V> {
    pub info: CookieInfo,
    value: PhantomData<fn() -> V>,
}

impl<V> CookieSpec<V> {
    const fn new(info: CookieInfo) -> Self {
        Self {
            info,
            value: PhantomData,
        }
    }
}

/// The shopper's name, which the customer page remembers (the lecture's
/// `resp.set_cookie('username', …)`).
pub const USERNAME: CookieSpec<String> = CookieSpec::new(CookieInfo {
    name: "username",
    purpose: "Remembers the name you gave on the customer page, so that we can greet you.",
    category: Category::Preferences,
    set_by: SetBy::Server,
    lifetime: Lifetime::For(Duration::days(30)),
    path: "/",
    // Lax: sent when the shopper follows a link to the shop, never on
    // cross-site form posts or sub-requests.
    same_site: SameSite::Lax,
    // Not HttpOnly: the page greets the shopper from `document.cookie`
    // after hydration, so it must see the same value the server rendered.
    http_only: false,
    signed: false,
    host_prefix: false,
});

/// The parts in the shopper's basket, in the lecture's format
/// (`basket=oil,filter,bolt,washer`). Written by the page's script through
/// `document.cookie`, or by the server when JavaScript is off.
pub const BASKET: CookieSpec<Basket> = CookieSpec::new(CookieInfo {
    name: "basket",
    purpose: "Keeps the parts you put in your basket while you shop.",
    // A basket the shopper asked for is "strictly necessary" under EU rules.
    category: Category::Necessary,
    set_by: SetBy::Browser,
    // The longest the shopper can choose; see `BasketLifetime`.
    lifetime: Lifetime::For(Duration::days(1)),
    path: "/",
    same_site: SameSite::Lax,
    // Not HttpOnly: the page's script writes and reads it.
    http_only: false,
    signed: false,
    host_prefix: false,
});

/// When the basket expires: a browser never tells a page or a server a
/// cookie's expiry, so the page keeps it beside the basket to show it.
pub const BASKET_TERM: CookieSpec<BasketTerm> = CookieSpec::new(CookieInfo {
    name: "basket_term",
    purpose: "Remembers how long you asked us to keep your basket, to show when it expires.",
    category: Category::Necessary,
    set_by: SetBy::Browser,
    lifetime: BASKET.info.lifetime,
    path: BASKET.info.path,
    same_site: BASKET.info.same_site,
    http_only: false,
    signed: false,
    host_prefix: false,
});

/// The shopper's answer to the consent banner.
pub const CONSENT: CookieSpec<Consent> = CookieSpec::new(CookieInfo {
    name: "consent",
    purpose: "Remembers which kinds of cookies you allowed, so we ask only once.",
    category: Category::Necessary,
    set_by: SetBy::Server,
    // About six months, after which we ask again (EDPB guidance).
    lifetime: Lifetime::For(Duration::days(182)),
    path: "/",
    same_site: SameSite::Lax,
    // Not HttpOnly: the banner is rendered from it on both sides.
    http_only: false,
    signed: false,
    host_prefix: false,
});

/// How many pages this browser has loaded: a server-only cookie the page's
/// script can neither read nor change.
pub const VISITS: CookieSpec<u32> = CookieSpec::new(CookieInfo {
    name: "visits",
    purpose: "Counts the pages you have loaded, to show a cookie only the server can see.",
    category: Category::Statistics,
    set_by: SetBy::Server,
    lifetime: Lifetime::For(Duration::days(365)),
    path: "/",
    same_site: SameSite::Lax,
    // HttpOnly: absent from `document.cookie`, so no script can read it.
    http_only: true,
    // Signed: a count edited in the developer tools is noticed and ignored.
    signed: true,
    host_prefix: true,
});

/// The note the storage page saves as a cookie, beside localStorage and
/// sessionStorage.
pub const NOTE: CookieSpec<String> = CookieSpec::new(CookieInfo {
    name: "note",
    purpose: "Holds the note you save as a cookie on the storage page, to compare it with local and session storage.",
    // Written only when the shopper presses "Save" on that page.
    category: Category::Necessary,
    set_by: SetBy::Browser,
    lifetime: Lifetime::For(Duration::days(1)),
    path: "/",
    same_site: SameSite::Lax,
    http_only: false,
    signed: false,
    host_prefix: false,
});

/// Every cookie the shop may set, in the order the cookie page lists them.
pub const ALL: &[&CookieInfo] = &[
    &CONSENT.info,
    &BASKET.info,
    &BASKET_TERM.info,
    &NOTE.info,
    &USERNAME.info,
    &VISITS.info,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser tests read the declarations from this JSON copy.
    const END2END_COPY: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../end2end/support/declared-cookies.json"
    );

    fn as_json(info: &CookieInfo) -> serde_json::Value {
        serde_json::json!({
            "name": info.name,
            "category": info.category.key(),
            "setBy": format!("{:?}", info.set_by).to_lowercase(),
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
        let all: Vec<_> = ALL.iter().map(|info| as_json(info)).collect();
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
        for (index, info) in ALL.iter().enumerate() {
            assert!(
                ALL[..index].iter().all(|earlier| earlier.name != info.name),
                "{} twice",
                info.name
            );
            if let Lifetime::For(duration) = info.lifetime {
                assert!(
                    duration > Duration::ZERO && duration <= Duration::days(400),
                    "{}",
                    info.name
                );
            }
        }
    }
}
