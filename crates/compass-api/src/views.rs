//! The API's methods: content turned into localised IPC types.

use compass_content::{Channel, Filters, Localized, Matched, SearchQuery, ServiceDetail};
use compass_i18n::Arg;
use jiff::civil::Date;

use crate::qr;
use crate::types::*;
use crate::{Api, ErrorCode, Result};

/// Most search hits returned.
const SEARCH_LIMIT: usize = 40;
/// Longest query text used, in bytes.
const MAX_QUERY: usize = 200;

impl Api {
    /// The kiosk's settings and offered languages.
    pub fn kiosk(&self) -> KioskInfo {
        let locale = self.config.default_locale.as_str();
        let locales = self
            .config
            .locales
            .iter()
            .map(|tag| LocaleOption {
                tag: tag.clone(),
                own_name: self.t(tag, "locale-own-name", &[]),
                dir: dir(tag).to_owned(),
            })
            .collect();
        let countries = self
            .with_db(|content| Ok(content.db.countries()?))
            .unwrap_or_default()
            .into_iter()
            .map(|code| self.country_choice(locale, &code))
            .collect();
        KioskInfo {
            mode: self.config.mode,
            country: self.config.country.clone(),
            default_locale: self.config.default_locale.clone(),
            locales,
            countries,
            content_ok: self.content.is_ok(),
            content_error: self
                .content
                .as_ref()
                .err()
                .map(|error| self.localize_error(locale, error.clone())),
            can_listen: false,
        }
    }

    /// Every UI message of `locale`, with per-message fallback to English.
    pub fn ui_strings(&self, locale: &str) -> UiStrings {
        let locale = self.locale(locale);
        UiStrings {
            locale: locale.to_owned(),
            dir: dir(locale).to_owned(),
            messages: self.localizer.messages(locale),
        }
    }

    /// The home screen: the kiosk country's emergency numbers and trafficking hotlines.
    pub fn home(&self, locale: &str) -> Result<Home> {
        let locale = self.locale(locale);
        let country = self.config.country.clone();
        let cards = |topic: &str| {
            let filters = Filters {
                country: Some(country.clone()),
                topic: Some(topic.to_owned()),
                ..Filters::default()
            };
            self.service_cards(locale, &["hotline"], &filters)
        };
        let emergency = cards("emergency")?;
        let hotlines = cards("trafficking")?
            .into_iter()
            .filter(|card| !emergency.iter().any(|e| e.id == card.id))
            .collect();
        Ok(Home {
            country_label: self.country_label(locale, &self.config.country),
            emergency,
            hotlines,
        })
    }

    /// Helplines or programmes, filtered.
    pub fn services(
        &self,
        locale: &str,
        section: Section,
        filter: &ServiceFilter,
    ) -> Result<ServiceList> {
        let locale = self.locale(locale);
        let audience = match filter.audience.as_deref() {
            None | Some("") => None,
            Some("adults") => Some(compass_content::model::Audience::Adults),
            Some("children") => Some(compass_content::model::Audience::Children),
            Some(_) => return Err(ErrorCode::InvalidRequest.error()),
        };
        let filters = Filters {
            country: nonempty(&filter.country),
            topic: nonempty(&filter.topic),
            audience,
            language: nonempty(&filter.language),
            open_now: filter.open_now,
        };
        let kinds: &[&str] = match section {
            Section::Hotlines => &["hotline"],
            Section::Programmes => &["programme", "centre"],
        };
        let mut items = self.service_cards(locale, kinds, &filters)?;
        if filter.open_now {
            items.retain(|card| card.channels.iter().any(|c| c.open == OpenNow::Open));
        }
        let summary = self.count_summary(locale, items.len());
        Ok(ServiceList {
            items,
            summary,
            facets: self.facets(locale)?,
        })
    }

