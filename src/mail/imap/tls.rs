//! TLS settings: rustls with the ring provider, the Mozilla roots (webpki-roots) plus the user's own CA
//! (`mail.imap.ca_file`). Certificates are always verified; there is no way to turn that off.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{CertificateError, ClientConfig, RootCertStore};

/// The client settings, with `ca_file`'s certificates trusted besides the usual roots.
pub fn config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = ca_file {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .and_then(|certs| certs.collect::<Result<_, _>>())
            .map_err(|e| {
                anyhow!(
                    "cannot read mail.imap.ca_file {}: {e} (give a CA certificate in PEM form)",
                    path.display()
                )
            })?;
        if certs.is_empty() {
            bail!(
                "mail.imap.ca_file {} holds no certificate (give a CA certificate in PEM form, -----BEGIN CERTIFICATE-----)",
                path.display()
            );
        }
        for cert in certs {
            roots.add(cert).with_context(|| {
                format!(
                    "mail.imap.ca_file {} holds a certificate that cannot be used (give a CA certificate in PEM form)",
                    path.display()
                )
            })?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// What a failed handshake means, in one line.
pub fn handshake_error(host: &str, e: io::Error, timeout: Duration) -> anyhow::Error {
    if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) {
        return anyhow!(
            "the IMAP server {host} stopped answering during the TLS handshake (nothing for {} s; check mail.imap.port and mail.imap.tls, or try again later)",
            timeout.as_secs()
        );
    }
    match e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        Some(rustls::Error::InvalidCertificate(why)) => {
            let what = match why {
                CertificateError::UnknownIssuer | CertificateError::BadSignature => {
                    "is signed by a certificate authority tracker does not trust".to_owned()
                }
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                    format!("is not made out to {host}")
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => "has expired".to_owned(),
                other => format!("cannot be trusted ({other:?})"),
            };
            anyhow!(
                "the IMAP server {host}'s certificate {what} (for a self-hosted server, set mail.imap.ca_file to its CA certificate in PEM form)"
            )
        }
        Some(other) => anyhow!(
            "TLS with the IMAP server {host} failed: {other} (check mail.imap.port and mail.imap.tls: implicit for port 993, starttls for 143)"
        ),
        None if e.kind() == io::ErrorKind::UnexpectedEof => anyhow!(
            "the IMAP server {host} closed the connection during the TLS handshake (check mail.imap.port and mail.imap.tls: implicit for port 993, starttls for 143)"
        ),
        None => anyhow!("TLS with the IMAP server {host} failed: {e} (try again later)"),
    }
}
