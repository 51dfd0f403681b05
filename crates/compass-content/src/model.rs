//! The content model: what an admin writes in `resources/content` and what the content DB is built from.
//!
//! It follows Open Referral HSDS 3.0 where it fits (organization, service, location, phone/contact
//! channel, schedule, language) with the Safety Compass profile on top: every visible text field is
//! translated per locale with a [`TranslationStatus`], contact channels carry their own [`Hours`] in an
//! IANA time zone, hotline attributes, a confidential flag, an [`Audience`], [`Topic`]s, events, reports,
//! help articles, self-checks and [`Provenance`] on every entry.
//!
//! These types are plain data with serde derives; the rules that relate them (required fields, E.164,
//! references, translations) live in `check`, so that a malformed file still parses far enough for every
//! problem in it to be reported at once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything in a content source folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Content {
    /// Organisations with their services and channels, sorted by id.
    pub organizations: Vec<Organization>,
    /// Events (trainings, campaigns, publications, broadcasts), sorted by id.
    pub events: Vec<Event>,
    /// Research reports, sorted by id.
    pub reports: Vec<Report>,
    /// Help articles, sorted by `order` then id.
    pub articles: Vec<Article>,
    /// Self-check question sets, sorted by id.
    pub selfchecks: Vec<SelfCheck>,
    /// Search synonyms per locale (`synonyms/<locale>.txt`): groups of words a visitor may use for one
    /// thing; an entry that holds one word of a group is found by the others.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub synonyms: Synonyms,
}

impl Content {
    /// Puts every list in its canonical order (by id; articles by `order` then id), as `source::load` does.
    pub fn sort(&mut self) {
        self.organizations.sort_by(|a, b| a.id.cmp(&b.id));
        self.events.sort_by(|a, b| a.id.cmp(&b.id));
        self.reports.sort_by(|a, b| a.id.cmp(&b.id));
        self.articles
            .sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
        self.selfchecks.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// The content without confidential (staff-only) organisations and services: what may leave the
    /// admin's hands as open data.
    pub fn without_confidential(&self) -> Content {
        let mut public = self.clone();
        public.organizations.retain(|org| !org.confidential);
        for org in &mut public.organizations {
            org.services.retain(|service| !service.confidential);
        }
        public
    }
}

/// Search synonyms: locale → groups of words that mean the same to a visitor.
pub type Synonyms = BTreeMap<String, Vec<Vec<String>>>;

/// Search keywords: locale → words visitors use for an entry that its text may not contain.
pub type Keywords = BTreeMap<String, Vec<String>>;

/// A translated text: locale tag (`lv`, `en`, …) → the text in that locale.
pub type Text = BTreeMap<String, TextValue>;

/// One translation of a text field: a plain string (its status comes from the record's `translation`
/// table) or a table with its own status, for a field whose translation is behind the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TextValue {
    /// The text; status from the record.
    Plain(String),
    /// The text with a status of its own.
    WithStatus {
        /// The text.
        text: String,
        /// Its status, overriding the record's.
        status: TranslationStatus,
    },
}

impl TextValue {
    /// The text itself.
    pub fn text(&self) -> &str {
        match self {
            TextValue::Plain(text) | TextValue::WithStatus { text, .. } => text,
        }
    }

    /// The status given on the field itself, if any.
    pub fn own_status(&self) -> Option<TranslationStatus> {
        match self {
            TextValue::Plain(_) => None,
            TextValue::WithStatus { status, .. } => Some(*status),
        }
    }
}

/// How a translation came to be, so reviewers know what to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TranslationStatus {
    /// The language the entry was written in.
    Original,
    /// Translated and checked by a person who reads both languages.
    Reviewed,
    /// Machine- or developer-translated, not yet reviewed.
    Machine,
    /// Was a translation of an earlier version of the original.
    Outdated,
}

impl TranslationStatus {
    /// The status as written in source files and the DB.
    pub fn as_str(self) -> &'static str {
        match self {
            TranslationStatus::Original => "original",
            TranslationStatus::Reviewed => "reviewed",
            TranslationStatus::Machine => "machine",
            TranslationStatus::Outdated => "outdated",
        }
    }
}

/// Per-locale translation status of a record: exactly one locale is `original`.
pub type Translations = BTreeMap<String, TranslationStatus>;

/// The locale a record was written in: the one marked `original`.
pub fn original_locale(translation: &Translations) -> Option<&str> {
    translation
        .iter()
        .find(|(_, status)| **status == TranslationStatus::Original)
        .map(|(locale, _)| locale.as_str())
}

/// Where a fact comes from and when someone last checked it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The page the fact was read on.
    pub source: String,
    /// When it was last checked (`YYYY-MM-DD`).
    pub verified_on: String,
    /// Whether it was confirmed there.
    pub status: Verification,
    /// Admin-facing remark (never shown to visitors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether an entry's facts were confirmed in its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verification {
    /// Read in the cited source.
    Verified,
    /// Not found, or sources conflict: shown without hours it cannot vouch for.
    Unverified,
}

