//! `compass-admin fleet report DIR`: the kiosks' status records, copied from update sticks or a web
//! server into one folder, as a table, a self-contained HTML page or JSON — which kiosks fail, which are
//! stale, what the opt-in counters add up to.
//!
//! Every file is hostile. Each is read with [`StatusRecord::read`] (regular files only, size-limited,
//! strictly typed, named for its kiosk); a bad one is listed with its reason and never stops the
//! report. Every string from a file is cleaned of control characters ([`clean`]) before it reaches a
//! terminal and HTML-escaped before it reaches the page. The input folder is only read.
//!
//! The rules ([`classify`], [`Report::new`]) take `now` as an argument; only [`run`] reads the clock.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use compass_update::status::StatusRecord;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A record written more than this after the admin's clock comes from a kiosk whose clock is ahead.
const CLOCK_SLACK: SignedDuration = SignedDuration::from_mins(10);

/// A problem this close before the record was written makes the kiosk failing.
const PROBLEM_WINDOW: SignedDuration = SignedDuration::from_hours(24);

/// Last check codes that mean the kiosk is up to date.
const GOOD_CHECKS: [&str; 2] = ["update.staged", "update.current"];

/// Folders below DIR that are read (`DIR/stick-a/safety-compass/status/<id>.json` is three).
const MAX_DEPTH: usize = 5;

/// Longest text put in a table cell; longer text is cut with `…`.
const CELL_CHARS: usize = 40;

/// Longest detail line printed; longer text is cut with `…`.
const DETAIL_CHARS: usize = 300;

/// `compass-admin fleet …`.
#[derive(Debug, Subcommand)]
pub enum FleetCommand {
    /// Read a folder of kiosk status files and report failing and stale kiosks first, with the
    /// counters summed; `--html` writes a sortable page, `--json` prints JSON for scripts.
    Report(ReportArgs),
}

/// `compass-admin fleet report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The folder of status files (`<kiosk id>.json`), for example several sticks'
    /// `safety-compass/status/` folders copied side by side; read a few levels deep, never changed.
    dir: PathBuf,
    /// Also write the report as one self-contained HTML page to this file.
    #[arg(long)]
    html: Option<PathBuf>,
    /// Print the report as JSON on standard output instead of the table.
    #[arg(long)]
    json: bool,
    /// A kiosk is stale when its record, or the content it shows, is older than this many days.
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u16).range(1..))]
    stale_after: u16,
}

/// Runs a `fleet` subcommand.
pub fn run(command: FleetCommand) -> Result<ExitCode> {
    match command {
        FleetCommand::Report(args) => report_command(&args),
    }
}

fn report_command(args: &ReportArgs) -> Result<ExitCode> {
    let found = scan(&args.dir)?;
    let report = Report::new(&args.dir, found, Timestamp::now(), args.stale_after);
    if report.kiosks.is_empty() {
        for bad in &report.bad_files {
            eprintln!("{}: {}", clean(&bad.path), clean(&bad.reason));
        }
        eprintln!(
            "error: no status records in {} (files not read: {})",
            clean(&args.dir.display().to_string()),
            report.bad_files.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", render_table(&report));
    }
    if let Some(html) = &args.html {
        write_atomic(html, render_html(&report).as_bytes())
            .with_context(|| format!("writing {}", html.display()))?;
        eprintln!("wrote {}", html.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// What a kiosk's record says about it. The order is the report's: failing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Its last check failed, it had a problem in the day before it wrote the record, or it shows no
    /// content.
    Failing,
    /// Its record or its content is older than `--stale-after`, or its content's metadata expired.
    Stale,
    /// Neither.
    Ok,
}

impl State {
    /// The state as the report names it.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Failing => "failing",
            State::Stale => "stale",
            State::Ok => "ok",
        }
    }
}

/// A kiosk's [`State`], with the reasons for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Failing, stale or ok.
    pub state: State,
    /// The record was written more than ten minutes after `now`: its own times are not trusted for
    /// staleness.
    pub clock_ahead: bool,
    /// Why the kiosk is failing or stale (empty when ok); may quote a code from the file.
    pub reasons: Vec<String>,
}