    /// One service, or `content.not_found` (also for a confidential one in visitor mode).
    pub fn service(&self, locale: &str, id: &str) -> Result<ServicePage> {
        let locale = self.locale(locale);
        let detail = self
            .with_db(|content| {
                Ok(content.db.service(
                    id,
                    locale,
                    self.staff(),
                    self.now(),
                    &self.config.timezone,
                )?)
            })?
            .ok_or_else(|| ErrorCode::NotFound.error())?;
        Ok(ServicePage {
            description: self.text(locale, detail.description.as_ref()),
            what_happens: self.text(locale, detail.what_happens.as_ref()),
            eligibility: self.text(locale, detail.eligibility.as_ref()),
            how_to_start: self.text(locale, detail.how_to_start.as_ref()),
            card: self.card(locale, detail),
        })
    }

    /// Events: upcoming (today and later) soonest first, then past, most recent first.
    pub fn events(&self, locale: &str) -> Result<EventList> {
        let locale = self.locale(locale);
        let today = self
            .now()
            .to_zoned_datetime(self.config.timezone.clone())
            .date();
        let events = self.with_db(|content| Ok(content.db.events(locale)?))?;
        let mut list = EventList {
            upcoming: Vec::new(),
            past: Vec::new(),
        };
        for event in events {
            let last_day = event.ends.as_deref().unwrap_or(&event.starts);
            let upcoming = date_of(last_day).is_some_and(|day| day >= today);
            let when = match &event.ends {
                Some(ends) if date_of(ends) != date_of(&event.starts) => {
                    format!(
                        "{} – {}",
                        self.date(locale, &event.starts),
                        self.date(locale, ends)
                    )
                }
                _ => self.date(locale, &event.starts),
            };
            let card = EventCard {
                category_label: self.t(locale, &format!("event-category-{}", event.category), &[]),
                title: self.text_or_id(locale, event.title.as_ref(), &event.id),
                summary: self.text(locale, event.summary.as_ref()),
                place: self.text(locale, event.place.as_ref()),
                when,
                checked: self.checked(locale, &event.checked),
                id: event.id,
            };
            if upcoming {
                list.upcoming.push(card);
            } else {
                list.past.push(card);
            }
        }
        list.past.reverse();
        Ok(list)
    }

    /// Reports, newest first.
    pub fn reports(&self, locale: &str) -> Result<Vec<ReportCard>> {
        let locale = self.locale(locale);
        let reports = self.with_db(|content| Ok(content.db.reports(locale)?))?;
        Ok(reports
            .into_iter()
            .map(|report| {
                let languages: Vec<String> = report
                    .editions
                    .iter()
                    .map(|tag| self.t(locale, &format!("language-{tag}"), &[]))
                    .collect();
                ReportCard {
                    title: self.text_or_id(locale, report.title.as_ref(), &report.id),
                    publisher: self.text(locale, report.publisher.as_ref()),
                    summary: self.text(locale, report.summary.as_ref()),
                    published: self.t(
                        locale,
                        "ui-report-published",
                        &[("date", self.date(locale, &report.published_on).into())],
                    ),
                    editions: (!languages.is_empty()).then(|| {
                        self.t(
                            locale,
                            "ui-report-editions",
                            &[("languages", languages.join(", ").into())],
                        )
                    }),
                    files: report
                        .files
                        .iter()
                        .map(|file| ReportFileView {
                            language: self.t(locale, &format!("language-{}", file.locale), &[]),
                            name: file.name.clone(),
                            size: self.t(
                                locale,
                                "ui-file-size-kb",
                                &[("size", Arg::Num((file.size as f64 / 1024.0).ceil()))],
                            ),
                            sha256: file.sha256.clone(),
                        })
                        .collect(),
                    checked: self.checked(locale, &report.checked),
                    id: report.id,
                }
            })
            .collect())
    }

    /// Articles in their order.
    pub fn articles(&self, locale: &str) -> Result<Vec<ArticleCard>> {
        let locale = self.locale(locale);
        let articles = self.with_db(|content| Ok(content.db.articles(locale)?))?;
        Ok(articles
            .into_iter()
            .map(|article| ArticleCard {
                title: self.text_or_id(locale, article.title.as_ref(), &article.id),
                id: article.id,
            })
            .collect())
    }

