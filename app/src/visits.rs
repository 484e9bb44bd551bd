//! The visit counter: a server-only (`HttpOnly`) cookie, counted while the
//! server renders a page. The browser can neither read nor write it.

use crate::shop_cookies::{Cookies, VISITS};

/// Adds one to the `visits` cookie of this response, if the shopper allowed
/// statistics cookies (the shop's consent rule refuses it otherwise). Only
/// the server can see the current count, so only it can add one.
pub fn count_this_page_load(cookies: &Cookies) {
    let visits = VISITS.get(cookies).unwrap_or(0).saturating_add(1);
    if let Err(refused) = VISITS.set(cookies, &visits) {
        tracing::debug!("visit not counted: {refused}");
    }
}
