//! The request's public origin: the scheme and host shoppers see in their
//! address bar. A reverse proxy hides them (nginx's stock `proxy_pass`
//! sends its upstream's address as `Host`, and TLS ends at the proxy), so
//! they come, in this order, from:
//!
//! 1. `PUBLIC_ORIGIN`, when set (e.g. `https://shop.example`);
//! 2. a trusted proxy's `Forwarded`, else `X-Forwarded-Proto` and
//!    `X-Forwarded-Host` — believed only when the peer that connected is
//!    in `TRUSTED_PROXIES`, and read from the right, where the nearest
//!    proxy writes, never from the left, where the client may have
//!    written anything;
//! 3. the request itself: plain HTTP and its `Host`.
//!
//! `request_context::attach` works this out for every request, before
//! anything else reads it.

use std::net::{IpAddr, SocketAddr};

use app::cookies::PublicOrigin;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, HeaderMap, Uri};

/// Who sent the request: the peer, or behind a trusted proxy the client it
/// names. For the log; nothing is decided by it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

/// The address of the peer that connected: the client, or a proxy. The
/// server records it for every connection; a request made without a
/// connection (an in-process test) has none.
pub fn peer_address(request: &Request) -> Option<IpAddr> {
    let connection = request.extensions().get::<ConnectInfo<SocketAddr>>();
    connection.map(|ConnectInfo(address)| address.ip())
}

/// The public origin of a request, given what its trusted proxies say;
/// `None` when not even a host is known (an HTTP/1.0 request without `Host`).
pub fn public_origin(
    fixed: Option<&PublicOrigin>,
    forwarded: &Forwarded,
    uri: &Uri,
    headers: &HeaderMap,
) -> Option<PublicOrigin> {
    if let Some(origin) = fixed {
        return Some(origin.clone());
    }
    let https = match &forwarded.proto {
        Some(proto) => proto.eq_ignore_ascii_case("https"),
        None => uri.scheme_str() == Some("https"),
    };
    let own_host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .or_else(|| uri.authority().map(|authority| authority.as_str()));
    let host = forwarded.host.as_deref().or(own_host)?;
    Some(PublicOrigin {
        https,
        host: normalize_host(https, host)?,
    })
}

/// Parses an origin as browsers write it in `Origin` (`https://shop.example`,
/// `http://127.0.0.1:3000`); a trailing `/` is allowed, a path is not.
pub fn parse_origin(text: &str) -> Option<PublicOrigin> {
    let (scheme, authority) = text.split_once("://")?;
    let https = match scheme.to_ascii_lowercase().as_str() {
        "https" => true,
        "http" => false,
        _ => return None,
    };
    let authority = authority.strip_suffix('/').unwrap_or(authority);
    Some(PublicOrigin {
        https,
        host: normalize_host(https, authority)?,
    })
}

/// The origin of a `Referer` URL: its scheme and host, without the path.
pub fn origin_of_url(url: &str) -> Option<PublicOrigin> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    parse_origin(&format!("{scheme}://{authority}"))
}

/// A host and optional port in the form `Origin` uses: lower case, without
/// the scheme's default port. `None` for anything that is not a plain host
/// (user information, a path, spaces).
fn normalize_host(https: bool, authority: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || ".-_:[]".contains(c);
    if authority.is_empty() || !authority.chars().all(allowed) {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    // An IPv6 address has colons of its own: a port can only follow `]`.
    let port_start = match authority.rfind(']') {
        Some(bracket) => authority[bracket..].find(':').map(|colon| bracket + colon),
        None => authority.find(':'),
    };
    let Some(colon) = port_start else {
        return Some(authority);
    };
    let (host, port) = (&authority[..colon], &authority[colon + 1..]);
    if host.is_empty() || port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let default_port = if https { "443" } else { "80" };
    Some(if port == default_port {
        host.to_owned()
    } else {
        authority
    })
}

/// What the proxies in front of the shop say about the request.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Forwarded {
    /// The scheme the client used (`https`).
    pub proto: Option<String>,
    /// The host the client asked for.
    pub host: Option<String>,
    /// The client's address, for the log.
    pub client: Option<IpAddr>,
}

impl Forwarded {
    /// What the proxies say, when the `peer` is a trusted proxy; nothing
    /// otherwise, whatever the headers claim.
    pub fn believed(trusted: &TrustedProxies, peer: Option<IpAddr>, headers: &HeaderMap) -> Self {
        match peer {
            Some(peer) if trusted.contains(peer) => Self::from_headers(headers, trusted),
            _ => Self::default(),
        }
    }