    /// One article with its sanitised body.
    pub fn article(&self, locale: &str, id: &str) -> Result<ArticlePage> {
        let locale = self.locale(locale);
        let article = self
            .with_db(|content| Ok(content.db.article(id, locale)?))?
            .ok_or_else(|| ErrorCode::NotFound.error())?;
        let mut html = self
            .text(locale, article.html.as_ref())
            .ok_or_else(|| ErrorCode::NotFound.error())?;
        // The build sanitised it; a signed DB is still not trusted with raw HTML at the kiosk.
        html.text = compass_content::markdown::sanitize(&html.text);
        Ok(ArticlePage {
            title: self.text_or_id(locale, article.title.as_ref(), &article.id),
            html,
            checked: self.checked(locale, &article.checked),
            id: article.id,
        })
    }

    /// Every self-check.
    pub fn selfchecks(&self, locale: &str) -> Result<Vec<SelfCheckView>> {
        let locale = self.locale(locale);
        let checks = self.with_db(|content| Ok(content.db.selfchecks(locale)?))?;
        Ok(checks
            .into_iter()
            .map(|check| SelfCheckView {
                title: self.text_or_id(locale, check.title.as_ref(), &check.id),
                intro: self.text(locale, check.intro.as_ref()),
                questions: check
                    .questions
                    .iter()
                    .map(|(id, text)| QuestionView {
                        id: id.clone(),
                        text: self.text_or_id(locale, text.as_ref(), id),
                    })
                    .collect(),
                leads_to: check.leads_to.first().cloned(),
                id: check.id,
            })
            .collect())
    }

    /// Search as you type across everything.
    pub fn search(&self, locale: &str, text: &str) -> Result<SearchResults> {
        let locale = self.locale(locale);
        let mut end = text.len().min(MAX_QUERY);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let query = SearchQuery {
            text,
            locale,
            kiosk_country: Some(&self.config.country),
            filters: Filters::default(),
            include_confidential: self.staff(),
            prefix: true,
            limit: SEARCH_LIMIT,
            now: self.now(),
        };
        let found = self.with_db(|content| Ok(content.db.find(&query)?))?;
        let summary = if found.hits.is_empty() {
            self.t(locale, "search-no-results", &[])
        } else {
            self.count_summary(locale, found.hits.len())
        };
        // Nothing found for what was typed: the UI offers the kiosk country's numbers instead.
        let nothing = found.matched == Matched::None && !text.trim().is_empty();
        Ok(SearchResults {
            partial: (found.matched == Matched::Some)
                .then(|| self.t(locale, "search-some-words", &[])),
            help_heading: nothing.then(|| self.t(locale, "search-help-lines", &[])),
            hits: self.search_hits(locale, found.hits),
            summary,
        })
    }

    /// Search hits as the UI shows them.
    fn search_hits(&self, locale: &str, hits: Vec<compass_content::Hit>) -> Vec<SearchHit> {
        hits.into_iter()
            .map(|hit| SearchHit {
                kind_label: self.t(locale, &format!("kind-{}", hit.kind), &[]),
                name: self.localized(locale, &hit.name),
                country_label: hit
                    .country
                    .as_deref()
                    .map(|c| self.country_label(locale, c)),
                id: hit.id,
                kind: hit.kind,
            })
            .collect()
    }

    /// A cross-border referral sheet: staff mode only.
    pub fn referral(&self, locale: &str, here: &str, nationality: &str) -> Result<ReferralSheet> {
        if !self.staff() {
            return Err(ErrorCode::NotFound.error());
        }
        let locale = self.locale(locale);
        let here = compass_content::parse_country(here)?;
        let nationality = compass_content::parse_country(nationality)?;
        let referral =
            self.with_db(|content| Ok(content.db.referral(&here, &nationality, locale, true)?))?;
        let section = |title: &str, entries: Vec<compass_content::ReferralEntry>| ReferralSection {
            title: self.t(locale, title, &[]),
            contacts: entries
                .into_iter()
                .map(|entry| ReferralContact {
                    name: self.text(locale, entry.name.as_ref()),
                    note: (entry.reachable.is_none() || entry.numbers.is_empty())
                        .then(|| self.t(locale, "hotline-abroad-unknown", &[])),
                    numbers: entry.numbers,
                    service_id: entry.service_id,
                })
                .collect(),
        };
        let sections = [
            section("referral-emergency", referral.emergency),
            section("referral-trafficking-here", referral.trafficking_here),
            section("referral-consular", referral.consular),
            section("referral-home-hotline", referral.home_hotlines),
            section("referral-programmes", referral.programmes),
        ];
        Ok(ReferralSheet {
            here_label: self.country_label(locale, &here),
            nationality_label: self.country_label(locale, &nationality),
            sections: sections
                .into_iter()
                .filter(|s| !s.contacts.is_empty())
                .collect(),
        })
    }

