//! Signed content distribution on The Update Framework, through the `tough` crate.
//!
//! - Admin side ([`repo`]): create a repository ([`Repo::init`]), publish a built content folder as
//!   targets ([`Repo::publish`]), re-sign the timestamp, rotate a key, inspect.
//! - Kiosk side ([`fetch`], [`store`]): fetch from an `https://` URL or a folder with a persistent
//!   trust store, verify, stage, and activate at an idle reset; roll back locally.
//!
//! No signature, hash or metadata check is written here: tough does all of TUF. This crate chooses
//! the limits and deadlines, the file layout and the crash-safe order of writes.
//! It knows nothing of Tauri, windows or the UI; it reads content DBs only to check them.
#![deny(missing_docs)]

pub mod error;
pub mod fetch;
pub mod repo;
pub mod schedule;
pub mod source;
pub mod status;
pub mod store;
pub mod usb;

pub use error::{Error, Result};
pub use fetch::{Checked, FetchConfig, Outcome, Progress, update};
pub use repo::{AdminProgress, Inspection, Published, Repo, RepoConfig};
pub use schedule::Schedule;
pub use source::Source;
pub use status::{Count, KioskId, StatusRecord};
pub use store::{Check, Release, Status, Store};
pub use tough::schema::RoleType;

#[cfg(test)]
mod tests;
