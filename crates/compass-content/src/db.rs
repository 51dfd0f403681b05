//! Reading the content DB: search, service detail and cross-border referral.
//!
//! The DB is opened read-only ([`ContentDb::open`]); nothing here writes to it. Search text is never
//! logged or stored. Texts come back as [`Localized`]: in the visitor's locale, else English, else the
//! entry's original language — never silently another language — with a flag for the fallback note.

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::build::{SCHEMA_VERSION, priority};
use crate::fold;
use crate::hours::{OpenState, Schedule};
use crate::model::{Audience, Hours};
use crate::stem;
use crate::{Error, Result};

/// The most query words used; the rest of a very long query is ignored.
const MAX_QUERY_WORDS: usize = 8;
/// Queries whose words are all shorter than this are ranked without bm25 (see `ContentDb::find`).
const SHORT_PREFIX: usize = 3;
/// The longest query word used, in bytes; longer words are cut.
const MAX_WORD_LEN: usize = 48;
/// Hits ranked by bm25 are chosen from at most this many candidates per rank, read in build order, so
/// that a common word costs the same in a directory of any size.
const RANKED_CANDIDATES: usize = 600;

/// A stored HTML text the sanitiser would change ([`ContentDb::unsanitised_html`]): the row of the
/// `translation` table and the stored text where the two first differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsanitisedHtml {
    /// The entry (an article id).
    pub entity_id: String,
    /// The field (`html`).
    pub field: String,
    /// The locale of the text.
    pub locale: String,
    /// Up to 80 characters of the stored text from where the sanitised text differs.
    pub excerpt: String,
}

impl std::fmt::Display for UnsanitisedHtml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "table translation, row entity_id = {:?}, field = {:?}, locale = {:?}: the sanitiser would change {:?}",
            self.entity_id, self.field, self.locale, self.excerpt
        )
    }
}

/// Up to 80 characters of `stored` from the first character where `clean` differs.
fn first_difference(stored: &str, clean: &str) -> String {
    let at = stored
        .char_indices()
        .zip(clean.chars())
        .find(|((_, a), b)| a != b)
        .map_or_else(|| stored.len().min(clean.len()), |((index, _), _)| index);
    let at = (0..=at)
        .rev()
        .find(|i| stored.is_char_boundary(*i))
        .unwrap_or(0);
    stored[at..].chars().take(80).collect()
}

/// A read-only content DB.
#[derive(Debug)]
pub struct ContentDb {
    pub(crate) conn: Connection,
    /// The rowid span of each (priority, country) in the search index (see `build`'s rowid order),
    /// read once at open: search reads a kiosk country's entries by span.
    spans: Vec<Span>,
}

/// The search rowids of one priority and country.
#[derive(Debug)]
struct Span {
    priority: i64,
    country: Option<String>,
    rows: (i64, i64),
}

/// A text in the locale it could be found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    /// The text.
    pub text: String,
    /// The locale of `text`.
    pub locale: String,
    /// True when `locale` is not the one asked for: the UI shows a note.
    pub fallback: bool,
    /// `original`, `reviewed`, `machine` or `outdated`.
    pub status: String,
}

/// Search filters; `None`/`false` means no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only entries of this country.
    pub country: Option<String>,
    /// Only services with this topic.
    pub topic: Option<String>,
    /// Only services for this audience (services for both match either).
    pub audience: Option<Audience>,
    /// Only services that answer in this language.
    pub language: Option<String>,
    /// Only services with a channel open now.
    pub open_now: bool,
}

impl Filters {
    fn services_only(&self) -> bool {
        self.topic.is_some() || self.audience.is_some() || self.language.is_some() || self.open_now
    }
}

/// A search request.
#[derive(Debug, Clone)]
pub struct SearchQuery<'a> {
    /// What the visitor typed (anything at all).
    pub text: &'a str,
    /// The visitor's locale, for names.
    pub locale: &'a str,
    /// The kiosk's country: its emergency and trafficking lines come first.
    pub kiosk_country: Option<&'a str>,
    /// Filters.
    pub filters: Filters,
    /// Staff mode: include confidential entries.
    pub include_confidential: bool,
    /// Treat every word as a prefix (as-you-type); `false` matches whole words only.
    pub prefix: bool,
    /// At most this many hits.
    pub limit: usize,
    /// The instant "open now" is evaluated at.
    pub now: Timestamp,
}