    /// Content version, dates and counts.
    pub fn about(&self, locale: &str) -> Result<About> {
        let locale = self.locale(locale);
        self.with_db(|content| {
            let range = content.db.verification_range()?;
            let counts = content.db.counts()?;
            let hash = content.hash()?;
            let hex = hash.trim_start_matches("sha256:");
            Ok(About {
                version: hex.chars().take(12).collect(),
                content_hash: hash.to_owned(),
                newest_check: range.as_ref().map(|(newest, _)| self.date(locale, newest)),
                oldest_check: range.as_ref().map(|(_, oldest)| self.date(locale, oldest)),
                counts: counts
                    .into_iter()
                    .filter(|(kind, _)| {
                        ["organization", "service", "event", "report", "article"]
                            .contains(&kind.as_str())
                    })
                    .map(|(kind, count)| Choice {
                        label: self.t(locale, &format!("kind-{kind}"), &[]),
                        value: count.to_string(),
                    })
                    .collect(),
            })
        })
    }

    /// A QR code for a link a visitor cannot open here (`https:`, `tel:`, `sms:`, `mailto:`).
    pub fn qr(&self, locale: &str, target: &str) -> Result<Qr> {
        let locale = self.locale(locale);
        let caption = match target.split_once(':').map(|(scheme, _)| scheme) {
            Some("tel") => "ui-qr-call",
            Some("sms") => "ui-qr-sms",
            Some("mailto") => "ui-qr-email",
            Some("https") => "ui-qr-open",
            _ => return Err(ErrorCode::InvalidRequest.error()),
        };
        let image = qr::data_url(target).ok_or_else(|| ErrorCode::InvalidRequest.error())?;
        Ok(Qr {
            image,
            target: target.to_owned(),
            caption: self.t(locale, caption, &[]),
        })
    }

    // ---- building blocks ----

    fn service_cards(
        &self,
        locale: &str,
        kinds: &[&str],
        filters: &Filters,
    ) -> Result<Vec<ServiceCard>> {
        let details = self.with_db(|content| {
            let ids = content.db.service_ids(kinds, filters, self.staff())?;
            let mut details = Vec::with_capacity(ids.len());
            for id in ids {
                details.extend(content.db.service(
                    &id,
                    locale,
                    self.staff(),
                    self.now(),
                    &self.config.timezone,
                )?);
            }
            Ok(details)
        })?;
        Ok(details.into_iter().map(|d| self.card(locale, d)).collect())
    }

