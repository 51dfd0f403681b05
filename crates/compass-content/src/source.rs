//! Reading a content source folder (`resources/content`) into a [`Content`].
//!
//! Loading never stops at the first bad file: a file that does not parse becomes a [`Diagnostic`] with
//! its line and the rest is still read, so `compass-admin check` reports every problem at once. The
//! [`SourceMap`] remembers which file and TOML path each record came from, so later checks can point at
//! a line too.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Article, ArticleMeta, Content, EventFile, Organization, Report, SelfCheck};

/// How bad a finding is: errors fail `check` and `build`, warnings don't.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Must be fixed before the content can be built.
    Error,
    /// Worth fixing; the content still builds.
    Warning,
}

/// One finding about the source, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the source folder where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: usize,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.line > 0 {
            write!(
                f,
                "{}:{}: {severity}: {}",
                self.file.display(),
                self.line,
                self.message
            )
        } else {
            write!(f, "{}: {severity}: {}", self.file.display(), self.message)
        }
    }
}

/// One step of a path into a TOML document: a key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A table key.
    Key(String),
    /// An index into an array or array of tables.
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Seg::Key(key.to_owned())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// Where a record came from: a file and the path of the record's table inside it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file, relative to the source folder.
    pub file: PathBuf,
    /// Path of the record inside the file (empty: the whole file).
    pub path: Vec<Seg>,
}

impl Origin {
    /// The origin of a value below this record.
    pub fn at(&self, segs: impl IntoIterator<Item = Seg>) -> Origin {
        let mut path = self.path.clone();
        path.extend(segs);
        Origin {
            file: self.file.clone(),
            path,
        }
    }
}

/// The text of every file read, to turn an [`Origin`] into a line number.
#[derive(Debug, Default)]
pub struct SourceMap {
    root: PathBuf,
    texts: BTreeMap<PathBuf, String>,
    /// TOML files parsed with positions, on first use (only diagnostics need them).
    docs: RefCell<BTreeMap<PathBuf, Option<toml_edit::Document<String>>>>,
    /// Origins of the top-level records (organisations, events, reports, articles, self-checks) by id,
    /// in load order: more than one only when an id is duplicated.
    pub records: BTreeMap<String, Vec<Origin>>,
}

impl SourceMap {
    /// The source folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// 1-based line of the value at `origin`, or of its nearest ancestor that has a position; 0 if
    /// the file is not a TOML file that was read.
    pub fn line(&self, origin: &Origin) -> usize {
        let Some(text) = self.texts.get(&origin.file) else {
            return 0;
        };
        if origin.file.extension().is_none_or(|ext| ext != "toml") {
            return 0;
        }
        let mut docs = self.docs.borrow_mut();
        let doc = docs
            .entry(origin.file.clone())
            .or_insert_with(|| toml_edit::Document::parse(text.clone()).ok());
        let Some(doc) = doc else { return 0 };
        let mut node = Node::Item(doc.as_item());
        let mut start = None;
        for seg in &origin.path {
            let Some(next) = node.step(seg) else { break };
            node = next;
            start = node.span_start().or(start);
        }
        start.map_or(1, |offset| line_of(text, offset))
    }

    /// A diagnostic at `origin`.
    pub fn diagnostic(
        &self,
        severity: Severity,
        origin: &Origin,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: origin.file.clone(),
            line: self.line(origin),
            message: message.into(),
        }
    }
}

/// A place in a parsed TOML document: tables inside arrays of tables are not `Item`s.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a toml_edit::Item),
    Table(&'a toml_edit::Table),
}

