//! The request's public origin: the scheme and host shoppers see in their
//! address bar. A reverse proxy hides them (nginx's stock `proxy_pass`
//! sends its upstream's address as `Host`, and TLS ends at the proxy), so
//! they come, in this order, from:
//!
//! 1. `PUBLIC_ORIGIN`, when set (e.g. `https://shop.example`);
//! 2. a trusted proxy's headers — only when the peer that connected is in
//!    `TRUSTED_PROXIES`, only the header families `FORWARDED_HEADERS` names
//!    (by default `X-Forwarded-Proto` and `X-Forwarded-For`: the two the
//!    documented nginx config overwrites), and of each only the right-most
//!    value, the one that proxy appended; whatever a client wrote is to its
//!    left (as werkzeug's `ProxyFix` and Django do);
//! 3. the request itself: plain HTTP, and the host of its target (an
//!    absolute-form `GET http://host/…`) or else of its `Host` header
//!    (RFC 9112 §3.2.2). A client's request line never makes it `https`.
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
    let https = forwarded
        .proto
        .as_deref()
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    let host = forwarded.host.as_deref().or(own_host(uri, headers))?;
    Some(PublicOrigin {
        https,
        host: normalize_host(https, host)?,
    })
}

/// The host a request names for itself: an absolute-form target's
/// authority, else its `Host` header.
pub fn own_host<'a>(uri: &'a Uri, headers: &'a HeaderMap) -> Option<&'a str> {
    let target = uri.authority().map(|authority| authority.as_str());
    target.or_else(|| headers.get(header::HOST)?.to_str().ok())
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

/// What the trusted proxy in front of the shop says about the request.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Forwarded {
    /// The scheme the client used (`https`).
    pub proto: Option<String>,
    /// The host the client asked for.
    pub host: Option<String>,
    /// The client's address, for the log.
    pub client: Option<IpAddr>,
}

/// A family of forwarding headers a proxy may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderFamily {
    XForwardedProto,
    XForwardedFor,
    XForwardedHost,
    /// RFC 7239 `Forwarded`, carrying `proto`, `host` and `for` at once.
    Forwarded,
}

impl HeaderFamily {
    const ALL: [Self; 4] = [
        Self::XForwardedProto,
        Self::XForwardedFor,
        Self::XForwardedHost,
        Self::Forwarded,
    ];

    /// The header's name, lower case, as `FORWARDED_HEADERS` lists it.
    pub fn name(self) -> &'static str {
        match self {
            Self::XForwardedProto => "x-forwarded-proto",
            Self::XForwardedFor => "x-forwarded-for",
            Self::XForwardedHost => "x-forwarded-host",
            Self::Forwarded => "forwarded",
        }
    }
}

/// The forwarding headers believed from a trusted proxy (`FORWARDED_HEADERS`):
/// only those it sets itself, since it passes on the others as the client
/// wrote them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardedHeaders(Vec<HeaderFamily>);

impl Default for ForwardedHeaders {
    /// What the documented nginx config sets: the scheme and the client.
    fn default() -> Self {
        Self(vec![
            HeaderFamily::XForwardedProto,
            HeaderFamily::XForwardedFor,
        ])
    }
}

impl ForwardedHeaders {
    /// Parses a comma-separated list of header names (any case); an empty
    /// list believes none.
    pub fn parse(list: &str) -> Option<Self> {
        let names = list
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty());
        let families = names.map(|name| {
            HeaderFamily::ALL
                .into_iter()
                .find(|family| family.name().eq_ignore_ascii_case(name))
        });
        families.collect::<Option<Vec<_>>>().map(Self)
    }

    pub fn believes(&self, family: HeaderFamily) -> bool {
        self.0.contains(&family)
    }
}

impl Forwarded {
    /// What a trusted `peer` says in the header families it is believed
    /// for; nothing from any other peer, whatever the headers claim.
    pub fn believed(
        trusted: &TrustedProxies,
        families: &ForwardedHeaders,
        peer: Option<IpAddr>,
        headers: &HeaderMap,
    ) -> Self {
        match peer {
            Some(peer) if trusted.contains(peer) => Self::from_headers(headers, families),
            _ => Self::default(),
        }
    }

