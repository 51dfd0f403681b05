//! Morphology for search: the words of a text reduced to stems, so that the forms of one word meet
//! (Latvian `pase`, `pasi`, `pasē`; Russian `работа`, `работу`).
//!
//! One function per language ([`Language::stems`]), applied alike to the indexed text (in the text's own language) and to
//! what a visitor types (with every stemmer of the script it is typed in, because a visitor often types
//! their own language on a screen set to another). Stems are folded ([`crate::fold::strip`]), so
//! diacritics do not matter, and tagged with their language ([`Language::tagged`]), so the stems of two
//! languages never meet.
//!
//! - English, Russian, Ukrainian, Estonian: the Snowball stemmers (`frostem`, generated from upstream
//!   Snowball). English and Estonian run on the word with diacritics dropped (so `too` typed for `töö`
//!   stems the same) but before transliteration variants are merged (`works` must not become `vorks`),
//!   Russian and Ukrainian on the Cyrillic word.
//! - Estonian: Snowball's algorithm leaves a word alone while its R1 region is empty, which is every
//!   short everyday word a visitor types (`tööd`, `tööle`, `abiks`), and stems the nominative and the
//!   genitive of one word differently (`laps`, `lapse`); [`estonian_light`] adds candidate stems without
//!   one case ending (the endings as tabled in M. Erelt (ed.), *Estonian Language*, 2003) and without a
//!   final stem vowel. An Estonian word has a few stems; two forms meet when they share one.
//! - Latvian has no Snowball stemmer: [`latvian`] is a light suffix stripper after K. Kreslins, *A
//!   stemming algorithm for Latvian* (PhD thesis, Loughborough University, 1996), reduced as in
//!   Lucene's light Latvian stemmer to the inflections of nouns and adjectives (case, number, gender,
//!   definiteness), with a vowel count per ending so that short stems are not over-stripped. Palatalised consonants (ļ, ņ, č, š, ž) fold to their plain forms anyway; a
//!   labial + `j` (`upju` ← `upe`) loses the `j`.

use frostem::{Algorithm, Stemmer};

use crate::fold;

/// A language search knows the morphology of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// Latvian.
    Latvian,
    /// Estonian.
    Estonian,
    /// English.
    English,
    /// Russian.
    Russian,
    /// Ukrainian.
    Ukrainian,
}

/// The languages whose words are written in the Latin alphabet.
const LATIN: [Language; 3] = [Language::Latvian, Language::Estonian, Language::English];
/// The languages whose words are written in Cyrillic.
const CYRILLIC: [Language; 2] = [Language::Russian, Language::Ukrainian];

/// Words shorter than this (in folded letters) are not stemmed.
const MIN_WORD: usize = 3;

impl Language {
    /// The language of a locale (`lv`, `et-EE`…), if search knows its morphology.
    pub fn of_locale(locale: &str) -> Option<Language> {
        match locale.split(['-', '_']).next()? {
            "lv" => Some(Language::Latvian),
            "et" => Some(Language::Estonian),
            "en" => Some(Language::English),
            "ru" => Some(Language::Russian),
            "uk" => Some(Language::Ukrainian),
            _ => None,
        }
    }

    /// A stem as it is indexed and looked up: tagged with its language (`pas` → `pasql`), so that a
    /// Latvian stem meets only Latvian stems (Estonian `pasta` would otherwise meet Latvian `pase`).
    /// Folded text never holds a `q` (folding spells it `k`), so no word of a text can look like one.
    pub fn tagged(self, stem: &str) -> String {
        let tag = match self {
            Language::Latvian => 'l',
            Language::Estonian => 'e',
            Language::English => 'n',
            Language::Russian => 'r',
            Language::Ukrainian => 'u',
        };
        format!("{stem}q{tag}")
    }