    fn card(&self, locale: &str, detail: ServiceDetail) -> ServiceCard {
        let mut attributes = Vec::new();
        for (flag, id) in [
            (detail.free, "hotline-free"),
            (detail.anonymous, "hotline-anonymous"),
            (detail.interpreter, "hotline-interpreter"),
        ] {
            if flag == Some(true) {
                attributes.push(self.t(locale, id, &[]));
            }
        }
        let languages: Vec<String> = detail
            .languages
            .iter()
            .map(|tag| self.t(locale, &format!("language-{tag}"), &[]))
            .collect();
        let checked = compass_content::Checked {
            source: detail.source.clone(),
            verified_on: detail.verified_on.clone(),
            verification: detail.verification.clone(),
        };
        ServiceCard {
            kind_label: self.t(locale, &format!("service-kind-{}", detail.kind), &[]),
            country_label: self.country_label(locale, &detail.country),
            title: self.text_or_id(
                locale,
                detail.short_name.as_ref().or(detail.name.as_ref()),
                &detail.id,
            ),
            name: self.text_or_id(locale, detail.name.as_ref(), &detail.id),
            organization: self.text(locale, detail.organization.as_ref()),
            audience_label: self.t(locale, &format!("audience-{}", detail.audience), &[]),
            topics: detail
                .topics
                .iter()
                .map(|topic| self.t(locale, &format!("topic-{topic}"), &[]))
                .collect(),
            languages: (!languages.is_empty()).then(|| {
                self.t(
                    locale,
                    "hotline-answers-in",
                    &[("languages", languages.join(", ").into())],
                )
            }),
            attributes,
            confidential: detail.confidential,
            channels: detail
                .channels
                .iter()
                .map(|channel| self.channel(locale, &detail.country, channel))
                .collect(),
            checked: self.checked(locale, &checked),
            id: detail.id,
            kind: detail.kind,
            country: detail.country,
        }
    }

    fn channel(&self, locale: &str, service_country: &str, channel: &Channel) -> ChannelView {
        let phone = channel.kind == "voice" || channel.kind == "sms";
        let here = service_country == self.config.country;
        let (address, abroad) = if phone {
            let home = channel.dial_at_home().unwrap_or_default();
            let from_abroad = channel.dial_from_abroad();
            if here {
                let abroad = match from_abroad {
                    Some(number) if number != home => {
                        Some(self.t(locale, "hotline-from-abroad", &[("number", number.into())]))
                    }
                    Some(_) => None,
                    None => Some(self.t(locale, "hotline-abroad-unknown", &[])),
                };
                (home.to_owned(), abroad)
            } else {
                match from_abroad {
                    Some(number) => (number.to_owned(), None),
                    None => (
                        home.to_owned(),
                        Some(self.t(locale, "hotline-abroad-unknown", &[])),
                    ),
                }
            }
        } else {
            (
                channel
                    .url
                    .clone()
                    .or_else(|| channel.address.clone())
                    .unwrap_or_default(),
                None,
            )
        };
        let target = match channel.kind.as_str() {
            "voice" => Some(format!("tel:{}", dial_target(channel, here))),
            "sms" => Some(format!("sms:{}", dial_target(channel, here))),
            "email" => channel.address.as_ref().map(|a| format!("mailto:{a}")),
            _ => channel.url.clone(),
        };
        let caption_id = match channel.kind.as_str() {
            "voice" => "ui-qr-call",
            "sms" => "ui-qr-sms",
            "email" => "ui-qr-email",
            _ => "ui-qr-open",
        };
        let qr = target.and_then(|target| {
            qr::data_url(&target).map(|image| Qr {
                image,
                caption: self.t(locale, caption_id, &[]),
                target,
            })
        });
        let (message, args) = channel.state.message(self.now());
        let args: Vec<(&str, Arg)> = args
            .into_iter()
            .map(|(name, value)| (name, Arg::Str(value)))
            .collect();
        let open = match &channel.state {
            compass_content::hours::OpenState::Unknown => OpenNow::Unknown,
            state if state.is_open() => OpenNow::Open,
            _ => OpenNow::Closed,
        };
        ChannelView {
            kind_label: self.t(locale, &format!("channel-{}", channel.kind), &[]),
            label: self.text(locale, channel.label.as_ref()),
            address,
            open,
            open_label: match open {
                OpenNow::Open => Some(self.t(locale, "hours-open", &[])),
                OpenNow::Closed => Some(self.t(locale, "hours-closed", &[])),
                OpenNow::Unknown => None,
            },
            hours: self.t(locale, message, &args),
            abroad,
            qr,
            kind: channel.kind.clone(),
        }
    }

