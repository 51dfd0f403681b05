//! Reading the content DB as lists and pages: services by kind, events, reports, articles, self-checks
//! and the facts an "about" page shows. Read-only, like the rest of [`ContentDb`].

use rusqlite::{OptionalExtension, params};

use crate::Result;
use crate::db::{ContentDb, Filters, Localized};
use crate::model::Audience;

/// Where an entry's facts come from and when they were last checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// Source URL.
    pub source: String,
    /// Last verified (`YYYY-MM-DD`).
    pub verified_on: String,
    /// `verified` or `unverified`.
    pub verification: String,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventEntry {
    /// Id.
    pub id: String,
    /// One of the event categories.
    pub category: String,
    /// Local start (date or date-time) in `tz`.
    pub starts: String,
    /// Local end, if not a one-day event.
    pub ends: Option<String>,
    /// IANA zone of `starts`/`ends`.
    pub tz: String,
    /// Title.
    pub title: Option<Localized>,
    /// Summary.
    pub summary: Option<Localized>,
    /// Place.
    pub place: Option<Localized>,
    /// Provenance.
    pub checked: Checked,
}

/// A file of a report, stored beside the DB as `attachments/<sha256>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFileEntry {
    /// Language of the file.
    pub locale: String,
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256, lowercase hex: the attachment's file name.
    pub sha256: String,
}

/// A research report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    /// Id.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub published_on: String,
    /// Title.
    pub title: Option<Localized>,
    /// Publisher.
    pub publisher: Option<Localized>,
    /// Summary.
    pub summary: Option<Localized>,
    /// Languages the report was published in.
    pub editions: Vec<String>,
    /// Files shipped with it.
    pub files: Vec<ReportFileEntry>,
    /// Provenance.
    pub checked: Checked,
}

/// A help article; `html` is sanitised at build time and only filled in by [`ContentDb::article`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleEntry {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Option<Localized>,
    /// Topics.
    pub topics: Vec<String>,
    /// The body as sanitised HTML (`None` in lists).
    pub html: Option<Localized>,
    /// Provenance.
    pub checked: Checked,
}

/// A yes/no self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheckEntry {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Option<Localized>,
    /// Introduction.
    pub intro: Option<Localized>,
    /// Topics whose hotlines a "yes" leads to.
    pub leads_to: Vec<String>,
    /// Questions in order: id and text.
    pub questions: Vec<(String, Option<Localized>)>,
    /// Provenance.
    pub checked: Checked,
}