/// Classifies one record as of `now`: failing (last check not `update.staged` or `update.current`, a
/// problem in the day before `written_at`, or no content on screen), else stale (record older than
/// `stale_after`, content published — or, when that is unknown, fetched — longer ago than
/// `stale_after`, or content metadata expired), else ok. A record from a kiosk whose clock is ahead
/// keeps only the admin's and the signer's times for staleness: published and expires.
pub fn classify(record: &StatusRecord, now: Timestamp, stale_after: SignedDuration) -> Verdict {
    let clock_ahead = record.written_at.duration_since(now) > CLOCK_SLACK;
    let days = |since: Timestamp| now.duration_since(since).as_secs() / 86_400;
    let older = |since: Timestamp| now.duration_since(since) > stale_after;

    let mut failing = Vec::new();
    if record.content.is_none() {
        failing.push("no content on screen".to_owned());
    }
    if let Some(check) = &record.last_check
        && !GOOD_CHECKS.contains(&check.code.as_str())
    {
        failing.push(format!("last check {}", check.code));
    }
    let recent: Vec<_> = record
        .problems
        .iter()
        .filter(|p| record.written_at.duration_since(p.at) < PROBLEM_WINDOW)
        .collect();
    if let Some(newest) = recent.iter().max_by_key(|p| p.at) {
        failing.push(match recent.len() {
            1 => format!("problem {} in the last day", newest.code),
            n => format!("{n} problems in the last day, newest {}", newest.code),
        });
    }

    let mut stale = Vec::new();
    if !clock_ahead && older(record.written_at) {
        stale.push(format!("record {} days old", days(record.written_at)));
    }
    if let Some(content) = &record.content {
        match content.published_at {
            Some(published) if older(published) => {
                stale.push(format!("content published {} days ago", days(published)));
            }
            None if !clock_ahead && older(content.fetched_at) => {
                stale.push(format!(
                    "content fetched {} days ago",
                    days(content.fetched_at)
                ));
            }
            _ => {}
        }
        if content.expires <= now {
            stale.push(format!("content metadata expired {}", content.expires));
        }
    }

    let (state, reasons) = if !failing.is_empty() {
        failing.extend(stale);
        (State::Failing, failing)
    } else if !stale.is_empty() {
        (State::Stale, stale)
    } else {
        (State::Ok, stale)
    };
    Verdict {
        state,
        clock_ahead,
        reasons,
    }
}

/// What [`scan`] found in a folder: the records read and the files that were not.
#[derive(Debug, Default)]
pub struct Found {
    /// Each record with its file.
    pub records: Vec<(PathBuf, StatusRecord)>,
    /// Each file or folder not read, with why.
    pub bad: Vec<(PathBuf, String)>,
}

/// Reads every `*.json` under `dir` (up to [`MAX_DEPTH`] folders down) with [`StatusRecord::read`].
/// Links are never followed; anything that is not a status record is listed in [`Found::bad`], except
/// regular files not named `*.json`, which are not status files. Fails only when `dir` itself cannot
/// be listed.
pub fn scan(dir: &Path) -> Result<Found> {
    let meta = std::fs::metadata(dir).with_context(|| format!("reading {}", dir.display()))?;
    if !meta.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
    let mut found = Found::default();
    walk(dir, 0, &mut found);
    Ok(found)
}

fn walk(folder: &Path, depth: usize, found: &mut Found) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            found
                .bad
                .push((folder.to_owned(), format!("folder not read: {e}")));
            return;
        }
    };
    let mut entries: Vec<_> = entries
        .filter_map(|entry| {
            entry
                .map_err(|e| found.bad.push((folder.to_owned(), format!("listing: {e}"))))
                .ok()
        })
        .collect();
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                found.bad.push((path, e.to_string()));
                continue;
            }
        };
        let is_json = path.extension().is_some_and(|e| e == "json");
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, found);
            } else {
                let reason = format!("a folder more than {MAX_DEPTH} levels down, not read");
                found.bad.push((path, reason));
            }
        } else if is_json {
            match StatusRecord::read(&path) {
                Ok(record) => found.records.push((path, record)),
                Err(_) if !kind.is_file() => found.bad.push((path, not_regular(kind))),
                Err(e) => found.bad.push((path, e.to_string())),
            }
        } else if !kind.is_file() {
            found.bad.push((path, not_regular(kind)));
        }
    }
}