impl<'a> Node<'a> {
    fn step(self, seg: &Seg) -> Option<Node<'a>> {
        match (self, seg) {
            (Node::Table(table), Seg::Key(key)) => table.get(key).map(Node::Item),
            (Node::Table(_), Seg::Index(_)) => None,
            (Node::Item(toml_edit::Item::ArrayOfTables(tables)), Seg::Index(index)) => {
                tables.get(*index).map(Node::Table)
            }
            (Node::Item(item), Seg::Index(index)) => item.get(*index).map(Node::Item),
            (Node::Item(item), Seg::Key(key)) => item.get(key.as_str()).map(Node::Item),
        }
    }

    fn span_start(self) -> Option<usize> {
        match self {
            Node::Item(item) => item.span(),
            Node::Table(table) => table.span(),
        }
        .map(|span| span.start)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Why `path` may not be part of a content source, if it may not: a symbolic link (it could ship a file
/// from anywhere on the admin's machine to every kiosk) or a special file (a FIFO would hang the reader,
/// a device would be read without end). Judged on the entry itself, never on what a link points to.
pub fn not_plain(path: &Path) -> Option<String> {
    let kind = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type(),
        Err(error) => return Some(format!("cannot be read: {error}")),
    };
    if kind.is_symlink() {
        Some(
            "is a symbolic link: content must be plain files and folders inside the content folder"
                .to_owned(),
        )
    } else if !kind.is_file() && !kind.is_dir() {
        Some(
            "is not a plain file or folder (a FIFO, socket or device): refused, not read"
                .to_owned(),
        )
    } else {
        None
    }
}

/// The folders of a content source.
const FOLDERS: [&str; 6] = [
    "organizations",
    "events",
    "reports",
    "articles",
    "selfcheck",
    "synonyms",
];

/// Files and folders that belong beside the records without being records: documentation, hidden
/// files, and the report files under `reports/files/`.
fn is_expected_extra(dir: &Path, name: &str, path: &Path) -> bool {
    name.starts_with('.')
        || name.eq_ignore_ascii_case("README.md")
        || name == crate::translations::REVIEWS_FILE
        || (name == "article.toml"
            && dir
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == "articles"))
        || (path.is_dir() && name == "files" && dir.file_name().is_some_and(|d| d == "reports"))
}

/// The result of reading a source folder.
#[derive(Debug)]
pub struct Loaded {
    /// The records that parsed.
    pub content: Content,
    /// Problems found while reading (unparseable files, unexpected files).
    pub diagnostics: Vec<Diagnostic>,
    /// Where each record came from.
    pub map: SourceMap,
}

/// Reads every record in `root`; never fails on bad content, only reports it.
pub fn load(root: &Path) -> Loaded {
    let mut loader = Loader {
        content: Content::default(),
        diagnostics: Vec::new(),
        map: SourceMap {
            root: root.to_owned(),
            ..SourceMap::default()
        },
    };
    if !root.is_dir() {
        loader.whole_file(
            root,
            format!("content source folder {} does not exist", root.display()),
        );
    } else {
        loader.unexpected_entries(root);
        loader.organizations(&root.join("organizations"));
        loader.events(&root.join("events"));
        loader.reports(&root.join("reports"));
        loader.articles(&root.join("articles"));
        loader.selfchecks(&root.join("selfcheck"));
        loader.synonyms(&root.join("synonyms"));
    }
    let Loader {
        mut content,
        diagnostics,
        map,
    } = loader;
    content.sort();
    Loaded {
        content,
        diagnostics,
        map,
    }
}

struct Loader {
    content: Content,
    diagnostics: Vec<Diagnostic>,
    map: SourceMap,
}