impl<'a> SearchQuery<'a> {
    /// A query for `text` with defaults: English, no country, no filters, prefixes, 50 hits, now.
    pub fn new(text: &'a str) -> Self {
        SearchQuery {
            text,
            locale: compass_i18n::REFERENCE_LOCALE,
            kiosk_country: None,
            filters: Filters::default(),
            include_confidential: false,
            prefix: true,
            limit: 50,
            now: Timestamp::now(),
        }
    }
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// How they match the words typed.
    pub matched: Matched,
}

/// How the hits of a search match the words typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Matched {
    /// Nothing was found.
    #[default]
    None,
    /// The first hits hold every word (any after them hold some).
    All,
    /// No entry holds every word: the hits hold some of them (the UI says so).
    Some,
}

/// A part of the ranking: rowid spans to read, and spans to leave out (read by an earlier rank).
#[derive(Debug)]
struct Rank {
    within: Vec<(i64, i64)>,
    outside: Vec<(i64, i64)>,
}

/// A candidate hit with its bm25 score (0 when unranked).
#[derive(Debug)]
struct RankRow {
    id: String,
    kind: String,
    country: Option<String>,
    score: f64,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The entry's id.
    pub id: String,
    /// `service`, `organization`, `event`, `report`, `article` or `selfcheck`.
    pub kind: String,
    /// Its name (title) in the visitor's locale or a fallback; a service's neutral short name where it has one.
    pub name: Localized,
    /// Its country, if it has one.
    pub country: Option<String>,
}

/// A contact channel of a service with its state now.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// `voice`, `sms`, `chat`, `email` or `web`.
    pub kind: String,
    /// E.164 number.
    pub number: Option<String>,
    /// National short number.
    pub short_code: Option<String>,
    /// National display form.
    pub display: Option<String>,
    /// Works from abroad (`None`: not known).
    pub from_abroad: Option<bool>,
    /// E.164 number to dial from abroad when it is not `number`.
    pub abroad_number: Option<String>,
    /// Countries it is known to work from, besides its own.
    pub callable_from: Vec<String>,
    /// Chat or web address.
    pub url: Option<String>,
    /// E-mail address.
    pub address: Option<String>,
    /// Label, if any.
    pub label: Option<Localized>,
    /// Hours as written (`None`: not known).
    pub hours: Option<Hours>,
    /// Open or closed now, in the kiosk's time.
    pub state: OpenState,
}

impl Channel {
    /// What to dial from another country, where that is known: the abroad number, else the E.164 number
    /// when it is known to work from abroad. `None` when not known: a freephone number's E.164 form is
    /// never offered as if it worked from abroad.
    pub fn dial_from_abroad(&self) -> Option<&str> {
        self.abroad_number.as_deref().or_else(|| {
            self.number
                .as_deref()
                .filter(|_| self.from_abroad == Some(true))
        })
    }

    /// What to dial from `country`: [`Channel::dial_from_abroad`], or the E.164 number when it is known
    /// to work from that country (`callable_from`).
    pub fn dial_from(&self, country: &str) -> Option<&str> {
        self.dial_from_abroad().or_else(|| {
            self.number
                .as_deref()
                .filter(|_| self.callable_from.iter().any(|c| c == country))
        })
    }

    /// What to dial in the service's own country: the short code, the national form or the E.164 number.
    pub fn dial_at_home(&self) -> Option<&str> {
        self.short_code
            .as_deref()
            .or(self.display.as_deref())
            .or(self.number.as_deref())
    }
}

