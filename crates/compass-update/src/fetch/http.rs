//! The HTTP(S) transport: reqwest over rustls, as tough's own `HttpTransport` uses them (same
//! versions, same crypto provider, the platform's certificate verifier), built here once per update
//! because tough's builder has no setting for the two rules a kiosk needs:
//! - **redirects stay within the source's origin** (scheme, host and port): a redirect elsewhere is
//!   refused, not followed, so a compromised or misconfigured server cannot send the kiosk to
//!   another host (or from https down to http);
//! - **an operator's own certificate authority** (`FetchConfig::ca_file`) is trusted besides the
//!   system's, for an in-house update server.
//!
//! Status codes keep tough's meaning, which its loader depends on (a missing next root, an optional
//! file): 403, 404 and 410 are `FileNotFound`, anything else unsuccessful is `Other`. Connection
//! failures, timeouts and 5xx answers are tried once more before the response starts; a body
//! cut short is not resumed (the next check starts again).

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt as _;
use tough::{Transport, TransportError, TransportErrorKind, TransportStream};
use url::Url;

use super::FetchConfig;
use crate::error::{Error, Result};

/// Redirects followed within one origin, at most (a loop ends here).
const MAX_REDIRECTS: usize = 5;
/// Requests per file, at most, when the connection fails or the server answers 5xx.
const TRIES: u32 = 2;

/// A redirect to another origin, as the transport's error cause (see [`classify_cause`]).
#[derive(Debug, thiserror::Error)]
#[error("redirect from {from} to {to} refused: another origin")]
pub(crate) struct CrossOrigin {
    pub(crate) from: String,
    pub(crate) to: String,
}

/// An unsuccessful HTTP status, as the transport's error cause.
#[derive(Debug, thiserror::Error)]
#[error("the server answered {0}")]
struct Status(reqwest::StatusCode);

/// reqwest with the kiosk's redirect rule and certificate authorities.
#[derive(Debug, Clone)]
pub(crate) struct Http {
    client: reqwest::Client,
}

impl Http {
    /// A client for one update: the system's certificate authorities plus those in `ca_file`.
    pub(crate) fn new(config: &FetchConfig) -> Result<Http> {
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config(config.ca_file.as_deref())?)
            .redirect(reqwest::redirect::Policy::custom(same_origin_only))
            // The whole fetch's deadline is `Guarded`'s, which names it (`update.deadline`).
            .connect_timeout(config.deadline.min(Duration::from_secs(15)))
            .build()
            .map_err(|e| client_error(&e))?;
        Ok(Http { client })
    }
}

/// rustls as the kiosk speaks it — to its update source and to its `status_url`: the aws-lc-rs
/// provider, the platform's verifier (the system's certificate authorities) plus those in `ca_file`,
/// HTTP/1.1. An unreadable or empty `ca_file` is `Error::Certificate`.
pub(crate) fn tls_config(ca_file: Option<&std::path::Path>) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let extra = match ca_file {
        Some(path) => read_ca_file(path)?,
        None => Vec::new(),
    };
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(|e| client_error(&e))?;
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| client_error(&e))?
        // `dangerous` is rustls's door for any verifier supplied by the caller; this one is the
        // platform verifier, as tough's `with_platform_verifier` installs it.
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // reqwest is built without HTTP/2 (as tough builds it).
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tls)
}

/// An HTTP client that could not be set up (no certificate is involved).
pub(crate) fn client_error(error: &dyn std::fmt::Display) -> Error {
    Error::Unreachable {
        detail: format!("the HTTPS client cannot be set up: {error}"),
    }
}

/// Follows a redirect only to the origin of the URL first asked for, and only a few times.
fn same_origin_only(attempt: reqwest::redirect::Attempt<'_>) -> reqwest::redirect::Action {
    let Some(first) = attempt.previous().first() else {
        return attempt.stop();
    };
    if attempt.url().origin() != first.origin() {
        let refused = CrossOrigin {
            from: first.to_string(),
            to: attempt.url().to_string(),
        };
        return attempt.error(refused);
    }
    if attempt.previous().len() > MAX_REDIRECTS {
        return attempt.error(format!("more than {MAX_REDIRECTS} redirects"));
    }
    attempt.follow()
}

