//! The translator workflow: every content string of a locale out to a gettext PO file and back in.
//!
//! **Why PO.** Translators' tools (Poedit, Weblate, Lokalize, OmegaT, virtaal) all read and write it, it
//! is plain text that reviews well in a diff, and its model fits ours: `msgctxt` names the string (file
//! and path), `msgid` is the original text, `msgstr` the translation, the `fuzzy` flag means "check this
//! again". XLIFF 2.0 carries the same with XML around it and fewer free tools that speak version 2.
//!
//! **Export** ([`units`], [`write_po`]): one entry per translated text of a record (names, descriptions,
//! labels, questions…) and per article body, for every record whose original is another language. Each
//! carries its status as a comment — `original` never appears (nothing to translate), `machine` and
//! `outdated` are also flagged `fuzzy`, `reviewed` is not.
//!
//! **Import** ([`read_po`], [`import`]): a translator's file is read whole and checked before anything is
//! written — syntax, locale, every `msgctxt` a string of this content, every `msgid` still the original
//! text — and any problem is reported with its line and changes nothing. Then each entry with a
//! translation is written into its source file (TOML through `toml_edit`, keeping the file's layout; an
//! article's `<locale>.md`): an entry not marked `fuzzy` is **reviewed**, a fuzzy one stays `machine`.
//! The original text each reviewed string was checked against is kept as a fingerprint in
//! `reviews.toml`, so that `check` can say which reviewed translations are **outdated** (their original
//! changed after the review) and the next export flags them again.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::{TranslationStatus, original_locale};
use crate::source::{Loaded, Seg};

/// The review fingerprints' file in a content source folder.
pub const REVIEWS_FILE: &str = "reviews.toml";

/// Keys whose values are per-locale maps that are not translations.
const NOT_TEXT: [&str; 3] = ["translation", "keywords", "provenance"];

/// One translatable string of the content in one target locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Where it lives: `organizations/lv-vugd.toml#service.0.name`, or an article's
    /// `articles/<id>/<locale>.md` (the target's file).
    pub key: String,
    /// The locale it is written in originally.
    pub source_locale: String,
    /// The original text.
    pub source: String,
    /// The translation, if there is one.
    pub target: Option<String>,
    /// Its status: `machine`, `reviewed` or `outdated` (a reviewed string whose original changed since).
    pub status: TranslationStatus,
}

/// Review fingerprints: locale → unit key → fingerprint of the original text at review.
pub type Reviews = BTreeMap<String, BTreeMap<String, String>>;

/// The fingerprint of an original text: enough of its SHA-256 to tell a change.
pub fn fingerprint(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    crate::build::hex(&digest[..8])
}

/// Reads `reviews.toml` of a source folder (none: no reviews recorded).
pub fn read_reviews(root: &Path) -> Result<Reviews, String> {
    let path = root.join(REVIEWS_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text).map_err(|error| format!("{REVIEWS_FILE}: {error}")),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Reviews::new()),
        Err(error) => Err(format!("{REVIEWS_FILE}: {error}")),
    }
}