impl Loader {
    fn relative(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.map.root).unwrap_or(path).to_owned()
    }

    fn whole_file(&mut self, path: &Path, message: String) {
        let file = self.relative(path);
        self.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            file,
            line: 0,
            message,
        });
    }

    /// The entries of `dir` that `wanted` accepts, with their names, sorted; every other entry that is
    /// not an expected extra (README, hidden file, `reports/files`) is reported as unexpected. A missing
    /// folder is empty.
    fn select(
        &mut self,
        dir: &Path,
        wanted: impl Fn(&Path, &str) -> bool,
        expected: &str,
    ) -> Vec<(PathBuf, String)> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .collect();
        paths.sort();
        let mut selected = Vec::new();
        for path in paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Some(message) = not_plain(&path) {
                self.whole_file(&path, message);
                continue;
            }
            if wanted(&path, &name) {
                selected.push((path, name));
            } else if !is_expected_extra(dir, &name, &path) {
                self.unexpected(&path, expected);
            }
        }
        selected
    }

    /// Files in `dir` with extension `ext`, sorted.
    fn files(&mut self, dir: &Path, ext: &str) -> Vec<PathBuf> {
        let is_record =
            |path: &Path, _: &str| path.is_file() && path.extension().is_some_and(|e| e == ext);
        self.select(dir, is_record, &format!("*.{ext} files"))
            .into_iter()
            .map(|(path, _)| path)
            .collect()
    }

    /// A warning for a file or folder the loader does not read, so a misspelt name is not silently
    /// left out of the kiosk.
    fn unexpected(&mut self, path: &Path, expected: &str) {
        let file = self.relative(path);
        let message = format!(
            "unexpected {}, ignored (expected {expected})",
            if path.is_dir() { "folder" } else { "file" }
        );
        self.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            file,
            line: 0,
            message,
        });
    }

    fn unexpected_entries(&mut self, root: &Path) {
        let expected = format!("the folders {}", FOLDERS.join(", "));
        self.select(
            root,
            |path, name| path.is_dir() && FOLDERS.contains(&name),
            &expected,
        );
    }

    fn read(&mut self, path: &Path) -> Option<String> {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    self.map.texts.insert(self.relative(path), text.clone());
                    Some(text)
                }
                Err(_) => {
                    self.whole_file(path, "file is not valid UTF-8".to_owned());
                    None
                }
            },
            Err(err) => {
                self.whole_file(path, format!("cannot read file: {err}"));
                None
            }
        }
    }

    fn parse<T: serde::de::DeserializeOwned>(&mut self, path: &Path) -> Option<T> {
        let text = self.read(path)?;
        match toml::from_str::<T>(&text) {
            Ok(value) => Some(value),
            Err(err) => {
                let line = err.span().map_or(0, |span| line_of(&text, span.start));
                let message = err.message().trim().trim_end_matches('.').to_owned();
                let file = self.relative(path);
                self.diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    file,
                    line,
                    message,
                });
                None
            }
        }
    }

    fn record(&mut self, id: &str, path: &Path, segs: Vec<Seg>) {
        let origin = Origin {
            file: self.relative(path),
            path: segs,
        };
        self.map
            .records
            .entry(id.to_owned())
            .or_default()
            .push(origin);
    }

    fn organizations(&mut self, dir: &Path) {
        for path in self.files(dir, "toml") {
            if let Some(org) = self.parse::<Organization>(&path) {
                self.record(&org.id, &path, Vec::new());
                self.content.organizations.push(org);
            }
        }
    }

    fn events(&mut self, dir: &Path) {
        for path in self.files(dir, "toml") {
            if let Some(file) = self.parse::<EventFile>(&path) {
                for (index, event) in file.events.into_iter().enumerate() {
                    self.record(&event.id, &path, vec!["event".into(), index.into()]);
                    self.content.events.push(event);
                }
            }
        }
    }

    fn reports(&mut self, dir: &Path) {
        for path in self.files(dir, "toml") {
            if let Some(report) = self.parse::<Report>(&path) {
                self.record(&report.id, &path, Vec::new());
                self.content.reports.push(report);
            }
        }
    }

    fn selfchecks(&mut self, dir: &Path) {
        for path in self.files(dir, "toml") {
            if let Some(check) = self.parse::<SelfCheck>(&path) {
                self.record(&check.id, &path, Vec::new());
                self.content.selfchecks.push(check);
            }
        }
    }

    /// `synonyms/<locale>.txt`: one group per line, words separated by commas, `#` starts a comment.
    fn synonyms(&mut self, dir: &Path) {
        for path in self.files(dir, "txt") {
            let locale = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(text) = self.read(&path) else {
                continue;
            };
            let file = self.relative(&path);
            let (groups, problems) = parse_synonyms(&text);
            for (line, message) in problems {
                self.diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    file: file.clone(),
                    line,
                    message,
                });
            }
            self.content.synonyms.insert(locale, groups);
        }
    }

    fn articles(&mut self, dir: &Path) {
        for (folder, id) in self.select(dir, |path, _| path.is_dir(), "a folder per article") {
            let meta_path = folder.join("article.toml");
            if !meta_path.is_file() {
                self.whole_file(&meta_path, "article folder has no article.toml".to_owned());
                continue;
            }
            let Some(meta) = self.parse::<ArticleMeta>(&meta_path) else {
                continue;
            };
            let mut body = BTreeMap::new();
            for md in self.files(&folder, "md") {
                let locale = md
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if let Some(text) = self.read(&md) {
                    body.insert(locale, text);
                }
            }
            self.record(&id, &meta_path, Vec::new());
            self.content.articles.push(Article {
                id,
                order: meta.order,
                topics: meta.topics,
                translation: meta.translation,
                provenance: meta.provenance,
                body,
                keywords: meta.keywords,
            });
        }
    }
}

