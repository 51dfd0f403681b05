//! `compass-admin`: the admin's command line — check the content source, build the content DB, search
//! it, print a referral sheet, exchange content as Open Referral HSDS 3.0 JSON, and report on the
//! fleet's status records (`fleet report`).
//!
//! Glue only: every rule lives in `compass-content` and `compass-i18n`. Messages here are for admins at a
//! terminal, in English; nothing here is shown to kiosk visitors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use compass_content::model::Audience;
use compass_content::source::{Diagnostic, Severity};
use compass_content::{
    ContentDb, Filters, Matched, SearchQuery, check, parse_country, source, translations,
};

mod fleet;
mod repo;

#[derive(Debug, Parser)]
#[command(
    name = "compass-admin",
    version,
    about = "Check, build and search Safety Compass content"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate the content source and the UI locales; report every problem with file and line.
    Check(CheckArgs),
    /// Build the content DB from the source and print its content hash.
    Build(BuildArgs),
    /// Search a content DB as a kiosk visitor would.
    Search(SearchArgs),
    /// Print the contacts for a person: where they are and their nationality.
    Referral(ReferralArgs),
    /// Show one service as a kiosk would: its channels, each open or closed now in the kiosk's time.
    Show(ShowArgs),
    /// Export the content source as HSDS 3.0 JSON (confidential entries left out unless asked for).
    ExportHsds(ExportArgs),
    /// Import HSDS 3.0 JSON into content source files.
    ImportHsds(ImportArgs),
    /// Signed update repositories: init, publish, refresh-timestamp, rotate-key, inspect.
    #[command(subcommand)]
    Repo(repo::RepoCommand),
    /// Content translations as gettext PO files for translators: export, import.
    #[command(subcommand)]
    Translations(TranslationsCommand),
    /// The kiosks' status records, collected from update sticks or a web server: report.
    #[command(subcommand)]
    Fleet(fleet::FleetCommand),
}

#[derive(Debug, Subcommand)]
enum TranslationsCommand {
    /// Write every content string to translate into a locale, with its original and status
    /// (machine and outdated ones flagged fuzzy), as a PO file.
    Export(TranslationsExportArgs),
    /// Read a translator's PO file back into the content source: strings not flagged fuzzy become
    /// reviewed. Checked whole first; any problem is reported with its line and nothing is written.
    Import(TranslationsImportArgs),
}

#[derive(Debug, Args)]
struct TranslationsExportArgs {
    /// The content source folder.
    #[arg(long, default_value = "resources/content")]
    source: PathBuf,
    /// The locale to translate into.
    #[arg(long)]
    locale: String,
    /// Where to write the PO file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct TranslationsImportArgs {
    /// The PO file.
    file: PathBuf,
    /// The content source folder.
    #[arg(long, default_value = "resources/content")]
    source: PathBuf,
    /// The locale the file translates into.
    #[arg(long)]
    locale: String,
}