    /// Reads the right-most value of each believed family: `Forwarded`
    /// first, then the `X-Forwarded-*` headers for what it left unsaid.
    pub fn from_headers(headers: &HeaderMap, families: &ForwardedHeaders) -> Self {
        let right_most = |family: HeaderFamily| {
            if !families.believes(family) {
                return None;
            }
            // The proxy's line is the last; one that is not text says nothing.
            let last_line = headers.get_all(family.name()).iter().next_back()?;
            let last_line = last_line.to_str().ok()?;
            let last = last_line.rsplit(',').next()?.trim();
            (!last.is_empty()).then(|| last.to_owned())
        };
        let element = right_most(HeaderFamily::Forwarded)
            .map(|element| Self::from_rfc7239_element(&element))
            .unwrap_or_default();
        Self {
            proto: element
                .proto
                .or_else(|| right_most(HeaderFamily::XForwardedProto)),
            host: element
                .host
                .or_else(|| right_most(HeaderFamily::XForwardedHost)),
            client: element.client.or_else(|| {
                right_most(HeaderFamily::XForwardedFor).and_then(|node| parse_node(&node))
            }),
        }
    }

    /// One `Forwarded` element, `for=192.0.2.60;proto=https;host=shop.example`.
    /// An element with an unbalanced quote, or a pair without a value, says
    /// nothing: it was cut or forged.
    fn from_rfc7239_element(element: &str) -> Self {
        let mut said = Self::default();
        if !element.matches('"').count().is_multiple_of(2) {
            return said;
        }
        for pair in element.split(';') {
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"');
            if value.is_empty() {
                continue;
            }
            match name.trim().to_ascii_lowercase().as_str() {
                "proto" => said.proto = Some(value.to_owned()),
                "host" => said.host = Some(value.to_owned()),
                "for" => said.client = parse_node(value),
                _ => {}
            }
        }
        said
    }
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
        let every_family = ForwardedHeaders::parse(
            "x-forwarded-proto, x-forwarded-host, x-forwarded-for, forwarded",
        )
        .unwrap();
        origin_believing(&every_family, peer, pairs)
    }

    fn origin_believing(
        families: &ForwardedHeaders,
        peer: &str,
        pairs: &[(&'static str, &'static str)],
    ) -> String {
        let headers = headers(pairs);
        let trusted = TrustedProxies::loopback();
        let forwarded = Forwarded::believed(&trusted, families, peer.parse().ok(), &headers);
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
    fn only_the_families_named_are_believed_and_of_each_the_right_most_value() {
        // What a client sends through the documented nginx config, which
        // overwrites X-Forwarded-Proto and appends to X-Forwarded-For.
        let through_nginx = [
            ("host", "127.0.0.1:3101"),
            ("x-forwarded-proto", "https"),
            ("forwarded", "proto=http;host=evil.example"),
            ("x-forwarded-host", "evil.example"),
            ("x-forwarded-for", "6.6.6.6, 1.2.3.4"),
        ];
        let defaults = ForwardedHeaders::default();
        assert_eq!(
            origin_believing(&defaults, "127.0.0.1", &through_nginx),
            "https://127.0.0.1:3101"
        );
        let forwarded = Forwarded::from_headers(&headers(&through_nginx), &defaults);
        assert_eq!(forwarded.client, "1.2.3.4".parse().ok());
        let none = ForwardedHeaders::parse("").unwrap();
        assert_eq!(
            origin_believing(&none, "127.0.0.1", &through_nginx),
            "http://127.0.0.1:3101"
        );
    }

    #[test]
    fn a_forwarded_element_with_an_unbalanced_quote_or_an_empty_value_says_nothing() {
        let families = ForwardedHeaders::parse("forwarded").unwrap();
        for forged in ["for=\"x, for=1.2.3.4;proto=\"https", "for=;proto="] {
            let sent = headers(&[("forwarded", forged)]);
            let said = Forwarded::from_headers(&sent, &families);
            assert_eq!(said.proto, None, "{forged}");
            assert_eq!(said.client, None, "{forged}");
        }
    }

    #[test]
    fn the_request_line_is_not_a_trust_path() {
        let headers = headers(&[("host", "127.0.0.1:3000")]);
        let uri = Uri::from_static("https://shop.example/customer");
        let origin = public_origin(None, &Forwarded::default(), &uri, &headers);
        assert_eq!(origin.unwrap().to_string(), "http://shop.example");
    }

    #[test]
    fn forwarded_headers_parse_by_name() {
        assert!(ForwardedHeaders::parse("X-Forwarded-Host, forwarded").is_some());
        assert!(ForwardedHeaders::parse("x-real-ip").is_none());
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
