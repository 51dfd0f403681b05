//! Facts about Fluent sources and syntax trees, shared by the localizer and the lint: nesting depth, line
//! numbers, the variables, references and selectors of a message, plural categories of a language, and the
//! constructs that would make `fluent-bundle` panic.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

/// Deepest nesting of placeables and call parentheses accepted in a source file. The Fluent parser and
/// resolver recurse once per level; real messages use two or three, hostile text could exhaust the stack.
pub(crate) const MAX_NESTING: usize = 32;

/// Most digits a number literal may have after the decimal point, and the largest `minimumFractionDigits`.
/// `fluent-bundle` scales a number's visible fraction digits by `10^(minimum fraction digits - digits)` into
/// a `u64` to select a plural variant, which overflows (a panic in debug builds) from 20 digits on; padding
/// the text to a huge minimum can exhaust memory. 12 leaves a margin and is more than any text needs.
const MAX_FRACTION_DIGITS: usize = 12;

/// The CLDR plural categories, in CLDR order.
pub(crate) const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A placeable or call [`too_deep`] has seen open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// `{`: an expression up to its `->`, then variants, whose text may hold anything but braces.
    Placeable { variants: bool },
    /// `(` of call arguments: expressions only.
    Call,
}

/// Where in `source` (byte offset) placeables and call parentheses first nest deeper than [`MAX_NESTING`];
/// `None` when they never do.
///
/// The parser only nests inside an entry it can parse so far: after an error it skips to the next line that
/// starts an entry, and there it starts at depth 0. So this follows the grammar as `fluent-syntax` parses it,
/// and it only has to be exact on text that parses:
/// - a `"` starts a string literal (which hides braces up to its end) only directly in an expression or call
///   arguments; in text, variant text included, it is just text;
/// - `(` opens, and `)` closes, call arguments only in an expression; in text they are just text;
/// - `}` closes the innermost placeable;
/// - a line starting with `#` or `id =` always starts a comment or entry (the parser either is between
///   entries there or fails on that line before nesting), so everything open is forgotten.
///
/// What does not parse makes this count too much rather than too little, never too little.
pub(crate) fn too_deep(source: &str) -> Option<usize> {
    let mut open: Vec<Opener> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut in_comment = false;
    let mut chars = source.char_indices().peekable();
    let mut line_start = true;
    while let Some((at, c)) = chars.next() {
        if line_start {
            let line = source[at..].split('\n').next().unwrap_or_default();
            if line.starts_with('#') || leading_identifier(line).is_some() {
                open.clear();
                in_comment = line.starts_with('#');
            }
        }
        line_start = c == '\n';
        if c == '\n' {
            // Neither comments nor string literals span lines.
            (in_comment, in_string, escaped) = (false, false, false);
            continue;
        }
        if in_comment {
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        let expression = matches!(
            open.last(),
            Some(Opener::Call | Opener::Placeable { variants: false })
        );
        let opened = match c {
            '{' => Opener::Placeable { variants: false },
            '(' if expression => Opener::Call,
            '"' if expression => {
                in_string = true;
                continue;
            }
            ')' => {
                if open.last() == Some(&Opener::Call) {
                    open.pop();
                }
                continue;
            }
            '}' => {
                let placeable = open
                    .iter()
                    .rposition(|opener| matches!(opener, Opener::Placeable { .. }));
                open.truncate(placeable.unwrap_or(0));
                continue;
            }
            '-' if chars.peek().is_some_and(|&(_, next)| next == '>') => {
                if let Some(Opener::Placeable { variants }) = open.last_mut() {
                    *variants = true;
                }
                continue;
            }
            _ => continue,
        };
        open.push(opened);
        if open.len() > MAX_NESTING {
            return Some(at);
        }
    }
    None
}

/// The 1-based lines of byte offsets in one source.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    /// Where lines 2, 3, … start.
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(source: &str) -> Self {
        let starts = source.match_indices('\n').map(|(at, _)| at + 1).collect();
        Self { starts }
    }

    /// The line of byte offset `byte`; past the end, the last line.
    pub(crate) fn line(&self, byte: usize) -> usize {
        self.starts.partition_point(|&start| start <= byte) + 1
    }
}

/// Where `part` starts in `source` (byte offset), when it is a slice of it, as the names in a syntax tree
/// parsed from `source` are.
pub(crate) fn offset_in(source: &str, part: &str) -> Option<usize> {
    let offset = part.as_ptr().addr().checked_sub(source.as_ptr().addr())?;
    (offset + part.len() <= source.len()).then_some(offset)
}

/// The identifier an entry starts with (`id` of `id = …`, `-term` of `-term = …`), if `text` starts with one.
pub(crate) fn leading_identifier(text: &str) -> Option<&str> {
    let body = text.strip_prefix('-').unwrap_or(text);
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let id_len = len + (text.len() - body.len());
    let rest = text[id_len..].trim_start_matches([' ', '\t']);
    rest.starts_with('=').then(|| &text[..id_len])
}

