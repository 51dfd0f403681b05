//! The admin panel's views: the update status as localised rows, update errors as [`ApiError`]s,
//! and short notices. The panel's rules (PIN, lockout) are `compass-kiosk`'s; the update work is
//! `compass-update`'s; this only says it in the admin's language.

use compass_i18n::Arg;
use compass_update::Status;
use jiff::Timestamp;

use crate::Api;
use crate::types::{AdminGate, AdminNotice, AdminRow, AdminView, ApiError};

/// What the app knows besides the store's status.
#[derive(Debug, Clone, Default)]
pub struct AdminContext {
    /// Repository folders found on USB sticks.
    pub usb: Vec<String>,
    /// The update URL in force, if any.
    pub update_url: Option<String>,
    /// The app shows a fixed content folder (`--content`): updates are off.
    pub fixed_content: bool,
    /// The language a fresh session starts in.
    pub default_locale: String,
}

impl Api {
    /// The PIN door: whether a PIN exists and how long tries are locked.
    pub fn admin_gate(
        &self,
        locale: &str,
        pin_set: bool,
        locked_secs: u64,
        message_id: Option<&str>,
    ) -> AdminGate {
        let locale = self.locale(locale);
        let message =
            message_id.map(|id| self.t(locale, id, &[("seconds", Arg::Num(locked_secs as f64))]));
        AdminGate {
            open: false,
            pin_set,
            locked_seconds: u32::try_from(locked_secs).unwrap_or(u32::MAX),
            message,
        }
    }

    /// The panel: version, age, source, last check, signature expiry, previous and pending version.
    pub fn admin_view(&self, locale: &str, status: &Status, context: &AdminContext) -> AdminView {
        let locale = self.locale(locale);
        let now = self.now();
        let none = || self.t(locale, "admin-none", &[]);
        let mut rows = Vec::new();
        let mut row = |id: &str, value: String, warn: bool| {
            rows.push(AdminRow {
                label: self.t(locale, id, &[]),
                value,
                warn,
            });
        };
        let current = status.current.as_ref();
        row(
            "admin-row-version",
            current.map_or_else(none, |r| r.version.to_string()),
            current.is_none(),
        );
        if let Some(release) = current {
            if let Some(published) = release.published_at {
                row(
                    "admin-row-published",
                    self.datetime(locale, published),
                    false,
                );
                let days = now.duration_since(published).as_hours().max(0) / 24;
                row(
                    "admin-row-age",
                    self.t(locale, "admin-age-days", &[("days", Arg::Num(days as f64))]),
                    days > 90,
                );
            }
            row("admin-row-source", release.source.clone(), false);
            row(
                "admin-row-fetched",
                self.datetime(locale, release.fetched_at),
                false,
            );
        }
        if let Some(check) = &status.last_check {
            let (result, warn) = match check.code.as_str() {
                "update.staged" => (self.t(locale, "admin-result-staged", &[]), false),
                "update.current" => (self.t(locale, "admin-result-current", &[]), false),
                code => (self.t(locale, &message_id(code), &[]), true),
            };
            row(
                "admin-row-last-check",
                format!("{} — {result}", self.datetime(locale, check.at)),
                warn,
            );
        }
        if let Some(expires) = status.metadata_expires {
            let expired = expires <= now;
            let mut value = self.datetime(locale, expires);
            if expired {
                value = format!(
                    "{value} — {}",
                    self.t(locale, "admin-metadata-expired", &[])
                );
            }
            row("admin-row-metadata", value, expired);
        }
        row(
            "admin-row-previous",
            status
                .previous
                .as_ref()
                .map_or_else(none, |r| r.version.to_string()),
            false,
        );
        if let Some(pending) = &status.pending {
            row(
                "admin-row-pending",
                self.t(
                    locale,
                    "admin-pending-value",
                    &[("version", Arg::Num(pending.version as f64))],
                ),
                false,
            );
        }
        let url = context.update_url.clone().unwrap_or_default();
        row(
            "admin-row-update-url",
            if url.is_empty() { none() } else { url.clone() },
            false,
        );
        row(
            "admin-row-usb",
            if context.usb.is_empty() {
                none()
            } else {
                context.usb.join(", ")
            },
            false,
        );
        AdminView {
            rows,
            can_check: !context.fixed_content && !url.is_empty(),
            can_import: !context.fixed_content && !context.usb.is_empty(),
            can_rollback: !context.fixed_content && status.previous.is_some(),
            update_url: url,
            default_locale: context.default_locale.clone(),
        }
    }

    /// An update error for the UI: its stable code and the admin-facing message.
    pub fn update_error(&self, locale: &str, error: &compass_update::Error) -> ApiError {
        self.admin_error(locale, error.code())
    }

    /// An admin error by code (`update.fixed_content`, `admin.locked`, or an update code).
    pub fn admin_error(&self, locale: &str, code: &str) -> ApiError {
        let message_id = message_id(code);
        ApiError {
            code: code.to_owned(),
            message: Some(self.t(self.locale(locale), &message_id, &[])),
            message_id,
        }
    }

    /// A short notice after an action (`admin-staged`, `admin-saved`…), with a version if it has one.
    pub fn admin_notice(&self, locale: &str, id: &str, version: Option<u64>) -> AdminNotice {
        let args: Vec<(&str, Arg)> = version
            .map(|v| ("version", Arg::Num(v as f64)))
            .into_iter()
            .collect();
        AdminNotice {
            text: self.t(self.locale(locale), id, &args),
        }
    }

    fn datetime(&self, locale: &str, at: Timestamp) -> String {
        let zoned = at.to_zoned_datetime(self.config.timezone.clone());
        format!(
            "{} {:02}:{:02}",
            self.date(locale, &zoned.date().to_string()),
            zoned.hour(),
            zoned.minute()
        )
    }
}

/// `update.signature_invalid` → `admin-error-signature-invalid`.
fn message_id(code: &str) -> String {
    let tail = code.split_once('.').map_or(code, |(_, tail)| tail);
    format!("admin-error-{}", tail.replace('_', "-"))
}
