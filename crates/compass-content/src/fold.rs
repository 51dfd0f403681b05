//! Folding text for search: lowercase, insensitive to diacritics and to the script a visitor types in.
//!
//! A kiosk visitor types on a touch keyboard, often without the diacritics of Latvian or Estonian, and
//! often in the Latin alphabet although the text is Cyrillic (or the other way round). Every indexed text
//! and every query is folded to plain ASCII letters and digits in two ways:
//! - [`strip`]: diacritics dropped (`Drošā` → `drosa`), Cyrillic transliterated;
//! - [`phonetic`]: `š č ž` spelt `sh ch zh` as Cyrillic `ш ч ж` are (`Drošā` → `drosha` = `Дроша`).
//!
//! Both forms are indexed; a query token matches if either of its forms is a prefix of an indexed token.
//! Common spelling variants of transliteration are merged in both (`y`→`j`, `w`→`v`, `x`→`ks`, `q`→`k`,
//! `kh`→`h`, `ts`→`c`) so `Yana`, `Jana` and `Яна` meet.

/// Folds with diacritics dropped.
pub fn strip(text: &str) -> String {
    fold(text, false)
}

/// Folds with `š č ž` spelt as their Cyrillic counterparts are transliterated.
pub fn phonetic(text: &str) -> String {
    fold(text, true)
}

/// Folds with diacritics dropped but transliteration variants kept apart (`works` stays `works`, where
/// [`strip`] gives `vorks`): the form Latin-script stemmers read. [`merge`] finishes it.
pub fn unmerged(text: &str) -> String {
    fold_letters(text, false)
}

/// Merges the spelling variants of a folded text, as [`strip`] and [`phonetic`] do.
pub fn merge(folded: &str) -> String {
    merge_variants(folded)
}

/// The words of a folded text: runs of ASCII letters and digits.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// For a folded prefix that ends where a merged pair begins (`t` of `ts`, `k` of `kh`), the prefix as the
/// indexed text spells it (`…c`, `…h`), so that typing `adult` finds `adults` (folded `adulc`).
pub fn merged_prefix(prefix: &str) -> Option<String> {
    let (head, last) = prefix.split_at(prefix.len().checked_sub(1)?);
    match last {
        "t" => Some(format!("{head}c")),
        "k" => Some(format!("{head}h")),
        _ => None,
    }
}

fn fold(text: &str, phonetic: bool) -> String {
    merge_variants(&fold_letters(text, phonetic))
}

fn fold_letters(text: &str, phonetic: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            continue;
        }
        let mapped: &str = match c {
            'š' | 'ś' | 'ş' if phonetic => "sh",
            'č' | 'ć' if phonetic => "ch",
            'ž' | 'ź' | 'ż' if phonetic => "zh",
            'š' | 'ś' | 'ş' => "s",
            'č' | 'ć' | 'ç' => "c",
            'ž' | 'ź' | 'ż' => "z",
            'ā' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => "a",
            'ē' | 'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ė' => "e",
            'ī' | 'í' | 'ì' | 'î' | 'ï' | 'į' => "i",
            'ō' | 'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
            'ū' | 'ú' | 'ù' | 'û' | 'ü' | 'ų' => "u",
            'ģ' | 'ğ' => "g",
            'ķ' => "k",
            'ļ' | 'ł' => "l",
            'ņ' | 'ñ' | 'ń' => "n",
            'ŗ' | 'ř' => "r",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ґ' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'є' => "je",
            'ж' => "zh",
            'з' => "z",
            'и' | 'і' => "i",
            'ї' => "ji",
            'й' => "j",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "c",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ы' => "y",
            'ю' => "ju",
            'я' => "ja",
            'ъ' | 'ь' | '\'' | '’' | 'ʼ' => "",
            // Combining marks (text typed or stored decomposed, NFD): the base letter is already out.
            '\u{0300}'..='\u{036f}' => "",
            _ => " ",
        };
        out.push_str(mapped);
    }
    out
}

/// Merges spellings that transliteration systems disagree on.
fn merge_variants(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let pair = bytes.get(i..i + 2);
        match (bytes[i], pair) {
            (_, Some(b"kh")) => {
                out.push('h');
                i += 2;
                continue;
            }
            (_, Some(b"ts")) => {
                out.push('c');
                i += 2;
                continue;
            }
            (b'y', _) => out.push('j'),
            (b'w', _) => out.push('v'),
            (b'x', _) => out.push_str("ks"),
            (b'q', _) => out.push('k'),
            (byte, _) => out.push(char::from(byte)),
        }
        i += 1;
    }
    out
}
