//! The IPC types: what crosses from Rust to the web UI. Every visible string in them is already
//! localised (from Fluent or from translated content); the UI renders them as text, never as HTML,
//! except [`ArticlePage::html`], which the content build sanitised.
//!
//! TypeScript for these types is generated into `ui/src/gen/ipc.ts` (see [`crate::typescript`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A translated text from the content, with the language it is really in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    /// The text.
    pub text: String,
    /// Its BCP 47 language, for the element's `lang`.
    pub lang: String,
    /// Set when the text is not in the visitor's language: "Shown in English: no translation yet."
    pub fallback_note: Option<String>,
}

/// When an entry was last checked, and against what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Checked {
    /// "Checked on 29.11.2026" or "Not yet checked".
    pub label: String,
    /// `YYYY-MM-DD`.
    pub verified_on: String,
    /// False for unverified entries.
    pub verified: bool,
    /// Where the facts were read.
    pub source: String,
}

/// A value and its label, for filter choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Choice {
    /// The value sent back in a query.
    pub value: String,
    /// What the visitor reads.
    pub label: String,
}

/// A QR code a visitor scans to take a number away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Qr {
    /// `data:image/svg+xml,…`, made in Rust.
    pub image: String,
    /// What it encodes (`tel:+371…`), also the image's text alternative.
    pub target: String,
    /// "Scan with your phone to call".
    pub caption: String,
}

/// Is a channel open now?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenNow {
    /// Open.
    Open,
    /// Closed.
    Closed,
    /// Hours not confirmed.
    Unknown,
}

/// One way to reach a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelView {
    /// `voice`, `sms`, `chat`, `email` or `web`.
    pub kind: String,
    /// "Phone", "Text message"…
    pub kind_label: String,
    /// Its own label, if any.
    pub label: Option<Text>,
    /// What to dial or write to, as shown (the largest thing on the card).
    pub address: String,
    /// Open, closed or unknown.
    pub open: OpenNow,
    /// "Open now" or "Closed now"; `None` when hours are unknown.
    pub open_label: Option<String>,
    /// "Open now · closes at 17:00", in the kiosk's time.
    pub hours: String,
    /// "From abroad: +371…" or "May not work from abroad"; `None` for non-phone channels.
    pub abroad: Option<String>,
    /// A QR code for phones and texts, web addresses and e-mail.
    pub qr: Option<Qr>,
}

/// A service as a card in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceCard {
    /// Id.
    pub id: String,
    /// `hotline`, `programme` or `centre`.
    pub kind: String,
    /// "Helpline"…
    pub kind_label: String,
    /// Country code.
    pub country: String,
    /// "Latvia".
    pub country_label: String,
    /// Name (the detail page's heading).
    pub name: Text,
    /// What the card shows in its largest text: the neutral short name, else the name.
    pub title: Text,
    /// The organisation that runs it.
    pub organization: Option<Text>,
    /// "For adults".
    pub audience_label: String,
    /// Topic labels.
    pub topics: Vec<String>,
    /// "Answers in: Latvian, Russian" or `None` when not known.
    pub languages: Option<String>,
    /// "Free call", "You do not have to give your name", "Interpreter available".
    pub attributes: Vec<String>,
    /// Staff only.
    pub confidential: bool,
    /// Channels in order.
    pub channels: Vec<ChannelView>,
    /// Provenance.
    pub checked: Checked,
}

/// A service with everything it says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServicePage {
    /// The card.
    pub card: ServiceCard,
    /// Description.
    pub description: Option<Text>,
    /// What happens when you call.
    pub what_happens: Option<Text>,
    /// Who can use it.
    pub eligibility: Option<Text>,
    /// How to start.
    pub how_to_start: Option<Text>,
}

/// The home screen's "get help now".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Home {
    /// The kiosk's country.
    pub country_label: String,
    /// Emergency numbers of the kiosk's country.
    pub emergency: Vec<ServiceCard>,
    /// Trafficking hotlines of the kiosk's country.
    pub hotlines: Vec<ServiceCard>,
}

/// Which services a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Helplines (and emergency numbers).
    Hotlines,
    /// Exit and support programmes, centres.
    Programmes,
}

/// A request for a list of services; empty filters mean "any".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ServiceFilter {
    /// Country code, or `None` for every country.
    pub country: Option<String>,
    /// Topic id.
    pub topic: Option<String>,
    /// `adults` or `children`.
    pub audience: Option<String>,
    /// Language answered.
    pub language: Option<String>,
    /// Only services with a channel open now.
    pub open_now: bool,
}