impl Verification {
    /// The value as written in source files and the DB.
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::Unverified => "unverified",
        }
    }
}

/// An organisation: one source file, with its locations and services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Unique id across all records (lowercase, digits, `-`).
    pub id: String,
    /// ISO 3166-1 alpha-2 country it works in (`LV`, `EE`, `GB`).
    pub country: String,
    /// Name per locale.
    pub name: Text,
    /// What it is and does, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub description: Text,
    /// Words visitors search with that the text may not contain, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Keywords,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// General e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Staff only: never shown in visitor mode.
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
    /// Translation status per locale.
    pub translation: Translations,
    /// Source and verification.
    pub provenance: Provenance,
    /// Places it can be visited.
    #[serde(default, rename = "location", skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    /// What it offers.
    #[serde(default, rename = "service", skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
}

/// A physical place of an organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Unique id.
    pub id: String,
    /// Street address as written locally (not translated).
    pub address: String,
    /// City.
    pub city: String,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Directions or a description per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub description: Text,
}

/// What kind of help a service is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceKind {
    /// A line to call, text or chat.
    Hotline,
    /// An exit or support programme one joins.
    Programme,
    /// A place to go (drop-in, shelter, crisis centre).
    Centre,
}

impl ServiceKind {
    /// The value as written in source files and the DB.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Hotline => "hotline",
            ServiceKind::Programme => "programme",
            ServiceKind::Centre => "centre",
        }
    }
}

/// Who a service is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Adults.
    Adults,
    /// Children and young people.
    Children,
    /// Both.
    Both,
}

impl Audience {
    /// The value as written in source files and the DB.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Adults => "adults",
            Audience::Children => "children",
            Audience::Both => "both",
        }
    }
}

/// The open taxonomy of topics. New topics are added here and in the locales (`topic-<id>`).
pub const TOPICS: [&str; 12] = [
    "trafficking",
    "sexual-exploitation",
    "labour-exploitation",
    "sham-marriage",
    "domestic-violence",
    "child-protection",
    "consular-help",
    "emergency",
    "emotional-support",
    "legal-aid",
    "job-offer-check",
    "police",
];

/// The longest `short_name`, in characters: what a home-screen card holds on one line at 200 % text.
pub const MAX_SHORT_NAME: usize = 32;

/// The place of a service without an `order` among the services of its priority and country.
pub const DEFAULT_ORDER: u32 = 100;

/// A service of an organisation: a hotline, a programme or a centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Unique id.
    pub id: String,
    /// Hotline, programme or centre.
    pub kind: ServiceKind,
    /// Topics from [`TOPICS`].
    pub topics: Vec<String>,
    /// Who it is for.
    pub audience: Audience,
    /// Languages answered (BCP 47), only where verified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Free of charge (unset: not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free: Option<bool>,
    /// Can be used anonymously (unset: not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<bool>,
    /// Offers an interpreter (unset: not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpreter: Option<bool>,
    /// Staff only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub confidential: bool,
    /// Name per locale.
    pub name: Text,
    /// A neutral short name per locale for cards and printouts, which need not name the subject
    /// (at most [`MAX_SHORT_NAME`] characters); unset: the name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub short_name: Text,
    /// Place among the services of its priority and country, lower first (112 before 113); unset:
    /// [`DEFAULT_ORDER`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<u32>,
    /// What it offers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub description: Text,
    /// What happens when you call or come.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub what_happens: Text,
    /// Who can use it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub eligibility: Text,
    /// How to start.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub how_to_start: Text,
    /// Words visitors search with that the text may not contain, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Keywords,
    /// Location ids (of the same organisation) where it is offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<String>,
    /// Translation status per locale; unset: the organisation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Translations>,
    /// Source and verification; unset: the organisation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Ways to reach it.
    #[serde(default, rename = "channel", skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
}

/// How a channel is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelKind {
    /// Phone call.
    Voice,
    /// Text message.
    Sms,
    /// Web chat or app.
    Chat,
    /// E-mail.
    Email,
    /// Web page or online form.
    Web,
}

impl ChannelKind {
    /// The value as written in source files and the DB.
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Voice => "voice",
            ChannelKind::Sms => "sms",
            ChannelKind::Chat => "chat",
            ChannelKind::Email => "email",
            ChannelKind::Web => "web",
        }
    }
}

/// One way to reach a service, with its own hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Voice, SMS, chat, e-mail or web.
    pub kind: ChannelKind,
    /// Full international number in E.164 (`+37120000001`), for voice and SMS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// A national short number (`112`, `116006`) that has no E.164 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_code: Option<String>,
    /// The number as written in its country (`8000 0000`); shown instead of the E.164 form at home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Whether `number` works from abroad (unset: not known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_abroad: Option<bool>,
    /// The number to dial from abroad, in E.164, when it is not `number` (a short code or a national
    /// freephone number usually has a separate international one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abroad_number: Option<String>,
    /// Countries (ISO 3166-1 alpha-2) the number is known to work from, besides its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub callable_from: Vec<String>,
    /// Chat or web address (`https://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// A label per locale ("Latgale regional line").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub label: Text,
    /// Opening hours; unset: not known (shown as "hours unknown").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Hours>,
}