    /// Reads the headers a trusted peer sent: RFC 7239 `Forwarded` when
    /// present, else the `X-Forwarded-*` headers.
    pub fn from_headers(headers: &HeaderMap, trusted: &TrustedProxies) -> Self {
        let lines = |name: &str| {
            let values = headers.get_all(name).iter();
            let values = values.filter_map(|value| value.to_str().ok());
            values.collect::<Vec<_>>().join(",")
        };
        let forwarded = lines("forwarded");
        if !forwarded.trim().is_empty() {
            return Self::from_rfc7239(&forwarded, trusted);
        }
        let right_most = |name: &str| {
            let joined = lines(name);
            let last = joined.rsplit(',').next().unwrap_or_default().trim();
            (!last.is_empty()).then(|| last.to_owned())
        };
        // Each proxy appends the address it received from; the first one
        // (from the right) that is not a trusted proxy is the client.
        let chain = lines("x-forwarded-for");
        let addresses = chain.rsplit(',').map(|entry| parse_node(entry.trim()));
        let client = addresses
            .map_while(|address| address)
            .find(|&address| !trusted.contains(address));
        Self {
            proto: right_most("x-forwarded-proto"),
            host: right_most("x-forwarded-host"),
            client,
        }
    }

    /// `Forwarded: for=192.0.2.60;proto=https;host=shop.example, for=…`:
    /// one element per proxy, each appended by the proxy that received the
    /// request from the address in its `for`. Walking from the right, an
    /// element written by a trusted proxy is believed; when its `for` is a
    /// trusted proxy too, the element left of it is that proxy's, and the
    /// walk goes on. The last element believed was written by the proxy
    /// that faced the client.
    fn from_rfc7239(header: &str, trusted: &TrustedProxies) -> Self {
        let mut believed = Self::default();
        for element in split_outside_quotes(header, ',').into_iter().rev() {
            believed = Self::default();
            for pair in split_outside_quotes(element, ';') {
                let Some((name, value)) = pair.split_once('=') else {
                    continue;
                };
                let value = value.trim().trim_matches('"');
                match name.trim().to_ascii_lowercase().as_str() {
                    "proto" => believed.proto = Some(value.to_owned()),
                    "host" => believed.host = Some(value.to_owned()),
                    "for" => believed.client = parse_node(value),
                    _ => {}
                }
            }
            match believed.client {
                Some(address) if trusted.contains(address) => continue,
                _ => break,
            }
        }
        believed
    }
}

/// Splits at `separator`, except inside double quotes.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (index, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(&text[start..index]);
            start = index + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// An address as proxies write it: `192.0.2.60`, `192.0.2.60:4711`,
/// `[2001:db8::17]:4711` or `2001:db8::17`. `None` for `unknown` or an
/// obfuscated name (`_hidden`).
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim_matches('"');
    if let Some(bracketed) = node.strip_prefix('[') {
        return bracketed.split(']').next()?.parse().ok();
    }
    node.parse().ok().or_else(|| {
        let (address, _port) = node.split_once(':')?;
        address.parse().ok()
    })
}

/// The peers whose forwarding headers are believed: addresses and ranges
/// such as `127.0.0.1`, `10.0.0.0/8` or `::1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// The default, as uvicorn and Rails have it: this machine only
    /// (`127.0.0.0/8` and `::1`), where a proxy on the same host connects from.
    pub fn loopback() -> Self {
        Self(vec![
            (IpAddr::from([127, 0, 0, 0]), 8),
            (IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]), 128),
        ])
    }

    /// Parses a comma-separated list; an empty list trusts no one.
    pub fn parse(list: &str) -> Option<Self> {
        let entries = list
            .split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty());
        let ranges = entries.map(|entry| {
            let (address, bits) = match entry.split_once('/') {
                Some((address, bits)) => (address.parse().ok()?, Some(bits.parse().ok()?)),
                None => (entry.parse().ok()?, None),
            };
            let width = if matches!(address, IpAddr::V4(_)) {
                32
            } else {
                128
            };
            let bits = bits.unwrap_or(width);
            (bits <= width).then_some((address, bits))
        });
        ranges.collect::<Option<Vec<_>>>().map(Self)
    }

    /// Whether `address` is one of the trusted proxies.
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0
            .iter()
            .any(|&(range, bits)| same_prefix(range, address, bits))
    }
}