/// The choices each filter offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facets {
    /// Countries.
    pub countries: Vec<Choice>,
    /// Topics.
    pub topics: Vec<Choice>,
    /// Audiences.
    pub audiences: Vec<Choice>,
    /// Languages answered.
    pub languages: Vec<Choice>,
}

/// A list of services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceList {
    /// The services.
    pub items: Vec<ServiceCard>,
    /// "3 results".
    pub summary: String,
    /// Filter choices.
    pub facets: Facets,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventCard {
    /// Id.
    pub id: String,
    /// "Training".
    pub category_label: String,
    /// Title.
    pub title: Text,
    /// Summary.
    pub summary: Option<Text>,
    /// Place.
    pub place: Option<Text>,
    /// "28.04.2014 – 30.04.2014".
    pub when: String,
    /// Provenance.
    pub checked: Checked,
}

/// Events, upcoming first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventList {
    /// Today and later, soonest first.
    pub upcoming: Vec<EventCard>,
    /// Before today, most recent first.
    pub past: Vec<EventCard>,
}

/// A file of a report, readable offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportFileView {
    /// "English".
    pub language: String,
    /// File name.
    pub name: String,
    /// "1.2 MB".
    pub size: String,
    /// The attachment's SHA-256, which the app serves it by.
    pub sha256: String,
}

/// A research report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportCard {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Publisher.
    pub publisher: Option<Text>,
    /// Summary.
    pub summary: Option<Text>,
    /// "Published 10.12.2014".
    pub published: String,
    /// "Published in: Latvian, English".
    pub editions: Option<String>,
    /// Files on this kiosk.
    pub files: Vec<ReportFileView>,
    /// Provenance.
    pub checked: Checked,
}

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArticleCard {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Text,
}

/// An article to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ArticlePage {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// The body: HTML sanitised at build time (allow-listed tags, links only https/tel/sms/mailto).
    pub html: Text,
    /// Provenance.
    pub checked: Checked,
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuestionView {
    /// Id.
    pub id: String,
    /// The question.
    pub text: Text,
}

/// A self-check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SelfCheckView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Introduction.
    pub intro: Option<Text>,
    /// The questions.
    pub questions: Vec<QuestionView>,
    /// The topic whose helplines a "yes" leads to.
    pub leads_to: Option<String>,
}

/// A search hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    /// Id.
    pub id: String,
    /// `service`, `organization`, `event`, `report`, `article` or `selfcheck`.
    pub kind: String,
    /// "Helpline", "Article"…
    pub kind_label: String,
    /// Name or title.
    pub name: Text,
    /// "Latvia", if the entry has a country.
    pub country_label: Option<String>,
}

/// Search results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchResults {
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
    /// "3 results" or "Nothing found…".
    pub summary: String,
    /// "No entry has all of these words…", when the hits hold only some of the words typed.
    pub partial: Option<String>,
    /// "You can call these numbers:" when nothing was found; the UI shows the kiosk country's
    /// emergency and trafficking lines under it (those of [`Home`]).
    pub help_heading: Option<String>,
}

/// A contact on a referral sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferralContact {
    /// Service id.
    pub service_id: String,
    /// Name.
    pub name: Option<Text>,
    /// Numbers to dial from where the person is.
    pub numbers: Vec<String>,
    /// "May not work from abroad", when that is not known.
    pub note: Option<String>,
}

/// A section of a referral sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferralSection {
    /// "In an emergency".
    pub title: String,
    /// Its contacts.
    pub contacts: Vec<ReferralContact>,
}

/// A cross-border referral sheet (staff only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferralSheet {
    /// "Latvia".
    pub here_label: String,
    /// "Estonia".
    pub nationality_label: String,
    /// Sections with contacts; empty sections are left out.
    pub sections: Vec<ReferralSection>,
}

/// A language the kiosk offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LocaleOption {
    /// BCP 47 tag.
    pub tag: String,
    /// The language's name in itself ("Latviešu").
    pub own_name: String,
    /// `ltr` or `rtl`.
    pub dir: String,
}

/// `visitor` (a public kiosk) or `staff` (a desk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Public kiosk: lockdown, idle reset, no confidential entries.
    Visitor,
    /// Staff desk: a normal window, confidential entries, referral sheet.
    Staff,
}