/// Why an entry that is neither a regular file nor a folder was not read.
fn not_regular(kind: std::fs::FileType) -> String {
    let what = if kind.is_symlink() {
        "a symbolic link"
    } else {
        special_kind(kind)
    };
    format!("{what}, not read (only regular files are)")
}

#[cfg(unix)]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// One kiosk in the report: its newest record and what it says.
#[derive(Debug, Clone, Serialize)]
pub struct Kiosk {
    /// The record's kiosk id.
    pub kiosk_id: String,
    /// Failing, stale or ok.
    pub state: State,
    /// Why (empty when ok).
    pub reasons: Vec<String>,
    /// The record was written more than ten minutes in the future.
    pub clock_ahead: bool,
    /// The file the record was read from, relative to DIR.
    pub path: String,
    /// Files with an older record of the same kiosk, relative to DIR; ignored.
    pub ignored_copies: Vec<String>,
    /// The record itself.
    pub record: StatusRecord,
}

/// A file that was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadFile {
    /// Relative to DIR.
    pub path: String,
    /// Why it was not read.
    pub reason: String,
}

/// A counter summed over every kiosk and day. A kiosk reports 1–4 as `"<5"`, so a sum that includes
/// one is a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CounterTotal {
    /// The counter's name (`reset`, `screen.home`…), as the kiosks wrote it.
    pub name: String,
    /// The smallest the true total can be.
    pub min: u64,
    /// The largest the true total can be (equal to `min` when every count was exact).
    pub max: u64,
    /// How many kiosks reported it.
    pub kiosks: usize,
}

impl CounterTotal {
    /// `12`, or `17–20` when a count below five is in the sum.
    pub fn total(&self) -> String {
        if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{}–{}", self.min, self.max)
        }
    }
}

/// How many kiosks are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Kiosks in the report.
    pub kiosks: usize,
    /// Of them failing.
    pub failing: usize,
    /// Of them stale.
    pub stale: usize,
    /// Of them ok.
    pub ok: usize,
}

/// The whole report; serialised as is for `--json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// When it was made, by the admin's clock.
    pub generated_at: String,
    /// The folder read.
    pub dir: String,
    /// `--stale-after`.
    pub stale_after_days: u16,
    /// Kiosks by state.
    pub summary: Summary,
    /// Failing, then stale, then ok; by kiosk id within each.
    pub kiosks: Vec<Kiosk>,
    /// Files not read, by path.
    pub bad_files: Vec<BadFile>,
    /// Counters by name.
    pub counters: Vec<CounterTotal>,
    #[serde(skip)]
    now: Timestamp,
}

impl Report {
    /// Builds the report from what [`scan`] found in `dir`, as of `now`: one kiosk per id (its newest
    /// record by `written_at`, preferring records not from the future), classified and sorted, with
    /// the counters summed over the records kept.
    pub fn new(dir: &Path, found: Found, now: Timestamp, stale_after_days: u16) -> Report {
        let stale_after = SignedDuration::from_hours(24 * i64::from(stale_after_days));
        let shown = |path: &Path| path.strip_prefix(dir).unwrap_or(path).display().to_string();

        let mut by_id: BTreeMap<String, Vec<(PathBuf, StatusRecord)>> = BTreeMap::new();
        for (path, record) in found.records {
            let id = record.kiosk_id.as_str().to_owned();
            by_id.entry(id).or_default().push((path, record));
        }
        let mut kiosks = Vec::new();
        for (kiosk_id, mut copies) in by_id {
            // Newest first; a record from the future is trusted least; equal ones by path.
            copies.sort_by(|(pa, a), (pb, b)| {
                let ahead = |r: &StatusRecord| r.written_at.duration_since(now) > CLOCK_SLACK;
                (ahead(a), std::cmp::Reverse(a.written_at), pa).cmp(&(
                    ahead(b),
                    std::cmp::Reverse(b.written_at),
                    pb,
                ))
            });
            let mut copies = copies.into_iter();
            let Some((path, record)) = copies.next() else {
                continue;
            };
            let verdict = classify(&record, now, stale_after);
            kiosks.push(Kiosk {
                kiosk_id,
                state: verdict.state,
                reasons: verdict.reasons,
                clock_ahead: verdict.clock_ahead,
                path: shown(&path),
                ignored_copies: copies.map(|(path, _)| shown(&path)).collect(),
                record,
            });
        }
        kiosks.sort_by(|a, b| (a.state, &a.kiosk_id).cmp(&(b.state, &b.kiosk_id)));

        let mut bad_files: Vec<BadFile> = found
            .bad
            .into_iter()
            .map(|(path, reason)| BadFile {
                path: shown(&path),
                reason,
            })
            .collect();
        bad_files.sort_by(|a, b| a.path.cmp(&b.path));

        let count = |state| kiosks.iter().filter(|k| k.state == state).count();
        let summary = Summary {
            kiosks: kiosks.len(),
            failing: count(State::Failing),
            stale: count(State::Stale),
            ok: count(State::Ok),
        };
        Report {
            generated_at: now.to_string(),
            dir: dir.display().to_string(),
            stale_after_days,
            summary,
            counters: counter_totals(kiosks.iter().map(|k| &k.record)),
            kiosks,
            bad_files,
            now,
        }
    }
}

