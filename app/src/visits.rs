//! The visit counter: a server-only (`HttpOnly`) cookie, counted while the
//! server renders a page. The browser can neither read nor write it.

/// Adds one to the `visits` cookie of this response, if the shopper allowed
/// statistics cookies (the shop's consent rule refuses it otherwise).
pub fn count_this_page_load() {
    // Only the server can see the current count, so only it can add one.
    #[cfg(feature = "ssr")]
    {
        use crate::shop_cookies::VISITS;
        let visits = VISITS.get().unwrap_or(0).saturating_add(1);
        if let Err(refused) = VISITS.set(&visits) {
            tracing::debug!("visit not counted: {refused}");
        }
    }
}