#[derive(Debug, Args)]
struct SourceArgs {
    /// The content source folder.
    #[arg(long, default_value = "resources/content")]
    source: PathBuf,
    /// The date verifications are measured against (YYYY-MM-DD); default today.
    #[arg(long)]
    today: Option<String>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// The UI locales folder to lint.
    #[arg(long, default_value = "resources/locales")]
    locales: PathBuf,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// Where to write the content DB (report files go to `attachments/` beside it).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, Args)]
struct SearchArgs {
    /// The content DB.
    #[arg(long)]
    db: PathBuf,
    /// The visitor's locale.
    #[arg(long, default_value = "en")]
    locale: String,
    /// The kiosk's country: its emergency and trafficking lines come first (LV, EE, GB/UK).
    #[arg(long)]
    country: Option<String>,
    /// Only entries of this country.
    #[arg(long)]
    only_country: Option<String>,
    /// Only services with this topic.
    #[arg(long)]
    topic: Option<String>,
    /// Only services for this audience (adults, children).
    #[arg(long)]
    audience: Option<String>,
    /// Only services answering in this language.
    #[arg(long)]
    language: Option<String>,
    /// Only services open now.
    #[arg(long)]
    open_now: bool,
    /// Include confidential (staff-only) entries.
    #[arg(long)]
    staff: bool,
    /// Match whole words only (default: every word is a prefix, as a visitor types).
    #[arg(long)]
    whole_words: bool,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print a JSON array of hits.
    #[arg(long)]
    json: bool,
    /// What to search for (empty: everything, ranked).
    #[arg(default_value = "")]
    query: String,
}

#[derive(Debug, Args)]
struct ReferralArgs {
    /// The content DB.
    #[arg(long)]
    db: PathBuf,
    /// Where the person is (LV, EE, GB/UK).
    #[arg(long)]
    here: String,
    /// The person's nationality (LV, EE, GB/UK).
    #[arg(long)]
    nationality: String,
    /// Locale of the names.
    #[arg(long, default_value = "en")]
    locale: String,
    /// Include confidential entries.
    #[arg(long)]
    staff: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// The content DB.
    #[arg(long)]
    db: PathBuf,
    /// Locale of the texts and labels.
    #[arg(long, default_value = "en")]
    locale: String,
    /// The kiosk's IANA time zone, in which hours are shown (default: this machine's).
    #[arg(long)]
    tz: Option<String>,
    /// The instant to evaluate, RFC 3339 (`2026-07-01T08:00:00Z`); default now.
    #[arg(long)]
    at: Option<String>,
    /// The UI locales folder.
    #[arg(long, default_value = "resources/locales")]
    locales: PathBuf,
    /// Include confidential entries.
    #[arg(long)]
    staff: bool,
    /// The service id.
    id: String,
}

#[derive(Debug, Args)]
struct ExportArgs {
    #[command(flatten)]
    source: SourceArgs,
    /// Write the whole content (events, reports, articles, self-checks too) as an HSDS organization
    /// list wrapped with the Safety Compass profile, for `import-hsds`; default: a plain HSDS 3.0 array
    /// of organizations.
    #[arg(long)]
    bundle: bool,
    /// Include confidential (staff-only) entries; default: left out, as the export may be shared.
    #[arg(long)]
    include_confidential: bool,
    /// Write here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The HSDS JSON file.
    file: PathBuf,
    /// The content source folder to write organisations into.
    #[arg(long)]
    out: PathBuf,
    /// Replace files that already exist.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check_command(&args),
        Command::Build(args) => build_command(&args),
        Command::Search(args) => search_command(&args),
        Command::Referral(args) => referral_command(&args),
        Command::Show(args) => show_command(&args),
        Command::ExportHsds(args) => export_command(&args),
        Command::ImportHsds(args) => import_command(&args),
        Command::Repo(command) => repo::run(command),
        Command::Translations(TranslationsCommand::Export(args)) => translations_export(&args),
        Command::Translations(TranslationsCommand::Import(args)) => translations_import(&args),
        Command::Fleet(command) => fleet::run(command),
    }
}

fn source_without_errors(source: &Path) -> Result<Option<source::Loaded>> {
    let loaded = source::load(source);
    let errors: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for diagnostic in &errors {
        eprintln!("{}", with_root(source, diagnostic));
    }
    Ok(errors.is_empty().then_some(loaded))
}