/// Every string of `loaded` to translate into `locale`, in file order, with its status.
pub fn units(loaded: &Loaded, locale: &str, reviews: &Reviews) -> Vec<Unit> {
    let mut out = Vec::new();
    let reviewed = reviews.get(locale);
    let status_of = |key: &str, source: &str, status: TranslationStatus| {
        let changed = reviewed
            .and_then(|r| r.get(key))
            .is_some_and(|print| *print != fingerprint(source));
        if status == TranslationStatus::Reviewed && changed {
            TranslationStatus::Outdated
        } else {
            status
        }
    };
    let content = &loaded.content;
    let records = content
        .organizations
        .iter()
        .map(|r| (r.id.as_str(), serde_json::to_value(r), &r.translation))
        .chain(
            content
                .events
                .iter()
                .map(|r| (r.id.as_str(), serde_json::to_value(r), &r.translation)),
        )
        .chain(
            content
                .reports
                .iter()
                .map(|r| (r.id.as_str(), serde_json::to_value(r), &r.translation)),
        )
        .chain(
            content
                .selfchecks
                .iter()
                .map(|r| (r.id.as_str(), serde_json::to_value(r), &r.translation)),
        );
    for (id, value, translation) in records {
        let (Ok(value), Some(origin)) = (value, loaded.map.records.get(id).and_then(|o| o.first()))
        else {
            continue;
        };
        let mut found = Vec::new();
        texts(&value, &mut Vec::new(), translation, &mut found);
        for (path, translation, texts) in found {
            let Some(original) = original_locale(&translation) else {
                continue;
            };
            if original == locale {
                continue;
            }
            let Some(source) = texts.get(original) else {
                continue;
            };
            let full: Vec<String> = origin
                .path
                .iter()
                .map(|seg| match seg {
                    Seg::Key(key) => key.clone(),
                    Seg::Index(index) => index.to_string(),
                })
                .chain(path)
                .collect();
            let key = format!("{}#{}", slash(&origin.file), full.join("."));
            let (target, own) = match texts.get(locale) {
                Some(text) => (Some(text.0.clone()), text.1),
                None => (None, None),
            };
            let record_status = translation
                .get(locale)
                .copied()
                .unwrap_or(TranslationStatus::Machine);
            out.push(Unit {
                status: status_of(&key, &source.0, own.unwrap_or(record_status)),
                key,
                source_locale: original.to_owned(),
                source: source.0.clone(),
                target,
            });
        }
    }
    for article in &content.articles {
        let Some(original) = original_locale(&article.translation) else {
            continue;
        };
        let Some(source) = article.body.get(original) else {
            continue;
        };
        if original == locale {
            continue;
        }
        let key = format!("articles/{}/{locale}.md", article.id);
        let status = article
            .translation
            .get(locale)
            .copied()
            .unwrap_or(TranslationStatus::Machine);
        out.push(Unit {
            status: status_of(&key, source, status),
            key,
            source_locale: original.to_owned(),
            source: source.clone(),
            target: article.body.get(locale).cloned(),
        });
    }
    out
}

/// A text map found in a record: its path, the translation table in force there, locale → (text,
/// its own status).
type FoundText = (
    Vec<String>,
    BTreeMap<String, TranslationStatus>,
    BTreeMap<String, (String, Option<TranslationStatus>)>,
);