/// Sums each counter over the records and their days, as a range where a `"<5"` is included.
pub fn counter_totals<'a>(records: impl Iterator<Item = &'a StatusRecord>) -> Vec<CounterTotal> {
    let mut totals: BTreeMap<String, CounterTotal> = BTreeMap::new();
    for record in records {
        let mut seen = std::collections::BTreeSet::new();
        for day in record.counters.iter().flat_map(|c| c.values()) {
            for (name, count) in day {
                let (min, max) = count.bounds();
                let total = totals.entry(name.clone()).or_insert_with(|| CounterTotal {
                    name: name.clone(),
                    min: 0,
                    max: 0,
                    kiosks: 0,
                });
                total.min = total.min.saturating_add(min);
                total.max = total.max.saturating_add(max);
                if seen.insert(name) {
                    total.kiosks += 1;
                }
            }
        }
    }
    totals.into_values().collect()
}

/// Text from a file made safe for a terminal: control characters (escape, newline, carriage return…)
/// and the bidirectional overrides that reorder what is shown become visible `\u{..}` escapes, so
/// nothing from a file can move the cursor, recolour the screen or hide text, and nothing is lost.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`clean`], cut to `max` characters with `…`.
fn cut(text: &str, max: usize) -> String {
    let text = clean(text);
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// How long before `now` `then` was, shortly: `12m`, `5h`, `20d`; a future time as `+3d`.
fn age(now: Timestamp, then: Timestamp) -> String {
    let secs = now.duration_since(then).as_secs();
    let (sign, secs) = if secs < 0 { ("+", -secs) } else { ("", secs) };
    let short = match secs {
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 2 * 86_400 => format!("{}h", s / 3_600),
        s => format!("{}d", s / 86_400),
    };
    format!("{sign}{short}")
}

fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// The table's columns, shared by the terminal and the page.
const COLUMNS: [&str; 11] = [
    "kiosk",
    "state",
    "content",
    "content age",
    "last check",
    "problems",
    "app",
    "starts",
    "free disk",
    "record age",
    "why",
];

/// One kiosk's cells, cleaned and cut, in [`COLUMNS`] order.
fn cells(kiosk: &Kiosk, now: Timestamp) -> [String; 11] {
    let record = &kiosk.record;
    let dash = || "-".to_owned();
    let content = record.content.as_ref();
    let version = content.map_or_else(dash, |c| match record.pending_version {
        Some(pending) => format!("{} ({pending} pending)", c.version),
        None => c.version.to_string(),
    });
    let content_age =
        content.map_or_else(dash, |c| age(now, c.published_at.unwrap_or(c.fetched_at)));
    let check = record.last_check.as_ref().map_or_else(dash, |c| {
        format!("{} {}", cut(&c.code, CELL_CHARS), age(now, c.at))
    });
    let problems = match record.problems.iter().max_by_key(|p| p.at) {
        Some(newest) => format!(
            "{} {}",
            record.problems.len(),
            cut(&newest.code, CELL_CHARS)
        ),
        None => "0".to_owned(),
    };
    let record_age = if kiosk.clock_ahead {
        format!("clock ahead {}", age(now, record.written_at))
    } else {
        age(now, record.written_at)
    };
    [
        kiosk.kiosk_id.clone(),
        kiosk.state.as_str().to_owned(),
        version,
        content_age,
        check,
        problems,
        cut(&record.app_version, CELL_CHARS),
        record.starts.to_string(),
        record.free_disk_bytes.map_or_else(dash, bytes),
        record_age,
        cut(&kiosk.reasons.join("; "), 2 * DETAIL_CHARS),
    ]
}

/// The report for a terminal: an aligned table, the failing and stale kiosks' details, ignored
/// copies, counter totals and the files not read. Every string from a file is [`clean`]ed.
pub fn render_table(report: &Report) -> String {
    let header: Vec<String> = COLUMNS.iter().map(|c| c.to_uppercase()).collect();
    let rows: Vec<Vec<String>> = report
        .kiosks
        .iter()
        .map(|k| cells(k, report.now).to_vec())
        .collect();
    let mut out = String::new();
    aligned(&mut out, std::iter::once(&header).chain(&rows), "");

    let s = &report.summary;
    let _ = writeln!(
        out,
        "\n{} kiosks: {} failing, {} stale, {} ok (stale after {} days)",
        s.kiosks, s.failing, s.stale, s.ok, report.stale_after_days
    );
    let troubled: Vec<&Kiosk> = report
        .kiosks
        .iter()
        .filter(|k| k.state != State::Ok)
        .collect();
    if !troubled.is_empty() {
        out.push_str("\ndetails:\n");
        for kiosk in troubled {
            details(&mut out, kiosk, report.now);
        }
    }
    let copies: Vec<&Kiosk> = report
        .kiosks
        .iter()
        .filter(|k| !k.ignored_copies.is_empty())
        .collect();
    if !copies.is_empty() {
        out.push_str("\nolder copies ignored (the newest record of each kiosk is shown):\n");
        for kiosk in copies {
            let _ = writeln!(
                out,
                "  {}: {} older {} ignored: {}",
                kiosk.kiosk_id,
                kiosk.ignored_copies.len(),
                if kiosk.ignored_copies.len() == 1 {
                    "copy"
                } else {
                    "copies"
                },
                cut(&kiosk.ignored_copies.join(", "), 2 * DETAIL_CHARS)
            );
        }
    }
    if !report.counters.is_empty() {
        out.push_str(
            "\ncounters (all kiosks, all days; a range where a count below 5 is included):\n",
        );
        let rows: Vec<Vec<String>> = report
            .counters
            .iter()
            .map(|c| {
                vec![
                    cut(&c.name, CELL_CHARS),
                    c.total(),
                    match c.kiosks {
                        1 => "1 kiosk".to_owned(),
                        n => format!("{n} kiosks"),
                    },
                ]
            })
            .collect();
        aligned(&mut out, &rows, "  ");
    }
    if !report.bad_files.is_empty() {
        let _ = writeln!(out, "\nfiles not read ({}):", report.bad_files.len());
        for bad in &report.bad_files {
            let _ = writeln!(
                out,
                "  {}: {}",
                cut(&bad.path, DETAIL_CHARS),
                cut(&bad.reason, DETAIL_CHARS)
            );
        }
    }
    out
}

/// Rows padded to their columns' widths (in characters), the last column unpadded.
fn aligned<'a>(
    out: &mut String,
    rows: impl IntoIterator<Item = &'a Vec<String>> + Clone,
    indent: &str,
) {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows.clone() {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    for row in rows {
        let mut line = indent.to_owned();
        for (i, cell) in row.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            let _ = write!(line, "{cell:<width$}  ");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// A failing or stale kiosk's last check and recent problems, cleaned.
fn details(out: &mut String, kiosk: &Kiosk, now: Timestamp) {
    let record = &kiosk.record;
    let _ = writeln!(
        out,
        "  {} ({}): {}",
        kiosk.kiosk_id,
        kiosk.state.as_str(),
        cut(&kiosk.reasons.join("; "), 2 * DETAIL_CHARS)
    );
    if let Some(check) = &record.last_check {
        let _ = writeln!(
            out,
            "    last check {} ago from {}: {}: {}",
            age(now, check.at),
            cut(&check.source, CELL_CHARS),
            cut(&check.code, CELL_CHARS),
            cut(&check.detail, DETAIL_CHARS)
        );
    }
    for problem in record.problems.iter().rev().take(5) {
        let _ = writeln!(
            out,
            "    problem {} ago: {}: {}",
            age(now, problem.at),
            cut(&problem.code, CELL_CHARS),
            cut(&problem.detail, DETAIL_CHARS)
        );
    }
}

/// The page's one script: click (or Enter on) a column header to sort the table by it.
const SORT_SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    function sort() {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var up = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.hasAttribute("data-numeric");
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      function key(row) {
        var cell = row.cells[column];
        var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
        return numeric ? parseFloat(value) : value;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = numeric ? x - y : x.localeCompare(y);
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.tabIndex = 0;
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
  });
});
"#;

const STYLE: &str = "
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; cursor: pointer; }
th[aria-sort=ascending]::after { content: \" \\25B2\"; }
th[aria-sort=descending]::after { content: \" \\25BC\"; }
tr.failing { background: #fdd; }
tr.stale { background: #ffe9b3; }
tr.failing td.state, tr.stale td.state { font-weight: bold; }
.note { color: #555; }
code { white-space: pre-wrap; word-break: break-all; }
";

/// The page's Content-Security-Policy: nothing from elsewhere, no script but [`SORT_SCRIPT`] (by its
/// SHA-256), inline styles.
pub fn content_security_policy() -> String {
    let hash = base64(&Sha256::digest(SORT_SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; script-src 'sha256-{hash}'; style-src 'unsafe-inline'; \
         base-uri 'none'; form-action 'none'"
    )
}

/// Standard base64 with padding (RFC 4648), for the CSP hash.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Text for HTML: [`clean`]ed, then `& < > " '` escaped, safe in element content and quoted
/// attributes alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report as one self-contained HTML page: no resource from elsewhere, one inline script (the
/// sort) allowed by its hash, failing and stale rows first and coloured, every string from a file
/// [`escape`]d.
pub fn render_html(report: &Report) -> String {
    let now = report.now;
    let mut page = String::new();
    let s = &report.summary;
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Safety Compass fleet report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Safety Compass fleet report</h1>\n\
         <p>{} kiosks: <strong>{} failing</strong>, <strong>{} stale</strong>, {} ok \
         (stale after {} days). Read from <code>{}</code> at {}.</p>\n",
        content_security_policy(),
        s.kiosks,
        s.failing,
        s.stale,
        s.ok,
        report.stale_after_days,
        escape(&report.dir),
        escape(&report.generated_at),
    );

    page.push_str("<table class=\"sortable\" id=\"kiosks\">\n<thead><tr>");
    const NUMERIC: [&str; 6] = [
        "content",
        "content age",
        "problems",
        "starts",
        "free disk",
        "record age",
    ];
    for column in COLUMNS {
        let numeric = if NUMERIC.contains(&column) {
            " data-numeric"
        } else {
            ""
        };
        let _ = write!(page, "<th scope=\"col\"{numeric}>{column}</th>");
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for kiosk in &report.kiosks {
        html_row(&mut page, kiosk, now);
    }
    page.push_str("</tbody>\n</table>\n");

    html_details(&mut page, report);
    if !report.counters.is_empty() {
        page.push_str(
            "<h2>Counters</h2>\n<p class=\"note\">All kiosks, all days; a range where a count \
             below 5 is included.</p>\n<table class=\"sortable\" id=\"counters\">\n<thead><tr>\
             <th scope=\"col\">counter</th><th scope=\"col\" data-numeric>total</th>\
             <th scope=\"col\" data-numeric>kiosks</th></tr></thead>\n<tbody>\n",
        );
        for c in &report.counters {
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td data-sort=\"{}\">{}</td><td>{}</td></tr>",
                escape(&c.name),
                c.min,
                c.total(),
                c.kiosks
            );
        }
        page.push_str("</tbody>\n</table>\n");
    }
    if !report.bad_files.is_empty() {
        let _ = writeln!(
            page,
            "<h2>Files not read ({})</h2>\n<ul>",
            report.bad_files.len()
        );
        for bad in &report.bad_files {
            let _ = writeln!(
                page,
                "<li><code>{}</code>: {}</li>",
                escape(&bad.path),
                escape(&bad.reason)
            );
        }
        page.push_str("</ul>\n");
    }
    let _ = write!(page, "<script>{SORT_SCRIPT}</script>\n</body>\n</html>\n");
    page
}

fn html_row(page: &mut String, kiosk: &Kiosk, now: Timestamp) {
    let record = &kiosk.record;
    let secs = |t: Timestamp| now.duration_since(t).as_secs().to_string();
    let content = record.content.as_ref();
    // Sort keys for the numeric columns; a missing value sorts first.
    let keys: [Option<String>; 11] = [
        None,
        Some((kiosk.state as u8).to_string()),
        Some(content.map_or("-1".to_owned(), |c| c.version.to_string())),
        Some(content.map_or("-1".to_owned(), |c| {
            secs(c.published_at.unwrap_or(c.fetched_at))
        })),
        None,
        Some(record.problems.len().to_string()),
        None,
        Some(record.starts.to_string()),
        Some(
            record
                .free_disk_bytes
                .map_or("-1".to_owned(), |b| b.to_string()),
        ),
        Some(secs(record.written_at)),
        None,
    ];
    let _ = write!(page, "<tr class=\"{}\">", kiosk.state.as_str());
    for (i, (cell, key)) in cells(kiosk, now).iter().zip(keys).enumerate() {
        let class = if i == 1 { " class=\"state\"" } else { "" };
        let sort = key.map_or(String::new(), |k| format!(" data-sort=\"{k}\""));
        let title = match (i, &record.last_check) {
            (4, Some(check)) => format!(" title=\"{}\"", escape(&cut(&check.detail, DETAIL_CHARS))),
            _ => String::new(),
        };
        let _ = write!(page, "<td{class}{sort}{title}>{}</td>", escape(cell));
    }
    page.push_str("</tr>\n");
}

/// Each kiosk's last check and problems, with their details: failing and stale kiosks first.
fn html_details(page: &mut String, report: &Report) {
    let now = report.now;
    let shown: Vec<&Kiosk> = report
        .kiosks
        .iter()
        .filter(|k| {
            k.state != State::Ok
                || !k.record.problems.is_empty()
                || !k.ignored_copies.is_empty()
                || k.clock_ahead
        })
        .collect();
    if shown.is_empty() {
        return;
    }
    page.push_str("<h2>Details</h2>\n<dl>\n");
    for kiosk in shown {
        let _ = writeln!(
            page,
            "<dt id=\"kiosk-{0}\"><strong>{0}</strong> ({1}) <code>{2}</code></dt>",
            escape(&kiosk.kiosk_id),
            kiosk.state.as_str(),
            escape(&kiosk.path)
        );
        if !kiosk.reasons.is_empty() {
            let _ = writeln!(page, "<dd>{}</dd>", escape(&kiosk.reasons.join("; ")));
        }
        if kiosk.clock_ahead {
            let _ = writeln!(
                page,
                "<dd>clock ahead: written {} by its clock, {} from now; its own times are not \
                 trusted for staleness</dd>",
                escape(&kiosk.record.written_at.to_string()),
                age(now, kiosk.record.written_at)
            );
        }
        if let Some(check) = &kiosk.record.last_check {
            let _ = writeln!(
                page,
                "<dd>last check {} ago from <code>{}</code>: <code>{}</code>: {}</dd>",
                age(now, check.at),
                escape(&check.source),
                escape(&check.code),
                escape(&check.detail)
            );
        }
        for problem in kiosk.record.problems.iter().rev() {
            let _ = writeln!(
                page,
                "<dd>problem {} ago: <code>{}</code>: {}</dd>",
                age(now, problem.at),
                escape(&problem.code),
                escape(&problem.detail)
            );
        }
        for copy in &kiosk.ignored_copies {
            let _ = writeln!(
                page,
                "<dd>older copy ignored: <code>{}</code></dd>",
                escape(copy)
            );
        }
    }
    page.push_str("</dl>\n");
}

/// Writes `bytes` to `path` through a temporary file in the same folder (fsync, rename), so the page
/// is whole or absent.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("creating a temporary file in {}", dir.display()))?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path)?;
    Ok(())
}

#[cfg(test)]
mod tests;
