//! A form posted without JavaScript: its outcome travels to the page the
//! browser is sent back to in the one-time `flash` cookie, never in the
//! URL, and that page shows it once and deletes it.

mod support;

use support::{consented_to_all, follow, get, post_form_from, remember_me};

#[tokio::test]
async fn a_success_is_said_once_and_the_address_stays_clean() {
    let posted = remember_me("name=Ada", &[&consented_to_all()]).await;
    assert_eq!(
        posted.redirect_path(),
        "/customer",
        "no `?`, no error fields"
    );
    assert_eq!(posted.every_set_cookie().len(), 2, "username and the flash");

    let page = follow(&posted, &[&consented_to_all(), "username=Ada"]).await;
    assert_eq!(
        page.text("[data-testid=name-status]"),
        "Saved: the shop will greet you as Ada."
    );
    assert_eq!(page.text("[data-testid=name-problem]"), "");
    let forgotten = page.set_cookies_for("flash");
    assert!(forgotten[0].starts_with("flash=;") && forgotten[0].contains("Max-Age=0"));

    // Reload (or Back): the browser no longer sends the flash.
    let again = get("/customer", &[&consented_to_all(), "username=Ada"]).await;
    assert_eq!(again.text("[data-testid=name-status]"), "");
    assert!(again.set_cookies_for("flash").is_empty());
}

#[tokio::test]
async fn a_flash_for_another_form_says_nothing_here() {
    let posted = remember_me("name=+", &[&consented_to_all()]).await;
    let flash = posted.set_pair("flash").expect("a flash");
    let basket = get("/basket", &[&flash]).await;
    assert_eq!(basket.text("[data-testid=basket-problem]"), "");
    assert_eq!(basket.text("[data-testid=basket-status]"), "");
}

#[tokio::test]
async fn saving_the_basket_for_another_lifetime_keeps_its_items() {
    let basket = "basket=oil,bolt";
    let page = get("/basket", &[basket]).await;
    let listed = page.attribute("#shopping", "value").expect("the list");
    assert_eq!(listed, "oil, bolt", "the list shows the basket");

    let form = format!("lifetime=session&shopping={}", listed.replace(' ', "+"));
    let saved = post_form_from("/basket", "/api/basket", &form, &[basket]).await;
    let kept = saved.set_pair("basket").expect("the basket is written");
    assert_eq!(kept, "basket=oil,bolt");
    assert!(
        !saved.set_cookies_for("basket")[0].contains("Max-Age"),
        "a session cookie"
    );
    let page = follow(&saved, &[&kept]).await;
    assert_eq!(
        page.text("[data-testid=basket-status]"),
        "Basket saved: 2 items, kept for this browser session."
    );
}

#[tokio::test]
async fn a_refused_list_comes_back_as_typed_and_the_basket_stays() {
    let too_long = "y".repeat(65);
    let form = format!("lifetime=twenty-seconds&shopping=oil,{too_long}");
    let refused = post_form_from("/basket", "/api/basket", &form, &["basket=bolt"]).await;
    assert!(refused.set_cookies_for("basket").is_empty());
    let page = follow(&refused, &["basket=bolt"]).await;
    assert!(page
        .text("[data-testid=basket-problem]")
        .starts_with("Please use at most 64 characters"));
    assert_eq!(
        page.attribute("#shopping", "value"),
        Some(format!("oil,{too_long}"))
    );
    assert_eq!(
        page.attribute("input[value=twenty-seconds]", "checked"),
        Some(String::new()),
        "the lifetime chosen"
    );
    assert_eq!(page.texts("[data-testid=basket-item] .item"), ["bolt"]);
}

#[tokio::test]
async fn emptying_offers_undo_which_puts_the_items_back() {
    let basket = "basket=oil,hex%20nut%2C%20M6";
    let emptied = post_form_from(
        "/basket",
        "/api/basket",
        "lifetime=one-day&empty=all",
        &[basket],
    )
    .await;
    let page = follow(&emptied, &[]).await;
    assert_eq!(
        page.text("[data-testid=basket-status]"),
        "Basket emptied: 2 items left your basket."
    );
    let undo = page
        .attribute("button[name=restore]", "value")
        .expect("an Undo button");
    let form = format!(
        "lifetime=one-day&restore={}",
        undo.replace('%', "%25")
            .replace(',', "%2C")
            .replace(' ', "%20")
    );
    let restored = post_form_from("/basket", "/api/basket", &form, &[]).await;
    assert_eq!(restored.set_pair("basket").as_deref(), Some(basket));
}

#[tokio::test]
async fn an_expired_basket_is_announced_after_a_reload() {
    // The browser deleted the basket at its expiry; its term outlives it.
    let expired_at = time::OffsetDateTime::now_utc().unix_timestamp() - 90;
    let term = format!("basket_term=twenty-seconds@{expired_at}");
    let page = get("/basket", &[&term]).await;
    let said = page.text("[data-testid=basket-expiry]").trim().to_owned();
    assert!(said.starts_with("Your basket expired at "), "{said}");
    assert!(
        said.ends_with(" UTC."),
        "the server cannot know the zone: {said}"
    );
}

#[tokio::test]
async fn an_item_that_is_not_text_is_not_dropped_without_a_word() {
    let page = get("/basket", &["basket=oil,%FF,bolt"]).await;
    assert_eq!(
        page.texts("[data-testid=basket-item] .item"),
        ["oil", "bolt"]
    );
    assert!(page
        .text("[data-testid=basket-unreadable]")
        .starts_with("One item in your basket's cookie is not readable text"));
}
