//! The lint: every locale folder checked on its own and against the reference locale.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use crate::REFERENCE_LOCALE;
use crate::localizer::{ftl_files, locale_folders, parse_folder_tag};
use crate::syntax::{self, Facts, PLURAL_CATEGORIES};

/// How bad a [`LintProblem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Wrong: text would be lost, broken or never shown. Fails the build.
    Error,
    /// Incomplete: the kiosk falls back to English. Reported, does not fail the build.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// One problem found by [`lint`]. Displays as `file:line: severity: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintProblem {
    /// How bad it is.
    pub severity: Severity,
    /// The locale folder's name (`lv`), as found on disk.
    pub locale: String,
    /// The file (or folder) concerned.
    pub file: PathBuf,
    /// 1-based line, 0 when not known (e.g. a message missing from a file).
    pub line: usize,
    /// The message or term id concerned (terms with their `-`), when there is one.
    pub id: Option<String>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl fmt::Display for LintProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.severity,
            self.message
        )
    }
}

/// Checks every locale folder under `dir` (normally `resources/locales`) against the reference locale `en`:
///
/// - syntax errors, including a select without a default variant (error, with line);
/// - a folder name that is not a valid BCP 47 tag (error), the reference folder missing (error);
/// - ids duplicated within a locale (error), references to messages or terms the locale lacks (error);
/// - message ids `en` has and the locale lacks (warning) or the locale has and `en` lacks (error);
/// - variables used in a translation and not in `en`'s message or the other way round (error);
/// - attributes the locale lacks (warning) or `en` lacks (error);
/// - a default variant other than `*[other]` (error);
/// - a selector on a number without every CLDR plural category the locale has: `lv` zero/one/other,
///   `ru` and `uk` one/few/many/other, `en` and `et` one/other (warning);
/// - number literals the formatter cannot handle (error).
///
/// Never panics: whatever is in `dir` becomes problems, sorted by file and line.
pub fn lint(dir: &Path) -> Vec<LintProblem> {
    let mut problems = Vec::new();
    let Some(folders) = read_folders(dir, &mut problems) else {
        return problems;
    };
    problems.extend(lint_folders(dir, &folders));
    problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    problems
}

/// One `.ftl` file's text.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// One locale folder as read from disk.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    pub name: String,
    pub path: PathBuf,
    pub files: Vec<SourceFile>,
}

fn problem(
    severity: Severity,
    locale: &str,
    file: &Path,
    line: usize,
    id: Option<&str>,
    message: String,
) -> LintProblem {
    LintProblem {
        severity,
        locale: locale.to_owned(),
        file: file.to_owned(),
        line,
        id: id.map(str::to_owned),
        message,
    }
}

/// The locale folders under `dir`, or `None` when `dir` itself cannot be read.
fn read_folders(dir: &Path, problems: &mut Vec<LintProblem>) -> Option<Vec<Folder>> {
    let folders = match locale_folders(dir) {
        Ok(folders) => folders,
        Err(error) => {
            let message = format!("cannot read the locales folder: {error}");
            problems.push(problem(Severity::Error, "", dir, 0, None, message));
            return None;
        }
    };
    let mut read = Vec::new();
    for (name, path) in folders {
        let paths = match ftl_files(&path) {
            Ok(paths) => paths,
            Err(error) => {
                let message = format!("cannot read the locale folder: {error}");
                problems.push(problem(Severity::Error, &name, &path, 0, None, message));
                continue;
            }
        };
        let mut files = Vec::new();
        for file in paths {
            match fs::read_to_string(&file) {
                Ok(text) => files.push(SourceFile { path: file, text }),
                Err(error) => {
                    let message = format!("cannot read the file: {error}");
                    problems.push(problem(Severity::Error, &name, &file, 0, None, message));
                }
            }
        }
        read.push(Folder { name, path, files });
    }
    Some(read)
}

/// Where an entry is defined, and what it uses.
#[derive(Debug)]
struct Entry {
    file: PathBuf,
    line: usize,
    facts: Facts,
}

/// A parsed locale folder.
#[derive(Debug)]
struct LocaleInfo {
    /// The folder name as found.
    name: String,
    /// The canonical tag.
    tag: String,
    folder: PathBuf,
    categories: BTreeSet<&'static str>,
    /// Messages by id and terms by `-id`, first definition.
    entries: BTreeMap<String, Entry>,
}