/// Whether `a` and `b` agree in their first `bits` bits.
fn same_prefix(a: IpAddr, b: IpAddr, bits: u8) -> bool {
    let (a, b, width) = match (a, b) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (u32::from(a).into(), u32::from(b).into(), 32),
        (IpAddr::V6(a), IpAddr::V6(b)) => (u128::from(a), u128::from(b), 128),
        _ => return false,
    };
    let ignored = width - u32::from(bits);
    a.checked_shr(ignored).unwrap_or(0) == b.checked_shr(ignored).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn origin_from(peer: &str, pairs: &[(&'static str, &'static str)]) -> String {
        let headers = headers(pairs);
        let trusted = TrustedProxies::loopback();
        let forwarded = Forwarded::believed(&trusted, peer.parse().ok(), &headers);
        let uri = Uri::from_static("/customer");
        public_origin(None, &forwarded, &uri, &headers)
            .map(|origin| origin.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let parsed = |text| parse_origin(text).map(|origin| origin.to_string());
        assert_eq!(
            parsed("HTTPS://Shop.Example:443/").as_deref(),
            Some("https://shop.example")
        );
        assert_eq!(
            parsed("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(parsed("http://[::1]:80").as_deref(), Some("http://[::1]"));
        assert_eq!(
            parsed("https://shop.example:80").as_deref(),
            Some("https://shop.example:80")
        );
        for refused in [
            "null",
            "ftp://shop.example",
            "https://",
            "https://a@b",
            "https://a/b",
            "https://a:x",
        ] {
            assert_eq!(parsed(refused), None, "{refused}");
        }
        assert_eq!(
            origin_of_url("https://shop.example/customer?x=1")
                .map(|o| o.to_string())
                .as_deref(),
            Some("https://shop.example")
        );
    }

    #[test]
    fn without_a_proxy_the_request_says_it() {
        assert_eq!(
            origin_from("127.0.0.1", &[("host", "127.0.0.1:3000")]),
            "http://127.0.0.1:3000"
        );
    }

    #[test]
    fn a_trusted_proxy_is_believed_from_the_right() {
        let behind_nginx = [
            ("host", "127.0.0.1:3101"),
            ("x-forwarded-proto", "http, https"),
            ("x-forwarded-host", "evil.example, shop.example"),
        ];
        assert_eq!(
            origin_from("127.0.0.1", &behind_nginx),
            "https://shop.example"
        );
        let rfc7239 = [
            ("host", "127.0.0.1:3101"),
            ("forwarded", "for=1.2.3.4;proto=http;host=evil.example"),
            (
                "forwarded",
                "for=\"[2001:db8::1]:4711\";proto=https;host=shop.example",
            ),
        ];
        assert_eq!(origin_from("::1", &rfc7239), "https://shop.example");
    }

    #[test]
    fn an_untrusted_peer_is_not_believed() {
        let forged = [
            ("host", "shop.example"),
            ("x-forwarded-proto", "https"),
            ("forwarded", "proto=https"),
        ];
        assert_eq!(origin_from("203.0.113.9", &forged), "http://shop.example");
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_to_the_one_facing_the_client() {
        let settings = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let chain = headers(&[(
            "forwarded",
            "for=6.6.6.6;proto=http, for=1.2.3.4;proto=https;host=shop.example, for=10.0.0.7;proto=http",
        )]);
        let forwarded = Forwarded::from_headers(&chain, &settings);
        assert_eq!(forwarded.proto.as_deref(), Some("https"));
        assert_eq!(forwarded.client, "1.2.3.4".parse().ok());
        let xff = headers(&[("x-forwarded-for", "6.6.6.6, 1.2.3.4, 10.0.0.7")]);
        assert_eq!(
            Forwarded::from_headers(&xff, &settings).client,
            "1.2.3.4".parse().ok()
        );
    }

    #[test]
    fn the_setting_wins_over_everything() {
        let fixed = parse_origin("https://shop.example");
        let uri = Uri::from_static("/");
        let request = headers(&[("host", "127.0.0.1:3000")]);
        let origin = public_origin(fixed.as_ref(), &Forwarded::default(), &uri, &request);
        assert_eq!(origin.unwrap().to_string(), "https://shop.example");
    }

    #[test]
    fn trusted_ranges() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 192.168.1.5, fd00::/8").unwrap();
        for inside in ["10.255.0.1", "192.168.1.5", "fd12::1", "::ffff:10.0.0.1"] {
            assert!(trusted.contains(inside.parse().unwrap()), "{inside}");
        }
        for outside in ["11.0.0.1", "192.168.1.6", "fe80::1", "127.0.0.1"] {
            assert!(!trusted.contains(outside.parse().unwrap()), "{outside}");
        }
        assert!(TrustedProxies::parse("10.0.0.0/33").is_none());
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
        assert!(TrustedProxies::parse("0.0.0.0/0")
            .unwrap()
            .contains("8.8.8.8".parse().unwrap()));
    }
}
