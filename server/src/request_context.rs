//! What every request carries through the app, worked out once, first:
//! where shoppers reach the shop ([`PublicOrigin`]), who sent the request
//! ([`ClientAddress`]), and its cookies as a [`Jar`] — which can only be made
//! from the origin, so no cookie is read before the scheme is known. On the
//! way back, the `Set-Cookie` lines written through the jar are added to the
//! response. A `Cookie` header beyond the documented limit is answered
//! `431 Request Header Fields Too Large` with a sentence, and a request from
//! a peer that is not a trusted proxy, naming a host the shop is not served
//! as, `421 Misdirected Request` (DNS rebinding: a page of another site,
//! whose name now resolves to this server, reading the shop's answers).

use std::sync::Arc;

use app::cookies::{Jar, PublicOrigin, RequestCookies};
use app::session::Sessions;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::Settings;
use crate::request_origin::{
    own_host, parse_origin, peer_address, public_origin, ClientAddress, Forwarded,
};

/// What the middleware hands every request: the settings, and the
/// server's sessions (which a page that does not use them never touches).
#[derive(Clone)]
pub struct Shared {
    pub settings: Arc<Settings>,
    pub sessions: Sessions,
}

pub async fn attach(
    State(Shared { settings, sessions }): State<Shared>,
    mut request: Request,
    next: Next,
) -> Response {
    let cookies = match RequestCookies::from_headers(request.headers()) {
        Ok(cookies) => cookies,
        Err(too_large) => {
            tracing::info!("refused {} bytes of cookies", too_large.size);
            let refusal = (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                too_large.to_string(),
            );
            return refusal.into_response();
        }
    };
    let peer = peer_address(&request);
    let through_proxy = peer.is_some_and(|peer| settings.trusted_proxies.contains(peer));
    if !through_proxy && !is_served_as(&settings, own_host(request.uri(), request.headers())) {
        tracing::info!(peer = ?peer, "refused a request for a host the shop is not served as");
        let sentence = format!(
            "{} is not served under this name. Please use the address you were given.",
            app::SHOP_NAME
        );
        return (StatusCode::MISDIRECTED_REQUEST, sentence).into_response();
    }
    let forwarded = Forwarded::believed(
        &settings.trusted_proxies,
        &settings.forwarded_headers,
        peer,
        request.headers(),
    );
    if let Some(client) = forwarded.client.or(peer) {
        request.extensions_mut().insert(ClientAddress(client));
    }
    let origin = public_origin(
        settings.public_origin.as_ref(),
        &forwarded,
        request.uri(),
        request.headers(),
    );
    let jar = Jar::for_request(&cookies, origin.as_ref(), settings.cookies.clone());
    request.extensions_mut().insert(jar.clone());
    request.extensions_mut().insert(sessions);
    if let Some(origin) = origin.clone() {
        request.extensions_mut().insert(origin);
    }

    let mut response = next.run(request).await;
    for line in jar.set_cookie_headers() {
        response.headers_mut().append(header::SET_COOKIE, line);
    }
    // For the layers above, which decide caching and HSTS by it.
    if let Some(origin) = origin {
        response.extensions_mut().insert::<PublicOrigin>(origin);
    }
    response
}

/// Whether `host` (as the request names it) is one the shop answers to
/// directly: `PUBLIC_ORIGIN`'s host when set, else a loopback name or
/// address (any port). No host at all names nothing to rebind.
fn is_served_as(settings: &Settings, host: Option<&str>) -> bool {
    let Some(host) = host else {
        return true;
    };
    // Normalized as an `Origin` would write it, so case and default ports agree.
    let named = |https| {
        parse_origin(&format!(
            "{}://{host}",
            if https { "https" } else { "http" }
        ))
    };
    if let Some(public) = &settings.public_origin {
        return named(public.https).is_some_and(|origin| origin.host == public.host);
    }
    let Some(origin) = named(false) else {
        return false;
    };
    let name = match origin.host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => origin.host.as_str(),
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::cookies::server_config::{CookieSettings, SecurePolicy};

    fn served_as(public: Option<&str>, host: &str) -> bool {
        let mut settings =
            Settings::with_cookies(CookieSettings::with_random_key(SecurePolicy::Auto));
        settings.public_origin = public.and_then(parse_origin);
        is_served_as(&settings, Some(host))
    }

    #[test]
    fn without_a_public_origin_only_loopback_names_are_served() {
        for host in [
            "127.0.0.1:3000",
            "localhost:3000",
            "LOCALHOST",
            "[::1]:3000",
            "127.1.2.3",
        ] {
            assert!(served_as(None, host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:3000",
            "10.0.0.1:3000",
            "localhost.evil.example",
        ] {
            assert!(!served_as(None, host), "{host}");
        }
    }

    #[test]
    fn with_a_public_origin_only_its_host_is_served() {
        let public = Some("https://shop.example");
        assert!(served_as(public, "shop.example"));
        assert!(served_as(public, "Shop.Example:443"));
        assert!(!served_as(public, "evil.example"));
        assert!(!served_as(public, "127.0.0.1:3000"));
    }
}
