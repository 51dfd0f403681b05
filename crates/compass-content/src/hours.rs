//! Opening hours: is a channel open at an instant, and when does that change?
//!
//! Hours are written in the service's own IANA time zone ([`Hours`]) and evaluated for an instant
//! ([`jiff::Timestamp`]); the answer ([`OpenState`]) carries the next change as a zoned time in the
//! time zone the kiosk shows, so a kiosk in Riga shows a London line's hours in Riga time. Spans may
//! run past midnight, `always` means 24/7, dated exceptions replace a day's weekly rules. Local times
//! that don't exist (the spring-forward gap) or happen twice (autumn) resolve the way people expect:
//! a time in the gap moves forward by the gap, a doubled time means its first occurrence.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, ZonedDateTime as Zoned};

use crate::model::Hours;

/// Minutes in a day; a span may end at `24:00`.
const DAY: u16 = 24 * 60;

/// Days looked at before and after the instant; the weekly rules repeat, so a week and a bit is enough.
const HORIZON_DAYS: i64 = 8;

/// A span of one day in minutes since midnight; `end <= start` runs past midnight into the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    /// Opening time, minutes since midnight.
    pub start: u16,
    /// Closing time, minutes since midnight (`1440` = 24:00).
    pub end: u16,
}

/// Parsed, validated opening hours of one channel.
#[derive(Debug, Clone)]
pub struct Schedule {
    tz: TimeZone,
    always: bool,
    weekly: [Vec<DaySpan>; 7],
    exceptions: BTreeMap<Date, Vec<DaySpan>>,
}

/// Whether a channel is open at an instant, in the kiosk's time zone.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenState {
    /// No verified hours: the UI says "hours not confirmed, call to check".
    Unknown,
    /// Open now; `closes` is `None` when it stays open beyond the horizon (24/7).
    Open {
        /// When it closes next.
        closes: Option<Zoned>,
    },
    /// Closed now; `opens` is `None` when it does not open within the next week.
    Closed {
        /// When it opens next.
        opens: Option<Zoned>,
    },
}

impl OpenState {
    /// True when open.
    pub fn is_open(&self) -> bool {
        matches!(self, OpenState::Open { .. })
    }

    /// The Fluent message (in `resources/locales/*/hours.ftl`) that says this state to a visitor at
    /// `now`, with its arguments: times as `HH:MM` in the display zone, a weekday as its code
    /// (`mon` … `sun`) when it opens on another day.
    pub fn message(&self, now: Timestamp) -> (&'static str, Vec<(&'static str, String)>) {
        let time = |at: &Zoned| vec![("time", at.strftime("%H:%M").to_string())];
        let today = |at: &Zoned| now.to_zoned_datetime(at.time_zone().clone()).date() == at.date();
        match self {
            OpenState::Unknown => ("hours-unknown", Vec::new()),
            OpenState::Open { closes: None } => ("hours-open-always", Vec::new()),
            // "Closes at 02:00" is clear at 23:00 too: within a day the time is enough.
            OpenState::Open { closes: Some(at) }
                if at.timestamp().duration_since(now).as_hours() < 24 =>
            {
                ("hours-closes-at", time(at))
            }
            OpenState::Open { closes: Some(_) } => ("hours-open", Vec::new()),
            OpenState::Closed { opens: Some(at) } if today(at) => ("hours-opens-at", time(at)),
            OpenState::Closed { opens: Some(at) } => {
                let mut args = time(at);
                args.push(("day", weekday_code(at.date().weekday()).to_owned()));
                ("hours-opens-on", args)
            }
            OpenState::Closed { opens: None } => ("hours-closed", Vec::new()),
        }
    }
}

/// The code of a weekday in message ids and arguments (`weekday-mon`, `$day = mon`).
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "mon",
        Weekday::Tuesday => "tue",
        Weekday::Wednesday => "wed",
        Weekday::Thursday => "thu",
        Weekday::Friday => "fri",
        Weekday::Saturday => "sat",
        Weekday::Sunday => "sun",
    }
}

