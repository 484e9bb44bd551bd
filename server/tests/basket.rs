//! The basket page over HTTP: rendered from the request's `basket` cookie,
//! and changed by the server when JavaScript is off.

mod support;

use axum::http::StatusCode;
use support::{follow, get, post_form_from, Reply, EVERY_PAGE};

/// The items the page lists, in order.
fn listed_items(reply: &Reply) -> Vec<String> {
    reply.texts("[data-testid=basket-item] .item")
}

async fn post_basket(form: &str, cookie_lines: &[&str]) -> Reply {
    post_form_from("/basket", "/api/basket", form, cookie_lines).await
}

#[tokio::test]
async fn the_lectures_cookie_lists_four_items() {
    let reply = get("/basket", &["basket=oil,filter,bolt,washer"]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(listed_items(&reply), ["oil", "filter", "bolt", "washer"]);
}

#[tokio::test]
async fn encoded_items_are_listed_decoded_and_escaped() {
    let reply = get(
        "/basket",
        &["basket=hex%20nut%2C%20M6,%3Cb%3Ebold%3C%2Fb%3E"],
    )
    .await;
    assert_eq!(listed_items(&reply), ["hex nut, M6", "<b>bold</b>"]);
}

/// The number the nav shows beside "Basket".
fn nav_count(reply: &Reply) -> String {
    reply.text("[data-testid=basket-count]")
}

#[tokio::test]
async fn the_nav_counts_the_items_on_every_page() {
    for path in EVERY_PAGE {
        assert_eq!(
            nav_count(&get(path, &["basket=oil,filter,bolt"]).await),
            "3",
            "{path}"
        );
        assert_eq!(nav_count(&get(path, &[]).await), "0", "{path}");
    }
}

#[tokio::test]
async fn without_a_cookie_the_basket_is_empty() {
    let reply = get("/basket", &[]).await;
    assert!(listed_items(&reply).is_empty());
    assert!(reply.body.contains("Your basket is empty."));
}

#[tokio::test]
async fn saving_a_list_without_javascript_sets_one_basket_cookie() {
    let reply = post_basket(
        "lifetime=one-day&shopping=oil%2Cfilter%2Cbolt%2Cwasher",
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let basket = reply.set_cookies_for("basket");
    assert_eq!(basket.len(), 1, "{:?}", reply.set_cookies());
    assert!(
        basket[0].starts_with("basket=oil,filter,bolt,washer;"),
        "{}",
        basket[0]
    );
    assert!(basket[0].contains("; Path=/"), "{}", basket[0]);
    assert!(basket[0].contains("; SameSite=Lax"), "{}", basket[0]);
    assert!(basket[0].contains("; Max-Age=86400"), "{}", basket[0]);
    let term = reply.set_cookies_for("basket_term");
    assert_eq!(term.len(), 1, "{:?}", reply.set_cookies());
    assert!(term[0].starts_with("basket_term=one-day@"), "{}", term[0]);
}

#[tokio::test]
async fn a_session_basket_has_no_expiry() {
    let reply = post_basket("lifetime=session&shopping=oil", &[]).await;
    let basket = reply.set_cookies_for("basket");
    assert_eq!(basket.len(), 1);
    assert!(!basket[0].contains("Max-Age"), "{}", basket[0]);
}

#[tokio::test]
async fn adding_and_removing_start_from_the_request_cookie() {
    let added = post_basket(
        "lifetime=twenty-seconds&add=hex+nut%2C+M6",
        &["basket=oil,bolt"],
    )
    .await;
    let basket = added.set_cookies_for("basket");
    assert!(
        basket[0].starts_with("basket=oil,bolt,hex%20nut%2C%20M6;"),
        "{}",
        basket[0]
    );
    assert!(basket[0].contains("; Max-Age=20"), "{}", basket[0]);

    let removed = post_basket("lifetime=one-day&remove=0:oil", &["basket=oil,bolt"]).await;
    assert!(removed.set_cookies_for("basket")[0].starts_with("basket=bolt;"));
}

#[tokio::test]
async fn remove_takes_out_the_item_shown_even_after_another_tab_changed_the_basket() {
    // The page showed oil first; another tab has put a bolt in front since.
    let reordered = post_basket("lifetime=one-day&remove=0:oil", &["basket=bolt,oil,filter"]).await;
    assert_eq!(
        reordered.set_pair("basket").as_deref(),
        Some("basket=bolt,filter")
    );
    // Another tab has taken the oil out: nothing else is removed.
    let gone = post_basket("lifetime=one-day&remove=0:oil", &["basket=bolt,filter"]).await;
    assert!(gone.set_cookies().is_empty(), "{:?}", gone.set_cookies());
    let page = follow(&gone, &["basket=bolt,filter"]).await;
    assert_eq!(
        page.text("[data-testid=basket-problem]"),
        "That item is no longer in your basket; the page now shows your basket as it is."
    );
    assert_eq!(listed_items(&page), ["bolt", "filter"]);
}

#[tokio::test]
async fn emptying_deletes_both_cookies() {
    let reply = post_basket("lifetime=one-day&empty=all", &["basket=oil"]).await;
    let deletions: Vec<_> = reply
        .set_cookies()
        .into_iter()
        .filter(|l| l.contains("Max-Age=0"))
        .collect();
    assert_eq!(deletions.len(), 2, "{:?}", reply.set_cookies());
}

#[tokio::test]
async fn an_oversized_basket_is_refused_and_the_old_one_kept() {
    let item = "x".repeat(60);
    let list = vec![item.as_str(); 80].join("%2C");
    let reply = post_basket(
        &format!("lifetime=one-day&shopping={list}"),
        &["basket=oil"],
    )
    .await;
    assert!(reply.set_cookies().is_empty(), "{:?}", reply.set_cookies());
    let page = follow(&reply, &["basket=oil"]).await;
    assert!(
        page.body.contains("browsers keep at most 4096"),
        "no message"
    );
    assert_eq!(listed_items(&page), ["oil"]);
}

#[tokio::test]
async fn a_part_not_sold_is_refused() {
    let reply = post_basket("lifetime=one-day&add=caviar", &["basket=oil"]).await;
    assert!(reply.set_cookies().is_empty());
    assert_eq!(reply.redirect_path(), "/basket");
    let page = follow(&reply, &["basket=oil"]).await;
    assert!(page
        .text("[data-testid=basket-problem]")
        .starts_with("We don't sell that part."));
}