impl Channel {
    /// A channel of `kind` with nothing else set: no number, address, label or hours. Fill in the rest
    /// with struct update syntax (`Channel { url: Some(..), ..Channel::new(ChannelKind::Web) }`).
    pub fn new(kind: ChannelKind) -> Channel {
        Channel {
            kind,
            number: None,
            short_code: None,
            display: None,
            from_abroad: None,
            abroad_number: None,
            callable_from: Vec::new(),
            url: None,
            address: None,
            label: Text::new(),
            hours: None,
        }
    }
}

/// Opening hours of a channel in the service's own time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// IANA time zone (`Europe/Riga`).
    pub tz: String,
    /// Open 24 hours a day, 7 days a week (exceptions still apply).
    #[serde(default, skip_serializing_if = "is_false")]
    pub always: bool,
    /// Weekly rules such as `Mo-Fr 10:00-18:00`, `Sa,Su 12:00-22:00`, `Mo-Su 22:00-02:00` (past midnight).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekly: Vec<String>,
    /// Dated exceptions that replace the weekly rules for one day.
    #[serde(default, rename = "exception", skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<HoursException>,
}

/// Hours for one date that replace the weekly rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoursException {
    /// The date (`YYYY-MM-DD`), in the channel's time zone.
    pub date: String,
    /// Spans such as `10:00-14:00`; empty: closed all day.
    #[serde(default)]
    pub spans: Vec<String>,
}

/// Event categories.
pub const EVENT_CATEGORIES: [&str; 5] =
    ["launch", "training", "campaign", "publication", "broadcast"];

/// A dated event: a training, campaign, publication or broadcast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// One of [`EVENT_CATEGORIES`].
    pub category: String,
    /// Start: a date (`2014-04-28`) or a local date-time (`2014-04-28T09:00`) in `tz`.
    pub starts: String,
    /// End, same forms; unset: a one-day event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<String>,
    /// IANA time zone of `starts` and `ends`.
    pub tz: String,
    /// Organisation id of the organiser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
    /// Title per locale.
    pub title: Text,
    /// Summary per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary: Text,
    /// Place per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub place: Text,
    /// Words visitors search with that the text may not contain, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Keywords,
    /// Translation status per locale.
    pub translation: Translations,
    /// Source and verification.
    pub provenance: Provenance,
}

/// A research publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Unique id.
    pub id: String,
    /// Publisher per locale.
    pub publisher: Text,
    /// Publication date (`YYYY-MM-DD`).
    pub published_on: String,
    /// Title per locale.
    pub title: Text,
    /// Summary per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub summary: Text,
    /// Words visitors search with that the text may not contain, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Keywords,
    /// Locales the report itself was published in (its editions), with or without a file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<String>,
    /// Files per language, relative to the `reports/` folder.
    #[serde(default, rename = "file", skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<ReportFile>,
    /// Translation status per locale.
    pub translation: Translations,
    /// Source and verification.
    pub provenance: Provenance,
}

/// One file of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportFile {
    /// Language of the file.
    pub locale: String,
    /// Path relative to `reports/`.
    pub path: String,
}

/// A help article: Markdown per locale, rendered to safe HTML at build time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Unique id (the folder name).
    pub id: String,
    /// Position in the list of articles.
    pub order: u32,
    /// Topics from [`TOPICS`].
    pub topics: Vec<String>,
    /// Translation status per locale.
    pub translation: Translations,
    /// Source and verification.
    pub provenance: Provenance,
    /// Markdown per locale (from `<locale>.md`); the first `# ` heading is the title.
    pub body: BTreeMap<String, String>,
    /// Words visitors search with that the text may not contain, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Keywords,
}

/// The metadata file of an article (`articles/<id>/article.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// Position in the list of articles.
    pub order: u32,
    /// Topics from [`TOPICS`].
    #[serde(default)]
    pub topics: Vec<String>,
    /// Words visitors search with that the text may not contain, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Keywords,
    /// Translation status per locale.
    pub translation: Translations,
    /// Source and verification.
    pub provenance: Provenance,
}

/// A neutral yes/no self-check: any "yes" leads to the hotlines of `leads_to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfCheck {
    /// Unique id.
    pub id: String,
    /// Title per locale.
    pub title: Text,
    /// Introduction per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub intro: Text,
    /// Words visitors search with that the text may not contain, per locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keywords: Keywords,
    /// Topics whose hotlines a "yes" leads to.
    pub leads_to: Vec<String>,
    /// Translation status per locale.
    pub translation: Translations,
    /// Source and verification.
    pub provenance: Provenance,
    /// The questions, in order.
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

/// One yes/no question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Id unique within the set.
    pub id: String,
    /// The question per locale.
    pub text: Text,
}

/// A file of `[[event]]` tables (`events/*.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    /// The events.
    #[serde(rename = "event")]
    pub events: Vec<Event>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}