    fn facets(&self, locale: &str) -> Result<Facets> {
        let (countries, languages) =
            self.with_db(|content| Ok((content.db.countries()?, content.db.service_languages()?)))?;
        Ok(Facets {
            countries: countries
                .iter()
                .map(|code| self.country_choice(locale, code))
                .collect(),
            topics: compass_content::model::TOPICS
                .iter()
                .map(|topic| Choice {
                    value: (*topic).to_owned(),
                    label: self.t(locale, &format!("topic-{topic}"), &[]),
                })
                .collect(),
            audiences: ["adults", "children"]
                .into_iter()
                .map(|value| Choice {
                    value: value.to_owned(),
                    label: self.t(locale, &format!("audience-{value}"), &[]),
                })
                .collect(),
            languages: languages
                .iter()
                .map(|tag| Choice {
                    value: tag.clone(),
                    label: self.t(locale, &format!("language-{tag}"), &[]),
                })
                .collect(),
        })
    }

    fn country_label(&self, locale: &str, code: &str) -> String {
        self.t(
            locale,
            &format!("country-{}", code.to_ascii_lowercase()),
            &[],
        )
    }

    fn country_choice(&self, locale: &str, code: &str) -> Choice {
        Choice {
            value: code.to_owned(),
            label: self.country_label(locale, code),
        }
    }

    fn count_summary(&self, locale: &str, count: usize) -> String {
        self.t(locale, "search-results", &[("count", count.into())])
    }

    /// A content text with its fallback note.
    fn localized(&self, locale: &str, found: &Localized) -> Text {
        Text {
            text: found.text.clone(),
            lang: found.locale.clone(),
            fallback_note: found.fallback.then(|| {
                let language = self.t(locale, &format!("language-{}", found.locale), &[]);
                self.t(
                    locale,
                    "translation-fallback",
                    &[("language", language.into())],
                )
            }),
        }
    }

    fn text(&self, locale: &str, found: Option<&Localized>) -> Option<Text> {
        found.map(|found| self.localized(locale, found))
    }

    /// A required text; an entry without one shows its id (never an empty heading).
    fn text_or_id(&self, locale: &str, found: Option<&Localized>, id: &str) -> Text {
        self.text(locale, found).unwrap_or_else(|| Text {
            text: id.to_owned(),
            lang: locale.to_owned(),
            fallback_note: None,
        })
    }

    fn checked(&self, locale: &str, checked: &compass_content::Checked) -> Checked {
        let verified = checked.verification == "verified";
        Checked {
            label: if verified {
                self.t(
                    locale,
                    "provenance-verified-on",
                    &[("date", self.date(locale, &checked.verified_on).into())],
                )
            } else {
                self.t(locale, "provenance-unverified", &[])
            },
            verified_on: checked.verified_on.clone(),
            verified,
            source: checked.source.clone(),
        }
    }

    /// A date (`YYYY-MM-DD`, or a date-time whose date is used) in the locale's numeric form.
    pub(crate) fn date(&self, locale: &str, value: &str) -> String {
        match date_of(value) {
            Some(date) => self.t(
                locale,
                "ui-date",
                &[
                    ("day", format!("{:02}", date.day()).into()),
                    ("month", format!("{:02}", date.month()).into()),
                    ("year", date.year().to_string().into()),
                ],
            ),
            None => value.to_owned(),
        }
    }
}

/// What a phone dials for a QR code: E.164 where there is one (it works from any phone), else the short
/// code at home, else the abroad number.
fn dial_target(channel: &Channel, here: bool) -> String {
    let target = if here {
        channel
            .number
            .as_deref()
            .or(channel.short_code.as_deref())
            .or(channel.abroad_number.as_deref())
    } else {
        // A QR code is not a printed promise: the E.164 form is the best try from abroad.
        channel
            .dial_from_abroad()
            .or(channel.number.as_deref())
            .or(channel.short_code.as_deref())
    };
    target.unwrap_or_default().to_owned()
}

/// The date part of `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
fn date_of(value: &str) -> Option<Date> {
    value.get(..10)?.parse().ok()
}

fn nonempty(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.is_empty())
}

/// Writing direction of a locale.
pub(crate) fn dir(locale: &str) -> &'static str {
    let language = locale.split(['-', '_']).next().unwrap_or(locale);
    if ["ar", "fa", "he", "ur", "ps", "yi", "ckb", "dv"].contains(&language) {
        "rtl"
    } else {
        "ltr"
    }
}
