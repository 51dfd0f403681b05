//! Building the content DB: one SQLite file from a checked content source.
//!
//! # Schema
//! The schema is created in one go for each build (the content DB is an immutable artifact, so it has no
//! migrations); [`SCHEMA_VERSION`] in `meta` says which layout a reader gets, and a reader refuses any
//! other. Every translated text lives in `translation`, keyed by the id of the entry it belongs to.
//!
//! # Determinism
//! The same source gives the same file, byte for byte: rows are inserted in sorted order, nothing
//! time-dependent is written, the FTS index is optimised and the file vacuumed before it is hashed.
//! The SHA-256 of the file is the content hash an admin sees.
//!
//! # Locking and compatibility
//! The file is written to `<out>.tmp` and renamed over `<out>` only when complete, so a reader never
//! sees half a DB. Readers open it read-only (`ContentDb`); nothing ever writes to it after the build.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use crate::fold;
use crate::markdown;
use crate::model::{
    ChannelKind, Content, DEFAULT_ORDER, Keywords, Organization, Provenance, Service, ServiceKind,
    Synonyms, Text, TranslationStatus, Translations,
};
use crate::stem::{self, Language};
use crate::{Error, Result};

/// The layout version of the content DB this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// Ranking classes of search entries: lower comes first in the kiosk's own country.
pub mod priority {
    /// Emergency numbers.
    pub const EMERGENCY: i64 = 0;
    /// Trafficking hotlines.
    pub const TRAFFICKING_HOTLINE: i64 = 1;
    /// Other services.
    pub const SERVICE: i64 = 2;
    /// Organisations, events, reports, articles, self-checks.
    pub const OTHER: i64 = 3;
}

const SCHEMA: &str = r#"
-- What this file is: schema_version, and the content source's counts.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Every visible text of every entry per locale. entity_id is the id of an organisation, location,
-- service, event, report, article or self-check; a channel's label uses '<service id>/channel/<n>',
-- a question '<self-check id>/<question id>'. status: original | reviewed | machine | outdated.
CREATE TABLE translation (
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    locale TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (entity_id, field, locale)
) WITHOUT ROWID;

-- Organisations. website and email are NULL when the source gives none.
CREATE TABLE organization (
    id TEXT PRIMARY KEY,
    country TEXT NOT NULL,
    website TEXT,
    email TEXT,
    confidential INTEGER NOT NULL,
    original_locale TEXT NOT NULL,
    source TEXT NOT NULL,
    verified_on TEXT NOT NULL,
    verification TEXT NOT NULL
) WITHOUT ROWID;

-- Places of an organisation. postal_code is NULL when not known.
CREATE TABLE location (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    postal_code TEXT,
    country TEXT NOT NULL
) WITHOUT ROWID;