impl LocaleInfo {
    fn messages(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter().filter(|(id, _)| !id.starts_with('-'))
    }

    fn problem(
        &self,
        severity: Severity,
        file: &Path,
        line: usize,
        id: &str,
        message: String,
    ) -> LintProblem {
        problem(severity, &self.name, file, line, Some(id), message)
    }
}

/// The lint on folders already read: pure, so it can be tested on text alone.
pub(crate) fn lint_folders(dir: &Path, folders: &[Folder]) -> Vec<LintProblem> {
    let mut problems = Vec::new();
    let mut locales = Vec::new();
    for folder in folders {
        let Some(tag) = parse_folder_tag(&folder.name) else {
            let message = format!(
                "folder name `{}` is not a valid BCP 47 language tag",
                folder.name
            );
            problems.push(problem(
                Severity::Error,
                &folder.name,
                &folder.path,
                0,
                None,
                message,
            ));
            continue;
        };
        if tag.canonical != folder.name {
            let message = format!(
                "folder name `{}` should be written `{}`",
                folder.name, tag.canonical
            );
            problems.push(problem(
                Severity::Warning,
                &folder.name,
                &folder.path,
                0,
                None,
                message,
            ));
        }
        let mut locale = LocaleInfo {
            name: folder.name.clone(),
            tag: tag.canonical,
            folder: folder.path.clone(),
            categories: syntax::plural_categories(&tag.langid),
            entries: BTreeMap::new(),
        };
        for file in &folder.files {
            parse_file(&mut locale, file, &mut problems);
        }
        locales.push(locale);
    }
    let reference = locales.iter().find(|locale| locale.tag == REFERENCE_LOCALE);
    if reference.is_none() {
        let message = format!("the reference locale folder `{REFERENCE_LOCALE}` is missing");
        problems.push(problem(
            Severity::Error,
            REFERENCE_LOCALE,
            &dir.join(REFERENCE_LOCALE),
            0,
            None,
            message,
        ));
    }
    for locale in &locales {
        check_locale(locale, reference, &mut problems);
        if let Some(reference) = reference.filter(|reference| reference.tag != locale.tag) {
            compare(locale, reference, &mut problems);
        }
    }
    problems
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

fn parse_file(locale: &mut LocaleInfo, file: &SourceFile, problems: &mut Vec<LintProblem>) {
    let text = file.text.as_str();
    if let Some(at) = syntax::too_deep(text) {
        let message = format!(
            "placeables nested more than {} deep: the file was not parsed",
            syntax::MAX_NESTING
        );
        problems.push(problem(
            Severity::Error,
            &locale.name,
            &file.path,
            syntax::line_at(text, at),
            None,
            message,
        ));
        return;
    }
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                let id = error
                    .slice
                    .and_then(|slice| text.get(slice))
                    .and_then(|junk| {
                        syntax::leading_identifier(junk.lines().next().unwrap_or_default())
                    });
                let kind = lowercase_first(&error.kind.to_string());
                let message = match id {
                    Some(id) => format!("syntax error in `{id}`: {kind}"),
                    None => format!("syntax error: {kind}"),
                };
                // An error at the end of the file belongs to its last line, not the empty one after it.
                let line = syntax::line_at(text, error.pos.start.min(text.trim_end().len()));
                problems.push(problem(
                    Severity::Error,
                    &locale.name,
                    &file.path,
                    line,
                    id,
                    message,
                ));
            }
            resource
        }
    };
    let lines = syntax::entry_lines(text);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for entry in &resource.body {
        let (id, facts) = match entry {
            ast::Entry::Message(message) => {
                (message.id.name.to_owned(), Facts::of_message(message))
            }
            ast::Entry::Term(term) => (format!("-{}", term.id.name), Facts::of_term(term)),
            _ => continue,
        };
        let nth = seen.entry(id.clone()).or_insert(0);
        let line = lines
            .get(id.as_str())
            .and_then(|found| found.get(*nth))
            .copied()
            .unwrap_or(0);
        *nth += 1;
        if let Some(first) = locale.entries.get(&id) {
            let first_file = first.file.file_name().unwrap_or_default().to_string_lossy();
            let message = format!(
                "`{id}` is defined twice (first at {first_file}:{})",
                first.line
            );
            problems.push(locale.problem(Severity::Error, &file.path, line, &id, message));
            continue;
        }
        locale.entries.insert(
            id,
            Entry {
                file: file.path.clone(),
                line,
                facts,
            },
        );
    }
}

