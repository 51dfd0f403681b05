//! The lint: every locale folder checked on its own and against the reference locale.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::folders::{Folder, SourceFile, read_locales};
use crate::localizer::parse_folder_tag;
use crate::syntax::{self, Definition, Duplicate, FactsById, PLURAL_CATEGORIES};
use crate::{Error, REFERENCE_LOCALE};

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
/// - number literals the formatter cannot handle (error);
/// - a form the glossary (`glossary.toml` in `dir`) says to avoid, or a glossary that does not parse (error).
///
/// Never panics: whatever is in `dir` becomes problems, sorted by file and line.
pub fn lint(dir: &Path) -> Vec<LintProblem> {
    let folders = match read_locales(dir) {
        Ok(folders) => folders,
        Err(error) => return vec![unreadable("", &error, "locales folder")],
    };
    let mut problems: Vec<LintProblem> = folders
        .iter()
        .flat_map(|folder| {
            let name = &folder.name;
            let errors = folder.unreadable.iter();
            errors.map(|error| unreadable(name, error, "locale folder"))
        })
        .collect();
    problems.extend(lint_folders(dir, &folders));
    problems.extend(crate::glossary::check_glossary(dir));
    problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    problems
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

/// The problem of something [`read_locales`] could not read; `folder` names what a folder is.
fn unreadable(locale: &str, error: &Error, folder: &str) -> LintProblem {
    let (path, message) = match error {
        Error::ReadDir { path, source } => (
            path.as_path(),
            format!("cannot read the {folder}: {source}"),
        ),
        Error::ReadFile { path, source } => {
            (path.as_path(), format!("cannot read the file: {source}"))
        }
        // Not returned by `read_locales`.
        other => (Path::new(locale), other.to_string()),
    };
    problem(Severity::Error, locale, path, 0, None, message)
}

/// A parsed locale folder.
#[derive(Debug)]
struct LocaleInfo<'a> {
    folder: &'a Folder,
    /// The canonical tag.
    tag: String,
    categories: BTreeSet<&'static str>,
    /// Messages by id and terms by `-id`, first definition; [`Definition::source`] indexes
    /// [`Folder::files`].
    facts: FactsById,
}

impl LocaleInfo<'_> {
    /// The file a definition is in.
    fn file(&self, definition: &Definition) -> &Path {
        self.folder
            .files
            .get(definition.source)
            .map_or(&self.folder.path, |file| &file.path)
    }

    fn problem(
        &self,
        severity: Severity,
        file: &Path,
        line: usize,
        id: &str,
        message: String,
    ) -> LintProblem {
        problem(severity, &self.folder.name, file, line, Some(id), message)
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
            folder,
            tag: tag.canonical,
            categories: syntax::plural_categories(&tag.langid),
            facts: FactsById::default(),
        };
        for (index, file) in folder.files.iter().enumerate() {
            parse_file(&mut locale, index, file, &mut problems);
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

fn parse_file(
    locale: &mut LocaleInfo<'_>,
    index: usize,
    file: &SourceFile,
    problems: &mut Vec<LintProblem>,
) {
    let text = file.text.as_str();
    let lines = syntax::LineIndex::new(text);
    let name = &locale.folder.name;
    if let Some(at) = syntax::too_deep(text) {
        let message = format!(
            "placeables nested more than {} deep: the file was not parsed",
            syntax::MAX_NESTING
        );
        let line = lines.line(at);
        problems.push(problem(
            Severity::Error,
            name,
            &file.path,
            line,
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
                let line = lines.line(error.pos.start.min(text.trim_end().len()));
                problems.push(problem(
                    Severity::Error,
                    name,
                    &file.path,
                    line,
                    id,
                    message,
                ));
            }
            resource
        }
    };
    for Duplicate { id, line } in locale.facts.add(index, text, &resource.body) {
        let first = match locale.facts.get(&id) {
            Some(first) => {
                let file = locale.file(first).file_name().unwrap_or_default();
                format!(" (first at {}:{})", file.to_string_lossy(), first.line)
            }
            None => String::new(),
        };
        let message = format!("`{id}` is defined twice{first}");
        problems.push(locale.problem(Severity::Error, &file.path, line, &id, message));
    }
}

/// Checks that need only the locale itself (and, for plural selectors, the reference's message).
fn check_locale(
    locale: &LocaleInfo<'_>,
    reference: Option<&LocaleInfo<'_>>,
    problems: &mut Vec<LintProblem>,
) {
    for (id, entry) in locale.facts.iter() {
        let file = locale.file(entry);
        let report = |severity, message| locale.problem(severity, file, entry.line, id, message);
        for hazard in &entry.facts.hazards {
            problems.push(report(Severity::Error, format!("`{id}`: {hazard}")));
        }
        let reference_plurals: BTreeSet<&String> = reference
            .and_then(|reference| reference.facts.get(id))
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
        for target in references.filter(|target| !locale.facts.contains(target)) {
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
fn compare(locale: &LocaleInfo<'_>, reference: &LocaleInfo<'_>, problems: &mut Vec<LintProblem>) {
    for (id, expected) in reference.facts.messages() {
        if !locale.facts.contains(id) {
            let file = locale
                .folder
                .path
                .join(reference.file(expected).file_name().unwrap_or_default());
            let message = format!("`{id}` is not translated yet");
            problems.push(locale.problem(Severity::Warning, &file, 0, id, message));
        }
    }
    for (id, entry) in locale.facts.messages() {
        let file = locale.file(entry);
        let report = |severity, message| locale.problem(severity, file, entry.line, id, message);
        let Some(expected) = reference.facts.get(id) else {
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