fn translations_export(args: &TranslationsExportArgs) -> Result<ExitCode> {
    if !compass_i18n::LAUNCH_LOCALES.contains(&args.locale.as_str()) {
        anyhow::bail!(
            "--locale {:?} is not a kiosk locale ({})",
            args.locale,
            compass_i18n::LAUNCH_LOCALES.join(", ")
        );
    }
    let Some(loaded) = source_without_errors(&args.source)? else {
        return Ok(ExitCode::FAILURE);
    };
    let reviews = translations::read_reviews(&args.source).map_err(anyhow::Error::msg)?;
    let units = translations::units(&loaded, &args.locale, &reviews);
    let po = translations::write_po(&units, &args.locale);
    let count = |status: compass_content::model::TranslationStatus| {
        units.iter().filter(|u| u.status == status).count()
    };
    use compass_content::model::TranslationStatus as S;
    let summary = format!(
        "{} strings for {}: {} machine, {} reviewed, {} outdated, {} untranslated",
        units.len(),
        args.locale,
        count(S::Machine),
        count(S::Reviewed),
        count(S::Outdated),
        units.iter().filter(|u| u.target.is_none()).count()
    );
    match &args.out {
        Some(out) => {
            std::fs::write(out, po).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {}: {summary}", out.display());
        }
        None => {
            print!("{po}");
            eprintln!("{summary}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn translations_import(args: &TranslationsImportArgs) -> Result<ExitCode> {
    let po =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let Ok(po) = String::from_utf8(po) else {
        eprintln!("{}:0: the file is not UTF-8 text", args.file.display());
        return Ok(ExitCode::FAILURE);
    };
    let Some(loaded) = source_without_errors(&args.source)? else {
        return Ok(ExitCode::FAILURE);
    };
    match translations::import(&loaded, &args.locale, &compass_i18n::LAUNCH_LOCALES, &po) {
        Ok(report) => {
            println!(
                "imported {}: {} reviewed, {} machine, {} left untranslated; wrote {}",
                args.file.display(),
                report.reviewed,
                report.machine,
                report.untranslated,
                report
                    .files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!(
                    "{}:{}: error: {}",
                    args.file.display(),
                    problem.line,
                    problem.message
                );
            }
            eprintln!("nothing was changed");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn today(value: Option<&str>) -> Result<jiff::civil::Date> {
    match value {
        Some(value) => value
            .parse()
            .with_context(|| format!("--today {value:?} is not YYYY-MM-DD")),
        None => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// Loads and checks the source; prints every finding; returns the load and whether it has errors.
/// Loads and checks the source and prints the findings: all of them for `check`, the errors and a count
/// of warnings for the commands that only need the content to be sound.
fn load_checked(
    args: &SourceArgs,
    show_warnings: bool,
) -> Result<(source::Loaded, Vec<Diagnostic>)> {
    let today = today(args.today.as_deref())?;
    let loaded = source::load(&args.source);
    let diagnostics = check::check(&loaded, today);
    for diagnostic in &diagnostics {
        if show_warnings || diagnostic.severity == Severity::Error {
            eprintln!("{}", with_root(&args.source, diagnostic));
        }
    }
    let warnings = count(&diagnostics, Severity::Warning);
    if !show_warnings && warnings > 0 {
        eprintln!("{warnings} warnings (`compass-admin check` lists them)");
    }
    Ok((loaded, diagnostics))
}

fn with_root(root: &Path, diagnostic: &Diagnostic) -> Diagnostic {
    Diagnostic {
        file: root.join(&diagnostic.file),
        ..diagnostic.clone()
    }
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn check_command(args: &CheckArgs) -> Result<ExitCode> {
    let (loaded, mut diagnostics) = load_checked(&args.source, true)?;
    for problem in compass_i18n::lint(&args.locales) {
        eprintln!("{problem}");
        diagnostics.push(Diagnostic {
            severity: match problem.severity {
                compass_i18n::Severity::Error => Severity::Error,
                _ => Severity::Warning,
            },
            file: problem.file.clone(),
            line: problem.line,
            message: problem.message.clone(),
        });
    }
    let content = &loaded.content;
    let services: usize = content.organizations.iter().map(|o| o.services.len()).sum();
    println!(
        "checked {} organisations, {services} services, {} events, {} reports, {} articles, {} self-checks: {} errors, {} warnings",
        content.organizations.len(),
        content.events.len(),
        content.reports.len(),
        content.articles.len(),
        content.selfchecks.len(),
        count(&diagnostics, Severity::Error),
        count(&diagnostics, Severity::Warning),
    );
    Ok(if check::has_errors(&diagnostics) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn build_command(args: &BuildArgs) -> Result<ExitCode> {
    let Some(report) = checked_build(&args.source, &args.out)? else {
        return Ok(ExitCode::FAILURE);
    };
    let counts: Vec<String> = report
        .counts
        .iter()
        .map(|(kind, n)| format!("{kind} {n}"))
        .collect();
    println!(
        "built {} ({} bytes): {}",
        report.path.display(),
        report.size,
        counts.join(", ")
    );
    println!("content hash sha256:{}", report.content_hash);
    Ok(ExitCode::SUCCESS)
}

/// Checks and builds `source` into `out`; `None` (after printing why) when it has errors.
fn checked_build(
    source: &SourceArgs,
    out: &Path,
) -> Result<Option<compass_content::build::BuildReport>> {
    let (loaded, diagnostics) = load_checked(source, false)?;
    if check::has_errors(&diagnostics) {
        eprintln!(
            "not built: {} errors (run `compass-admin check`)",
            count(&diagnostics, Severity::Error)
        );
        return Ok(None);
    }
    let report = compass_content::build::build(&loaded.content, &source.source, out)
        .with_context(|| format!("building {}", out.display()))?;
    Ok(Some(report))
}

/// Builds a source folder for `repo publish --source`; false when the content has errors.
fn build_for_publish(source: &Path, out: &Path) -> Result<bool> {
    let args = SourceArgs {
        source: source.to_owned(),
        today: None,
    };
    let built = checked_build(&args, out)?;
    if let Some(report) = &built {
        eprintln!("built {} ({} bytes)", report.path.display(), report.size);
    }
    Ok(built.is_some())
}

fn search_command(args: &SearchArgs) -> Result<ExitCode> {
    let db = ContentDb::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let kiosk_country = args.country.as_deref().map(parse_country).transpose()?;
    let audience = match args.audience.as_deref() {
        None => None,
        Some("adults") => Some(Audience::Adults),
        Some("children") => Some(Audience::Children),
        Some(other) => bail!("--audience {other:?}: use adults or children"),
    };
    let query = SearchQuery {
        locale: &args.locale,
        kiosk_country: kiosk_country.as_deref(),
        filters: Filters {
            country: args
                .only_country
                .as_deref()
                .map(parse_country)
                .transpose()?,
            topic: args.topic.clone(),
            audience,
            language: args.language.clone(),
            open_now: args.open_now,
        },
        include_confidential: args.staff,
        prefix: !args.whole_words,
        limit: args.limit,
        ..SearchQuery::new(&args.query)
    };
    let found = db.find(&query)?;
    let hits = found.hits;
    if found.matched == Matched::Some {
        eprintln!("no entry has every word; these have some of them");
    }
    if args.json {
        let hits: Vec<serde_json::Value> = hits
            .iter()
            .map(|hit| {
                serde_json::json!({
                    "id": hit.id,
                    "kind": hit.kind,
                    "name": hit.name.text,
                    "locale": hit.name.locale,
                    "fallback": hit.name.fallback,
                    "country": hit.country,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&hits)?);
    } else {
        for hit in &hits {
            let note = if hit.name.fallback {
                format!(" [{}]", hit.name.locale)
            } else {
                String::new()
            };
            let country = hit.country.as_deref().unwrap_or("--");
            println!(
                "{:<12} {country} {:<40} {}{note}",
                hit.kind, hit.id, hit.name.text
            );
        }
        eprintln!("{} hits", hits.len());
    }
    Ok(ExitCode::SUCCESS)
}

fn referral_command(args: &ReferralArgs) -> Result<ExitCode> {
    let db = ContentDb::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let here = parse_country(&args.here)?;
    let nationality = parse_country(&args.nationality)?;
    let referral = db.referral(&here, &nationality, &args.locale, args.staff)?;
    let sections = [
        ("emergency", &referral.emergency),
        ("trafficking_here", &referral.trafficking_here),
        ("consular", &referral.consular),
        ("home_hotlines", &referral.home_hotlines),
        ("programmes", &referral.programmes),
    ];
    if args.json {
        let mut out = serde_json::Map::new();
        for (section, entries) in sections {
            let entries: Vec<serde_json::Value> = entries
                .iter()
                .map(|entry| {
                    serde_json::json!({
                        "id": entry.service_id,
                        "name": entry.name.as_ref().map(|n| n.text.clone()),
                        "numbers": entry.numbers,
                        "reachable": entry.reachable,
                    })
                })
                .collect();
            out.insert(section.to_owned(), entries.into());
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for (section, entries) in sections {
            println!("{section}:");
            for entry in entries {
                let name = entry
                    .name
                    .as_ref()
                    .map_or(entry.service_id.as_str(), |n| n.text.as_str());
                let unknown = if entry.reachable.is_none() {
                    " (may not work from abroad)"
                } else {
                    ""
                };
                println!("  {name}: {}{unknown}", entry.numbers.join(", "));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show_command(args: &ShowArgs) -> Result<ExitCode> {
    let db = ContentDb::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let localizer = compass_i18n::Localizer::load(&args.locales)
        .with_context(|| format!("loading locales from {}", args.locales.display()))?;
    let tz = match &args.tz {
        Some(name) => jiff::tz::TimeZone::get(name).with_context(|| format!("--tz {name:?}"))?,
        None => jiff::tz::TimeZone::system(),
    };
    let now: jiff::Timestamp = match &args.at {
        Some(at) => at
            .parse()
            .with_context(|| format!("--at {at:?} is not an RFC 3339 instant"))?,
        None => jiff::Timestamp::now(),
    };
    let Some(service) = db.service(&args.id, &args.locale, args.staff, now, &tz)? else {
        eprintln!("no service {:?}", args.id);
        return Ok(ExitCode::FAILURE);
    };
    let say = |id: &str, values: &[(&str, String)]| {
        let values: Vec<(&str, compass_i18n::Arg)> = values
            .iter()
            .map(|(key, value)| (*key, value.as_str().into()))
            .collect();
        localizer.format(&args.locale, id, &values).text
    };
    let text = |value: &Option<compass_content::Localized>| {
        value.as_ref().map_or(String::new(), |v| {
            if v.fallback {
                format!("{} [{}]", v.text, v.locale)
            } else {
                v.text.clone()
            }
        })
    };
    println!("{}", text(&service.name));
    println!("  {}", text(&service.organization));
    let kind = say(&format!("service-kind-{}", service.kind), &[]);
    let topics: Vec<String> = service
        .topics
        .iter()
        .map(|t| say(&format!("topic-{t}"), &[]))
        .collect();
    println!("  {kind}; {}", topics.join(", "));
    for channel in &service.channels {
        let reach = channel
            .dial_at_home()
            .or(channel.url.as_deref())
            .or(channel.address.as_deref())
            .unwrap_or("");
        let (id, values) = channel.state.message(now);
        let label = channel
            .label
            .as_ref()
            .map_or(String::new(), |l| format!(" ({})", l.text));
        println!(
            "  {}{label}: {reach} — {}",
            say(&format!("channel-{}", channel.kind), &[]),
            say(id, &values)
        );
    }
    let verified = if service.verification == "verified" {
        say(
            "provenance-verified-on",
            &[("date", service.verified_on.clone())],
        )
    } else {
        say("provenance-unverified", &[])
    };
    println!("  {verified} — {}", service.source);
    Ok(ExitCode::SUCCESS)
}

fn export_command(args: &ExportArgs) -> Result<ExitCode> {
    let (loaded, diagnostics) = load_checked(&args.source, false)?;
    if check::has_errors(&diagnostics) {
        eprintln!(
            "not exported: {} errors (run `compass-admin check`)",
            count(&diagnostics, Severity::Error)
        );
        return Ok(ExitCode::FAILURE);
    }
    let content = if args.include_confidential {
        loaded.content
    } else {
        loaded.content.without_confidential()
    };
    let value = if args.bundle {
        compass_content::hsds::export_bundle(&content)
    } else {
        compass_content::hsds::export(&content)
    };
    let json = serde_json::to_string_pretty(&value)?;
    match &args.out {
        Some(path) => std::fs::write(path, json + "\n")
            .with_context(|| format!("writing {}", path.display()))?,
        None => println!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn import_command(args: &ImportArgs) -> Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not JSON", args.file.display()))?;
    let imported = compass_content::hsds::import(&value);
    for problem in &imported.problems {
        eprintln!(
            "{}: {}: {}",
            args.file.display(),
            problem.path,
            problem.message
        );
    }
    let written = compass_content::source::write(&imported.content, &args.out, args.force)
        .with_context(|| format!("writing content source into {}", args.out.display()))?;
    println!(
        "imported {} organisations, {} events, {} reports, {} articles, {} self-checks into {} ({} files); {} problems",
        imported.content.organizations.len(),
        imported.content.events.len(),
        imported.content.reports.len(),
        imported.content.articles.len(),
        imported.content.selfchecks.len(),
        args.out.display(),
        written,
        imported.problems.len()
    );
    Ok(ExitCode::SUCCESS)
}
