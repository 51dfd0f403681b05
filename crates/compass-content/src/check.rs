//! Validating a content source: every rule an admin can break, reported at once with file and line.
//!
//! Errors (the content cannot be built): malformed files, missing or empty required fields, duplicate
//! ids, broken references, phone numbers not in E.164, bad URLs, dates, time zones and hours, hours on an
//! unverified entry, unknown topics. Warnings (it builds): a launch locale missing from a text field,
//! a verification older than [`STALE_AFTER_DAYS`], a verification date in the future.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::hours::Schedule;
use crate::model::{
    Channel, ChannelKind, Content, EVENT_CATEGORIES, Keywords, MAX_SHORT_NAME, Provenance, Service,
    TOPICS, Text, TranslationStatus, Translations, Verification, original_locale,
};
use crate::source::{Diagnostic, Loaded, Origin, Seg, Severity, SourceMap};

/// A verification older than this many days is flagged to admins (and staff, in the app).
pub const STALE_AFTER_DAYS: i64 = 180;

/// The longest search keyword, in characters.
pub const MAX_KEYWORD: usize = 40;

/// The locales every visible text should be in.
pub const LAUNCH_LOCALES: [&str; 5] = compass_i18n::LAUNCH_LOCALES;

/// Checks loaded content; `today` decides what is stale. Returns the loader's findings plus these,
/// errors first, then by file and line.
pub fn check(loaded: &Loaded, today: Date) -> Vec<Diagnostic> {
    let mut checker = Checker {
        map: &loaded.map,
        today,
        out: loaded.diagnostics.clone(),
        ids: BTreeMap::new(),
        taken: BTreeMap::new(),
    };
    checker.content(&loaded.content);
    checker.outdated(loaded);
    let mut out = checker.out;
    out.sort_by(|a, b| {
        (a.severity, &a.file, a.line, &a.message).cmp(&(b.severity, &b.file, b.line, &b.message))
    });
    out.dedup();
    out
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

struct Checker<'a> {
    map: &'a SourceMap,
    today: Date,
    out: Vec<Diagnostic>,
    /// Every id seen, with where it was first seen.
    ids: BTreeMap<String, Origin>,
    /// How many records of each id have taken their origin.
    taken: BTreeMap<String, usize>,
}

fn at<const N: usize>(origin: &Origin, segs: [Seg; N]) -> Origin {
    origin.at(segs)
}

