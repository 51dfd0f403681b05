//! The metadata reader: bytes offered as a trusted root (first boot, `--root`) or as any role's
//! metadata are parsed and verified against a real root. Nothing forged may verify, and nothing may
//! panic. The seed corpus holds a real repository's files (`fuzz/seeds/metadata/`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tough::schema::{Root, Signed, Snapshot, Targets, Timestamp};

/// A real root (public metadata only; its keys are not in this repository).
const ROOT: &[u8] = include_bytes!("../seeds/metadata/1.root.json");

fuzz_target!(|data: &[u8]| {
    let _ = compass_update::fetch::check_root(data);
    let Ok(root) = serde_json::from_slice::<Signed<Root>>(ROOT) else { return };
    if let Ok(role) = serde_json::from_slice::<Signed<Timestamp>>(data) {
        let _ = root.signed.verify_role(&role);
    }
    if let Ok(role) = serde_json::from_slice::<Signed<Snapshot>>(data) {
        let _ = root.signed.verify_role(&role);
    }
    if let Ok(role) = serde_json::from_slice::<Signed<Targets>>(data) {
        let _ = root.signed.verify_role(&role);
    }
});
