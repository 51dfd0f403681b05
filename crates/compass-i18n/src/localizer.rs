//! Loading bundles, negotiating a fallback chain and formatting messages.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

use crate::folders::read_locales;
use crate::syntax::{self, FactsById};
use crate::{Error, REFERENCE_LOCALE};

/// A value for a message variable.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, shown as given.
    Str(String),
    /// A number: selects plural variants, and is shown in plain decimal notation (`1.5`, `-2`, `NaN`).
    Num(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Str(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Self::Str(value)
    }
}

impl From<f64> for Arg {
    fn from(value: f64) -> Self {
        Self::Num(value)
    }
}

macro_rules! arg_from_integer {
    ($($t:ty)+) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Self::Num(value as f64)
            }
        }
    )+};
}
arg_from_integer!(i32 i64 u32 u64 usize);

impl Arg {
    fn to_fluent(&self) -> FluentValue<'static> {
        match self {
            Self::Str(text) => FluentValue::String(Cow::Owned(text.clone())),
            Self::Num(n) => FluentValue::from(*n),
        }
    }
}

/// Formatted text, never absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The text to show (the id itself when no locale has the message).
    pub text: String,
    /// The locale the text came from; differs from the requested one when the message fell back, which the
    /// UI shows as "Shown in …: no translation yet".
    pub locale: String,
    /// What went wrong on the way (unknown id, missing variable, …); empty when all went well.
    pub errors: Vec<String>,
}

/// One loaded locale.
struct Locale {
    /// Canonical BCP 47 tag, e.g. `lv`.
    tag: String,
    /// All the locale's files in one bundle.
    bundle: FluentBundle<FluentResource>,
    /// Facts of messages (`id`) and terms (`-id`).
    facts: FactsById,
    /// Messages that would make the formatter panic, with the reason: never formatted here.
    blocked: HashMap<String, String>,
}

/// The loaded locales: formats any message in any requested language, falling back per message.
///
/// `Send + Sync`: share one instance between threads.
pub struct Localizer {
    /// Sorted by tag.
    locales: Vec<Locale>,
    /// `locales[i]`'s tag for negotiation.
    available: Vec<fluent_langneg::LanguageIdentifier>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("locales", &self.locales())
            .finish_non_exhaustive()
    }
}

/// A locale tag parsed for both `fluent-bundle` (unic) and `fluent-langneg` (ICU).
pub(crate) struct Tag {
    pub canonical: String,
    pub langid: LanguageIdentifier,
    pub negotiable: fluent_langneg::LanguageIdentifier,
}

/// Parses a locale folder name strictly: a BCP 47 tag with `-` separators, not `und`.
pub(crate) fn parse_folder_tag(name: &str) -> Option<Tag> {
    if name.is_empty() || name.contains('_') || !name.is_ascii() {
        return None;
    }
    let langid: LanguageIdentifier = name.parse().ok()?;
    let canonical = langid.to_string();
    if canonical == "und" {
        return None;
    }
    let negotiable =
        fluent_langneg::LanguageIdentifier::try_from_bytes(canonical.as_bytes()).ok()?;
    Some(Tag {
        canonical,
        langid,
        negotiable,
    })
}

/// Parses a requested locale leniently: `lv_LV.UTF-8` and `lv-LV` both give `lv-LV`.
fn parse_requested(requested: &str) -> Option<fluent_langneg::LanguageIdentifier> {
    let tag = requested
        .split(['.', '@'])
        .next()
        .unwrap_or_default()
        .trim()
        .replace('_', "-");
    if tag.is_empty() {
        return None;
    }
    fluent_langneg::LanguageIdentifier::try_from_bytes(tag.as_bytes()).ok()
}