/// The certificates of a PEM file (an organisation's own certificate authority).
fn read_ca_file(path: &std::path::Path) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject as _;
    let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
    let certs = rustls::pki_types::CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Certificate {
            url: path.display().to_string(),
            detail: format!("the certificate authority file is not valid PEM: {e}"),
        })?;
    if certs.is_empty() {
        return Err(Error::Certificate {
            url: path.display().to_string(),
            detail: "the certificate authority file holds no certificate".to_owned(),
        });
    }
    Ok(certs)
}

#[tough::async_trait]
impl Transport for Http {
    async fn fetch(&self, url: Url) -> Result<TransportStream, TransportError> {
        let mut wait = Duration::from_millis(200);
        let mut tries = 0;
        let response = loop {
            tries += 1;
            let again = tries < TRIES;
            match self.client.get(url.clone()).send().await {
                Ok(response) if response.status().is_success() => break response,
                Ok(response) if matches!(response.status().as_u16(), 403 | 404 | 410) => {
                    return Err(TransportError::new_with_cause(
                        TransportErrorKind::FileNotFound,
                        url,
                        Status(response.status()),
                    ));
                }
                Ok(response) if response.status().is_server_error() && again => {}
                Ok(response) => {
                    return Err(TransportError::new_with_cause(
                        TransportErrorKind::Other,
                        url,
                        Status(response.status()),
                    ));
                }
                Err(e) if again && retryable(&e) => {}
                Err(e) => {
                    return Err(TransportError::new_with_cause(
                        TransportErrorKind::Other,
                        url,
                        e,
                    ));
                }
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(2));
        };
        let stream = response.bytes_stream().map(move |chunk| {
            chunk.map_err(|e| TransportError::new_with_cause(TransportErrorKind::Other, &url, e))
        });
        Ok(Box::pin(stream))
    }
}

/// A timeout or a failed connection may pass; a refused certificate or redirect will not.
fn retryable(error: &reqwest::Error) -> bool {
    (error.is_timeout() || error.is_connect())
        && classify_cause(error).is_none()
        && !error.is_redirect()
}

/// What a transport error's causes say, when it is a refused certificate or redirect.
pub(crate) fn classify_cause(error: &(dyn std::error::Error + 'static)) -> Option<Error> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(refused) = e.downcast_ref::<CrossOrigin>() {
            return Some(Error::Redirect {
                from: refused.from.clone(),
                to: refused.to.clone(),
            });
        }
        if let Some(rustls::Error::InvalidCertificate(certificate)) =
            e.downcast_ref::<rustls::Error>()
        {
            return Some(Error::Certificate {
                url: String::new(),
                detail: certificate_detail(certificate),
            });
        }
        // An io::Error's `source` skips the error it wraps (rustls's, from the TLS stream).
        current = match e.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => e.source(),
        };
    }
    None
}

/// A refused certificate in an admin's words, with rustls's own account after it.
fn certificate_detail(error: &rustls::CertificateError) -> String {
    use rustls::CertificateError as C;
    let what = match error {
        C::NotValidForName | C::NotValidForNameContext { .. } => {
            "it is issued for another host name"
        }
        C::Expired | C::ExpiredContext { .. } => "it has expired",
        C::NotValidYet | C::NotValidYetContext { .. } => {
            "it is not valid yet (or the kiosk's clock is wrong)"
        }
        C::UnknownIssuer => {
            "it is not issued by a trusted certificate authority (the system's, or update_ca)"
        }
        C::Revoked => "it has been revoked",
        _ => "it is not valid",
    };
    format!("{what} ({error})")
}