impl Checker<'_> {
    /// Reviewed translations whose original changed after the review (`reviews.toml`), as warnings.
    fn outdated(&mut self, loaded: &Loaded) {
        let root = loaded.map.root();
        let reviews_origin = Origin {
            file: crate::translations::REVIEWS_FILE.into(),
            path: Vec::new(),
        };
        let reviews = match crate::translations::read_reviews(root) {
            Ok(reviews) => reviews,
            Err(message) => {
                self.error(&reviews_origin, message);
                return;
            }
        };
        if reviews.is_empty() {
            return;
        }
        for locale in LAUNCH_LOCALES {
            for unit in crate::translations::units(loaded, locale, &reviews) {
                if unit.status != TranslationStatus::Outdated {
                    continue;
                }
                let origin = match unit.key.split_once('#') {
                    Some((file, path)) => Origin {
                        file: file.into(),
                        path: path
                            .split('.')
                            .map(|segment| match segment.parse::<usize>() {
                                Ok(index) => Seg::Index(index),
                                Err(_) => Seg::Key(segment.to_owned()),
                            })
                            .chain([Seg::Key(locale.to_owned())])
                            .collect(),
                    },
                    None => Origin {
                        file: unit.key.clone().into(),
                        path: Vec::new(),
                    },
                };
                self.warning(
                    &origin,
                    format!(
                        "outdated {locale} translation: its {} original changed after the review \
                         (`compass-admin translations export --locale {locale}` flags it for the translator)",
                        unit.source_locale
                    ),
                );
            }
        }
    }

    /// Why a report file under `reports/` may not be shipped: it or a folder on its way is a symbolic
    /// link or a special file (see `source::not_plain`). `None` for a plain file, or one that is missing.
    fn outside_through_links(&self, path: &std::path::Path) -> Option<String> {
        let reports = self.map.root().join("reports");
        let mut step = path;
        while step.starts_with(&reports) && step != reports {
            if step.symlink_metadata().is_ok()
                && let Some(message) = crate::source::not_plain(step)
            {
                let inner = step.strip_prefix(self.map.root()).unwrap_or(step);
                return Some(if step == path {
                    message
                } else {
                    format!("lies in {}, which {message}", inner.display())
                });
            }
            step = step.parent()?;
        }
        None
    }

    fn error(&mut self, origin: &Origin, message: impl Into<String>) {
        let diagnostic = self.map.diagnostic(Severity::Error, origin, message);
        self.out.push(diagnostic);
    }

    fn warning(&mut self, origin: &Origin, message: impl Into<String>) {
        let diagnostic = self.map.diagnostic(Severity::Warning, origin, message);
        self.out.push(diagnostic);
    }

    /// Where the next record with this id came from. Records are checked in load order, so the n-th
    /// record with an id (there is more than one only when ids are duplicated) takes the n-th origin.
    fn origin(&mut self, id: &str) -> Origin {
        let taken = self.taken.entry(id.to_owned()).or_default();
        let origin = self
            .map
            .records
            .get(id)
            .and_then(|origins| origins.get(*taken))
            .cloned();
        *taken += 1;
        origin.unwrap_or_default()
    }

    fn content(&mut self, content: &Content) {
        let org_ids: BTreeSet<&str> = content
            .organizations
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        for org in &content.organizations {
            let origin = self.origin(&org.id);
            self.id(&org.id, &at(&origin, ["id".into()]));
            self.country(&org.country, &at(&origin, ["country".into()]));
            self.translations(&org.translation, &at(&origin, ["translation".into()]));
            self.provenance(&org.provenance, &at(&origin, ["provenance".into()]));
            let texts = [("name", &org.name), ("description", &org.description)];
            self.texts(&texts, &org.translation, &origin, true);
            self.keywords(&org.keywords, &origin);
            if let Some(website) = &org.website {
                self.url(
                    website,
                    &at(&origin, ["website".into()]),
                    &["https", "http"],
                );
            }
            if let Some(email) = &org.email {
                self.email(email, &at(&origin, ["email".into()]));
            }
            let mut location_ids = BTreeSet::new();
            for (index, location) in org.locations.iter().enumerate() {
                let origin = at(&origin, ["location".into(), index.into()]);
                self.id(&location.id, &at(&origin, ["id".into()]));
                location_ids.insert(location.id.as_str());
                self.country(&location.country, &at(&origin, ["country".into()]));
                self.required(
                    &location.address,
                    &at(&origin, ["address".into()]),
                    "address",
                );
                self.required(&location.city, &at(&origin, ["city".into()]), "city");
                self.texts(
                    &[("description", &location.description)],
                    &org.translation,
                    &origin,
                    false,
                );
            }
            for (index, service) in org.services.iter().enumerate() {
                let origin = at(&origin, ["service".into(), index.into()]);
                let translation = service.translation.as_ref().unwrap_or(&org.translation);
                let provenance = service.provenance.as_ref().unwrap_or(&org.provenance);
                self.service(service, translation, provenance, &location_ids, &origin);
            }
        }
        for event in &content.events {
            let origin = self.origin(&event.id);
            self.id(&event.id, &at(&origin, ["id".into()]));
            if !EVENT_CATEGORIES.contains(&event.category.as_str()) {
                let known = EVENT_CATEGORIES.join(", ");
                self.error(
                    &at(&origin, ["category".into()]),
                    format!(
                        "unknown event category {:?} (one of {known})",
                        event.category
                    ),
                );
            }
            let tz_ok = jiff::tz::TimeZone::get(&event.tz).is_ok();
            if !tz_ok {
                self.error(
                    &at(&origin, ["tz".into()]),
                    format!("unknown time zone {:?}", event.tz),
                );
            }
            let starts =
                self.date_or_datetime(&event.starts, &at(&origin, ["starts".into()]), false);
            if let Some(ends) = &event.ends {
                // A date-only end means the end of that day.
                let ends_at = self.date_or_datetime(ends, &at(&origin, ["ends".into()]), true);
                if let (Some(starts), Some(ends_at)) = (starts, ends_at)
                    && ends_at < starts
                {
                    self.error(
                        &at(&origin, ["ends".into()]),
                        format!("event ends ({ends}) before it starts ({})", event.starts),
                    );
                }
            }
            if let Some(organizer) = &event.organizer
                && !org_ids.contains(organizer.as_str())
            {
                self.error(
                    &at(&origin, ["organizer".into()]),
                    format!("organizer {organizer:?} is not an organisation id"),
                );
            }
            self.translations(&event.translation, &at(&origin, ["translation".into()]));
            self.provenance(&event.provenance, &at(&origin, ["provenance".into()]));
            let texts = [
                ("title", &event.title),
                ("summary", &event.summary),
                ("place", &event.place),
            ];
            self.texts(&texts, &event.translation, &origin, true);
            self.keywords(&event.keywords, &origin);
        }
        for report in &content.reports {
            let origin = self.origin(&report.id);
            self.id(&report.id, &at(&origin, ["id".into()]));
            self.date(&report.published_on, &at(&origin, ["published_on".into()]));
            self.translations(&report.translation, &at(&origin, ["translation".into()]));
            self.provenance(&report.provenance, &at(&origin, ["provenance".into()]));
            let texts = [
                ("title", &report.title),
                ("publisher", &report.publisher),
                ("summary", &report.summary),
            ];
            self.texts(&texts, &report.translation, &origin, true);
            self.keywords(&report.keywords, &origin);
            for locale in &report.editions {
                self.locale(locale, &at(&origin, ["editions".into()]));
            }
            for (index, file) in report.files.iter().enumerate() {
                let origin = at(&origin, ["file".into(), index.into()]);
                self.locale(&file.locale, &at(&origin, ["locale".into()]));
                let path = self.map.root().join("reports").join(&file.path);
                let inside = !file
                    .path
                    .split(['/', '\\'])
                    .any(|part| part == ".." || part.is_empty());
                if !inside {
                    self.error(
                        &at(&origin, ["path".into()]),
                        format!("report file path {:?} must stay inside reports/", file.path),
                    );
                } else if let Some(message) = self.outside_through_links(&path) {
                    self.error(
                        &at(&origin, ["path".into()]),
                        format!("report file {:?} {message}", file.path),
                    );
                } else if !path.is_file() {
                    self.error(
                        &at(&origin, ["path".into()]),
                        format!("report file {:?} does not exist", file.path),
                    );
                }
            }
        }
        for article in &content.articles {
            let origin = self.origin(&article.id);
            self.id(&article.id, &origin);
            self.topics(&article.topics, &at(&origin, ["topics".into()]));
            self.keywords(&article.keywords, &origin);
            self.translations(&article.translation, &at(&origin, ["translation".into()]));
            self.provenance(&article.provenance, &at(&origin, ["provenance".into()]));
            for (locale, markdown) in &article.body {
                let file = origin.file.with_file_name(format!("{locale}.md"));
                let md_origin = Origin {
                    file,
                    path: Vec::new(),
                };
                self.locale(locale, &md_origin);
                if !article.translation.contains_key(locale) {
                    self.error(
                        &md_origin,
                        format!("no translation status for locale {locale:?} in article.toml"),
                    );
                }
                let rendered = crate::markdown::render(markdown);
                for link in &rendered.rejected_links {
                    let allowed = crate::markdown::LINK_SCHEMES.join(", ");
                    self.error(
                        &md_origin,
                        format!("link {link:?} is not allowed (links may be {allowed}); it would be removed"),
                    );
                }
                if rendered.title.is_empty() {
                    self.error(
                        &md_origin,
                        "article has no title: the first line must be `# Title`",
                    );
                }
            }
            for locale in LAUNCH_LOCALES {
                if !article.body.contains_key(locale) {
                    self.warning(
                        &origin,
                        format!("article {:?} has no {locale}.md", article.id),
                    );
                }
            }
            if article.body.is_empty() {
                self.error(
                    &origin,
                    format!("article {:?} has no text in any locale", article.id),
                );
            }
        }
        for selfcheck in &content.selfchecks {
            let origin = self.origin(&selfcheck.id);
            self.id(&selfcheck.id, &at(&origin, ["id".into()]));
            self.topics(&selfcheck.leads_to, &at(&origin, ["leads_to".into()]));
            if selfcheck.leads_to.is_empty() {
                self.error(
                    &at(&origin, ["leads_to".into()]),
                    "a self-check must lead to at least one topic",
                );
            }
            self.translations(&selfcheck.translation, &at(&origin, ["translation".into()]));
            self.provenance(&selfcheck.provenance, &at(&origin, ["provenance".into()]));
            self.texts(
                &[("title", &selfcheck.title), ("intro", &selfcheck.intro)],
                &selfcheck.translation,
                &origin,
                true,
            );
            self.keywords(&selfcheck.keywords, &origin);
            if selfcheck.questions.is_empty() {
                self.error(&origin, "a self-check needs at least one [[question]]");
            }
            let mut question_ids = BTreeSet::new();
            for (index, question) in selfcheck.questions.iter().enumerate() {
                let origin = at(&origin, ["question".into(), index.into()]);
                if !question_ids.insert(question.id.as_str()) {
                    self.error(
                        &at(&origin, ["id".into()]),
                        format!("duplicate question id {:?}", question.id),
                    );
                }
                self.texts(
                    &[("text", &question.text)],
                    &selfcheck.translation,
                    &origin,
                    true,
                );
            }
        }
        for locale in content.synonyms.keys() {
            if !LAUNCH_LOCALES.contains(&locale.as_str()) {
                let origin = Origin {
                    file: format!("synonyms/{locale}.txt").into(),
                    path: Vec::new(),
                };
                self.error(
                    &origin,
                    format!(
                        "synonyms for {locale:?}, which is not a kiosk locale ({})",
                        LAUNCH_LOCALES.join(", ")
                    ),
                );
            }
        }
    }

    /// Search keywords: a locale tag each, words that are not empty and fit a search box.
    fn keywords(&mut self, keywords: &Keywords, origin: &Origin) {
        for (locale, words) in keywords {
            let origin = at(origin, ["keywords".into(), locale.as_str().into()]);
            self.locale(locale, &origin);
            for word in words {
                let length = word.trim().chars().count();
                if length == 0 || length > MAX_KEYWORD {
                    self.error(
                        &origin,
                        format!("keyword {word:?} must be 1 to {MAX_KEYWORD} characters"),
                    );
                }
            }
        }
    }

    fn service(
        &mut self,
        service: &Service,
        translation: &Translations,
        provenance: &Provenance,
        location_ids: &BTreeSet<&str>,
        origin: &Origin,
    ) {
        self.id(&service.id, &at(origin, ["id".into()]));
        self.topics(&service.topics, &at(origin, ["topics".into()]));
        self.keywords(&service.keywords, origin);
        if service.topics.is_empty() {
            self.error(
                &at(origin, ["topics".into()]),
                "a service needs at least one topic",
            );
        }
        for language in &service.languages {
            self.locale(language, &at(origin, ["languages".into()]));
        }
        if let Some(own) = &service.translation {
            self.translations(own, &at(origin, ["translation".into()]));
        }
        if let Some(own) = &service.provenance {
            self.provenance(own, &at(origin, ["provenance".into()]));
        }
        let texts = [
            ("name", &service.name),
            ("description", &service.description),
            ("what_happens", &service.what_happens),
            ("eligibility", &service.eligibility),
            ("how_to_start", &service.how_to_start),
        ];
        self.texts(&texts, translation, origin, true);
        self.short_name(service, translation, origin);
        self.always_available(service, provenance, origin);
        for location in &service.locations {
            if !location_ids.contains(location.as_str()) {
                self.error(
                    &at(origin, ["locations".into()]),
                    format!("location {location:?} is not a location of this organisation"),
                );
            }
        }
        for (index, channel) in service.channels.iter().enumerate() {
            let origin = at(origin, ["channel".into(), index.into()]);
            self.channel(channel, translation, provenance.status, &origin);
        }
    }

    /// A card shows the short name on one line: it must fit. A public service without one shows its
    /// full name, which may name the subject in the largest text on the screen.
    fn short_name(&mut self, service: &Service, translation: &Translations, origin: &Origin) {
        self.texts(
            &[("short_name", &service.short_name)],
            translation,
            origin,
            false,
        );
        for (locale, value) in &service.short_name {
            let length = value.text().chars().count();
            if length > MAX_SHORT_NAME {
                self.error(
                    &at(origin, ["short_name".into(), Seg::Key(locale.clone())]),
                    format!(
                        "`short_name` in {locale:?} has {length} characters; a card holds {MAX_SHORT_NAME}"
                    ),
                );
            }
        }
        if service.short_name.is_empty() && !service.confidential {
            self.warning(
                origin,
                format!(
                    "service {:?} has no `short_name`: cards and printouts show its full name",
                    service.id
                ),
            );
        }
    }

    /// An emergency line is answered at all hours: its voice channels say so (`always = true`, with the
    /// source in the provenance), so that a visitor never reads "hours not confirmed" under 112.
    fn always_available(&mut self, service: &Service, provenance: &Provenance, origin: &Origin) {
        if !service.topics.iter().any(|topic| topic == "emergency") {
            return;
        }
        if provenance.status == Verification::Unverified {
            self.error(
                &at(origin, ["topics".into()]),
                "an emergency line must be verified: its hours (`always = true`) need a source",
            );
            return;
        }
        for (index, channel) in service.channels.iter().enumerate() {
            let always = channel.hours.as_ref().is_some_and(|hours| hours.always);
            if channel.kind == ChannelKind::Voice && !always {
                self.error(
                    &at(origin, ["channel".into(), index.into()]),
                    "an emergency line must be always available: give this voice channel \
                     `hours = { tz = \"…\", always = true }` and its source in the provenance",
                );
            }
        }
    }

    fn channel(
        &mut self,
        channel: &Channel,
        translation: &Translations,
        status: Verification,
        origin: &Origin,
    ) {
        match channel.kind {
            ChannelKind::Voice | ChannelKind::Sms => match (&channel.number, &channel.short_code) {
                (None, None) => self.error(
                    origin,
                    "a voice or SMS channel needs `number` (E.164) or `short_code`",
                ),
                (Some(_), Some(_)) => self.error(
                    &at(origin, ["short_code".into()]),
                    "give either `number` or `short_code`, not both",
                ),
                (Some(number), None) => {
                    if !is_e164(number) {
                        self.error(&at(origin, ["number".into()]), format!("phone number {number:?} is not in E.164 form (+ country code and digits, no spaces)"));
                    }
                }
                (None, Some(code)) => {
                    if !(3..=6).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                        self.error(
                            &at(origin, ["short_code".into()]),
                            format!("short code {code:?} must be 3 to 6 digits"),
                        );
                    }
                }
            },
            ChannelKind::Chat | ChannelKind::Web => match &channel.url {
                Some(url) => self.url(url, &at(origin, ["url".into()]), &["https"]),
                None => self.error(origin, "a chat or web channel needs `url`"),
            },
            ChannelKind::Email => match &channel.address {
                Some(address) => self.email(address, &at(origin, ["address".into()])),
                None => self.error(origin, "an e-mail channel needs `address`"),
            },
        }
        if let Some(display) = &channel.display
            && !display
                .chars()
                .all(|c| c.is_ascii_digit() || " +()-".contains(c))
        {
            self.error(
                &at(origin, ["display".into()]),
                format!("display number {display:?} may only hold digits, spaces, + ( ) -"),
            );
        }
        if let Some(number) = &channel.abroad_number
            && !is_e164(number)
        {
            self.error(
                    &at(origin, ["abroad_number".into()]),
                    format!("abroad number {number:?} is not in E.164 form (+ country code and digits, no spaces)"),
                );
        }
        for country in &channel.callable_from {
            self.country(country, &at(origin, ["callable_from".into()]));
        }
        if !channel.callable_from.is_empty()
            && channel.number.is_none()
            && channel.abroad_number.is_none()
        {
            self.error(
                &at(origin, ["callable_from".into()]),
                "`callable_from` needs a full international `number`",
            );
        }
        self.texts(&[("label", &channel.label)], translation, origin, false);
        if let Some(hours) = &channel.hours {
            let hours_origin = at(origin, ["hours".into()]);
            if status == Verification::Unverified {
                self.error(
                    &hours_origin,
                    "an unverified entry must not state hours (leave `hours` out)",
                );
            }
            if let Err(message) = Schedule::parse(hours) {
                self.error(&hours_origin, message);
            }
        }
    }

    fn id(&mut self, id: &str, origin: &Origin) {
        let valid = !id.is_empty()
            && id.len() <= 80
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-');
        if !valid {
            self.error(
                origin,
                format!("id {id:?} must be lowercase letters, digits and -"),
            );
        }
        if let Some(first) = self.ids.get(id) {
            let first = format!("{}:{}", first.file.display(), self.map.line(first));
            self.error(
                origin,
                format!("duplicate id {id:?} (first used at {first})"),
            );
        } else {
            self.ids.insert(id.to_owned(), origin.clone());
        }
    }

    fn country(&mut self, country: &str, origin: &Origin) {
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            self.error(
                origin,
                format!(
                    "country {country:?} must be an ISO 3166-1 alpha-2 code such as LV, EE, GB"
                ),
            );
        } else if country == "UK" {
            self.error(origin, "the United Kingdom's ISO code is GB, not UK");
        }
    }

    fn locale(&mut self, locale: &str, origin: &Origin) {
        if locale.parse::<unic_langid::LanguageIdentifier>().is_err() {
            self.error(origin, format!("{locale:?} is not a BCP 47 language tag"));
        }
    }

    fn topics(&mut self, topics: &[String], origin: &Origin) {
        for topic in topics {
            if !TOPICS.contains(&topic.as_str()) {
                self.error(
                    origin,
                    format!("unknown topic {topic:?} (one of {})", TOPICS.join(", ")),
                );
            }
        }
    }

    fn required(&mut self, value: &str, origin: &Origin, field: &str) {
        if value.trim().is_empty() {
            self.error(origin, format!("`{field}` is empty"));
        }
    }

    fn translations(&mut self, translation: &Translations, origin: &Origin) {
        let originals = translation
            .values()
            .filter(|&&s| s == TranslationStatus::Original)
            .count();
        if originals != 1 {
            self.error(
                origin,
                format!(
                    "`translation` must mark exactly one locale `original` (found {originals})"
                ),
            );
        }
        for locale in translation.keys() {
            self.locale(locale, origin);
        }
    }

    /// Text fields: every locale given must have a status; launch locales missing are warnings;
    /// `required` fields must have text in the original locale.
    fn texts(
        &mut self,
        texts: &[(&str, &Text)],
        translation: &Translations,
        origin: &Origin,
        required_first: bool,
    ) {
        let original = original_locale(translation);
        let mut missing: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (index, (field, text)) in texts.iter().enumerate() {
            let field_origin = at(origin, [Seg::Key((*field).to_owned())]);
            if index == 0 && required_first {
                match original {
                    Some(locale) if text.get(locale).is_none_or(|v| v.text().trim().is_empty()) => {
                        self.error(
                            &field_origin,
                            format!("`{field}` has no text in its original locale {locale:?}"),
                        );
                    }
                    _ => {}
                }
            }
            if text.is_empty() {
                continue;
            }
            for (locale, value) in text.iter() {
                if !translation.contains_key(locale) && value.own_status().is_none() {
                    self.error(
                        &at(&field_origin, [Seg::Key(locale.clone())]),
                        format!(
                            "`{field}` has locale {locale:?}, which `translation` gives no status"
                        ),
                    );
                }
                if value.text().trim().is_empty() {
                    self.error(
                        &at(&field_origin, [Seg::Key(locale.clone())]),
                        format!("`{field}` in {locale:?} is empty"),
                    );
                }
            }
            for locale in LAUNCH_LOCALES {
                if !text.contains_key(locale) {
                    missing.entry(locale).or_default().push(field);
                }
            }
        }
        for (locale, fields) in missing {
            self.warning(
                origin,
                format!("missing {locale} translation of {}", fields.join(", ")),
            );
        }
    }

    fn provenance(&mut self, provenance: &Provenance, origin: &Origin) {
        self.url(
            &provenance.source,
            &at(origin, ["source".into()]),
            &["https", "http"],
        );
        let date_origin = at(origin, ["verified_on".into()]);
        if let Some(date) = self.date(&provenance.verified_on, &date_origin) {
            if date > self.today {
                self.warning(&date_origin, format!("verified_on {date} is in the future"));
            } else if let Ok(span) = self.today.since(date)
                && i64::from(span.get_days()) > STALE_AFTER_DAYS
            {
                self.warning(
                    &date_origin,
                    format!(
                        "last verified {date}, over {STALE_AFTER_DAYS} days ago: check it again"
                    ),
                );
            }
        }
    }

    fn date(&mut self, value: &str, origin: &Origin) -> Option<Date> {
        match value.parse::<Date>() {
            Ok(date) if value.len() == 10 => Some(date),
            _ => {
                self.error(origin, format!("date {value:?} is not YYYY-MM-DD"));
                None
            }
        }
    }

    /// A date (at midnight, or at the end of the day for `end_of_day`) or a local date-time.
    fn date_or_datetime(
        &mut self,
        value: &str,
        origin: &Origin,
        end_of_day: bool,
    ) -> Option<jiff::civil::DateTime> {
        if value.len() == 10 {
            let time = if end_of_day {
                jiff::civil::Time::MAX
            } else {
                jiff::civil::Time::midnight()
            };
            return self.date(value, origin).map(|date| date.to_datetime(time));
        }
        match value.parse::<jiff::civil::DateTime>() {
            Ok(datetime) => Some(datetime),
            Err(_) => {
                self.error(
                    origin,
                    format!("{value:?} is neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM"),
                );
                None
            }
        }
    }

    fn url(&mut self, value: &str, origin: &Origin, schemes: &[&str]) {
        if is_web_url(value, schemes) {
            return;
        }
        match url::Url::parse(value) {
            Ok(url) if !schemes.contains(&url.scheme()) => {
                let allowed: Vec<String> = schemes.iter().map(|s| format!("{s}://")).collect();
                self.error(
                    origin,
                    format!("URL {value:?} must start with {}", allowed.join(" or ")),
                );
            }
            _ => self.error(origin, format!("{value:?} is not a valid URL")),
        }
    }

    fn email(&mut self, value: &str, origin: &Origin) {
        if !is_email(value) {
            self.error(origin, format!("{value:?} is not a valid e-mail address"));
        }
    }
}

/// A web address with one of `schemes` and a dotted host name.
pub fn is_web_url(value: &str, schemes: &[&str]) -> bool {
    url::Url::parse(value).is_ok_and(|url| {
        schemes.contains(&url.scheme()) && url.host_str().is_some_and(|host| host.contains('.'))
    })
}

/// A plausible e-mail address: `local@domain.tld`, no spaces or angle brackets.
pub fn is_email(value: &str) -> bool {
    value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !value
        .chars()
        .any(|c| c.is_whitespace() || c == '<' || c == '>')
}

/// E.164: `+`, a country code not starting with 0, at most 15 digits in all.
pub fn is_e164(number: &str) -> bool {
    number.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0')
    })
}