/// What the UI needs to know about this kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KioskInfo {
    /// Visitor or staff.
    pub mode: Mode,
    /// The kiosk's country code.
    pub country: String,
    /// The language a fresh session starts in.
    pub default_locale: String,
    /// Languages offered, in order.
    pub locales: Vec<LocaleOption>,
    /// Countries with content, for the referral sheet.
    pub countries: Vec<Choice>,
    /// False when the content DB could not be opened: the UI shows `content_error`.
    pub content_ok: bool,
    /// Why the content is unavailable.
    pub content_error: Option<ApiError>,
    /// Whether the screen can be read aloud (espeak-ng is installed); set by the shell.
    pub can_listen: bool,
}

/// The UI strings of a locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UiStrings {
    /// The locale the strings are for.
    pub locale: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// Message id → text, with per-message fallback already applied.
    pub messages: BTreeMap<String, String>,
}

/// About this content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct About {
    /// Short content version (the first 12 hex digits of the content hash).
    pub version: String,
    /// `sha256:…` of the content DB.
    pub content_hash: String,
    /// Newest check date, formatted.
    pub newest_check: Option<String>,
    /// Oldest check date, formatted.
    pub oldest_check: Option<String>,
    /// Entries by kind: label and count.
    pub counts: Vec<Choice>,
}

/// An error for the UI: branch on `code`, show `message` (already localised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{code}: {message_id}")]
pub struct ApiError {
    /// Stable code (`content.missing`), never shown.
    pub code: String,
    /// The Fluent message id that says it.
    pub message_id: String,
    /// The message in the visitor's language (filled in when the locale is known).
    pub message: Option<String>,
}

/// The idle state the UI shows: nothing, or the "still there?" countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "phase")]
pub enum IdleView {
    /// Someone is here.
    Active,
    /// "Still there?" with the seconds left before the screen is cleared.
    Warning {
        /// Seconds left.
        remaining_secs: u32,
    },
}

/// A key press, as far as quick exit cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// Escape.
    Escape,
    /// Shift on its own.
    Shift,
    /// Any other key.
    Other,
}

/// The screen the page shows: the kiosk's rules care about home (a reset must end on a fresh one), the
/// neutral cover and the admin panel (it locks when any other screen is shown); the opt-in counters
/// count the visitor screens by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScreenKind {
    /// The home screen.
    Home,
    /// The neutral cover after a quick exit.
    Neutral,
    /// The admin panel.
    Admin,
    /// A search and its results.
    Search,
    /// The list of hotlines.
    Hotlines,
    /// The list of exit and support programmes.
    Programmes,
    /// One service.
    Service,
    /// Events.
    Events,
    /// Reports.
    Reports,
    /// The list of help articles.
    Articles,
    /// One help article.
    Article,
    /// The self-check.
    Selfcheck,
    /// The referral sheet (staff mode).
    Referral,
    /// About this kiosk.
    About,
}

impl ScreenKind {
    /// Its name on the wire (`home`, `search`…), also used by the screen trace.
    pub const fn name(self) -> &'static str {
        match self {
            ScreenKind::Home => "home",
            ScreenKind::Neutral => "neutral",
            ScreenKind::Admin => "admin",
            ScreenKind::Search => "search",
            ScreenKind::Hotlines => "hotlines",
            ScreenKind::Programmes => "programmes",
            ScreenKind::Service => "service",
            ScreenKind::Events => "events",
            ScreenKind::Reports => "reports",
            ScreenKind::Articles => "articles",
            ScreenKind::Article => "article",
            ScreenKind::Selfcheck => "selfcheck",
            ScreenKind::Referral => "referral",
            ScreenKind::About => "about",
        }
    }
}

/// The door to the admin panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminGate {
    /// The panel is open (the right PIN was entered, or the first PIN was just set).
    pub open: bool,
    /// A PIN has been set (else the first run asks for one).
    pub pin_set: bool,
    /// Seconds before a PIN may be tried again (0: now).
    pub locked_seconds: u32,
    /// What to tell the admin (wrong PIN, locked, a refused new PIN), localised.
    pub message: Option<String>,
}

/// One line of the admin panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminRow {
    /// What it is.
    pub label: String,
    /// Its value.
    pub value: String,
    /// Needs attention (no content, an error, expired signatures, old content).
    pub warn: bool,
}

/// The admin panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminView {
    /// Status lines.
    pub rows: Vec<AdminRow>,
    /// "Check now" is possible (an update URL is set).
    pub can_check: bool,
    /// "Import from USB" is possible (a stick with a repository is mounted).
    pub can_import: bool,
    /// "Roll back" is possible (a previous version is kept).
    pub can_rollback: bool,
    /// The update URL in force ("" when none).
    pub update_url: String,
    /// The language a fresh session starts in.
    pub default_locale: String,
}

/// The outcome of an admin action, localised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdminNotice {
    /// What happened.
    pub text: String,
}
