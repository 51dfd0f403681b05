//! The glossary: one term per concept per locale, enforced on the UI strings.
//!
//! `resources/locales/glossary.toml` lists concepts; for each locale the term to write (`use`) and the
//! forms that must not appear (`avoid`). A form is matched case-insensitively at the start of a word, so
//! a stem (`uzticības tālru`) covers its inflections. Only message text is searched: comments, ids,
//! variant keys and placeables (`{ $count }`) are not text a visitor reads.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::folders::{Folder, read_locales};
use crate::lint::{LintProblem, Severity};

/// The glossary's file name in the locales folder.
pub const GLOSSARY_FILE: &str = "glossary.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Glossary {
    #[serde(default)]
    term: Vec<Term>,
}

#[derive(Debug, Deserialize)]
struct Term {
    concept: String,
    #[serde(flatten)]
    locales: BTreeMap<String, Usage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Usage {
    #[serde(rename = "use")]
    preferred: String,
    #[serde(default)]
    avoid: Vec<String>,
}

/// Checks the `.ftl` files of every locale folder under `dir` against `dir/glossary.toml`. No glossary:
/// nothing to check. A glossary that does not parse, names a locale with no folder, or lists an empty
/// form is an error on the glossary itself.
pub fn check_glossary(dir: &Path) -> Vec<LintProblem> {
    let path = dir.join(GLOSSARY_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => return vec![glossary_problem(&path, 0, format!("cannot read: {error}"))],
    };
    let glossary: Glossary = match toml::from_str(&text) {
        Ok(glossary) => glossary,
        Err(error) => {
            let line = error.span().map_or(0, |span| line_of(&text, span.start));
            return vec![glossary_problem(&path, line, error.message().to_owned())];
        }
    };
    let folders = match read_locales(dir) {
        Ok(folders) => folders,
        Err(error) => return vec![glossary_problem(&path, 0, error.to_string())],
    };
    let mut problems = Vec::new();
    for term in &glossary.term {
        for (locale, usage) in &term.locales {
            let line = text
                .find(&format!("concept = {:?}", term.concept))
                .map_or(0, |at| line_of(&text, at));
            if !folders.iter().any(|folder| &folder.name == locale) {
                problems.push(glossary_problem(
                    &path,
                    line,
                    format!(
                        "{:?} names locale {locale:?}, which has no folder",
                        term.concept
                    ),
                ));
            }
            if usage.preferred.trim().is_empty() || usage.avoid.iter().any(|f| f.trim().is_empty())
            {
                problems.push(glossary_problem(
                    &path,
                    line,
                    format!("{:?} in {locale:?} has an empty term or form", term.concept),
                ));
            }
        }
    }
    for folder in &folders {
        problems.extend(check_folder(&glossary, folder));
    }
    problems
}

fn check_folder(glossary: &Glossary, folder: &Folder) -> Vec<LintProblem> {
    let mut problems = Vec::new();
    for file in &folder.files {
        for (index, line) in file.text.lines().enumerate() {
            let visible = visible_text(line).to_lowercase();
            for term in &glossary.term {
                let Some(usage) = term.locales.get(&folder.name) else {
                    continue;
                };
                // An empty form is reported on the glossary; it would match everywhere.
                for form in usage.avoid.iter().filter(|form| !form.trim().is_empty()) {
                    if contains_at_word_start(&visible, &form.to_lowercase()) {
                        problems.push(LintProblem {
                            severity: Severity::Error,
                            locale: folder.name.clone(),
                            file: file.path.clone(),
                            line: index + 1,
                            id: None,
                            message: format!(
                                "{form:?} is not the glossary's term for {}: write {:?}",
                                term.concept, usage.preferred
                            ),
                        });
                    }
                }
            }
        }
    }
    problems
}

/// The part of one `.ftl` line a visitor reads: nothing for a comment, the value after `id =` or
/// `.attribute =`, the text after a variant key, with every placeable blanked out.
fn visible_text(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return String::new();
    }
    let starts_definition = !line.starts_with([' ', '\t']) || trimmed.starts_with('.');
    let value = if starts_definition {
        trimmed.split_once('=').map_or("", |(_, value)| value)
    } else if trimmed.starts_with('[') || trimmed.starts_with("*[") {
        trimmed.split_once(']').map_or("", |(_, value)| value)
    } else {
        trimmed
    };
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// Whether `form` occurs in `text` where a word starts (or where `form` itself does not start with a
/// letter, such as an apostrophe, anywhere).
fn contains_at_word_start(text: &str, form: &str) -> bool {
    let wordlike = form.chars().next().is_some_and(char::is_alphanumeric);
    text.match_indices(form).any(|(at, _)| {
        !wordlike
            || text[..at]
                .chars()
                .next_back()
                .is_none_or(|before| !before.is_alphanumeric())
    })
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn glossary_problem(path: &Path, line: usize, message: String) -> LintProblem {
    LintProblem {
        severity: Severity::Error,
        locale: String::new(),
        file: PathBuf::from(path),
        line,
        id: None,
        message: format!("glossary: {message}"),
    }
}
