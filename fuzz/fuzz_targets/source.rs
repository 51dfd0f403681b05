//! The update source parser (`--source`, `update_url`, the admin panel's address field): any text
//! either parses to an https URL, a loopback http URL or a folder, or is refused with a reason —
//! never a panic, and never a remote plain-http URL.
#![no_main]

use compass_update::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Source::parse(text) {
        Ok(Source::Url(url)) => {
            let loopback = match url.host() {
                Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            assert!(url.scheme() == "https" || (url.scheme() == "http" && loopback), "{url}");
            let source = Source::Url(url);
            let _ = source.metadata_url();
            let _ = source.targets_url();
        }
        Ok(folder @ Source::Folder(_)) => {
            let _ = folder.metadata_url();
        }
        Err(error) => assert_eq!(error.code(), "update.bad_source"),
    }
});