-- Services with their provenance already resolved (a service without its own has its organisation's).
-- free / anonymous / interpreter are NULL when not known. priority: see build::priority.
CREATE TABLE service (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    audience TEXT NOT NULL,
    free INTEGER,
    anonymous INTEGER,
    interpreter INTEGER,
    confidential INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    original_locale TEXT NOT NULL,
    source TEXT NOT NULL,
    verified_on TEXT NOT NULL,
    verification TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE service_topic (service_id TEXT NOT NULL, topic TEXT NOT NULL, PRIMARY KEY (service_id, topic)) WITHOUT ROWID;
CREATE INDEX service_topic_by_topic ON service_topic (topic, service_id);
-- Languages answered; no row: not known.
CREATE TABLE service_language (service_id TEXT NOT NULL, language TEXT NOT NULL, PRIMARY KEY (service_id, language)) WITHOUT ROWID;
CREATE TABLE service_location (service_id TEXT NOT NULL, location_id TEXT NOT NULL, PRIMARY KEY (service_id, location_id)) WITHOUT ROWID;

-- Ways to reach a service, in source order. number (E.164) or short_code for voice/SMS, url for chat/web,
-- address for e-mail; the others NULL. abroad_number: E.164 number to dial from abroad when not number.
-- from_abroad NULL: not known. callable_from: comma-separated
-- countries it is known to work from besides its own, NULL: none known. hours NULL: not known (the JSON of
-- model::Hours otherwise).
CREATE TABLE channel (
    service_id TEXT NOT NULL REFERENCES service (id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    number TEXT,
    short_code TEXT,
    display TEXT,
    from_abroad INTEGER,
    abroad_number TEXT,
    callable_from TEXT,
    url TEXT,
    address TEXT,
    hours TEXT,
    PRIMARY KEY (service_id, position)
) WITHOUT ROWID;

-- Events. starts/ends are local (date or date-time) in tz; ends NULL: one day. organizer_id NULL: not known.
CREATE TABLE event (
    id TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    starts TEXT NOT NULL,
    ends TEXT,
    tz TEXT NOT NULL,
    organizer_id TEXT,
    original_locale TEXT NOT NULL,
    source TEXT NOT NULL,
    verified_on TEXT NOT NULL,
    verification TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE report (
    id TEXT PRIMARY KEY,
    published_on TEXT NOT NULL,
    original_locale TEXT NOT NULL,
    source TEXT NOT NULL,
    verified_on TEXT NOT NULL,
    verification TEXT NOT NULL
) WITHOUT ROWID;
-- Languages a report was published in, whether or not a file is available.
CREATE TABLE report_edition (report_id TEXT NOT NULL, locale TEXT NOT NULL, PRIMARY KEY (report_id, locale)) WITHOUT ROWID;
-- Files shipped with a report, stored beside the DB as attachments/<sha256>.
CREATE TABLE report_file (
    report_id TEXT NOT NULL REFERENCES report (id),
    locale TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (report_id, locale, name)
) WITHOUT ROWID;

-- Help articles; title and html (sanitised) are in translation.
CREATE TABLE article (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    original_locale TEXT NOT NULL,
    source TEXT NOT NULL,
    verified_on TEXT NOT NULL,
    verification TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE article_topic (article_id TEXT NOT NULL, topic TEXT NOT NULL, PRIMARY KEY (article_id, topic)) WITHOUT ROWID;

CREATE TABLE selfcheck (
    id TEXT PRIMARY KEY,
    original_locale TEXT NOT NULL,
    source TEXT NOT NULL,
    verified_on TEXT NOT NULL,
    verification TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE selfcheck_topic (selfcheck_id TEXT NOT NULL, topic TEXT NOT NULL, PRIMARY KEY (selfcheck_id, topic)) WITHOUT ROWID;
CREATE TABLE question (selfcheck_id TEXT NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (selfcheck_id, position)) WITHOUT ROWID;

-- One searchable document per entry: its names (all locales), its other text and numbers, and its
-- keywords (the entry's own, its topics in English, and the synonyms of its words), each folded both
-- ways and followed by the stems of its words in the text's own language, tagged with the language
-- (`pase` → `pasql`; see stem.rs), where a stem is not the word itself. Contentless: display text comes from translation. rowid = search_doc.rowid,
-- assigned in ranking order: priority, country, kind, order, id, so that a kiosk country's lines of one
-- priority are one rowid range. Prefix indexes for 1 to 5 letters (a Cyrillic letter may fold to four:
-- щ → shch) keep as-you-type queries fast from the first key.
CREATE VIRTUAL TABLE search USING fts5(name, body, keywords, content = '', tokenize = 'unicode61', prefix = '1 2 3 4 5', detail = full);
-- What a search hit is. country NULL for entries of no country (events, articles…).
CREATE TABLE search_doc (
    rowid INTEGER PRIMARY KEY,
    entity_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    country TEXT,
    priority INTEGER NOT NULL,
    confidential INTEGER NOT NULL
);
CREATE INDEX search_doc_place ON search_doc (priority, country);
"#;

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// SHA-256 of the DB file, hex.
    pub content_hash: String,
    /// The DB file.
    pub path: PathBuf,
    /// Number of entries by kind (`organization`, `service`, `channel`, `event`, …).
    pub counts: BTreeMap<String, usize>,
    /// Bytes of the DB file.
    pub size: u64,
}

/// Builds the content DB at `out` from `content`, whose report files are read from `source_root`.
/// Report files are copied to `attachments/` beside `out`. The caller has checked the content.
pub fn build(content: &Content, source_root: &Path, out: &Path) -> Result<BuildReport> {
    let tmp = out.with_extension("db.tmp");
    remove_if_exists(&tmp)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_owned(),
            source,
        })?;
    }
    let mut counts = BTreeMap::new();
    {
        let mut conn = Connection::open(&tmp)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;",
        )?;
        conn.execute_batch(SCHEMA)?;
        let tx = conn.transaction()?;
        let mut writer = Writer {
            tx: &tx,
            counts: &mut counts,
            docs: Vec::new(),
            synonyms: SynonymIndex::new(&content.synonyms),
        };
        writer.meta("schema_version", &SCHEMA_VERSION.to_string())?;
        for org in &content.organizations {
            writer.organization(org)?;
        }
        writer.events(content)?;
        writer.reports(content, source_root, out)?;
        writer.articles(content)?;
        writer.selfchecks(content)?;
        writer.write_search_docs()?;
        for (kind, count) in writer.counts.clone() {
            writer.meta(&format!("count.{kind}"), &count.to_string())?;
        }
        tx.commit()?;
        conn.execute_batch("INSERT INTO search (search) VALUES ('optimize'); VACUUM;")?;
    }
    let bytes = std::fs::read(&tmp).map_err(|source| Error::Io {
        path: tmp.clone(),
        source,
    })?;
    let content_hash = hex(&Sha256::digest(&bytes));
    std::fs::rename(&tmp, out).map_err(|source| Error::Io {
        path: out.to_owned(),
        source,
    })?;
    Ok(BuildReport {
        content_hash,
        path: out.to_owned(),
        counts,
        size: bytes.len() as u64,
    })
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(Error::Io {
            path: path.to_owned(),
            source: err,
        }),
        _ => Ok(()),
    }
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct Writer<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    counts: &'a mut BTreeMap<String, usize>,
    /// Search documents, written last in ranking order (see `write_search_docs`).
    docs: Vec<FoldedDoc>,
    /// The content's synonym groups, by stem.
    synonyms: SynonymIndex,
}

/// Synonym groups by language, found by the stem (or folded form) of any member.
struct SynonymIndex {
    groups: Vec<(Language, String, Vec<String>)>,
    by_key: HashMap<(Language, String), usize>,
}

impl SynonymIndex {
    fn new(synonyms: &Synonyms) -> SynonymIndex {
        let mut index = SynonymIndex {
            groups: Vec::new(),
            by_key: HashMap::new(),
        };
        for (locale, groups) in synonyms {
            let Some(language) = Language::of_locale(locale) else {
                continue;
            };
            for group in groups {
                let number = index.groups.len();
                index.groups.push((language, locale.clone(), group.clone()));
                for word in group {
                    for key in search_keys(language, word) {
                        index.by_key.insert((language, key), number);
                    }
                }
            }
        }
        index
    }
}

/// The forms a word is compared in: the folded word and its stems.
fn search_keys(language: Language, word: &str) -> Vec<String> {
    let word = word.to_lowercase();
    let mut keys = language.stems(&word);
    keys.push(fold::strip(&word));
    keys
}

/// A text to index and the locale it is in (`None`: numbers, addresses, names of no language).
type Piece = (Option<String>, String);

/// A search document ready to be written.
struct FoldedDoc {
    id: String,
    kind: &'static str,
    country: Option<String>,
    priority: i64,
    order: u32,
    confidential: bool,
    names: String,
    body: String,
    keywords: String,
}

/// The locale marked original, or the first one given.
fn original_locale(translation: &Translations) -> String {
    crate::model::original_locale(translation)
        .or_else(|| translation.keys().next().map(String::as_str))
        .unwrap_or_default()
        .to_owned()
}

impl Writer<'_> {
    fn count(&mut self, kind: &str) {
        *self.counts.entry(kind.to_owned()).or_default() += 1;
    }

    fn meta(&self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
        Ok(())
    }

    fn text(
        &self,
        entity: &str,
        field: &str,
        text: &Text,
        translation: &Translations,
    ) -> Result<()> {
        for (locale, value) in text {
            let status = value
                .own_status()
                .or_else(|| translation.get(locale).copied())
                .unwrap_or(TranslationStatus::Machine);
            self.plain_text(entity, field, locale, value.text(), status)?;
        }
        Ok(())
    }

    fn plain_text(
        &self,
        entity: &str,
        field: &str,
        locale: &str,
        text: &str,
        status: TranslationStatus,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO translation (entity_id, field, locale, text, status) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![entity, field, locale, text, status.as_str()])?;
        Ok(())
    }

    fn search_doc(&mut self, doc: SearchDoc<'_>) -> Result<()> {
        let mut groups = BTreeSet::new();
        let names = self.index_text(&doc.names, &mut groups);
        let body = self.index_text(&doc.body, &mut groups);
        let mut keywords: Vec<Piece> = doc.keywords;
        for topic in doc.topics {
            keywords.push((Some("en".to_owned()), topic.replace('-', " ")));
        }
        let mut keyword_text = self.index_text(&keywords, &mut groups);
        let members: Vec<Piece> = groups
            .into_iter()
            .flat_map(|number| {
                let (_, locale, words) = &self.synonyms.groups[number];
                words
                    .iter()
                    .map(|word| (Some(locale.clone()), word.clone()))
            })
            .collect();
        keyword_text.push(' ');
        keyword_text.push_str(&self.index_text(&members, &mut BTreeSet::new()));
        self.docs.push(FoldedDoc {
            id: doc.id.to_owned(),
            kind: doc.kind,
            country: doc.country.map(str::to_owned),
            priority: doc.priority,
            order: doc.order,
            confidential: doc.confidential,
            names,
            body,
            keywords: keyword_text,
        });
        Ok(())
    }

    /// The indexed form of `pieces`: each folded both ways, then the tagged stems of its words (in the
    /// piece's language) that differ from the word. Notes the synonym groups its words are in.
    fn index_text(&self, pieces: &[Piece], groups: &mut BTreeSet<usize>) -> String {
        let mut out = String::new();
        for (locale, text) in pieces {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&fold_both(text));
            let Some(language) = locale.as_deref().and_then(Language::of_locale) else {
                continue;
            };
            for word in stem::native_words(text) {
                let folded = fold::strip(&word);
                // A stem that is the word itself is indexed already (a query looks it up untagged too).
                for stem in language.stems(&word).iter().filter(|stem| **stem != folded) {
                    out.push(' ');
                    out.push_str(&language.tagged(stem));
                }
                for key in search_keys(language, &word) {
                    if let Some(&number) = self.synonyms.by_key.get(&(language, key)) {
                        groups.insert(number);
                    }
                }
            }
        }
        out
    }

    /// Writes the search documents with rowids in ranking order — priority, then country (entries of no
    /// country last), then kind (services first), then a service's `order` (112 before 113), then id — so that ordering by rowid is a meaningful
    /// ranking that costs nothing (used for short prefixes, where bm25 over a large share of the
    /// directory would be slow and say little), and a kiosk country's entries of one priority are one
    /// rowid range.
    fn write_search_docs(&mut self) -> Result<()> {
        let kind_rank = |kind: &str| {
            [
                "service",
                "organization",
                "article",
                "selfcheck",
                "event",
                "report",
            ]
            .iter()
            .position(|k| *k == kind)
        };
        let place = |doc: &FoldedDoc| (doc.country.is_none(), doc.country.clone());
        self.docs.sort_by(|a, b| {
            (a.priority, place(a), kind_rank(a.kind), a.order, &a.id).cmp(&(
                b.priority,
                place(b),
                kind_rank(b.kind),
                b.order,
                &b.id,
            ))
        });
        let mut insert_doc = self.tx.prepare(
            "INSERT INTO search_doc (rowid, entity_id, kind, country, priority, confidential) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut insert_text = self
            .tx
            .prepare("INSERT INTO search (rowid, name, body, keywords) VALUES (?1, ?2, ?3, ?4)")?;
        for (index, doc) in self.docs.iter().enumerate() {
            let rowid = index as i64 + 1;
            insert_doc.execute(params![
                rowid,
                doc.id,
                doc.kind,
                doc.country,
                doc.priority,
                doc.confidential
            ])?;
            insert_text.execute(params![rowid, doc.names, doc.body, doc.keywords])?;
        }
        Ok(())
    }

    fn organization(&mut self, org: &Organization) -> Result<()> {
        let p = &org.provenance;
        self.tx.execute(
            "INSERT INTO organization (id, country, website, email, confidential, original_locale, source, verified_on, verification)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![org.id, org.country, org.website, org.email, org.confidential, original_locale(&org.translation), p.source, p.verified_on, p.status.as_str()],
        )?;
        self.count("organization");
        self.text(&org.id, "name", &org.name, &org.translation)?;
        self.text(&org.id, "description", &org.description, &org.translation)?;
        for location in &org.locations {
            self.tx.execute(
                "INSERT INTO location (id, organization_id, address, city, postal_code, country) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![location.id, org.id, location.address, location.city, location.postal_code, location.country],
            )?;
            self.text(
                &location.id,
                "description",
                &location.description,
                &org.translation,
            )?;
            self.count("location");
        }
        let mut org_body = texts(&org.description);
        org_body.extend(org.website.as_deref().map(plain));
        self.search_doc(SearchDoc {
            id: &org.id,
            kind: "organization",
            country: Some(&org.country),
            priority: priority::OTHER,
            order: DEFAULT_ORDER,
            confidential: org.confidential,
            names: texts(&org.name),
            body: org_body,
            keywords: keyword_pieces(&org.keywords),
            topics: &[],
        })?;
        for service in &org.services {
            self.service(org, service)?;
        }
        Ok(())
    }

    fn service(&mut self, org: &Organization, service: &Service) -> Result<()> {
        let translation = service.translation.as_ref().unwrap_or(&org.translation);
        let p: &Provenance = service.provenance.as_ref().unwrap_or(&org.provenance);
        let confidential = org.confidential || service.confidential;
        let priority = service_priority(service);
        self.tx.execute(
            "INSERT INTO service (id, organization_id, kind, country, audience, free, anonymous, interpreter, confidential,
                                  priority, original_locale, source, verified_on, verification)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                service.id, org.id, service.kind.as_str(), org.country, service.audience.as_str(), service.free,
                service.anonymous, service.interpreter, confidential, priority, original_locale(translation),
                p.source, p.verified_on, p.status.as_str()
            ],
        )?;
        self.count("service");
        for topic in &service.topics {
            self.tx.execute(
                "INSERT OR IGNORE INTO service_topic (service_id, topic) VALUES (?1, ?2)",
                params![service.id, topic],
            )?;
        }
        for language in &service.languages {
            self.tx.execute(
                "INSERT OR IGNORE INTO service_language (service_id, language) VALUES (?1, ?2)",
                params![service.id, language],
            )?;
        }
        for location in &service.locations {
            self.tx.execute(
                "INSERT OR IGNORE INTO service_location (service_id, location_id) VALUES (?1, ?2)",
                params![service.id, location],
            )?;
        }
        for field in [
            ("name", &service.name),
            ("short_name", &service.short_name),
            ("description", &service.description),
            ("what_happens", &service.what_happens),
            ("eligibility", &service.eligibility),
            ("how_to_start", &service.how_to_start),
        ] {
            self.text(&service.id, field.0, field.1, translation)?;
        }
        let mut body: Vec<Piece> = Vec::new();
        for field in [
            &service.description,
            &service.what_happens,
            &service.eligibility,
            &service.how_to_start,
        ] {
            body.extend(texts(field));
        }
        body.extend(texts(&org.name));
        for (position, channel) in service.channels.iter().enumerate() {
            // Unverified entries never carry hours (check refuses them); dropping them here as well keeps
            // the invariant even for content built without a check.
            let hours = match p.status {
                crate::model::Verification::Verified => channel
                    .hours
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()?,
                crate::model::Verification::Unverified => None,
            };
            let callable_from =
                (!channel.callable_from.is_empty()).then(|| channel.callable_from.join(","));
            self.tx.execute(
                "INSERT INTO channel (service_id, position, kind, number, short_code, display, from_abroad, abroad_number, callable_from, url, address, hours)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    service.id, position as i64, channel.kind.as_str(), channel.number, channel.short_code, channel.display,
                    channel.from_abroad, channel.abroad_number, callable_from, channel.url, channel.address, hours
                ],
            )?;
            self.count("channel");
            self.text(
                &format!("{}/channel/{position}", service.id),
                "label",
                &channel.label,
                translation,
            )?;
            body.extend(texts(&channel.label));
            if matches!(channel.kind, ChannelKind::Voice | ChannelKind::Sms) {
                let numbers = number_terms(
                    channel.number.as_deref(),
                    channel.short_code.as_deref(),
                    channel.display.as_deref(),
                );
                body.extend(numbers.iter().map(|term| plain(term)));
            }
            body.extend(channel.address.as_deref().map(plain));
        }
        self.search_doc(SearchDoc {
            id: &service.id,
            kind: "service",
            country: Some(&org.country),
            priority,
            order: service.order.unwrap_or(DEFAULT_ORDER),
            confidential,
            // The short name is a neutral subset of the name: indexing it would only weigh generic words
            // ("line", "helpline") as names.
            names: texts(&service.name),
            body,
            keywords: keyword_pieces(&service.keywords),
            topics: &service.topics,
        })
    }

    fn events(&mut self, content: &Content) -> Result<()> {
        for event in &content.events {
            let p = &event.provenance;
            self.tx.execute(
                "INSERT INTO event (id, category, starts, ends, tz, organizer_id, original_locale, source, verified_on, verification)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![event.id, event.category, event.starts, event.ends, event.tz, event.organizer,
                        original_locale(&event.translation), p.source, p.verified_on, p.status.as_str()],
            )?;
            self.count("event");
            for (field, text) in [
                ("title", &event.title),
                ("summary", &event.summary),
                ("place", &event.place),
            ] {
                self.text(&event.id, field, text, &event.translation)?;
            }
            let mut body = texts(&event.summary);
            body.extend(texts(&event.place));
            self.search_doc(SearchDoc {
                id: &event.id,
                kind: "event",
                country: None,
                priority: priority::OTHER,
                order: DEFAULT_ORDER,
                confidential: false,
                names: texts(&event.title),
                body,
                keywords: keyword_pieces(&event.keywords),
                topics: &[],
            })?;
        }
        Ok(())
    }

    fn reports(&mut self, content: &Content, source_root: &Path, out: &Path) -> Result<()> {
        let attachments = out.parent().unwrap_or(Path::new(".")).join("attachments");
        for report in &content.reports {
            let p = &report.provenance;
            self.tx.execute(
                "INSERT INTO report (id, published_on, original_locale, source, verified_on, verification) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![report.id, report.published_on, original_locale(&report.translation), p.source, p.verified_on, p.status.as_str()],
            )?;
            self.count("report");
            for (field, text) in [
                ("title", &report.title),
                ("publisher", &report.publisher),
                ("summary", &report.summary),
            ] {
                self.text(&report.id, field, text, &report.translation)?;
            }
            for locale in &report.editions {
                self.tx.execute(
                    "INSERT OR IGNORE INTO report_edition (report_id, locale) VALUES (?1, ?2)",
                    params![report.id, locale],
                )?;
            }
            for file in &report.files {
                let path = source_root.join("reports").join(&file.path);
                let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                let sha256 = hex(&Sha256::digest(&bytes));
                std::fs::create_dir_all(&attachments).map_err(|source| Error::Io {
                    path: attachments.clone(),
                    source,
                })?;
                let target = attachments.join(&sha256);
                std::fs::write(&target, &bytes).map_err(|source| Error::Io {
                    path: target,
                    source,
                })?;
                let name = Path::new(&file.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                self.tx.execute(
                    "INSERT INTO report_file (report_id, locale, name, size, sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![report.id, file.locale, name, bytes.len() as i64, sha256],
                )?;
                self.count("report_file");
            }
            let mut body = texts(&report.summary);
            body.extend(texts(&report.publisher));
            self.search_doc(SearchDoc {
                id: &report.id,
                kind: "report",
                country: None,
                priority: priority::OTHER,
                order: DEFAULT_ORDER,
                confidential: false,
                names: texts(&report.title),
                body,
                keywords: keyword_pieces(&report.keywords),
                topics: &[],
            })?;
        }
        Ok(())
    }

    fn articles(&mut self, content: &Content) -> Result<()> {
        for article in &content.articles {
            let p = &article.provenance;
            self.tx.execute(
                "INSERT INTO article (id, position, original_locale, source, verified_on, verification) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![article.id, article.order, original_locale(&article.translation), p.source, p.verified_on, p.status.as_str()],
            )?;
            self.count("article");
            for topic in &article.topics {
                self.tx.execute(
                    "INSERT OR IGNORE INTO article_topic (article_id, topic) VALUES (?1, ?2)",
                    params![article.id, topic],
                )?;
            }
            let mut names = Vec::new();
            let mut body = Vec::new();
            for (locale, markdown) in &article.body {
                let rendered = markdown::render(markdown);
                let status = article
                    .translation
                    .get(locale)
                    .copied()
                    .unwrap_or(TranslationStatus::Machine);
                self.plain_text(&article.id, "title", locale, &rendered.title, status)?;
                self.plain_text(&article.id, "html", locale, &rendered.html, status)?;
                names.push((Some(locale.clone()), rendered.title));
                body.push((Some(locale.clone()), rendered.text));
            }
            self.search_doc(SearchDoc {
                id: &article.id,
                kind: "article",
                country: None,
                priority: priority::OTHER,
                order: DEFAULT_ORDER,
                confidential: false,
                names,
                body,
                keywords: keyword_pieces(&article.keywords),
                topics: &article.topics,
            })?;
        }
        Ok(())
    }

    fn selfchecks(&mut self, content: &Content) -> Result<()> {
        for check in &content.selfchecks {
            let p = &check.provenance;
            self.tx.execute(
                "INSERT INTO selfcheck (id, original_locale, source, verified_on, verification) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![check.id, original_locale(&check.translation), p.source, p.verified_on, p.status.as_str()],
            )?;
            self.count("selfcheck");
            self.text(&check.id, "title", &check.title, &check.translation)?;
            self.text(&check.id, "intro", &check.intro, &check.translation)?;
            for topic in &check.leads_to {
                self.tx.execute(
                    "INSERT OR IGNORE INTO selfcheck_topic (selfcheck_id, topic) VALUES (?1, ?2)",
                    params![check.id, topic],
                )?;
            }
            let mut body = texts(&check.intro);
            for (position, question) in check.questions.iter().enumerate() {
                self.tx.execute(
                    "INSERT INTO question (selfcheck_id, position, id) VALUES (?1, ?2, ?3)",
                    params![check.id, position as i64, question.id],
                )?;
                self.text(
                    &format!("{}/{}", check.id, question.id),
                    "text",
                    &question.text,
                    &check.translation,
                )?;
                self.count("question");
                body.extend(texts(&question.text));
            }
            self.search_doc(SearchDoc {
                id: &check.id,
                kind: "selfcheck",
                country: None,
                priority: priority::OTHER,
                order: DEFAULT_ORDER,
                confidential: false,
                names: texts(&check.title),
                body,
                keywords: keyword_pieces(&check.keywords),
                topics: &check.leads_to,
            })?;
        }
        Ok(())
    }
}