impl Schedule {
    /// Parses and validates hours; the error says what is wrong, lowercase.
    pub fn parse(hours: &Hours) -> Result<Schedule, String> {
        let tz =
            TimeZone::get(&hours.tz).map_err(|_| format!("unknown time zone {:?}", hours.tz))?;
        let mut weekly: [Vec<DaySpan>; 7] = Default::default();
        for rule in &hours.weekly {
            let (days, spans) = parse_weekly_rule(rule)?;
            for day in days {
                weekly[usize::from(day.to_monday_zero_offset().unsigned_abs())]
                    .extend(spans.iter().copied());
            }
        }
        if hours.always && !hours.weekly.is_empty() {
            return Err("hours give both `always = true` and weekly rules: keep one".to_owned());
        }
        if !hours.always && weekly.iter().all(Vec::is_empty) && hours.exceptions.is_empty() {
            return Err(
                "hours give neither `always = true` nor weekly rules nor exceptions".to_owned(),
            );
        }
        let mut exceptions = BTreeMap::new();
        for exception in &hours.exceptions {
            let date: Date = exception
                .date
                .parse()
                .map_err(|_| format!("invalid exception date {:?}", exception.date))?;
            let spans = exception
                .spans
                .iter()
                .map(|span| parse_span(span))
                .collect::<Result<Vec<_>, _>>()?;
            if exceptions.insert(date, spans).is_some() {
                return Err(format!("two exceptions for {date}"));
            }
        }
        Ok(Schedule {
            tz,
            always: hours.always,
            weekly,
            exceptions,
        })
    }

    /// The weekly spans of a day (Monday = 0), as written.
    fn weekly(&self, monday_offset: usize) -> &[DaySpan] {
        self.weekly.get(monday_offset).map_or(&[], Vec::as_slice)
    }

    /// Open or closed at `now`, with the next change shown in `display` time.
    pub fn state_at(&self, now: Timestamp, display: &TimeZone) -> OpenState {
        let (intervals, window_end) = self.intervals_around(now);
        for (start, end) in intervals {
            if start <= now && now < end {
                // Open through the whole window: 24/7 in effect, there is no closing time to show.
                let closes = (end < window_end).then(|| end.to_zoned_datetime(display.clone()));
                return OpenState::Open { closes };
            }
            if start > now {
                return OpenState::Closed {
                    opens: Some(start.to_zoned_datetime(display.clone())),
                };
            }
        }
        OpenState::Closed { opens: None }
    }