/// A select expression, as far as the lint cares.
#[derive(Debug, Clone, Default)]
pub(crate) struct Select {
    /// The variable selected on (`$count` in `{ $count -> …}` or `{ NUMBER($count) -> …}`), without `$`.
    pub variable: Option<String>,
    /// Whether it selects on a number: `NUMBER()`, a number key, or a plural category key other than `other`.
    pub plural: bool,
    /// Every variant key.
    pub keys: BTreeSet<String>,
    /// The default (`*`) variant's key.
    pub default: Option<String>,
}

/// What a message (value and attributes) or term uses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// Whether it has a value: terms always do, messages may have attributes only.
    pub value: bool,
    /// Variables, without `$`.
    pub variables: BTreeSet<String>,
    /// Referenced messages (without attribute).
    pub messages: BTreeSet<String>,
    /// Referenced terms, with their `-`.
    pub terms: BTreeSet<String>,
    /// Select expressions.
    pub selects: Vec<Select>,
    /// Attribute names.
    pub attributes: BTreeSet<String>,
    /// Constructs `fluent-bundle` cannot format without panicking, described.
    pub hazards: Vec<String>,
}

impl Facts {
    /// Facts about a message: its value and all its attributes.
    pub(crate) fn of_message(message: &ast::Message<&str>) -> Self {
        let mut facts = Self {
            value: message.value.is_some(),
            ..Self::default()
        };
        if let Some(value) = &message.value {
            facts.pattern(value);
        }
        for attribute in &message.attributes {
            facts.attributes.insert(attribute.id.name.to_owned());
            facts.pattern(&attribute.value);
        }
        facts
    }

    /// Facts about a term: its value and all its attributes.
    pub(crate) fn of_term(term: &ast::Term<&str>) -> Self {
        let mut facts = Self {
            value: true,
            ..Self::default()
        };
        facts.pattern(&term.value);
        for attribute in &term.attributes {
            facts.attributes.insert(attribute.id.name.to_owned());
            facts.pattern(&attribute.value);
        }
        facts
    }

    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                let mut select = Select {
                    variable: selected_variable(selector),
                    plural: matches!(selector, ast::InlineExpression::FunctionReference { id, .. } if id.name == "NUMBER"),
                    ..Select::default()
                };
                for variant in variants {
                    let key = match &variant.key {
                        ast::VariantKey::Identifier { name } => {
                            select.plural |= PLURAL_CATEGORIES.contains(name) && *name != "other";
                            (*name).to_owned()
                        }
                        ast::VariantKey::NumberLiteral { value } => {
                            select.plural = true;
                            self.number(value);
                            (*value).to_owned()
                        }
                    };
                    if variant.default {
                        select.default = Some(key.clone());
                    }
                    select.keys.insert(key);
                    self.pattern(&variant.value);
                }
                self.selects.push(select);
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::StringLiteral { .. } => {}
            ast::InlineExpression::NumberLiteral { value } => self.number(value),
            ast::InlineExpression::FunctionReference { arguments, .. } => self.arguments(arguments),
            ast::InlineExpression::MessageReference { id, .. } => {
                self.messages.insert(id.name.to_owned());
            }
            ast::InlineExpression::TermReference { id, arguments, .. } => {
                self.terms.insert(format!("-{}", id.name));
                if let Some(arguments) = arguments {
                    self.arguments(arguments);
                }
            }
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&str>) {
        for positional in &arguments.positional {
            self.inline(positional);
        }
        for named in &arguments.named {
            self.inline(&named.value);
            if named.name.name == "minimumFractionDigits"
                && let ast::InlineExpression::NumberLiteral { value } = &named.value
            {
                let ok = value
                    .parse::<f64>()
                    .is_ok_and(|n| n <= MAX_FRACTION_DIGITS as f64);
                if !ok {
                    self.hazards.push(format!(
                            "minimumFractionDigits: {value} is more than the formatter handles (at most {MAX_FRACTION_DIGITS})"
                        ));
                }
            }
        }
    }

    fn number(&mut self, literal: &str) {
        let fraction = literal.split_once('.').map_or("", |(_, fraction)| fraction);
        if fraction.len() > MAX_FRACTION_DIGITS {
            self.hazards.push(format!(
                "number {literal} has more decimals than the formatter handles (at most {MAX_FRACTION_DIGITS})"
            ));
        }
    }
}