impl ContentDb {
    /// Ids of the services of the given kinds (all kinds when empty) that pass `filters` ("open now"
    /// aside: the caller evaluates it on the channels), emergency numbers and trafficking hotlines
    /// first, then by id.
    pub fn service_ids(
        &self,
        kinds: &[&str],
        filters: &Filters,
        include_confidential: bool,
    ) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.kind FROM service s JOIN search_doc d ON d.entity_id = s.id
             WHERE (?1 OR s.confidential = 0)
               AND (?2 IS NULL OR s.country = ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM service_topic t WHERE t.service_id = s.id AND t.topic = ?3))
               AND (?4 IS NULL OR s.audience = ?4 OR s.audience = 'both')
               AND (?5 IS NULL OR EXISTS (SELECT 1 FROM service_language l WHERE l.service_id = s.id AND l.language = ?5))
             ORDER BY d.rowid",
        )?;
        let rows: Vec<(String, String)> = stmt
            .query_map(
                params![
                    include_confidential,
                    filters.country,
                    filters.topic,
                    filters.audience.map(Audience::as_str),
                    filters.language,
                ],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
            .collect::<Result<_, _>>()?;
        Ok(rows
            .into_iter()
            .filter(|(_, kind)| kinds.is_empty() || kinds.contains(&kind.as_str()))
            .map(|(id, _)| id)
            .collect())
    }

    /// Every country some service is in, sorted.
    pub fn countries(&self) -> Result<Vec<String>> {
        self.strings("SELECT DISTINCT country FROM service ORDER BY country", "")
    }

    /// Every language some service answers in, sorted.
    pub fn service_languages(&self) -> Result<Vec<String>> {
        self.strings(
            "SELECT DISTINCT language FROM service_language ORDER BY language",
            "",
        )
    }

    /// Every event, by start.
    pub fn events(&self, locale: &str) -> Result<Vec<EventEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, category, starts, ends, tz, source, verified_on, verification FROM event ORDER BY starts, id",
        )?;
        let rows: Vec<(String, String, String, Option<String>, String, Checked)> = stmt
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    checked(row, 5)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, category, starts, ends, tz, checked)| {
                Ok(EventEntry {
                    title: self.localized(&id, "title", locale)?,
                    summary: self.localized(&id, "summary", locale)?,
                    place: self.localized(&id, "place", locale)?,
                    id,
                    category,
                    starts,
                    ends,
                    tz,
                    checked,
                })
            })
            .collect()
    }

    /// Every report, newest first.
    pub fn reports(&self, locale: &str) -> Result<Vec<ReportEntry>> {
        let ids = self.strings("SELECT id FROM report ORDER BY published_on DESC, id", "")?;
        let mut reports = Vec::with_capacity(ids.len());
        for id in ids {
            reports.extend(self.report(&id, locale)?);
        }
        Ok(reports)
    }

    /// One report, or `None`.
    pub fn report(&self, id: &str, locale: &str) -> Result<Option<ReportEntry>> {
        let row = self
            .conn
            .query_row(
                "SELECT published_on, source, verified_on, verification FROM report WHERE id = ?1",
                [id],
                |row| Ok((row.get::<_, String>(0)?, checked(row, 1)?)),
            )
            .optional()?;
        let Some((published_on, checked)) = row else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT locale, name, size, sha256 FROM report_file WHERE report_id = ?1 ORDER BY locale, name",
        )?;
        let files = stmt
            .query_map([id], |row| {
                Ok(ReportFileEntry {
                    locale: row.get(0)?,
                    name: row.get(1)?,
                    size: row.get(2)?,
                    sha256: row.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(ReportEntry {
            id: id.to_owned(),
            published_on,
            title: self.localized(id, "title", locale)?,
            publisher: self.localized(id, "publisher", locale)?,
            summary: self.localized(id, "summary", locale)?,
            editions: self.strings(
                "SELECT locale FROM report_edition WHERE report_id = ?1 ORDER BY locale",
                id,
            )?,
            files,
            checked,
        }))
    }

    /// Every article in its order, without bodies.
    pub fn articles(&self, locale: &str) -> Result<Vec<ArticleEntry>> {
        let ids = self.strings("SELECT id FROM article ORDER BY position, id", "")?;
        let mut articles = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(mut article) = self.article(&id, locale)? {
                article.html = None;
                articles.push(article);
            }
        }
        Ok(articles)
    }

    /// One article with its body, or `None`.
    pub fn article(&self, id: &str, locale: &str) -> Result<Option<ArticleEntry>> {
        let checked = self
            .conn
            .query_row(
                "SELECT source, verified_on, verification FROM article WHERE id = ?1",
                [id],
                |row| checked(row, 0),
            )
            .optional()?;
        let Some(checked) = checked else {
            return Ok(None);
        };
        Ok(Some(ArticleEntry {
            id: id.to_owned(),
            title: self.localized(id, "title", locale)?,
            topics: self.strings(
                "SELECT topic FROM article_topic WHERE article_id = ?1 ORDER BY topic",
                id,
            )?,
            html: self.localized(id, "html", locale)?,
            checked,
        }))
    }

    /// Every self-check with its questions.
    pub fn selfchecks(&self, locale: &str) -> Result<Vec<SelfCheckEntry>> {
        let ids = self.strings("SELECT id FROM selfcheck ORDER BY id", "")?;
        let mut checks = Vec::with_capacity(ids.len());
        for id in ids {
            checks.extend(self.selfcheck(&id, locale)?);
        }
        Ok(checks)
    }

    /// One self-check, or `None`.
    pub fn selfcheck(&self, id: &str, locale: &str) -> Result<Option<SelfCheckEntry>> {
        let checked = self
            .conn
            .query_row(
                "SELECT source, verified_on, verification FROM selfcheck WHERE id = ?1",
                [id],
                |row| checked(row, 0),
            )
            .optional()?;
        let Some(checked) = checked else {
            return Ok(None);
        };
        let question_ids = self.strings(
            "SELECT id FROM question WHERE selfcheck_id = ?1 ORDER BY position",
            id,
        )?;
        let mut questions = Vec::with_capacity(question_ids.len());
        for question in question_ids {
            let text = self.localized(&format!("{id}/{question}"), "text", locale)?;
            questions.push((question, text));
        }
        Ok(Some(SelfCheckEntry {
            id: id.to_owned(),
            title: self.localized(id, "title", locale)?,
            intro: self.localized(id, "intro", locale)?,
            leads_to: self.strings(
                "SELECT topic FROM selfcheck_topic WHERE selfcheck_id = ?1 ORDER BY topic",
                id,
            )?,
            questions,
            checked,
        }))
    }

    /// The newest and oldest `verified_on` over every entry (`None` for an empty DB).
    pub fn verification_range(&self) -> Result<Option<(String, String)>> {
        let (newest, oldest): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT max(v), min(v) FROM (
                 SELECT verified_on AS v FROM organization UNION ALL SELECT verified_on FROM service
                 UNION ALL SELECT verified_on FROM event UNION ALL SELECT verified_on FROM report
                 UNION ALL SELECT verified_on FROM article UNION ALL SELECT verified_on FROM selfcheck)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(newest.zip(oldest))
    }

    /// The first column of `sql` (with `?1` = `param` when it has one) as strings.
    fn strings(&self, sql: &str, param: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let values = if stmt.parameter_count() == 0 {
            stmt.query_map([], |row| row.get(0))?
                .collect::<Result<_, _>>()?
        } else {
            stmt.query_map([param], |row| row.get(0))?
                .collect::<Result<_, _>>()?
        };
        Ok(values)
    }
}

/// Provenance from three columns starting at `first`: source, verified_on, verification.
fn checked(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Checked> {
    Ok(Checked {
        source: row.get(first)?,
        verified_on: row.get(first + 1)?,
        verification: row.get(first + 2)?,
    })
}