/// Everything about one service.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDetail {
    /// Id.
    pub id: String,
    /// `hotline`, `programme` or `centre`.
    pub kind: String,
    /// Country.
    pub country: String,
    /// `adults`, `children` or `both`.
    pub audience: String,
    /// Topics.
    pub topics: Vec<String>,
    /// Languages answered (empty: not known).
    pub languages: Vec<String>,
    /// Free of charge.
    pub free: Option<bool>,
    /// Anonymous.
    pub anonymous: Option<bool>,
    /// Interpreter.
    pub interpreter: Option<bool>,
    /// Staff only.
    pub confidential: bool,
    /// Name.
    pub name: Option<Localized>,
    /// The neutral short name for cards (`None`: the name).
    pub short_name: Option<Localized>,
    /// The organisation's name.
    pub organization: Option<Localized>,
    /// Description.
    pub description: Option<Localized>,
    /// What happens when you call.
    pub what_happens: Option<Localized>,
    /// Who can use it.
    pub eligibility: Option<Localized>,
    /// How to start.
    pub how_to_start: Option<Localized>,
    /// Source URL.
    pub source: String,
    /// Last verified (`YYYY-MM-DD`).
    pub verified_on: String,
    /// `verified` or `unverified`.
    pub verification: String,
    /// Channels in source order.
    pub channels: Vec<Channel>,
}

/// A contact in a referral sheet, with the numbers to dial from where the person is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralEntry {
    /// Service id.
    pub service_id: String,
    /// Its name.
    pub name: Option<Localized>,
    /// Numbers to dial from where the person is.
    pub numbers: Vec<String>,
    /// Whether these numbers are known to work from where the person is (`None`: not known).
    pub reachable: Option<bool>,
}

/// The contacts for a person in `here` with nationality `nationality`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Referral {
    /// Emergency numbers where the person is.
    pub emergency: Vec<ReferralEntry>,
    /// Trafficking hotlines where the person is.
    pub trafficking_here: Vec<ReferralEntry>,
    /// Their own country's consular line (empty when at home).
    pub consular: Vec<ReferralEntry>,
    /// Their home country's trafficking hotlines, dialled from abroad (empty when at home).
    pub home_hotlines: Vec<ReferralEntry>,
    /// Exit and support programmes where the person is, then in their home country.
    pub programmes: Vec<ReferralEntry>,
}