fn selected_variable(selector: &ast::InlineExpression<&str>) -> Option<String> {
    match selector {
        ast::InlineExpression::VariableReference { id } => Some(id.name.to_owned()),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            match arguments.positional.first() {
                Some(ast::InlineExpression::VariableReference { id }) => Some(id.name.to_owned()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A message or term as first defined in a locale.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    /// The locale source it is in, as numbered by the caller of [`FactsById::add`].
    pub source: usize,
    /// Its 1-based line there.
    pub line: usize,
    /// What it uses.
    pub facts: Facts,
}

/// A later definition of an id already defined, which is ignored as a bundle ignores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Duplicate {
    /// `id`, or `-id` for a term.
    pub id: String,
    /// Its 1-based line in the source being added.
    pub line: usize,
}

/// Every message (`id`) and term (`-id`) of a locale, first definition wins (as in a bundle).
#[derive(Debug, Clone, Default)]
pub(crate) struct FactsById {
    definitions: BTreeMap<String, Definition>,
}

impl FactsById {
    /// Adds the messages and terms of one source, `text`, whose syntax tree has `entries` (comments and junk
    /// are skipped); `source` numbers it for [`Definition::source`]. Returns the definitions left out because
    /// their id is defined already, in source order.
    pub(crate) fn add<'a>(
        &mut self,
        source: usize,
        text: &str,
        entries: impl IntoIterator<Item = &'a ast::Entry<&'a str>>,
    ) -> Vec<Duplicate> {
        let lines = LineIndex::new(text);
        let mut duplicates = Vec::new();
        for entry in entries {
            let (id, name, facts) = match entry {
                ast::Entry::Message(message) => (
                    message.id.name.to_owned(),
                    message.id.name,
                    Facts::of_message(message),
                ),
                ast::Entry::Term(term) => (
                    format!("-{}", term.id.name),
                    term.id.name,
                    Facts::of_term(term),
                ),
                _ => continue,
            };
            let line = offset_in(text, name).map_or(0, |at| lines.line(at));
            match self.definitions.entry(id) {
                Entry::Occupied(first) => duplicates.push(Duplicate {
                    id: first.key().clone(),
                    line,
                }),
                Entry::Vacant(slot) => {
                    slot.insert(Definition {
                        source,
                        line,
                        facts,
                    });
                }
            }
        }
        duplicates
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Definition> {
        self.definitions.get(id)
    }

    pub(crate) fn facts(&self, id: &str) -> Option<&Facts> {
        self.get(id).map(|definition| &definition.facts)
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.definitions.contains_key(id)
    }

    /// Every definition, by id.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &Definition)> {
        self.definitions.iter()
    }

    /// The definitions of messages (not terms), by id.
    pub(crate) fn messages(&self) -> impl Iterator<Item = (&String, &Definition)> {
        self.iter().filter(|(id, _)| !id.starts_with('-'))
    }
}

/// Everything reachable from `id` through message and term references, `id` included, in a stable order.
pub(crate) fn reachable<'a>(facts: &'a FactsById, id: &str) -> BTreeMap<String, &'a Facts> {
    let mut seen = BTreeMap::new();
    let mut stack = vec![id.to_owned()];
    while let Some(next) = stack.pop() {
        if seen.contains_key(&next) {
            continue;
        }
        let Some(found) = facts.facts(&next) else {
            continue;
        };
        stack.extend(found.messages.iter().cloned());
        stack.extend(found.terms.iter().cloned());
        seen.insert(next, found);
    }
    seen
}

/// The variables a message uses, following message references (which share the caller's arguments) but not
/// terms (whose variables are the term's own parameters).
pub(crate) fn message_variables(facts: &FactsById, id: &str) -> BTreeSet<String> {
    let mut variables = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut stack = vec![id.to_owned()];
    while let Some(next) = stack.pop() {
        if !seen.insert(next.clone()) {
            continue;
        }
        if let Some(found) = facts.facts(&next) {
            variables.extend(found.variables.iter().cloned());
            stack.extend(found.messages.iter().cloned());
        }
    }
    variables
}

/// The first hazard reachable from `id`, as `"where: what"`.
pub(crate) fn first_hazard(facts: &FactsById, id: &str) -> Option<String> {
    reachable(facts, id).into_iter().find_map(|(at, found)| {
        found
            .hazards
            .first()
            .map(|hazard| format!("{at}: {hazard}"))
    })
}

/// The CLDR cardinal plural categories `lang` distinguishes, found by asking the same plural rules that
/// `fluent-bundle` uses at run time (so the lint and the formatter agree, for any language).
pub(crate) fn plural_categories(lang: &LanguageIdentifier) -> BTreeSet<&'static str> {
    const PROBE: &str = "probe = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    let mut found = BTreeSet::from(["other"]);
    let Ok(resource) = fluent_bundle::FluentResource::try_new(PROBE.to_owned()) else {
        return found;
    };
    let mut bundle = fluent_bundle::FluentBundle::new(vec![lang.clone()]);
    if bundle.add_resource(resource).is_err() {
        return found;
    }
    let Some(pattern) = bundle
        .get_message("probe")
        .and_then(|message| message.value())
    else {
        return found;
    };
    let integers = (0..=200)
        .chain([1_000, 10_000, 100_000, 1_000_000])
        .map(f64::from);
    let fractions = [
        0.1, 0.2, 0.5, 1.1, 1.2, 1.5, 2.1, 2.5, 5.5, 11.1, 0.01, 0.11, 1.01,
    ];
    for n in integers.chain(fractions) {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("n", n);
        let mut errors = Vec::new();
        let category = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if let Some(known) = PLURAL_CATEGORIES.iter().find(|c| **c == category) {
            found.insert(known);
        }
    }
    found
}