/// Checks that need only the locale itself (and, for plural selectors, the reference's message).
fn check_locale(
    locale: &LocaleInfo,
    reference: Option<&LocaleInfo>,
    problems: &mut Vec<LintProblem>,
) {
    for (id, entry) in &locale.entries {
        let report =
            |severity, message| locale.problem(severity, &entry.file, entry.line, id, message);
        for hazard in &entry.facts.hazards {
            problems.push(report(Severity::Error, format!("`{id}`: {hazard}")));
        }
        let reference_plurals: BTreeSet<&String> = reference
            .and_then(|reference| reference.entries.get(id))
            .map(|found| {
                found
                    .facts
                    .selects
                    .iter()
                    .filter(|s| s.plural)
                    .filter_map(|s| s.variable.as_ref())
                    .collect()
            })
            .unwrap_or_default();
        for select in &entry.facts.selects {
            let on = select
                .variable
                .as_ref()
                .map_or_else(|| "a number".to_owned(), |name| format!("${name}"));
            if let Some(default) = select
                .default
                .as_ref()
                .filter(|default| *default != "other")
            {
                let message = format!(
                    "`{id}`: the default variant of the selector on {on} is *[{default}], not *[other]"
                );
                problems.push(report(Severity::Error, message));
            }
            let plural = select.plural
                || select
                    .variable
                    .as_ref()
                    .is_some_and(|name| reference_plurals.contains(name));
            if !plural {
                continue;
            }
            let needs: Vec<&str> = PLURAL_CATEGORIES
                .into_iter()
                .filter(|category| locale.categories.contains(category))
                .collect();
            let missing: Vec<&str> = needs
                .iter()
                .copied()
                .filter(|category| !select.keys.contains(*category))
                .collect();
            if !missing.is_empty() {
                let message = format!(
                    "`{id}`: the selector on {on} lacks [{}] ({} needs {})",
                    missing.join("], ["),
                    locale.tag,
                    needs.join(", ")
                );
                problems.push(report(Severity::Warning, message));
            }
        }
        let references = entry.facts.messages.iter().chain(&entry.facts.terms);
        for target in references.filter(|target| !locale.entries.contains_key(*target)) {
            let what = if target.starts_with('-') {
                "term"
            } else {
                "message"
            };
            let message = format!(
                "`{id}` uses {what} `{target}`, which {} does not define",
                locale.tag
            );
            problems.push(report(Severity::Error, message));
        }
    }
}

/// Checks of a locale against the reference locale.
fn compare(locale: &LocaleInfo, reference: &LocaleInfo, problems: &mut Vec<LintProblem>) {
    for (id, expected) in reference.messages() {
        if !locale.entries.contains_key(id) {
            let file = locale
                .folder
                .join(expected.file.file_name().unwrap_or_default());
            let message = format!("`{id}` is not translated yet");
            problems.push(locale.problem(Severity::Warning, &file, 0, id, message));
        }
    }
    for (id, entry) in locale.messages() {
        let report =
            |severity, message| locale.problem(severity, &entry.file, entry.line, id, message);
        let Some(expected) = reference.entries.get(id) else {
            let message =
                format!("`{id}` is not in {REFERENCE_LOCALE}: add it there first or remove it");
            problems.push(report(Severity::Error, message));
            continue;
        };
        let (ours, theirs) = (&entry.facts, &expected.facts);
        for variable in ours.variables.difference(&theirs.variables) {
            let message =
                format!("`{id}` uses ${variable}, which the {REFERENCE_LOCALE} message does not");
            problems.push(report(Severity::Error, message));
        }
        for variable in theirs.variables.difference(&ours.variables) {
            let message = format!(
                "`{id}` does not use ${variable}, which the {REFERENCE_LOCALE} message uses"
            );
            problems.push(report(Severity::Error, message));
        }
        for attribute in ours.attributes.difference(&theirs.attributes) {
            let message = format!(
                "`{id}` has attribute .{attribute}, which the {REFERENCE_LOCALE} message lacks"
            );
            problems.push(report(Severity::Error, message));
        }
        for attribute in theirs.attributes.difference(&ours.attributes) {
            let message = format!(
                "`{id}` lacks attribute .{attribute}, which the {REFERENCE_LOCALE} message has"
            );
            problems.push(report(Severity::Warning, message));
        }
    }
}
