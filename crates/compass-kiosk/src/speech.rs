//! Read aloud: the visible text of a screen, spoken by espeak-ng in the visitor's language.
//!
//! espeak-ng is GPL, so it is never linked: it runs as a separate process (`espeak-ng --stdin`), reads
//! the text on its standard input (never on its command line) and plays it on the default audio output.
//! One utterance at a time: a new one, [`Speaker::stop`], a quick exit and a reset end the one before at
//! once. Where espeak-ng is not installed there is no [`Speaker`] and the UI shows no "Listen" control.
//!
//! [`speech_text`] turns screen text into what is spoken: whitespace collapsed, each line a sentence (a
//! pause), and phone numbers digit by digit (`+371 28612120` → `+ 3 7 1 2 8 6 1 2 1 2 0`), so that
//! no number is read as "twenty-eight million…".

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The program run for speech.
pub const PROGRAM: &str = "espeak-ng";

/// The longest text spoken, in characters; a screen's main text is far shorter.
pub const MAX_TEXT: usize = 20_000;

/// Words per minute: a little slower than espeak-ng's 175, for listeners in a second language.
const WORDS_PER_MINUTE: &str = "150";

/// The espeak-ng voice for a kiosk locale, `None` for a locale it has no voice for.
pub fn voice(locale: &str) -> Option<&'static str> {
    match locale {
        "lv" => Some("lv"),
        "et" => Some("et"),
        "en" => Some("en-gb"),
        "ru" => Some("ru"),
        "uk" => Some("uk"),
        _ => None,
    }
}

/// What is spoken for the visible `text` of a screen: one sentence per line (a line without closing
/// punctuation gets a full stop, so espeak-ng pauses), runs of spaces as one, phone numbers digit by
/// digit, at most [`MAX_TEXT`] characters.
pub fn speech_text(text: &str) -> String {
    let mut sentences = Vec::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        let spaced = spell_numbers(&line);
        let ends_sentence = spaced.ends_with(['.', '!', '?', ':', '…']);
        sentences.push(if ends_sentence {
            spaced
        } else {
            format!("{spaced}.")
        });
    }
    sentences.join(" ").chars().take(MAX_TEXT).collect()
}

/// Writes each phone number of `line` digit by digit. A phone number is a run of digits, spaces, `+`,
/// `-` and brackets that starts with `+` or a digit, ends with a digit and holds at least three digits,
/// is not part of a date or time (no `.`, `/` or `:` touching it between digits) and is not a year
/// (four digits alone, 1900–2099).
fn spell_numbers(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !(c.is_ascii_digit() || c == '+') {
            out.push(c);
            i += 1;
            continue;
        }
        let mut end = i;
        let mut last_digit = None;
        while end < chars.len() && (chars[end].is_ascii_digit() || " +-()".contains(chars[end])) {
            if chars[end].is_ascii_digit() {
                last_digit = Some(end);
            }
            end += 1;
        }
        let Some(last) = last_digit else {
            out.push(c);
            i += 1;
            continue;
        };
        let run = &chars[i..=last];
        let digits = run.iter().filter(|c| c.is_ascii_digit()).count();
        let joined = |at: Option<&char>, next: Option<&char>| {
            at.is_some_and(|c| ".,/:".contains(*c)) && next.is_some_and(char::is_ascii_digit)
        };
        let in_date = (i >= 2 && joined(chars.get(i - 1), chars.get(i - 2)))
            || joined(chars.get(last + 1), chars.get(last + 2));
        let year = run.len() == 4
            && run
                .iter()
                .collect::<String>()
                .parse::<u16>()
                .is_ok_and(|y| (1900..=2099).contains(&y));
        if digits >= 3 && !in_date && !year {
            let spelled: Vec<String> = run
                .iter()
                .filter(|c| c.is_ascii_digit() || **c == '+')
                .map(char::to_string)
                .collect();
            out.push_str(&spelled.join(" "));
        } else {
            out.extend(run);
        }
        i = last + 1;
    }
    out
}

/// Why speech did not start.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    /// The locale has no voice.
    #[error("no voice for locale {0:?}")]
    NoVoice(String),
    /// espeak-ng could not be started or fed.
    #[error("starting {PROGRAM}: {0}")]
    Start(#[from] std::io::Error),
}

/// Runs espeak-ng, one utterance at a time.
#[derive(Debug)]
pub struct Speaker {
    program: PathBuf,
    current: Mutex<Option<Child>>,
}

impl Speaker {
    /// The speaker for espeak-ng found on `PATH`, or `None` when it is not installed.
    pub fn find() -> Option<Speaker> {
        Speaker::find_in(&std::env::var_os("PATH")?)
    }

    /// The speaker for espeak-ng found in the folders of `path` (a `PATH` value), if any.
    pub fn find_in(path: &std::ffi::OsStr) -> Option<Speaker> {
        std::env::split_paths(path)
            .map(|dir| dir.join(PROGRAM))
            .find(|candidate| is_executable(candidate))
            .map(Speaker::with_program)
    }

    /// A speaker running `program` (an espeak-ng or a stand-in with its command line).
    pub fn with_program(program: PathBuf) -> Speaker {
        Speaker {
            program,
            current: Mutex::new(None),
        }
    }

    /// Speaks `text` (already [`speech_text`]) in `locale`'s voice on the default output, ending
    /// whatever was being spoken. Returns once espeak-ng has the text; it speaks in the background.
    pub fn speak(&self, locale: &str, text: &str) -> Result<(), SpeechError> {
        let voice = voice(locale).ok_or_else(|| SpeechError::NoVoice(locale.to_owned()))?;
        let mut current = self.current();
        stop_child(&mut current);
        let mut child = Command::new(&self.program)
            .args(["-v", voice, "-s", WORDS_PER_MINUTE, "-b", "1", "--stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            let written = stdin.write_all(text.as_bytes());
            // Closing stdin tells espeak-ng the text is complete.
            drop(stdin);
            if let Err(error) = written {
                let _ = child.kill();
                let _ = child.wait();
                return Err(SpeechError::Start(error));
            }
        }
        *current = Some(child);
        Ok(())
    }

    /// Ends the utterance now, if there is one.
    pub fn stop(&self) {
        stop_child(&mut self.current());
    }

    /// Whether something is being spoken.
    pub fn speaking(&self) -> bool {
        let mut current = self.current();
        let running = current
            .as_mut()
            .is_some_and(|child| matches!(child.try_wait(), Ok(None)));
        if !running {
            *current = None;
        }
        running
    }

    fn current(&self) -> MutexGuard<'_, Option<Child>> {
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Speaker {
    fn drop(&mut self) {
        self.stop();
    }
}

fn stop_child(current: &mut Option<Child>) {
    if let Some(mut child) = current.take() {
        let _ = child.kill();
        let _ = child.wait();
    }
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