impl ContentDb {
    /// Opens a content DB read-only and checks its schema version.
    pub fn open(path: &Path) -> Result<ContentDb> {
        if !path.is_file() {
            return Err(Error::Io {
                path: path.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.execute_batch("PRAGMA query_only = 1;")?;
        let found: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |row| row.get(0),
            )
            .optional()
            .unwrap_or(None);
        if found.as_deref() != Some(SCHEMA_VERSION.to_string().as_str()) {
            return Err(Error::Schema {
                path: path.to_owned(),
                expected: SCHEMA_VERSION,
                found: found.unwrap_or_else(|| "none".to_owned()),
            });
        }
        let spans = conn
            .prepare(
                "SELECT priority, country, min(rowid), max(rowid) FROM search_doc GROUP BY priority, country",
            )?
            .query_map([], |row| {
                Ok(Span {
                    priority: row.get(0)?,
                    country: row.get(1)?,
                    rows: (row.get(2)?, row.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ContentDb { conn, spans })
    }

    /// Entry counts by kind, as recorded at build time.
    pub fn counts(&self) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(key, 7), value FROM meta WHERE key LIKE 'count.%' ORDER BY key",
        )?;
        let rows = stmt.query_map([], |row| {
            let value: String = row.get(1)?;
            Ok((row.get::<_, String>(0)?, value.parse().unwrap_or(0)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// `PRAGMA integrity_check`: true when the file is sound.
    pub fn integrity_ok(&self) -> Result<bool> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        Ok(result == "ok")
    }

    /// Every stored HTML text (a `translation` row whose field is `html`: an article body) that is not
    /// exactly what the article sanitiser ([`markdown::sanitize`](crate::markdown::sanitize)) makes of
    /// it. A DB from `build` has none; one edited by hand after the build (a `<script>`, an event
    /// handler, a `javascript:` link) does, and is not to be signed and shipped.
    pub fn unsanitised_html(&self) -> Result<Vec<UnsanitisedHtml>> {
        let mut stmt = self.conn.prepare(
            "SELECT entity_id, field, locale, text FROM translation WHERE field = 'html' ORDER BY entity_id, locale",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
            ))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (entity_id, field, locale, text) = row?;
            let clean = crate::markdown::sanitize(&text);
            if clean != text {
                found.push(UnsanitisedHtml {
                    entity_id,
                    field,
                    locale,
                    excerpt: first_difference(&text, &clean),
                });
            }
        }
        Ok(found)
    }

    /// A text of an entry in `locale`, else English, else the entry's original, else any.
    pub fn localized(&self, entity: &str, field: &str, locale: &str) -> Result<Option<Localized>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT locale, text, status FROM translation WHERE entity_id = ?1 AND field = ?2",
        )?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map(params![entity, field], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let base = locale.split(['-', '_']).next().unwrap_or(locale);
        // The fallback chain as a rank: the locale asked for, its language, English, the original, any.
        let rank = |(row_locale, _, status): &(String, String, String)| {
            if row_locale == locale {
                0
            } else if row_locale == base {
                1
            } else if row_locale == compass_i18n::REFERENCE_LOCALE {
                2
            } else if status == "original" {
                3
            } else {
                4
            }
        };
        let found = rows.into_iter().min_by_key(rank);
        Ok(found.map(|(found_locale, text, status)| Localized {
            fallback: found_locale != locale && found_locale != base,
            locale: found_locale,
            text,
            status,
        }))
    }

    /// Searches everything; any input is safe (it is folded to letters and digits before it reaches FTS).
    pub fn search(&self, query: &SearchQuery<'_>) -> Result<Vec<Hit>> {
        Ok(self.find(query)?.hits)
    }

    /// Searches everything and says whether the hits hold every word or, failing that, some.
    ///
    /// Order: entries with every word before entries with some (those only when none has all, or to
    /// fill the page); within each, the kiosk country's emergency numbers, then its trafficking
    /// hotlines, then its other entries, then the rest. Inside each of these ranks, bm25 (names weigh ten
    /// times the body, keywords five) for whole words and prefixes of three letters or more, over at most
    /// [`RANKED_CANDIDATES`] candidates in build order; shorter prefixes match much of the directory and
    /// keep the build's order (priority, country, kind, id). Each rank is read in rowid order and stops
    /// as soon as it has what it needs, so no query sorts the whole directory.
    pub fn find(&self, query: &SearchQuery<'_>) -> Result<Found> {
        let Some(words) = QueryWords::parse(query.text, query.prefix) else {
            if !query.text.trim().is_empty() {
                // Typed something, but nothing searchable (only punctuation or symbols): no hits.
                return Ok(Found::default());
            }
            let hits = self.collect(query, None, false, &[], query.limit)?;
            return Ok(Found {
                hits,
                matched: Matched::All,
            });
        };
        let ranked = !query.prefix || words.longest >= SHORT_PREFIX;
        let all = words.expression(" AND ");
        let mut hits = self.collect(query, Some(&all), ranked, &[], query.limit)?;
        let mut matched = Matched::All;
        if hits.len() < query.limit && words.count > 1 {
            let some = words.expression(" OR ");
            let found: Vec<String> = hits.iter().map(|hit| hit.id.clone()).collect();
            let more =
                self.collect(query, Some(&some), ranked, &found, query.limit - hits.len())?;
            if hits.is_empty() && !more.is_empty() {
                matched = Matched::Some;
            }
            hits.extend(more);
        }
        if hits.is_empty() {
            matched = Matched::None;
        }
        Ok(Found { hits, matched })
    }

    /// Up to `want` hits for `expression` (`None`: every entry) in ranking order, leaving out `skip`.
    fn collect(
        &self,
        query: &SearchQuery<'_>,
        expression: Option<&str>,
        ranked: bool,
        skip: &[String],
        want: usize,
    ) -> Result<Vec<Hit>> {
        let mut hits: Vec<Hit> = Vec::new();
        for rank in self.ranks(query.kiosk_country)? {
            if hits.len() >= want {
                break;
            }
            let cap = if ranked {
                RANKED_CANDIDATES
            } else {
                want - hits.len()
            };
            let mut rows = self.rank_rows(query, expression, ranked, &rank, skip, cap)?;
            if ranked {
                rows.sort_by(|a, b| a.score.total_cmp(&b.score));
            }
            for row in rows {
                if hits.len() >= want {
                    break;
                }
                hits.push(self.hit(row.id, row.kind, row.country, query.locale)?);
            }
        }
        Ok(hits)
    }

    /// The ranks a query is read in: the kiosk country's emergency numbers, its trafficking hotlines,
    /// its other entries with the entries of no country (articles, self-checks, events, reports: they
    /// are every kiosk's), then the other countries' entries; one rank of everything without a kiosk
    /// country.
    fn ranks(&self, kiosk_country: Option<&str>) -> Result<Vec<Rank>> {
        let everything = Rank {
            within: vec![(1, i64::MAX)],
            outside: Vec::new(),
        };
        let Some(country) = kiosk_country else {
            return Ok(vec![everything]);
        };
        // The kiosk country's spans, and those of entries of no country (every kiosk's).
        let of = |wanted: &dyn Fn(i64) -> bool| -> Vec<(i64, i64)> {
            self.spans
                .iter()
                .filter(|span| match span.country.as_deref() {
                    Some(c) => c == country && wanted(span.priority),
                    None => span.priority > priority::TRAFFICKING_HOTLINE && wanted(span.priority),
                })
                .map(|span| span.rows)
                .collect()
        };
        let own = |within: Vec<(i64, i64)>| Rank {
            within,
            outside: Vec::new(),
        };
        Ok(vec![
            own(of(&|p| p == priority::EMERGENCY)),
            own(of(&|p| p == priority::TRAFFICKING_HOTLINE)),
            own(of(&|p| p > priority::TRAFFICKING_HOTLINE)),
            Rank {
                outside: of(&|_| true),
                ..everything
            },
        ])
    }

    /// The rows of one rank that match and pass the filters, in rowid order, at most `cap`.
    fn rank_rows(
        &self,
        query: &SearchQuery<'_>,
        expression: Option<&str>,
        ranked: bool,
        rank: &Rank,
        skip: &[String],
        cap: usize,
    ) -> Result<Vec<RankRow>> {
        let filters = &query.filters;
        let audience = filters.audience.map(Audience::as_str);
        // The FTS table drives the query (CROSS JOIN keeps SQLite from walking search_doc's rowid
        // range and probing the index row by row, which is slow when few rows match): rows come in
        // rowid order, each rank stops when it has enough.
        let rowid = if expression.is_some() {
            "search.rowid"
        } else {
            "d.rowid"
        };
        let outside: String = rank
            .outside
            .iter()
            .map(|(lo, hi)| format!(" AND {rowid} NOT BETWEEN {lo} AND {hi}"))
            .collect();
        let conditions = format!(
            "{rowid} BETWEEN ?7 AND ?8{outside}
              AND (?1 OR d.confidential = 0)
              AND (?2 IS NULL OR d.country = ?2)
              AND (?3 IS NULL OR EXISTS (SELECT 1 FROM service_topic t WHERE t.service_id = d.entity_id AND t.topic = ?3))
              AND (?4 IS NULL OR EXISTS (SELECT 1 FROM service s WHERE s.id = d.entity_id AND (s.audience = ?4 OR s.audience = 'both')))
              AND (?5 IS NULL OR EXISTS (SELECT 1 FROM service_language l WHERE l.service_id = d.entity_id AND l.language = ?5))
              AND (?6 = 0 OR d.kind = 'service')"
        );
        let sql = match expression {
            Some(_) => format!(
                "SELECT d.entity_id, d.kind, d.country, {score} FROM search CROSS JOIN search_doc d ON d.rowid = search.rowid
                 WHERE search MATCH ?9 AND {conditions}
                 ORDER BY search.rowid",
                score = if ranked { "bm25(search, 10.0, 1.0, 5.0)" } else { "0.0" },
            ),
            None => format!(
                "SELECT d.entity_id, d.kind, d.country, 0.0 FROM search_doc d
                 WHERE ?9 IS NULL AND {conditions} ORDER BY d.rowid"
            ),
        };
        let mut out = Vec::new();
        for (lo, hi) in &rank.within {
            if out.len() >= cap {
                break;
            }
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![
                query.include_confidential,
                filters.country,
                filters.topic,
                audience,
                filters.language,
                filters.services_only(),
                lo,
                hi,
                expression,
            ])?;
            while out.len() < cap {
                let Some(row) = rows.next()? else { break };
                let id: String = row.get(0)?;
                if skip.contains(&id) || (filters.open_now && !self.open_now(&id, query.now)?) {
                    continue;
                }
                out.push(RankRow {
                    id,
                    kind: row.get(1)?,
                    country: row.get(2)?,
                    score: row.get(3)?,
                });
            }
        }
        Ok(out)
    }

    /// A hit with its name in `locale` (or a fallback).
    fn hit(&self, id: String, kind: String, country: Option<String>, locale: &str) -> Result<Hit> {
        let field = match kind.as_str() {
            "event" | "report" | "article" | "selfcheck" => "title",
            _ => "name",
        };
        // A service shows its neutral short name in a list of hits, as on a card.
        let short = match kind.as_str() {
            "service" => self.localized(&id, "short_name", locale)?,
            _ => None,
        };
        let name = short
            .map_or_else(|| self.localized(&id, field, locale), |s| Ok(Some(s)))?
            .unwrap_or_else(|| Localized {
                text: id.clone(),
                locale: locale.to_owned(),
                fallback: false,
                status: "original".to_owned(),
            });
        Ok(Hit {
            id,
            kind,
            name,
            country,
        })
    }

    /// True when any channel of the service is open at `now`.
    fn open_now(&self, service_id: &str, now: Timestamp) -> Result<bool> {
        Ok(self.channel_rows(service_id)?.iter().any(|(_, channel)| {
            schedule(channel.hours.as_ref())
                .is_some_and(|s| s.state_at(now, &TimeZone::UTC).is_open())
        }))
    }

    /// The channels of a service with their state at `now`, times shown in `display`.
    pub fn channels(
        &self,
        service_id: &str,
        locale: &str,
        now: Timestamp,
        display: &TimeZone,
    ) -> Result<Vec<Channel>> {
        let mut channels = Vec::new();
        for (position, mut channel) in self.channel_rows(service_id)? {
            channel.label =
                self.localized(&format!("{service_id}/channel/{position}"), "label", locale)?;
            channel.state =
                crate::hours::state(schedule(channel.hours.as_ref()).as_ref(), now, display);
            channels.push(channel);
        }
        Ok(channels)
    }

    /// The channels of a service as stored, with their positions: no label looked up, no state computed.
    fn channel_rows(&self, service_id: &str) -> Result<Vec<(i64, Channel)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT position, kind, number, short_code, display, from_abroad, url, address, hours, callable_from, abroad_number
             FROM channel WHERE service_id = ?1 ORDER BY position",
        )?;
        let rows: Vec<(i64, Channel, Option<String>)> = stmt
            .query_map([service_id], |row| {
                Ok((
                    row.get(0)?,
                    Channel {
                        kind: row.get(1)?,
                        number: row.get(2)?,
                        short_code: row.get(3)?,
                        display: row.get(4)?,
                        from_abroad: row.get(5)?,
                        abroad_number: row.get(10)?,
                        callable_from: row
                            .get::<_, Option<String>>(9)?
                            .map(|list| list.split(',').map(str::to_owned).collect())
                            .unwrap_or_default(),
                        url: row.get(6)?,
                        address: row.get(7)?,
                        label: None,
                        hours: None,
                        state: OpenState::Unknown,
                    },
                    row.get(8)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut channels = Vec::with_capacity(rows.len());
        for (position, mut channel, hours) in rows {
            channel.hours = hours
                .map(|json| serde_json::from_str::<Hours>(&json))
                .transpose()?;
            channels.push((position, channel));
        }
        Ok(channels)
    }

    /// Everything about a service, or `None` when there is no such service (or it is confidential and
    /// `include_confidential` is false).
    pub fn service(
        &self,
        id: &str,
        locale: &str,
        include_confidential: bool,
        now: Timestamp,
        display: &TimeZone,
    ) -> Result<Option<ServiceDetail>> {
        let row = self
            .conn
            .query_row(
                "SELECT kind, country, audience, free, anonymous, interpreter, confidential, source, verified_on,
                        verification, organization_id
                 FROM service WHERE id = ?1 AND (?2 OR confidential = 0)",
                params![id, include_confidential],
                |row| {
                    Ok((
                        (row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?),
                        (row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?),
                        (row.get::<_, String>(7)?, row.get::<_, String>(8)?, row.get::<_, String>(9)?),
                        row.get::<_, String>(10)?,
                    ))
                },
            )
            .optional()?;
        let Some((
            (kind, country, audience),
            (free, anonymous, interpreter, confidential),
            provenance,
            org,
        )) = row
        else {
            return Ok(None);
        };
        let list = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let values = stmt
                .query_map([id], |row| row.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(values)
        };
        Ok(Some(ServiceDetail {
            id: id.to_owned(),
            kind,
            country,
            audience,
            topics: list("SELECT topic FROM service_topic WHERE service_id = ?1 ORDER BY topic")?,
            languages: list(
                "SELECT language FROM service_language WHERE service_id = ?1 ORDER BY language",
            )?,
            free,
            anonymous,
            interpreter,
            confidential,
            name: self.localized(id, "name", locale)?,
            short_name: self.localized(id, "short_name", locale)?,
            organization: self.localized(&org, "name", locale)?,
            description: self.localized(id, "description", locale)?,
            what_happens: self.localized(id, "what_happens", locale)?,
            eligibility: self.localized(id, "eligibility", locale)?,
            how_to_start: self.localized(id, "how_to_start", locale)?,
            source: provenance.0,
            verified_on: provenance.1,
            verification: provenance.2,
            channels: self.channels(id, locale, now, display)?,
        }))
    }

    /// The contacts for a person who is in `here` and is a national of `nationality` (country codes).
    /// Numbers are given as dialled from `here`: at home the national form, from abroad only numbers known
    /// to work from there. A line at home whose numbers are not known to work from abroad is listed with
    /// no number (`reachable` is `None`: the sheet says it is not known), never with a guessed one.
    pub fn referral(
        &self,
        here: &str,
        nationality: &str,
        locale: &str,
        include_confidential: bool,
    ) -> Result<Referral> {
        let at_home = here == nationality;
        let lookup = |country: &str, topic: &str, kinds: &[&str], keep_unreachable: bool| {
            let from = (country != here).then_some(here);
            self.referral_entries(
                country,
                topic,
                kinds,
                from,
                keep_unreachable,
                locale,
                include_confidential,
            )
        };
        let mut referral = Referral {
            emergency: lookup(here, "emergency", &[], true)?,
            trafficking_here: lookup(here, "trafficking", &["hotline"], true)?,
            programmes: lookup(here, "trafficking", &["programme", "centre"], true)?,
            ..Referral::default()
        };
        if !at_home {
            referral.consular = lookup(nationality, "consular-help", &[], false)?;
            referral.home_hotlines = lookup(nationality, "trafficking", &["hotline"], true)?;
            // Programmes at home are worth knowing about on return, even without a number that works
            // from here.
            referral.programmes.extend(lookup(
                nationality,
                "trafficking",
                &["programme", "centre"],
                true,
            )?);
        }
        Ok(referral)
    }

    /// Services of `country` with `topic` (and one of `kinds`, if any), with the numbers to dial from
    /// `from` (`None`: from inside the country). Entries with no usable number are kept only when
    /// `keep_unreachable`.
    #[allow(clippy::too_many_arguments)] // private: one call site, every argument named there
    fn referral_entries(
        &self,
        country: &str,
        topic: &str,
        kinds: &[&str],
        from: Option<&str>,
        keep_unreachable: bool,
        locale: &str,
        include_confidential: bool,
    ) -> Result<Vec<ReferralEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.kind FROM service s JOIN service_topic t ON t.service_id = s.id
             JOIN search_doc d ON d.entity_id = s.id
             WHERE s.country = ?1 AND t.topic = ?2 AND (?3 OR s.confidential = 0)
             ORDER BY d.rowid",
        )?;
        let services: Vec<(String, String)> = stmt
            .query_map(params![country, topic, include_confidential], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for (id, kind) in services {
            if !kinds.is_empty() && !kinds.contains(&kind.as_str()) {
                continue;
            }
            let channels = self.channel_rows(&id)?;
            let phones = channels
                .iter()
                .map(|(_, channel)| channel)
                .filter(|c| c.kind == "voice" || c.kind == "sms");
            let (numbers, reachable): (Vec<String>, Option<bool>) = match from {
                None => (
                    phones
                        .filter_map(Channel::dial_at_home)
                        .map(str::to_owned)
                        .collect(),
                    Some(true),
                ),
                Some(from) => {
                    let numbers: Vec<String> = phones
                        .filter_map(|c| c.dial_from(from))
                        .map(str::to_owned)
                        .collect();
                    let known = !numbers.is_empty();
                    (numbers, known.then_some(true))
                }
            };
            if numbers.is_empty() && !keep_unreachable {
                continue;
            }
            let short_name = self.localized(&id, "short_name", locale)?;
            out.push(ReferralEntry {
                name: short_name
                    .map_or_else(|| self.localized(&id, "name", locale), |s| Ok(Some(s)))?,
                service_id: id,
                numbers,
                reachable,
            });
        }
        Ok(out)
    }
}

/// The schedule of stored hours; `None` without hours (stored hours always parse: the build ran `check`).
fn schedule(hours: Option<&Hours>) -> Option<Schedule> {
    hours.and_then(|hours| Schedule::parse(hours).ok())
}

/// The words a visitor typed as FTS5 match terms: every form quoted, so no input can be FTS syntax.
///
/// A word matches where the text has a word it begins (as-you-type) in either folded form; as a prefix
/// it also matches where the indexed text had the next letter merged away (`adult|s` is indexed as
/// `adulc`, `k|harkiv` as `harkiv`). It also matches exactly where the text has a word of the same stem
/// (in any language of the script it is typed in: see [`stem`]), so `pase` finds `pasi`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryWords {
    /// One parenthesised FTS5 term per word.
    pub(crate) terms: Vec<String>,
    /// Number of words.
    pub(crate) count: usize,
    /// Length of the longest word (folded): bm25 ranks when one word is long enough to say something.
    pub(crate) longest: usize,
}

impl QueryWords {
    /// The words of `text` (at most [`MAX_QUERY_WORDS`]), or `None` when it holds nothing searchable.
    pub(crate) fn parse(text: &str, prefix: bool) -> Option<QueryWords> {
        let star = if prefix { "*" } else { "" };
        let mut terms = Vec::new();
        let mut longest = 0;
        // The first words only, each cut to a length no real word reaches (folding may lengthen it).
        for word in stem::native_words(text).take(MAX_QUERY_WORDS) {
            let word: String = word.chars().take(MAX_WORD_LEN).collect();
            let stripped = fold::strip(&word);
            let phonetic = fold::phonetic(&word);
            let a: Vec<&str> = fold::words(&stripped).collect();
            let b: Vec<&str> = fold::words(&phonetic).collect();
            let single = a.len() == 1;
            for (i, plain) in a.iter().enumerate() {
                if terms.len() == MAX_QUERY_WORDS {
                    break;
                }
                let mut forms: Vec<String> = Vec::new();
                let other = b.get(i).filter(|_| single && b.len() == 1).copied();
                for form in std::iter::once(*plain).chain(other) {
                    let form = cut(form);
                    forms.push(form.to_owned());
                    if prefix {
                        forms.extend(fold::merged_prefix(form));
                    }
                }
                forms.dedup();
                let mut parts: Vec<String> = forms
                    .iter()
                    .map(|form| format!("\"{form}\"{star}"))
                    .collect();
                if single {
                    // A word cut to its first letters has no stem worth looking up.
                    let stems = stem::query_stems(&word);
                    for stem in stems.iter().filter(|stem| stem.len() <= MAX_WORD_LEN) {
                        // As a prefix, a form already matches itself exactly.
                        let covered = prefix && forms.iter().any(|form| form == stem);
                        let exact = format!("\"{stem}\"");
                        if !covered && !parts.contains(&exact) {
                            parts.push(exact);
                        }
                    }
                }
                longest = longest.max(plain.len());
                let term = if parts.len() == 1 {
                    parts.concat()
                } else {
                    format!("({})", parts.join(" OR "))
                };
                // A word typed twice asks nothing new (and "pa pa pa…" must cost no more than "pa").
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
        (!terms.is_empty()).then_some(QueryWords {
            count: terms.len(),
            terms,
            longest,
        })
    }

    /// The terms joined by `AND` (every word) or `OR` (any word).
    pub(crate) fn expression(&self, join: &str) -> String {
        self.terms.join(join)
    }
}

/// A folded word cut to [`MAX_WORD_LEN`] bytes (folded words are ASCII).
fn cut(word: &str) -> &str {
    &word[..word.len().min(MAX_WORD_LEN)]
}