    /// The open intervals from a day before `now` to the horizon, sorted and merged.
    /// Also returns the end of the window: the last day's midnight.
    fn intervals_around(&self, now: Timestamp) -> (Vec<(Timestamp, Timestamp)>, Timestamp) {
        let today = now.to_zoned_datetime(self.tz.clone()).date();
        let window_end = today
            .checked_add((HORIZON_DAYS + 1).days())
            .ok()
            .and_then(|date| self.instant(date, 0))
            .unwrap_or(Timestamp::MAX);
        let mut intervals = Vec::new();
        for offset in -1..=HORIZON_DAYS {
            let Ok(date) = today.checked_add(offset.days()) else {
                continue;
            };
            for span in self.spans_on(date) {
                if let Some(interval) = self.interval(date, span) {
                    intervals.push(interval);
                }
            }
        }
        intervals.sort();
        let mut merged: Vec<(Timestamp, Timestamp)> = Vec::with_capacity(intervals.len());
        for (start, end) in intervals {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        (merged, window_end)
    }

    fn spans_on(&self, date: Date) -> Vec<DaySpan> {
        if let Some(spans) = self.exceptions.get(&date) {
            return spans.clone();
        }
        if self.always {
            return vec![DaySpan { start: 0, end: DAY }];
        }
        self.weekly(usize::from(
            date.weekday().to_monday_zero_offset().unsigned_abs(),
        ))
        .to_vec()
    }

    fn interval(&self, date: Date, span: DaySpan) -> Option<(Timestamp, Timestamp)> {
        let start = self.instant(date, span.start)?;
        let end = if span.end > span.start {
            self.instant(date, span.end)?
        } else {
            self.instant(date.tomorrow().ok()?, span.end)?
        };
        (end > start).then_some((start, end))
    }

    /// The instant of a local time on a date; `24:00` is the next midnight.
    fn instant(&self, date: Date, minutes: u16) -> Option<Timestamp> {
        let (date, minutes) = if minutes >= DAY {
            (date.tomorrow().ok()?, minutes - DAY)
        } else {
            (date, minutes)
        };
        let hour = i8::try_from(minutes / 60).ok()?;
        let minute = i8::try_from(minutes % 60).ok()?;
        date.at(hour, minute, 0, 0)
            .to_zoned_datetime(self.tz.clone())
            .ok()
            .map(|zoned| zoned.timestamp())
    }
}

/// The state of a channel: [`OpenState::Unknown`] without hours.
pub fn state(schedule: Option<&Schedule>, now: Timestamp, display: &TimeZone) -> OpenState {
    schedule.map_or(OpenState::Unknown, |schedule| {
        schedule.state_at(now, display)
    })
}

/// Parses `Mo-Fr 10:00-18:00, 19:00-21:00` into the days and spans it names.
pub fn parse_weekly_rule(rule: &str) -> Result<(Vec<Weekday>, Vec<DaySpan>), String> {
    let rule = rule.trim();
    let (days, spans) = rule
        .split_once(char::is_whitespace)
        .ok_or_else(|| format!("weekly rule {rule:?} is not `<days> <HH:MM-HH:MM>`"))?;
    let mut weekdays = Vec::new();
    for part in days.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (parse_day(from, rule)?, parse_day(to, rule)?);
                let mut day = from;
                loop {
                    weekdays.push(day);
                    if day == to {
                        break;
                    }
                    day = day.next();
                }
            }
            None => weekdays.push(parse_day(part, rule)?),
        }
    }
    let spans = spans
        .split(',')
        .map(|span| parse_span(span.trim()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((weekdays, spans))
}

fn parse_day(day: &str, rule: &str) -> Result<Weekday, String> {
    Ok(match day.trim() {
        "Mo" => Weekday::Monday,
        "Tu" => Weekday::Tuesday,
        "We" => Weekday::Wednesday,
        "Th" => Weekday::Thursday,
        "Fr" => Weekday::Friday,
        "Sa" => Weekday::Saturday,
        "Su" => Weekday::Sunday,
        other => {
            return Err(format!(
                "unknown day {other:?} in weekly rule {rule:?} (use Mo Tu We Th Fr Sa Su)"
            ));
        }
    })
}

/// Parses `HH:MM-HH:MM`.
pub fn parse_span(span: &str) -> Result<DaySpan, String> {
    let (start, end) = span
        .split_once('-')
        .ok_or_else(|| format!("time span {span:?} is not HH:MM-HH:MM"))?;
    let start = parse_time(start, span)?;
    let end = parse_time(end, span)?;
    if start == DAY {
        return Err(format!("time span {span:?} cannot start at 24:00"));
    }
    if start == end {
        return Err(format!(
            "time span {span:?} is empty (use `always = true` for 24 hours)"
        ));
    }
    Ok(DaySpan { start, end })
}

fn parse_time(time: &str, span: &str) -> Result<u16, String> {
    let invalid = || format!("invalid time {time:?} in span {span:?} (use HH:MM, 00:00 to 24:00)");
    let (hours, minutes) = time.trim().split_once(':').ok_or_else(invalid)?;
    if hours.len() != 2 || minutes.len() != 2 {
        return Err(invalid());
    }
    let hours: u16 = hours.parse().map_err(|_| invalid())?;
    let minutes: u16 = minutes.parse().map_err(|_| invalid())?;
    if minutes >= 60 || hours > 24 || (hours == 24 && minutes != 0) {
        return Err(invalid());
    }
    Ok(hours * 60 + minutes)
}

/// Formats minutes since midnight as `HH:MM`.
pub fn format_minutes(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