/// Collects the translated text maps under `value` (a record as JSON, keys as in its TOML file). A
/// service's own `translation` table replaces the organisation's below it.
fn texts(
    value: &Value,
    path: &mut Vec<String>,
    translation: &BTreeMap<String, TranslationStatus>,
    out: &mut Vec<FoundText>,
) {
    match value {
        Value::Object(map) => {
            let own: Option<BTreeMap<String, TranslationStatus>> = map
                .get("translation")
                .and_then(|t| serde_json::from_value(t.clone()).ok());
            let translation = own.as_ref().unwrap_or(translation);
            for (key, child) in map {
                if NOT_TEXT.contains(&key.as_str()) {
                    continue;
                }
                path.push(key.clone());
                if let Some(text) = text_map(child, translation) {
                    out.push((path.clone(), translation.clone(), text));
                } else {
                    texts(child, path, translation, out);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(index.to_string());
                texts(item, path, translation, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// `value` as a translated text (every key a locale of the translation table, every value a string or
/// `{ text, status }`), else `None`.
fn text_map(
    value: &Value,
    translation: &BTreeMap<String, TranslationStatus>,
) -> Option<BTreeMap<String, (String, Option<TranslationStatus>)>> {
    let map = value.as_object()?;
    if map.is_empty() || !map.keys().all(|k| translation.contains_key(k)) {
        return None;
    }
    map.iter()
        .map(|(locale, text)| {
            let entry = match text {
                Value::String(text) => (text.clone(), None),
                Value::Object(inner) => (
                    inner.get("text")?.as_str()?.to_owned(),
                    serde_json::from_value(inner.get("status")?.clone()).ok(),
                ),
                _ => return None,
            };
            Some((locale.clone(), entry))
        })
        .collect()
}

fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

// ---- PO ----

/// The PO file of `units` for `locale`.
pub fn write_po(units: &[Unit], locale: &str) -> String {
    let mut out = String::new();
    out.push_str(
        "# Safety Compass content for translators: `compass-admin translations export`.\n",
    );
    out.push_str(
        "# Translate msgstr; remove the fuzzy flag of a string once you have checked it.\n",
    );
    out.push_str("# Read back with `compass-admin translations import`.\n");
    out.push_str("msgid \"\"\n");
    out.push_str(&format!(
        "msgstr \"\"\n\"Project-Id-Version: Safety Compass content\\n\"\n\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n\"Last-Translator: \\n\"\n\"Language-Team: \\n\"\n\"Language: {locale}\\n\"\n\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n\"\n"
    ));
    for unit in units {
        out.push('\n');
        out.push_str(&format!(
            "#. original: {}; status: {}\n",
            unit.source_locale,
            unit.status.as_str()
        ));
        if matches!(
            unit.status,
            TranslationStatus::Machine | TranslationStatus::Outdated
        ) && unit.target.is_some()
        {
            out.push_str("#, fuzzy\n");
        }
        out.push_str(&po_field("msgctxt", &unit.key));
        out.push_str(&po_field("msgid", &unit.source));
        out.push_str(&po_field("msgstr", unit.target.as_deref().unwrap_or("")));
    }
    out
}

fn po_field(name: &str, text: &str) -> String {
    let escaped = |line: &str| {
        let mut out = String::with_capacity(line.len() + 2);
        for c in line.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out
    };
    if !text.contains('\n') {
        return format!("{name} \"{}\"\n", escaped(text));
    }
    let mut out = format!("{name} \"\"\n");
    for line in text.split_inclusive('\n') {
        out.push_str(&format!("\"{}\"\n", escaped(line)));
    }
    out
}

/// One entry read from a PO file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoEntry {
    /// `msgctxt`.
    pub context: String,
    /// `msgid`.
    pub source: String,
    /// `msgstr`.
    pub target: String,
    /// Flagged `fuzzy`.
    pub fuzzy: bool,
    /// Line of its `msgctxt` (or first line).
    pub line: usize,
}

/// A PO file read: its `Language` and its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoFile {
    /// The header's `Language:`.
    pub language: Option<String>,
    /// The entries, header excluded.
    pub entries: Vec<PoEntry>,
}

/// A problem with a file given to import, at a line (0: the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line in the PO file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

/// Parses a PO file: comments, `#, fuzzy`, `msgctxt`, `msgid`, `msgstr` with continuation lines and
/// C escapes. Plural forms (`msgid_plural`) are not used by this content and are refused.
pub fn read_po(text: &str) -> Result<PoFile, ImportProblem> {
    #[derive(Default)]
    struct Pending {
        line: usize,
        fuzzy: bool,
        context: Option<String>,
        source: Option<String>,
        target: Option<String>,
    }
    let problem = |line: usize, message: String| ImportProblem { line, message };
    let mut entries = Vec::new();
    let mut header = None;
    let mut pending = Pending::default();
    let mut field: Option<&'static str> = None;
    let finish = |pending: &mut Pending,
                  entries: &mut Vec<PoEntry>,
                  header: &mut Option<String>|
     -> Result<(), ImportProblem> {
        let taken = std::mem::take(pending);
        match (taken.context, taken.source, taken.target) {
            (None, None, None) => Ok(()),
            (None, Some(source), Some(target)) if source.is_empty() => {
                *header = Some(target);
                Ok(())
            }
            (Some(context), Some(source), Some(target)) => {
                entries.push(PoEntry {
                    context,
                    source,
                    target,
                    fuzzy: taken.fuzzy,
                    line: taken.line,
                });
                Ok(())
            }
            (None, Some(_), Some(_)) => Err(problem(
                taken.line,
                "an entry without msgctxt: every string here is named by its msgctxt".to_owned(),
            )),
            _ => Err(problem(
                taken.line,
                "an incomplete entry: msgctxt, msgid and msgstr are all needed".to_owned(),
            )),
        }
    };
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            finish(&mut pending, &mut entries, &mut header)?;
            field = None;
            continue;
        }
        if let Some(flags) = line.strip_prefix("#,") {
            if pending.context.is_some() || pending.source.is_some() {
                finish(&mut pending, &mut entries, &mut header)?;
            }
            if pending.line == 0 {
                pending.line = number;
            }
            pending.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let (keyword, rest) = match line.split_once(char::is_whitespace) {
            Some((keyword, rest)) if !line.starts_with('"') => (keyword, rest.trim()),
            _ => ("", line),
        };
        let value = unquote(rest).map_err(|message| problem(number, message))?;
        let slot = match keyword {
            "" => match field {
                Some("msgctxt") => &mut pending.context,
                Some("msgid") => &mut pending.source,
                Some("msgstr") => &mut pending.target,
                _ => return Err(problem(number, "a string outside any field".to_owned())),
            },
            "msgctxt" | "msgid" | "msgstr" => {
                let starts_entry =
                    keyword == "msgctxt" || (keyword == "msgid" && pending.context.is_none());
                if starts_entry && (pending.source.is_some() || pending.target.is_some()) {
                    finish(&mut pending, &mut entries, &mut header)?;
                }
                if pending.line == 0 || (keyword == "msgctxt" && pending.context.is_none()) {
                    pending.line = number;
                }
                field = Some(match keyword {
                    "msgctxt" => "msgctxt",
                    "msgid" => "msgid",
                    _ => "msgstr",
                });
                let slot = match keyword {
                    "msgctxt" => &mut pending.context,
                    "msgid" => &mut pending.source,
                    _ => &mut pending.target,
                };
                if slot.is_some() {
                    return Err(problem(
                        number,
                        format!("{keyword} given twice in one entry"),
                    ));
                }
                *slot = Some(String::new());
                slot
            }
            "msgid_plural" => {
                return Err(problem(
                    number,
                    "plural forms (msgid_plural) are not used by this content".to_owned(),
                ));
            }
            other => return Err(problem(number, format!("unknown keyword {other:?}"))),
        };
        match slot {
            Some(text) => text.push_str(&value),
            None => return Err(problem(number, "a string outside any field".to_owned())),
        }
    }
    finish(&mut pending, &mut entries, &mut header)?;
    let language = header.and_then(|h| {
        h.lines()
            .find_map(|l| l.strip_prefix("Language:").map(|v| v.trim().to_owned()))
    });
    Ok(PoFile { language, entries })
}

/// The text of a quoted PO string.
fn unquote(quoted: &str) -> Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .filter(|_| quoted.len() >= 2)
        .ok_or_else(|| format!("expected a quoted string, found {quoted:?}"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                other => return Err(format!("unknown escape \\{}", other.unwrap_or(' '))),
            },
            '"' => return Err("an unescaped quote inside a string".to_owned()),
            c => out.push(c),
        }
    }
    Ok(out)
}

// ---- import ----

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Strings written as reviewed.
    pub reviewed: usize,
    /// Strings written as machine translations (fuzzy).
    pub machine: usize,
    /// Entries with no translation, left alone.
    pub untranslated: usize,
    /// Files written.
    pub files: BTreeSet<PathBuf>,
}