impl Localizer {
    /// Loads `dir` (normally `resources/locales`): every subfolder named by a BCP 47 tag becomes a locale,
    /// all its `*.ftl` files (sorted by name) go into one bundle. Entries with syntax errors are skipped and
    /// the rest kept ([`lint`](crate::lint) reports them); so is a file nested too deeply to parse safely.
    ///
    /// # Errors
    /// When a folder or file cannot be read, a folder name is not a valid tag, or there is no `en` folder.
    pub fn load(dir: &Path) -> Result<Self, Error> {
        let mut sources = Vec::new();
        for folder in read_locales(dir)? {
            if let Some(error) = folder.unreadable.into_iter().next() {
                return Err(error);
            }
            let texts = folder.files.into_iter().map(|file| file.text).collect();
            sources.push((folder.name, texts));
        }
        Self::build(sources)
    }

    /// Builds a localizer from `(locale tag, ftl source)` pairs, e.g. sources compiled in with
    /// `include_str!` or written by a test. Several sources for one tag go into one bundle, in order.
    ///
    /// # Errors
    /// When a tag is not a valid BCP 47 tag or no source is for `en`.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Error> {
        Self::build(
            sources
                .into_iter()
                .map(|(tag, text)| (tag.to_owned(), vec![text.to_owned()])),
        )
    }

    fn build(sources: impl IntoIterator<Item = (String, Vec<String>)>) -> Result<Self, Error> {
        let mut by_tag: BTreeMap<String, (Tag, Vec<String>)> = BTreeMap::new();
        for (name, texts) in sources {
            let tag = parse_folder_tag(&name).ok_or(Error::InvalidLocaleTag { tag: name })?;
            by_tag
                .entry(tag.canonical.clone())
                .or_insert_with(|| (tag, Vec::new()))
                .1
                .extend(texts);
        }
        if !by_tag.contains_key(REFERENCE_LOCALE) {
            return Err(Error::MissingReferenceLocale);
        }
        let mut locales = Vec::new();
        let mut available = Vec::new();
        for (canonical, (tag, texts)) in by_tag {
            available.push(tag.negotiable);
            locales.push(Locale::new(canonical, tag.langid, texts));
        }
        Ok(Self { locales, available })
    }

    /// The available locale tags, sorted.
    pub fn locales(&self) -> Vec<String> {
        self.locales
            .iter()
            .map(|locale| locale.tag.clone())
            .collect()
    }

    /// The fallback chain for the visitor's requested locales, best first: available locales that match
    /// (`lv-LV` finds `lv`), in request order, ending with `en` exactly once. Tags that cannot be parsed
    /// are ignored, so garbage gives `["en"]`.
    pub fn negotiate(&self, requested: &[&str]) -> Vec<String> {
        let requested: Vec<_> = requested
            .iter()
            .filter_map(|tag| parse_requested(tag))
            .collect();
        let reference = self
            .index_of(REFERENCE_LOCALE)
            .and_then(|index| self.available.get(index));
        let negotiated = negotiate_languages(
            &requested,
            &self.available,
            reference,
            NegotiationStrategy::Filtering,
        );
        let mut chain = Vec::new();
        for found in negotiated {
            let Some(index) = self
                .available
                .iter()
                .position(|candidate| candidate == found)
            else {
                continue;
            };
            let tag = &self.locales[index].tag;
            if !chain.contains(tag) {
                chain.push(tag.clone());
            }
            if tag == REFERENCE_LOCALE {
                break;
            }
        }
        if chain.last().is_none_or(|last| last != REFERENCE_LOCALE) {
            chain.push(REFERENCE_LOCALE.to_owned());
        }
        chain
    }

    /// Formats message `id` (or `id.attribute`) for `locale`, falling back along `negotiate([locale])` for
    /// this message alone. Never fails: a message no locale has renders as `id`; problems (unknown id,
    /// missing variable, a message that falls back because it cannot be formatted) are in `errors`.
    pub fn format(&self, locale: &str, id: &str, args: &[(&str, Arg)]) -> Formatted {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.to_fluent());
        }
        self.format_along(&self.negotiate(&[locale]), id, &fluent_args)
    }

    fn format_along(&self, chain: &[String], id: &str, args: &FluentArgs<'_>) -> Formatted {
        let (message_id, attribute) = match id.split_once('.') {
            Some((message_id, attribute)) => (message_id, Some(attribute)),
            None => (id, None),
        };
        let mut errors = Vec::new();
        for tag in chain {
            let Some(locale) = self.locale(tag) else {
                continue;
            };
            let Some(message) = locale.bundle.get_message(message_id) else {
                continue;
            };
            let pattern = match attribute {
                Some(attribute) => message.get_attribute(attribute).map(|found| found.value()),
                None => message.value(),
            };
            let Some(pattern) = pattern else { continue };
            if let Some(reason) = locale.blocked.get(message_id) {
                errors.push(format!(
                    "{tag}: `{message_id}` cannot be formatted: {reason}"
                ));
                continue;
            }
            let mut fluent_errors = Vec::new();
            let text = locale
                .bundle
                .format_pattern(pattern, Some(args), &mut fluent_errors)
                .into_owned();
            errors.extend(
                fluent_errors
                    .iter()
                    .map(|error| format!("{tag}: `{id}`: {error}")),
            );
            return Formatted {
                text,
                locale: tag.clone(),
                errors,
            };
        }
        errors.push(format!("unknown message id `{id}`"));
        Formatted {
            text: id.to_owned(),
            locale: REFERENCE_LOCALE.to_owned(),
            errors,
        }
    }

    /// Every message of the reference locale (`id`, and `id.attribute` for attributes) formatted for
    /// `locale` with per-message fallback, for shipping UI strings in one go. Variables are not filled in:
    /// they show as `{ $name }`, and plural selectors take their `*[other]` variant.
    pub fn messages(&self, locale: &str) -> BTreeMap<String, String> {
        let chain = self.negotiate(&[locale]);
        let Some(reference) = self.locale(REFERENCE_LOCALE) else {
            return BTreeMap::new();
        };
        let mut messages = BTreeMap::new();
        for (message_id, definition) in reference.facts.messages() {
            let mut variables = BTreeSet::new();
            for tag in &chain {
                if let Some(found) = self.locale(tag) {
                    variables.extend(syntax::message_variables(&found.facts, message_id));
                }
            }
            let mut args = FluentArgs::with_capacity(variables.len());
            for variable in variables {
                let shown = format!("{{ ${variable} }}");
                args.set(variable, shown);
            }
            let facts = &definition.facts;
            let value = facts.value.then(|| message_id.clone());
            let attributes = facts
                .attributes
                .iter()
                .map(|attribute| format!("{message_id}.{attribute}"));
            for id in value.into_iter().chain(attributes) {
                let text = self.format_along(&chain, &id, &args).text;
                messages.insert(id, text);
            }
        }
        messages
    }

    fn index_of(&self, tag: &str) -> Option<usize> {
        self.locales
            .binary_search_by(|locale| locale.tag.as_str().cmp(tag))
            .ok()
    }

    fn locale(&self, tag: &str) -> Option<&Locale> {
        self.index_of(tag).and_then(|index| self.locales.get(index))
    }
}

impl Locale {
    fn new(tag: String, langid: LanguageIdentifier, texts: Vec<String>) -> Self {
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        // Adding NUMBER() to a fresh bundle cannot clash with anything.
        let _ = bundle.add_builtins();
        let mut facts = FactsById::default();
        for (index, text) in texts.into_iter().enumerate() {
            if syntax::too_deep(&text).is_some() {
                continue;
            }
            let resource =
                FluentResource::try_new(text).unwrap_or_else(|(partial, _errors)| partial);
            // Duplicate ids are kept from their first definition, by the bundle too; the lint reports the rest.
            let _ = facts.add(index, resource.source(), resource.entries());
            let _ = bundle.add_resource(resource);
        }
        let blocked = facts
            .messages()
            .filter_map(|(id, _)| {
                syntax::first_hazard(&facts, id).map(|reason| (id.clone(), reason))
            })
            .collect();
        Self {
            tag,
            bundle,
            facts,
            blocked,
        }
    }
}
