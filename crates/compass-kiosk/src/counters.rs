//! Anonymous counters, opt-in (`counters = true` in kiosk.toml): how often something happened on a
//! day — screens opened by kind, launch locales chosen, services opened by content id, searches that
//! found nothing, quick exits, idle resets. Never any text a visitor typed, no time finer than a day
//! and no order of events.
//!
//! A [`Counter`] is a closed set of names: the only text that reaches one from the page is a service
//! id, which must be one the content DB knows (the shell counts it only after the service was
//! found) and has the shape of a content id. [`Visit`] turns what the page reports into counters
//! (a screen counts when it differs from the one before; a search counts when it turns to no hits,
//! not at every keystroke after; a locale counts when chosen, not the default a session starts in).
//! [`crate::StateDb::count`] stores them per [`Day`], keeping [`KEEP_DAYS`] days.

use std::fmt;

/// Days of counters kept; older rows are dropped when a count is written.
pub const KEEP_DAYS: u16 = 60;

/// A civil date (the kiosk's local date): the finest time a counter carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: i16,
    month: i8,
    day: i8,
}

impl Day {
    /// A date from its parts; `None` outside years 1000–9999, months 1–12, days 1–31.
    pub fn new(year: i16, month: i8, day: i8) -> Option<Day> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
            .then_some(Day { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, nothing else.
    pub fn parse(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<i16> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        Day::new(
            number(0..4)?,
            i8::try_from(number(5..7)?).ok()?,
            i8::try_from(number(8..10)?).ok()?,
        )
    }

    /// Year, month, day.
    pub fn parts(self) -> (i16, i8, i8) {
        (self.year, self.month, self.day)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The kinds of screen counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScreenName {
    /// The home screen.
    Home,
    /// A search and its results.
    Search,
    /// The list of hotlines.
    Hotlines,
    /// The list of exit and support programmes.
    Programmes,
    /// One service.
    Service,
    /// Events.
    Events,
    /// Reports.
    Reports,
    /// The list of help articles.
    Articles,
    /// One help article.
    Article,
    /// The self-check.
    Selfcheck,
    /// About this kiosk.
    About,
}

impl ScreenName {
    fn as_str(self) -> &'static str {
        match self {
            ScreenName::Home => "home",
            ScreenName::Search => "search",
            ScreenName::Hotlines => "hotlines",
            ScreenName::Programmes => "programmes",
            ScreenName::Service => "service",
            ScreenName::Events => "events",
            ScreenName::Reports => "reports",
            ScreenName::Articles => "articles",
            ScreenName::Article => "article",
            ScreenName::Selfcheck => "selfcheck",
            ScreenName::About => "about",
        }
    }
}

/// One thing counted. Its name ([`Counter::name`]) is built from closed sets and a checked id only.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Counter(Kind);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Screen(ScreenName),
    Locale(&'static str),
    Service(String),
    SearchZeroHits,
    QuickExit,
    Reset,
}

/// The longest content id (the content check's rule).
const MAX_ID: usize = 80;

impl Counter {
    /// A screen opened.
    pub const fn screen(name: ScreenName) -> Counter {
        Counter(Kind::Screen(name))
    }

    /// A search that found nothing (never its text).
    pub const SEARCH_ZERO_HITS: Counter = Counter(Kind::SearchZeroHits);
    /// A quick exit.
    pub const QUICK_EXIT: Counter = Counter(Kind::QuickExit);
    /// An idle reset (a visit that ended by itself).
    pub const RESET: Counter = Counter(Kind::Reset);

    /// A locale chosen: only one of `known` (the launch locales), named by that list's own text.
    pub fn locale(tag: &str, known: &[&'static str]) -> Option<Counter> {
        known
            .iter()
            .find(|known| **known == tag)
            .map(|known| Counter(Kind::Locale(known)))
    }

    /// A service opened, by its content id: 1–80 of `a-z 0-9 -`, not starting with `-` (the content
    /// check's id rule); anything else is not counted. The shell passes only ids the content DB found.
    pub fn service(id: &str) -> Option<Counter> {
        let shaped = !id.is_empty()
            && id.len() <= MAX_ID
            && !id.starts_with('-')
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        shaped.then(|| Counter(Kind::Service(id.to_owned())))
    }

    /// The stored and reported name: `screen.home`, `locale.lv`, `service.<id>`,
    /// `search.zero-hits`, `quick-exit`, `reset`.
    pub fn name(&self) -> String {
        match &self.0 {
            Kind::Screen(screen) => format!("screen.{}", screen.as_str()),
            Kind::Locale(tag) => format!("locale.{tag}"),
            Kind::Service(id) => format!("service.{id}"),
            Kind::SearchZeroHits => "search.zero-hits".to_owned(),
            Kind::QuickExit => "quick-exit".to_owned(),
            Kind::Reset => "reset".to_owned(),
        }
    }
}

/// What the page of the current session reported last, to tell a new screen, a chosen locale and a
/// search that turned to nothing from repeats. Kept in memory only; a new session number starts over.
#[derive(Debug, Clone, Default)]
pub struct Visit {
    session: u64,
    screen: Option<ScreenName>,
    locale: Option<&'static str>,
    nothing_found: bool,
    /// Services opened in this session: going back to one, or reading it in another language, is
    /// the same opening.
    services: std::collections::BTreeSet<String>,
}

impl Visit {
    /// A visit tracker before any report.
    pub fn new() -> Visit {
        Visit::default()
    }

    fn enter(&mut self, session: u64) {
        if session != self.session {
            *self = Visit {
                session,
                ..Visit::default()
            };
        }
    }

    /// The page of `session` shows `screen` in `locale`: counts the screen when it is not the one
    /// shown before, and the locale when it is a launch locale other than the one the session showed
    /// first or last (the first report of a session gives its default language, not a choice).
    pub fn screen(
        &mut self,
        session: u64,
        screen: ScreenName,
        locale: &str,
        known: &[&'static str],
    ) -> Vec<Counter> {
        self.enter(session);
        let mut counters = Vec::new();
        if self.screen != Some(screen) {
            counters.push(Counter::screen(screen));
            self.screen = Some(screen);
        }
        let locale = known.iter().copied().find(|known| *known == locale);
        match (self.locale, locale) {
            (Some(before), Some(now)) if before != now => {
                counters.extend(Counter::locale(now, known));
                self.locale = Some(now);
            }
            (None, Some(now)) => self.locale = Some(now),
            _ => {}
        }
        counters
    }

    /// The page of `session` opened the service `id` (an id the content DB knows): counts it once per
    /// session.
    pub fn service(&mut self, session: u64, id: &str) -> Option<Counter> {
        self.enter(session);
        let counter = Counter::service(id)?;
        self.services.insert(id.to_owned()).then_some(counter)
    }

    /// A search in `session` found `hits` entries: counts when it turns to none (typing on in a
    /// search that already found nothing is the same search).
    pub fn searched(&mut self, session: u64, hits: usize) -> Option<Counter> {
        self.enter(session);
        let nothing = hits == 0;
        let turned = nothing && !self.nothing_found;
        self.nothing_found = nothing;
        turned.then_some(Counter::SEARCH_ZERO_HITS)
    }
}