/// A change to make to one source file.
enum Change {
    /// A TOML value at a path (record path then field path) with its status.
    Toml {
        path: Vec<String>,
        text: String,
        reviewed: bool,
    },
    /// An article body.
    Markdown { text: String, reviewed: bool },
}

/// Reads a translator's PO file for `locale` into the source folder of `loaded`. Everything is checked
/// first; any problem is returned with its line and nothing is written.
pub fn import(
    loaded: &Loaded,
    locale: &str,
    launch_locales: &[&str],
    po: &str,
) -> Result<ImportReport, Vec<ImportProblem>> {
    let root = loaded.map.root().to_owned();
    let whole = |message: String| vec![ImportProblem { line: 0, message }];
    if !launch_locales.contains(&locale) {
        return Err(whole(format!(
            "{locale:?} is not a kiosk locale ({})",
            launch_locales.join(", ")
        )));
    }
    let file = read_po(po).map_err(|problem| vec![problem])?;
    if let Some(language) = &file.language
        && language != locale
    {
        return Err(whole(format!(
            "the file is for {language:?} (its Language header), not {locale:?}"
        )));
    }
    let mut reviews = read_reviews(&root).map_err(whole)?;
    let current: BTreeMap<String, Unit> = units(loaded, locale, &reviews)
        .into_iter()
        .map(|unit| (unit.key.clone(), unit))
        .collect();
    let mut problems = Vec::new();
    let mut changes: BTreeMap<PathBuf, Vec<Change>> = BTreeMap::new();
    let mut report = ImportReport::default();
    let mut seen = BTreeSet::new();
    for entry in &file.entries {
        let problem = |message: String| ImportProblem {
            line: entry.line,
            message,
        };
        if !seen.insert(entry.context.clone()) {
            problems.push(problem(format!("{:?} appears twice", entry.context)));
            continue;
        }
        let Some(unit) = current.get(&entry.context) else {
            problems.push(problem(format!(
                "{:?} is not a string of this content (renamed or removed since the export?)",
                entry.context
            )));
            continue;
        };
        if entry.source != unit.source {
            problems.push(problem(format!(
                "the original of {:?} changed since the export: export again and translate the new text",
                entry.context
            )));
            continue;
        }
        if entry.target.trim().is_empty() {
            report.untranslated += 1;
            continue;
        }
        let reviewed = !entry.fuzzy;
        if reviewed {
            report.reviewed += 1;
            reviews
                .entry(locale.to_owned())
                .or_default()
                .insert(unit.key.clone(), fingerprint(&unit.source));
        } else {
            report.machine += 1;
        }
        let (file, change) = match unit.key.split_once('#') {
            Some((file, path)) => (
                file.to_owned(),
                Change::Toml {
                    path: path.split('.').map(str::to_owned).collect(),
                    text: entry.target.clone(),
                    reviewed,
                },
            ),
            None => (
                unit.key.clone(),
                Change::Markdown {
                    text: entry.target.clone(),
                    reviewed,
                },
            ),
        };
        changes.entry(PathBuf::from(file)).or_default().push(change);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut outputs: Vec<(PathBuf, String)> = Vec::new();
    for (file, changes) in changes {
        apply(&root, &file, locale, changes, &mut outputs).map_err(whole)?;
    }
    let reviews_text = toml::to_string(&reviews).map_err(|e| whole(e.to_string()))?;
    outputs.push((
        root.join(REVIEWS_FILE),
        format!(
            "# Written by `compass-admin translations import`: for each reviewed string, a fingerprint of the\n# original it was checked against, so that `check` can tell when the original changed since.\n{reviews_text}"
        ),
    ));
    for (path, text) in outputs {
        write_atomically(&path, &text).map_err(|e| whole(format!("{}: {e}", path.display())))?;
        report
            .files
            .insert(path.strip_prefix(&root).unwrap_or(&path).to_owned());
    }
    Ok(report)
}

/// The new text of one source file (and of an article's `article.toml`) with `changes` applied.
fn apply(
    root: &Path,
    file: &Path,
    locale: &str,
    changes: Vec<Change>,
    outputs: &mut Vec<(PathBuf, String)>,
) -> Result<(), String> {
    let mut markdown = None;
    let mut toml_changes = Vec::new();
    for change in changes {
        match change {
            Change::Markdown { text, reviewed } => markdown = Some((text, reviewed)),
            Change::Toml {
                path,
                text,
                reviewed,
            } => toml_changes.push((path, text, reviewed)),
        }
    }
    if let Some((text, reviewed)) = markdown {
        let meta = file.with_file_name("article.toml");
        let mut doc = read_toml(root, &meta)?;
        doc["translation"][locale] = toml_edit::value(status_name(reviewed));
        outputs.push((root.join(file), text));
        outputs.push((root.join(&meta), doc.to_string()));
        return Ok(());
    }
    let mut doc = read_toml(root, file)?;
    for (path, text, reviewed) in toml_changes {
        let record_status = record_status(&doc, &path, locale);
        let record_status = record_status.as_deref();
        let mut item = doc.as_item_mut();
        for segment in &path {
            item = match segment.parse::<usize>() {
                Ok(index) => item
                    .get_mut(index)
                    .ok_or_else(|| format!("{}: no {segment} in {path:?}", file.display()))?,
                Err(_) => item
                    .get_mut(segment.as_str())
                    .ok_or_else(|| format!("{}: no {segment} in {path:?}", file.display()))?,
            };
        }
        let wanted = status_name(reviewed);
        // Plain text where the record's status says it; the field's own status where it differs, so
        // a string reviewed alone never makes the rest of its record look reviewed.
        let value = if record_status == Some(wanted) {
            toml_edit::value(text.as_str())
        } else {
            let mut table = toml_edit::InlineTable::new();
            table.insert("text", text.as_str().into());
            table.insert("status", wanted.into());
            toml_edit::Item::Value(toml_edit::Value::InlineTable(table))
        };
        item[locale] = value;
    }
    outputs.push((root.join(file), doc.to_string()));
    Ok(())
}

/// The status `locale` has in the nearest `translation` table above `path` (a service's, else its
/// organisation's; an event's in its `[[event]]`).
fn record_status(doc: &toml_edit::DocumentMut, path: &[String], locale: &str) -> Option<String> {
    (0..path.len()).rev().find_map(|depth| {
        let mut item = doc.as_item();
        for segment in &path[..depth] {
            item = match segment.parse::<usize>() {
                Ok(index) => item.get(index)?,
                Err(_) => item.get(segment.as_str())?,
            };
        }
        Some(item.get("translation")?.get(locale)?.as_str()?.to_owned())
    })
}

fn status_name(reviewed: bool) -> &'static str {
    if reviewed { "reviewed" } else { "machine" }
}

fn read_toml(root: &Path, file: &Path) -> Result<toml_edit::DocumentMut, String> {
    let text =
        std::fs::read_to_string(root.join(file)).map_err(|e| format!("{}: {e}", file.display()))?;
    text.parse().map_err(|e| format!("{}: {e}", file.display()))
}

/// Writes `text` to `path` through a temporary file beside it and a rename, so a reader never sees
/// half a file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("import-tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}