/// The groups of a synonym list and its problems as (line, message).
///
/// A group is a line of two or more single words separated by commas; a word is letters (with an
/// apostrophe or hyphen inside); a word may be in one group only.
pub fn parse_synonyms(text: &str) -> (Vec<Vec<String>>, Vec<(usize, String)>) {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split(',').map(str::trim).collect();
        let mut group = Vec::new();
        let mut ok = true;
        for word in &words {
            let problem = if word.is_empty() {
                Some("an empty word (two commas in a row, or a comma at the end)".to_owned())
            } else if word.contains(char::is_whitespace) {
                Some(format!(
                    "{word:?} is more than one word: a synonym is a single word"
                ))
            } else if !word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | 'ʼ' | '-'))
            {
                Some(format!("{word:?} holds a character that is not a letter"))
            } else {
                None
            };
            if let Some(problem) = problem {
                problems.push((number, problem));
                ok = false;
                continue;
            }
            let word = word.to_lowercase();
            if let Some(first) = seen.get(&word) {
                problems.push((
                    number,
                    format!("{word:?} is already in the group on line {first}: a word belongs to one group"),
                ));
                ok = false;
                continue;
            }
            seen.insert(word.clone(), number);
            group.push(word);
        }
        if ok && group.len() < 2 {
            problems.push((
                number,
                "a group needs two words or more, separated by commas".to_owned(),
            ));
        } else if ok {
            groups.push(group);
        }
    }
    (groups, problems)
}

/// Writes `content` as source files into `root` (the layout `load` reads); returns the number of files.
/// Refuses, before writing anything, when a file exists and `force` is false.
pub fn write(content: &Content, root: &Path, force: bool) -> crate::Result<usize> {
    // Ids and locales become file names: refuse anything that could leave `root` or surprise a reader.
    let ids = content
        .organizations
        .iter()
        .map(|o| &o.id)
        .chain(content.reports.iter().map(|r| &r.id));
    let ids = ids
        .chain(content.articles.iter().map(|a| &a.id))
        .chain(content.selfchecks.iter().map(|c| &c.id));
    for id in ids {
        if !is_file_name(id, false) {
            return Err(crate::Error::InvalidName(id.clone()));
        }
    }
    let locales = content.articles.iter().flat_map(|a| a.body.keys());
    for locale in locales.chain(content.synonyms.keys()) {
        if !is_file_name(locale, true) {
            return Err(crate::Error::InvalidName(locale.clone()));
        }
    }
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for org in &content.organizations {
        files.push((
            root.join("organizations").join(format!("{}.toml", org.id)),
            toml(org)?,
        ));
    }
    if !content.events.is_empty() {
        let events = EventFile {
            events: content.events.clone(),
        };
        files.push((root.join("events").join("imported.toml"), toml(&events)?));
    }
    for report in &content.reports {
        files.push((
            root.join("reports").join(format!("{}.toml", report.id)),
            toml(report)?,
        ));
    }
    for article in &content.articles {
        let folder = root.join("articles").join(&article.id);
        let meta = ArticleMeta {
            order: article.order,
            topics: article.topics.clone(),
            keywords: article.keywords.clone(),
            translation: article.translation.clone(),
            provenance: article.provenance.clone(),
        };
        files.push((folder.join("article.toml"), toml(&meta)?));
        for (locale, body) in &article.body {
            files.push((folder.join(format!("{locale}.md")), body.clone()));
        }
    }
    for check in &content.selfchecks {
        files.push((
            root.join("selfcheck").join(format!("{}.toml", check.id)),
            toml(check)?,
        ));
    }
    for (locale, groups) in &content.synonyms {
        let lines: Vec<String> = groups.iter().map(|group| group.join(", ") + "\n").collect();
        files.push((
            root.join("synonyms").join(format!("{locale}.txt")),
            lines.concat(),
        ));
    }
    if !force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(path, _)| path.exists())
            .map(|(path, _)| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(crate::Error::Io {
                path: root.to_owned(),
                source: std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!("would overwrite {} (use --force)", existing.join(", ")),
                ),
            });
        }
    }
    for (path, text) in &files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| crate::Error::Io {
                path: parent.to_owned(),
                source,
            })?;
        }
        std::fs::write(path, text).map_err(|source| crate::Error::Io {
            path: path.clone(),
            source,
        })?;
    }
    Ok(files.len())
}

fn toml<T: serde::Serialize>(value: &T) -> crate::Result<String> {
    toml::to_string_pretty(value).map_err(|err| crate::Error::Toml(err.to_string()))
}

/// An id (`a-z 0-9 -`) or a locale tag (also `A-Z`) that is safe as a file name.
fn is_file_name(name: &str, upper: bool) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name.len() <= 80
        && name.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'-'
                || (upper && b.is_ascii_uppercase())
        })
}