struct SearchDoc<'a> {
    id: &'a str,
    kind: &'static str,
    country: Option<&'a str>,
    priority: i64,
    /// Place among the docs of its priority, country and kind (a service's `order`).
    order: u32,
    confidential: bool,
    names: Vec<Piece>,
    body: Vec<Piece>,
    /// The entry's own keywords.
    keywords: Vec<Piece>,
    /// Its topics (their ids are English words).
    topics: &'a [String],
}

/// The texts of a translated field with their locales.
fn texts(text: &Text) -> Vec<Piece> {
    text.iter()
        .map(|(locale, value)| (Some(locale.clone()), value.text().to_owned()))
        .collect()
}

/// The keywords of an entry with their locales.
fn keyword_pieces(keywords: &Keywords) -> Vec<Piece> {
    keywords
        .iter()
        .flat_map(|(locale, words)| {
            words
                .iter()
                .map(|word| (Some(locale.clone()), word.clone()))
        })
        .collect()
}

/// A text of no language (a number, an address).
fn plain(text: &str) -> Piece {
    (None, text.to_owned())
}

/// Emergency numbers first, then trafficking hotlines, then the rest.
fn service_priority(service: &Service) -> i64 {
    let has = |topic: &str| service.topics.iter().any(|t| t == topic);
    if has("emergency") {
        priority::EMERGENCY
    } else if has("trafficking") && service.kind == ServiceKind::Hotline {
        priority::TRAFFICKING_HOTLINE
    } else {
        priority::SERVICE
    }
}

/// The forms a visitor may type a number in: E.164 digits, the national digits, the display groups.
fn number_terms(
    number: Option<&str>,
    short_code: Option<&str>,
    display: Option<&str>,
) -> Vec<String> {
    let mut terms = Vec::new();
    if let Some(number) = number {
        terms.push(number.trim_start_matches('+').to_owned());
    }
    terms.extend(short_code.map(str::to_owned));
    if let Some(display) = display {
        terms.push(display.chars().filter(char::is_ascii_digit).collect());
        terms.push(display.to_owned());
    }
    terms
}

/// A text folded both ways (see [`fold`]); the phonetic form is added only where it differs.
fn fold_both(text: &str) -> String {
    let stripped = fold::strip(text);
    let phonetic = fold::phonetic(text);
    if stripped == phonetic {
        stripped
    } else {
        format!("{stripped} {phonetic}")
    }
}