    /// The folded stems of one word (`word` lowercase, as written): one, or for Estonian up to a few
    /// candidates; empty when the word is too short to stem or is not made of letters (and digits).
    pub fn stems(self, word: &str) -> Vec<String> {
        let folded = fold::unmerged(word);
        let letters = folded.bytes().all(|b| b.is_ascii_alphanumeric())
            && folded.bytes().any(|b| b.is_ascii_alphabetic());
        if folded.len() < MIN_WORD || !letters {
            return Vec::new();
        }
        let mut stems: Vec<String> = match self {
            Language::Latvian => vec![latvian(&folded).to_owned()],
            Language::English => vec![Stemmer::new(Algorithm::English).stem(&folded).into_owned()],
            Language::Estonian => {
                let mut stems = vec![Stemmer::new(Algorithm::Estonian).stem(&folded).into_owned()];
                stems.extend(estonian_light(&folded));
                stems
            }
            Language::Russian | Language::Ukrainian => {
                if !word.chars().any(is_cyrillic) {
                    return Vec::new();
                }
                let native: String = word
                    .chars()
                    .filter(|c| !is_apostrophe(*c))
                    .map(|c| if c == 'ё' { 'е' } else { c })
                    .collect();
                let algorithm = if self == Language::Russian {
                    Algorithm::Russian
                } else {
                    Algorithm::Ukrainian
                };
                vec![fold::unmerged(&Stemmer::new(algorithm).stem(&native))]
            }
        };
        for stem in &mut stems {
            *stem = fold::merge(stem);
        }
        stems.retain(|stem| !stem.is_empty());
        stems.sort();
        stems.dedup();
        stems
    }
}

/// The words of a text as written (lowercase; letters, digits and apostrophes inside a word).
pub fn native_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .map(|word| word.trim_matches(is_apostrophe))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// The stems a typed word may have, in each language of its script, each tagged (it meets the stems of
/// that language's words) and plain (it meets a word that is its own stem, which the index keeps once,
/// untagged), without repeats.
pub fn query_stems(word: &str) -> Vec<String> {
    let word = word.to_lowercase();
    let languages: &[Language] = if word.chars().any(is_cyrillic) {
        &CYRILLIC
    } else {
        &LATIN
    };
    let mut stems: Vec<String> = languages
        .iter()
        .flat_map(|language| {
            let stems = language.stems(&word);
            stems
                .into_iter()
                .flat_map(move |stem| [language.tagged(&stem), stem])
        })
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04ff}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Latvian noun and adjective endings (folded), longest first, each with the vowels the stem must keep.
const LATVIAN_ENDINGS: [(&str, usize); 27] = [
    ("ajiem", 2),
    ("ajam", 2),
    ("ajai", 2),
    ("ajos", 2),
    ("ajas", 2),
    ("iem", 1),
    ("ais", 1),
    ("aja", 2),
    ("am", 1),
    ("em", 1),
    ("im", 1),
    ("um", 1),
    ("us", 1),
    ("as", 1),
    ("es", 1),
    ("os", 1),
    ("is", 1),
    ("ij", 1),
    ("ai", 1),
    ("ei", 1),
    ("ie", 1),
    ("a", 1),
    ("e", 1),
    ("i", 1),
    ("u", 1),
    ("o", 1),
    ("s", 1),
];

/// A folded Latvian word without its case/number ending (see the module's notes).
pub fn latvian(word: &str) -> &str {
    for (ending, vowels) in LATVIAN_ENDINGS {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.len() < 2 || vowel_count(stem) < vowels {
            continue;
        }
        // Plural genitives of the 5th and 6th declensions insert `j` after a labial (upe → upju).
        if ending == "u"
            && stem.len() > 2
            && stem.ends_with('j')
            && matches!(
                stem.as_bytes()[stem.len() - 2],
                b'p' | b'b' | b'm' | b'v' | b'f'
            )
        {
            return &stem[..stem.len() - 1];
        }
        return stem;
    }
    word
}

/// Estonian case and plural endings (folded), from the case table of Erelt (2003).
const ESTONIAN_ENDINGS: [&str; 21] = [
    "dega", "dest", "tele", "dele", "sse", "des", "st", "le", "lt", "ga", "ta", "ks", "na", "ni",
    "id", "te", "de", "s", "l", "d", "t",
];

/// The candidate stems of a folded Estonian word that Snowball's R1 rule leaves whole: the word without
/// each case ending that leaves three letters or more, and each of those (and the word) without a final
/// stem vowel `i`, `u` or `e` when four letters or more are left (`tööd` → `töö`, `passi` → `pass`,
/// `lepingu` → `leping`). `a` is kept: `raha` (money) and `rahu` (peace) must not meet.
fn estonian_light(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    for ending in ESTONIAN_ENDINGS {
        if let Some(stem) = word.strip_suffix(ending)
            && stem.len() >= 3
        {
            out.push(stem.to_owned());
        }
    }
    for index in 0..out.len() {
        let candidate = &out[index];
        if candidate.len() >= 4 && candidate.ends_with(['i', 'u', 'e']) {
            out.push(candidate[..candidate.len() - 1].to_owned());
        }
    }
    out
}

fn vowel_count(word: &str) -> usize {
    word.bytes()
        .filter(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u'))
        .count()
}
