//! Facts about Fluent sources and syntax trees, shared by the localizer and the lint: nesting depth, line
//! numbers, the variables, references and selectors of a message, plural categories of a language, and the
//! constructs that would make `fluent-bundle` panic.

use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// Where in `source` (byte offset) placeables and, inside them, call parentheses first nest deeper than
/// [`MAX_NESTING`], skipping comments and string literals; `None` when they never do.
pub(crate) fn too_deep(source: &str) -> Option<usize> {
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut in_comment = false;
    let mut line_start = true;
    for (at, c) in source.char_indices() {
        let at_line_start = line_start;
        line_start = c == '\n';
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                in_string = false;
            }
            continue;
        }
        match c {
            '#' if at_line_start && depth == 0 => in_comment = true,
            '(' if depth == 0 => {}
            '{' | '(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(at);
                }
            }
            ')' if depth == 0 => {}
            '}' | ')' => depth = depth.saturating_sub(1),
            '"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

/// The 1-based line of a byte offset (clamped to the source).
pub(crate) fn line_at(source: &str, byte: usize) -> usize {
    let end = byte.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
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

/// The 1-based lines of every `id = …` starting a line, by id (terms keep their `-`), in source order.
pub(crate) fn entry_lines(source: &str) -> HashMap<&str, Vec<usize>> {
    let mut lines: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, line) in source.lines().enumerate() {
        if let Some(id) = leading_identifier(line) {
            lines.entry(id).or_default().push(index + 1);
        }
    }
    lines
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
        let mut facts = Self::default();
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
        let mut facts = Self::default();
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
            if named.name.name == "minimumFractionDigits" {
                if let ast::InlineExpression::NumberLiteral { value } = &named.value {
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

/// Facts of every message (`id`) and term (`-id`) of a locale, first definition wins (as in a bundle).
pub(crate) type FactsById = HashMap<String, Facts>;

/// Everything reachable from `id` through message and term references, `id` included, in a stable order.
pub(crate) fn reachable<'a>(facts: &'a FactsById, id: &str) -> BTreeMap<String, &'a Facts> {
    let mut seen = BTreeMap::new();
    let mut stack = vec![id.to_owned()];
    while let Some(next) = stack.pop() {
        if seen.contains_key(&next) {
            continue;
        }
        let Some(found) = facts.get(&next) else {
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
        if let Some(found) = facts.get(&next) {
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
