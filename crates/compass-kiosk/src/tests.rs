use std::time::{Duration, Instant};

use crate::{IdleConfig, IdlePhase, IdleTimer, Key, PinLockout, PinVerdict, QuickExit, StateDb};

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

const CONFIG: IdleConfig = IdleConfig {
    timeout: Duration::from_secs(60),
    countdown: Duration::from_secs(10),
};

/// Drives an idle timer through `(seconds since start, event)` and checks each phase.
fn check_idle(steps: &[(u64, Option<&str>, IdlePhase)]) {
    let start = Instant::now();
    let mut timer = IdleTimer::new(CONFIG, start);
    for (at, event, expect) in steps {
        let now = start + secs(*at);
        match event {
            Some("touch") => timer.activity(now),
            Some("restart") => timer.restart(now),
            Some(other) => panic!("unknown event {other}"),
            None => {}
        }
        assert_eq!(timer.tick(now), *expect, "at {at} s");
    }
}

#[test]
fn an_untouched_session_never_warns() {
    check_idle(&[
        (0, None, IdlePhase::Active),
        (10_000, None, IdlePhase::Active),
    ]);
}

#[test]
fn idle_warns_then_resets_once() {
    check_idle(&[
        (0, Some("touch"), IdlePhase::Active),
        (59, None, IdlePhase::Active),
        (60, None, IdlePhase::Warning { remaining_secs: 10 }),
        (65, None, IdlePhase::Warning { remaining_secs: 5 }),
        (69, None, IdlePhase::Warning { remaining_secs: 1 }),
        (70, None, IdlePhase::Reset),
        (71, None, IdlePhase::Active),
        (500, None, IdlePhase::Active),
    ]);
}

#[test]
fn activity_during_the_countdown_cancels_it() {
    check_idle(&[
        (0, Some("touch"), IdlePhase::Active),
        (62, None, IdlePhase::Warning { remaining_secs: 8 }),
        (63, Some("touch"), IdlePhase::Active),
        (122, None, IdlePhase::Active),
        (123, None, IdlePhase::Warning { remaining_secs: 10 }),
        (133, None, IdlePhase::Reset),
    ]);
}

#[test]
fn a_restart_makes_a_fresh_session() {
    check_idle(&[
        (0, Some("touch"), IdlePhase::Active),
        (30, Some("restart"), IdlePhase::Active),
        (1_000, None, IdlePhase::Active),
    ]);
}

#[test]
fn a_late_tick_resets_at_once() {
    // The machine slept through the countdown: no warning is owed, the session goes.
    check_idle(&[
        (0, Some("touch"), IdlePhase::Active),
        (3_600, None, IdlePhase::Reset),
    ]);
}

#[test]
fn remaining_seconds_round_up() {
    let start = Instant::now();
    let mut timer = IdleTimer::new(CONFIG, start);
    timer.activity(start);
    let phase = timer.tick(start + secs(60) + Duration::from_millis(9_001));
    assert_eq!(phase, IdlePhase::Warning { remaining_secs: 1 });
}

/// Feeds `(milliseconds since start, key)` to a quick-exit watcher and collects the exits.
fn check_keys(keys: &[(u64, Key)], expect_exit_at: &[u64]) {
    let start = Instant::now();
    let mut watcher = QuickExit::new();
    let exits: Vec<u64> = keys
        .iter()
        .filter(|(at, key)| watcher.key(*key, start + Duration::from_millis(*at)))
        .map(|(at, _)| *at)
        .collect();
    assert_eq!(exits, expect_exit_at);
}

#[test]
fn escape_leaves_at_once() {
    check_keys(&[(0, Key::Escape)], &[0]);
}

#[test]
fn three_shifts_leave() {
    check_keys(
        &[(0, Key::Shift), (300, Key::Shift), (600, Key::Shift)],
        &[600],
    );
}

#[test]
fn two_shifts_do_not() {
    check_keys(&[(0, Key::Shift), (300, Key::Shift)], &[]);
}

#[test]
fn another_key_breaks_the_run() {
    check_keys(
        &[
            (0, Key::Shift),
            (100, Key::Shift),
            (200, Key::Other),
            (300, Key::Shift),
        ],
        &[],
    );
}

#[test]
fn slow_shifts_do_not_count() {
    check_keys(
        &[(0, Key::Shift), (3_000, Key::Shift), (6_000, Key::Shift)],
        &[],
    );
    check_keys(
        &[
            (0, Key::Shift),
            (3_000, Key::Shift),
            (6_000, Key::Shift),
            (6_500, Key::Shift),
        ],
        &[6_500],
    );
}

#[test]
fn six_shifts_leave_twice() {
    let keys: Vec<(u64, Key)> = (0..6).map(|i| (i * 100, Key::Shift)).collect();
    check_keys(&keys, &[200, 500]);
}

#[test]
fn pin_lockout_grows() {
    let start = Instant::now();
    let mut lockout = PinLockout::new();
    for _ in 1..PinLockout::FREE_ATTEMPTS {
        assert_eq!(lockout.failed(start), PinVerdict::Allowed);
    }
    // The fifth wrong PIN locks for 30 s, the sixth for a minute, then 2, 4 minutes…
    assert_eq!(lockout.failed(start), PinVerdict::LockedFor(secs(30)));
    assert_eq!(
        lockout.verdict(start + secs(29)),
        PinVerdict::LockedFor(secs(1))
    );
    assert_eq!(lockout.verdict(start + secs(30)), PinVerdict::Allowed);
    let t = start + secs(30);
    assert_eq!(lockout.failed(t), PinVerdict::LockedFor(secs(60)));
    let t = t + secs(60);
    assert_eq!(lockout.failed(t), PinVerdict::LockedFor(secs(120)));
    let mut t = t + secs(120);
    for _ in 0..20 {
        lockout.failed(t);
        t += secs(3600);
    }
    assert_eq!(
        lockout.failed(t),
        PinVerdict::LockedFor(secs(3600)),
        "capped at an hour"
    );
    lockout.succeeded();
    assert_eq!(lockout.failures(), 0);
    assert_eq!(lockout.verdict(t), PinVerdict::Allowed);
}

#[test]
fn state_db_migrates_and_keeps_settings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nested/state.db");
    let db = StateDb::open(&path).expect("open");
    assert_eq!(db.version().expect("version"), 2);
    assert_eq!(db.setting("locale.default").expect("read"), None);
    db.set_setting("locale.default", Some("lv")).expect("write");
    db.set_setting("locale.default", Some("et"))
        .expect("overwrite");
    drop(db);
    let db = StateDb::open(&path).expect("reopen");
    assert_eq!(
        db.setting("locale.default").expect("read").as_deref(),
        Some("et")
    );
    db.set_setting("locale.default", None).expect("remove");
    assert_eq!(db.setting("locale.default").expect("read"), None);
}

#[test]
fn state_db_from_a_newer_build_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.db");
    let conn = rusqlite::Connection::open(&path).expect("create");
    conn.pragma_update(None, "user_version", 99).expect("bump");
    drop(conn);
    let error = StateDb::open(&path).expect_err("newer file");
    assert!(
        matches!(
            error,
            crate::Error::TooNew {
                found: 99,
                known: 2,
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn state_db_that_is_not_sqlite_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.db");
    std::fs::write(
        &path,
        b"this is not a database, just text long enough to look like a header......",
    )
    .expect("write");
    assert!(StateDb::open(&path).is_err());
}

#[test]
fn admin_pin_is_stored_as_an_argon2id_hash_and_locks_out_after_five_wrong() {
    use crate::{AdminPin, PinOutcome, PinRefusal};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.db");
    let state = StateDb::open(&path).expect("state");
    let start = Instant::now();
    let mut pin = AdminPin::load(&state, start).expect("load");
    assert_eq!(
        pin.try_pin(&state, "123456", start).expect("try"),
        PinOutcome::NotSet
    );
    for (new, repeat, refusal) in [
        ("12345", "12345", PinRefusal::Shape),
        ("1234567890123", "1234567890123", PinRefusal::Shape),
        ("12345a", "12345a", PinRefusal::Shape),
        ("", "", PinRefusal::Shape),
        ("246813", "246812", PinRefusal::Mismatch),
    ] {
        assert_eq!(
            AdminPin::set_first(&state, new, repeat).expect("set"),
            Err(refusal),
            "{new:?}"
        );
    }
    assert_eq!(
        AdminPin::set_first(&state, "246813", "246813").expect("set"),
        Ok(())
    );
    assert_eq!(
        AdminPin::set_first(&state, "111111", "111111").expect("set"),
        Err(PinRefusal::AlreadySet)
    );

    let stored = state
        .setting("admin.pin_hash")
        .expect("read")
        .expect("hash stored");
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(
        !stored.contains("246813"),
        "the PIN itself is in the stored hash"
    );
    let bytes = std::fs::read(&path).expect("state file");
    assert!(
        !bytes.windows(6).any(|w| w == b"246813"),
        "the PIN is in the state file"
    );

    assert_eq!(
        pin.try_pin(&state, "246813", start).expect("try"),
        PinOutcome::Accepted
    );
    for n in 1..5 {
        assert_eq!(
            pin.try_pin(&state, "000000", start).expect("try"),
            PinOutcome::Wrong(PinVerdict::Allowed),
            "try {n}"
        );
    }
    assert_eq!(
        pin.try_pin(&state, "000000", start).expect("try"),
        PinOutcome::Wrong(PinVerdict::LockedFor(secs(30)))
    );
    assert_eq!(
        pin.try_pin(&state, "246813", start + secs(10))
            .expect("try"),
        PinOutcome::Locked(secs(20)),
        "the right PIN during a lock is not even checked"
    );

    // A restart keeps the count: the lock starts again, and the next wrong PIN doubles it.
    let later = start + secs(40);
    let mut pin = AdminPin::load(&state, later).expect("reload");
    assert_eq!(
        pin.try_pin(&state, "246813", later).expect("try"),
        PinOutcome::Locked(secs(30))
    );
    assert_eq!(
        pin.try_pin(&state, "000000", later + secs(30))
            .expect("try"),
        PinOutcome::Wrong(PinVerdict::LockedFor(secs(60)))
    );
    assert_eq!(
        pin.try_pin(&state, "246813", later + secs(90))
            .expect("try"),
        PinOutcome::Accepted
    );
    assert_eq!(
        state.setting("admin.pin_failures").expect("read"),
        None,
        "success forgets the failures"
    );
    println!(
        "admin PIN: 5 malformed or mismatched PINs refused; stored as {}… (Argon2id, not the PIN); \
         5 wrong PINs lock for 30 s, the right PIN is not checked while locked, a restart keeps the \
         lock, the next wrong PIN doubles it to 60 s",
        &stored[..stored.len().min(30)]
    );
}

mod session {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};

    use crate::{
        Counter, Effect, IdleConfig, IdlePhase, Key, Screen, Session, SessionConfig, Start,
    };

    const CONFIG: SessionConfig = SessionConfig {
        idle: IdleConfig {
            timeout: Duration::from_secs(60),
            countdown: Duration::from_secs(10),
        },
        admin_idle: Duration::from_secs(30),
        visitor: true,
    };

    fn at(start: Instant, secs: u64) -> Instant {
        start + Duration::from_secs(secs)
    }

    fn fresh(number: u64, start: Start, shown: Option<u64>) -> Vec<Effect> {
        vec![
            Effect::SwitchContent { shown },
            Effect::FreshPage { number, start },
        ]
    }

    /// An idle reset's and a quick exit's effects end with a count (dropped when counting is off).
    fn counted(mut effects: Vec<Effect>, counter: Counter) -> Vec<Effect> {
        effects.push(Effect::Count(counter));
        effects
    }

    #[test]
    fn idle_reset_gives_a_fresh_home_and_the_only_content_switch() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, Some(4), t0);
        assert_eq!(session.started(), vec![Effect::RecordInUse(4)]);
        session.activity(at(t0, 1));
        assert!(session.tick(at(t0, 60)).is_empty());
        assert_eq!(
            session.idle_phase(at(t0, 65)),
            IdlePhase::Warning { remaining_secs: 6 }
        );
        assert_eq!(
            session.tick(at(t0, 71)),
            counted(fresh(2, Start::Home, Some(4)), Counter::RESET)
        );
        assert_eq!(session.number(), 2);
        // The next session starts untouched: it never resets by itself.
        assert!(session.tick(at(t0, 10_000)).is_empty());
    }

    #[test]
    fn staff_mode_never_resets_by_itself() {
        let t0 = Instant::now();
        let mut session = Session::new(
            SessionConfig {
                visitor: false,
                ..CONFIG
            },
            None,
            t0,
        );
        session.activity(t0);
        assert!(session.tick(at(t0, 10_000)).is_empty());
        assert_eq!(session.idle_phase(at(t0, 10_000)), IdlePhase::Active);
    }

    #[test]
    fn quick_exit_by_escape_or_three_shifts_starts_on_the_neutral_screen() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, None, t0);
        assert!(session.key(Key::Escape, t0));
        assert_eq!(
            session.quick_exit(1, t0),
            counted(fresh(2, Start::Neutral, None), Counter::QUICK_EXIT)
        );
        // The same press, retried by the old page (or its IPC fallback), does not reset again.
        assert!(session.quick_exit(1, t0).is_empty());
        assert!(session.reset_from(1, t0, Start::Home).is_empty());
        assert_eq!(session.number(), 2);
        assert!(!session.key(Key::Shift, at(t0, 1)));
        assert!(!session.key(Key::Shift, at(t0, 2)));
        assert!(session.key(Key::Shift, at(t0, 3)));
        // Two Shifts in the old session and one in the new do not add up.
        session.key(Key::Shift, at(t0, 4));
        session.key(Key::Shift, at(t0, 4));
        session.quick_exit(session.number(), at(t0, 4));
        assert!(!session.key(Key::Shift, at(t0, 5)));
    }

    #[test]
    fn content_never_switches_mid_visit() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, Some(1), t0);
        session.activity(at(t0, 1));
        // Staged while someone is using the kiosk: nothing happens now.
        assert!(session.staged(at(t0, 2)).is_empty());
        assert!(session.tick(at(t0, 30)).is_empty());
        // At the idle reset the shell is told to switch, before the fresh page.
        assert_eq!(
            session.tick(at(t0, 71)),
            counted(fresh(2, Start::Home, Some(1)), Counter::RESET)
        );
        assert_eq!(session.showing(2), vec![Effect::RecordInUse(2)]);
        assert_eq!(session.shown(), Some(2));
        // Staged on an untouched screen: shown at once, through a reset.
        assert_eq!(session.staged(at(t0, 80)), fresh(3, Start::Home, Some(2)));
    }

    #[test]
    fn a_staged_release_waits_while_the_admin_panel_is_open() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, Some(1), t0);
        // The page reported no touch (the admin typed nothing yet), but the panel is open.
        session.admin_unlocked(t0);
        assert!(session.untouched());
        assert!(session.staged(at(t0, 1)).is_empty());
        // Locked again after its idle: now the untouched screen switches at once.
        assert_eq!(session.staged(at(t0, 31)), fresh(2, Start::Home, Some(1)));
    }

    #[test]
    fn every_switch_records_the_release_in_use() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, None, t0);
        assert!(session.started().is_empty());
        for version in 1..=5 {
            session.quick_exit(session.number(), at(t0, version));
            assert_eq!(session.showing(version), vec![Effect::RecordInUse(version)]);
        }
    }

    #[test]
    fn admin_unlock_ends_when_the_panel_is_left_by_any_route() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, None, t0);
        session.admin_unlocked(t0);
        assert!(session.admin_act(at(t0, 1)));
        assert!(session.screen(1, Screen::Admin, at(t0, 2)));
        assert!(session.admin_open(at(t0, 2)));
        // A report from an older page changes nothing.
        assert!(!session.screen(0, Screen::Other, at(t0, 2)));
        assert!(session.admin_open(at(t0, 2)));
        // Home, Back or any other screen.
        session.screen(1, Screen::Other, at(t0, 3));
        assert!(!session.admin_act(at(t0, 3)));
        // Coming back to the panel's screen does not unlock it.
        session.screen(1, Screen::Admin, at(t0, 4));
        assert!(!session.admin_open(at(t0, 4)));

        session.admin_unlocked(at(t0, 5));
        session.screen(1, Screen::Neutral, at(t0, 6));
        assert!(!session.admin_open(at(t0, 6)));

        session.admin_unlocked(at(t0, 7));
        session.quick_exit(1, at(t0, 8));
        assert!(!session.admin_open(at(t0, 8)));

        session.admin_unlocked(at(t0, 9));
        session.reset(at(t0, 10), Start::Home);
        assert!(!session.admin_open(at(t0, 10)));
    }

    #[test]
    fn admin_unlock_ends_after_a_short_idle() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, None, t0);
        session.admin_unlocked(t0);
        // Each action keeps it open for another 30 s.
        assert!(session.admin_act(at(t0, 29)));
        assert!(session.admin_act(at(t0, 58)));
        assert!(!session.admin_act(at(t0, 88)));
        // Once locked, it stays locked.
        assert!(!session.admin_act(at(t0, 89)));
        assert!(!session.admin_open(at(t0, 89)));
    }

    #[test]
    fn each_new_stick_is_checked_once_unless_it_should_be_retried() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, None, t0);
        let a = PathBuf::from("/media/a/safety-compass");
        let b = PathBuf::from("/media/b/safety-compass");
        assert_eq!(
            session.sticks_seen(vec![a.clone()]),
            vec![Effect::CheckStick(a.clone())]
        );
        assert!(session.sticks_seen(vec![a.clone()]).is_empty());
        assert_eq!(
            session.sticks_seen(vec![a.clone(), b.clone()]),
            vec![Effect::CheckStick(b.clone())]
        );
        session.stick_retry(&b);
        assert_eq!(session.sticks(), std::slice::from_ref(&a));
        assert_eq!(
            session.sticks_seen(vec![a.clone(), b.clone()]),
            vec![Effect::CheckStick(b)]
        );
        // Unplugged, then plugged in again: checked again.
        assert!(session.sticks_seen(Vec::new()).is_empty());
        assert_eq!(
            session.sticks_seen(vec![a.clone()]),
            vec![Effect::CheckStick(a)]
        );
    }

    /// A stick with part of a repository fails its check the same way every time: it is checked
    /// again a few times (a stick still mounting), then not until it is plugged in again.
    #[test]
    fn a_stick_that_keeps_failing_is_not_checked_again_until_it_is_plugged_in_again() {
        let t0 = Instant::now();
        let mut session = Session::new(CONFIG, None, t0);
        let a = PathBuf::from("/media/a/safety-compass");
        let b = PathBuf::from("/media/b/safety-compass");
        let check_a = vec![Effect::CheckStick(a.clone())];
        assert_eq!(session.sticks_seen(vec![a.clone(), b.clone()]).len(), 2);
        // b's check succeeds; every check of a fails. The watcher scans every few seconds, 100 times.
        let mut checks = 1;
        session.stick_failed(&a);
        for _ in 0..100 {
            if session.sticks_seen(vec![a.clone(), b.clone()]) == check_a {
                checks += 1;
                session.stick_failed(&a);
            }
        }
        assert_eq!(
            checks,
            1 + crate::session::STICK_RETRIES,
            "checked again and again"
        );
        assert_eq!(
            session.sticks(),
            [a.clone(), b.clone()],
            "still listed for the panel"
        );
        // Another update holding the store is not the stick's fault: no limit.
        for _ in 0..10 {
            session.stick_retry(&b);
            assert_eq!(
                session.sticks_seen(vec![a.clone(), b.clone()]),
                vec![Effect::CheckStick(b.clone())]
            );
        }
        // Unplugged and plugged in again: checked again, with its retries back.
        assert!(session.sticks_seen(vec![b.clone()]).is_empty());
        assert_eq!(session.sticks_seen(vec![a.clone(), b.clone()]), check_a);
        assert!(session.stick_failed(&a));
        assert_eq!(session.sticks_seen(vec![a.clone(), b]), check_a);
    }

    #[test]
    fn failed_checks_count_in_a_row() {
        let mut session = Session::new(CONFIG, None, Instant::now());
        assert_eq!(session.sync_checked(false), 1);
        assert_eq!(session.sync_checked(false), 2);
        assert_eq!(session.sync_checked(true), 0);
        assert_eq!(session.sync_checked(false), 1);
    }
}

// ---- read aloud ----

#[test]
fn speech_text_spaces_phone_numbers_and_makes_each_line_a_sentence() {
    use crate::speech::speech_text;
    let screen = "Emergency 112\n  Always available, day and night  \n\nDrošā māja\n+371 28612120\nFrom abroad: +44 800 808 3733";
    assert_eq!(
        speech_text(screen),
        "Emergency 1 1 2. Always available, day and night. Drošā māja. + 3 7 1 2 8 6 1 2 1 2 0. From abroad: + 4 4 8 0 0 8 0 8 3 7 3 3."
    );
    // Times, dates and short counts are read as numbers; a sentence keeps its own punctuation.
    assert_eq!(
        speech_text("Closes at 17:00. Checked on 29/11/2026.\n3 results\nA study of 2014"),
        "Closes at 17:00. Checked on 29/11/2026. 3 results. A study of 2014."
    );
    assert_eq!(speech_text("  \n \n"), "");
    let long = "a ".repeat(crate::speech::MAX_TEXT);
    assert_eq!(speech_text(&long).chars().count(), crate::speech::MAX_TEXT);
}

#[test]
fn every_kiosk_locale_has_a_voice() {
    for locale in ["lv", "et", "en", "ru", "uk"] {
        assert!(crate::speech::voice(locale).is_some(), "{locale}");
    }
    assert_eq!(crate::speech::voice("de"), None);
}

/// A stand-in for espeak-ng that writes its arguments and the text it was given to files, then
/// speaks for a long time: what the speaker sends, and that stop ends it at once.
#[cfg(unix)]
#[test]
fn the_speaker_sends_the_text_on_stdin_and_stops_at_once() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let program = dir.path().join("espeak-ng");
    let record = dir.path().join("record");
    std::fs::write(
        &program,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.args'\ncat > '{0}.text'\nexec sleep 30\n",
            record.display()
        ),
    )
    .expect("stand-in");
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    // Found only where it is: without espeak-ng there is no speaker (and the UI no "Listen").
    let empty = tempfile::tempdir().expect("temp dir");
    assert!(crate::speech::Speaker::find_in(empty.path().as_os_str()).is_none());
    let not_executable = tempfile::tempdir().expect("temp dir");
    std::fs::write(not_executable.path().join("espeak-ng"), "").expect("file");
    assert!(crate::speech::Speaker::find_in(not_executable.path().as_os_str()).is_none());
    let path = std::env::join_paths([empty.path(), dir.path()]).expect("a PATH");
    assert!(crate::speech::Speaker::find_in(&path).is_some());
    let speaker = crate::speech::Speaker::with_program(program);
    assert!(!speaker.speaking());
    assert!(matches!(
        speaker.speak("de", "Hallo"),
        Err(crate::speech::SpeechError::NoVoice(_))
    ));
    speaker.speak("lv", "Zvaniet 1 1 2.").expect("speak");
    let text_file = dir.path().join("record.text");
    let deadline = Instant::now() + secs(10);
    while !(text_file.exists() && std::fs::read_to_string(&text_file).is_ok_and(|t| !t.is_empty()))
    {
        assert!(Instant::now() < deadline, "the stand-in never got the text");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&text_file).expect("text"),
        "Zvaniet 1 1 2."
    );
    let args = std::fs::read_to_string(dir.path().join("record.args")).expect("args");
    assert_eq!(
        args.lines().collect::<Vec<_>>(),
        ["-v", "lv", "-s", "150", "-b", "1", "--stdin"]
    );
    assert!(speaker.speaking());
    let stopped = Instant::now();
    speaker.stop();
    assert!(!speaker.speaking());
    assert!(
        stopped.elapsed() < secs(5),
        "stop waited for the utterance to end"
    );
    // A new utterance ends the one before.
    speaker.speak("en", "one").expect("speak");
    speaker.speak("uk", "two").expect("speak");
    assert!(speaker.speaking());
    drop(speaker);
}

mod counters {
    use crate::counters::{KEEP_DAYS, ScreenName};
    use crate::{Counter, Day, StateDb, Visit};

    const LAUNCH: &[&str] = &["lv", "et", "en", "ru", "uk"];

    fn day(text: &str) -> Day {
        Day::parse(text).expect(text)
    }

    #[test]
    fn days_are_plain_dates_and_nothing_else() {
        for (text, expect) in [
            ("2026-12-02", Some((2026, 12, 2))),
            ("0999-01-01", None),
            ("2026-13-01", None),
            ("2026-12-32", None),
            ("2026-12-2", None),
            ("2026-12-02T10:00", None),
            ("2026/12/02", None),
            ("+026-12-02", None),
            ("", None),
        ] {
            assert_eq!(Day::parse(text).map(Day::parts), expect, "{text:?}");
        }
        assert_eq!(day("2026-01-09").to_string(), "2026-01-09");
        assert!(day("2026-01-09") < day("2026-01-10"));
    }

    #[test]
    fn counter_names_come_from_closed_sets_and_checked_ids_only() {
        let check = |counter: Option<Counter>, expect: Option<&str>| {
            assert_eq!(counter.map(|c| c.name()).as_deref(), expect);
        };
        check(Some(Counter::screen(ScreenName::Home)), Some("screen.home"));
        check(
            Some(Counter::screen(ScreenName::Search)),
            Some("screen.search"),
        );
        check(Counter::locale("lv", LAUNCH), Some("locale.lv"));
        check(Counter::locale("de", LAUNCH), None);
        check(Counter::locale("lv; DROP TABLE", LAUNCH), None);
        check(
            Counter::service("lv-hotline-112"),
            Some("service.lv-hotline-112"),
        );
        // The content check's own limit (80) is the boundary.
        let longest = "a".repeat(80);
        assert!(Counter::service(&longest).is_some());
        let long = "a".repeat(81);
        for bad in [
            "",
            "-lv-hotline",
            "Lv-hotline",
            "lv hotline",
            "lv/x",
            "ūdens",
            "a.b",
            long.as_str(),
        ] {
            check(Counter::service(bad), None);
        }
        check(Some(Counter::SEARCH_ZERO_HITS), Some("search.zero-hits"));
        check(Some(Counter::QUICK_EXIT), Some("quick-exit"));
        check(Some(Counter::RESET), Some("reset"));
    }

    #[test]
    fn a_visit_counts_new_screens_chosen_locales_and_searches_that_turn_to_nothing() {
        let names = |counters: Vec<Counter>| -> Vec<String> {
            counters.iter().map(Counter::name).collect()
        };
        let mut visit = Visit::new();
        // The session's first report gives its default language: not a choice.
        assert_eq!(
            names(visit.screen(1, ScreenName::Home, "en", LAUNCH)),
            ["screen.home"]
        );
        assert!(visit.screen(1, ScreenName::Home, "en", LAUNCH).is_empty());
        // Choosing Latvian re-renders home: the locale counts, the screen does not again.
        assert_eq!(
            names(visit.screen(1, ScreenName::Home, "lv", LAUNCH)),
            ["locale.lv"]
        );
        assert_eq!(
            names(visit.screen(1, ScreenName::Search, "lv", LAUNCH)),
            ["screen.search"]
        );
        // A language that is not a launch locale is never named.
        assert!(
            visit
                .screen(1, ScreenName::Search, "xx-evil", LAUNCH)
                .is_empty()
        );
        // Typing: hits, then nothing (counted once however long the typing goes on), then hits.
        let typed: Vec<_> = [3, 1, 0, 0, 0, 2, 0]
            .into_iter()
            .map(|hits| visit.searched(1, hits).map(|c| c.name()))
            .collect();
        let zero = Some("search.zero-hits".to_owned());
        assert_eq!(
            typed,
            [None, None, zero.clone(), None, None, None, zero.clone()]
        );
        // A service is counted once per session, however often it is shown again; a bad id never.
        let opened: Vec<_> = ["a-service", "a-service", "other", "a-service", "Not An Id"]
            .into_iter()
            .map(|id| visit.service(1, id).map(|c| c.name()))
            .collect();
        assert_eq!(
            opened,
            [
                Some("service.a-service".to_owned()),
                None,
                Some("service.other".to_owned()),
                None,
                None
            ]
        );
        // A new session starts over: its default language and its first screen.
        assert_eq!(
            visit.service(2, "a-service").map(|c| c.name()),
            Some("service.a-service".to_owned())
        );
        assert_eq!(visit.searched(2, 0), Some(Counter::SEARCH_ZERO_HITS));
        assert_eq!(
            names(visit.screen(2, ScreenName::Home, "en", LAUNCH)),
            ["screen.home"]
        );
        assert_eq!(
            names(visit.screen(3, ScreenName::Home, "lv", LAUNCH)),
            ["screen.home"]
        );
    }

    #[test]
    fn counts_are_per_day_and_old_days_are_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut db = StateDb::open(&dir.path().join("state.db")).expect("open");
        let old = day("2026-10-01");
        db.count(old, &Counter::RESET, old).expect("count");
        let today = day("2026-12-02");
        let keep_from = day("2026-10-04");
        for _ in 0..3 {
            db.count(today, &Counter::QUICK_EXIT, keep_from)
                .expect("count");
        }
        db.count(today, &Counter::RESET, keep_from).expect("count");
        assert_eq!(
            db.counters().expect("read"),
            [
                (today, "quick-exit".to_owned(), 3),
                (today, "reset".to_owned(), 1)
            ]
        );
        assert_eq!(KEEP_DAYS, 60);
    }

    #[test]
    fn starts_are_counted_across_opens() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.db");
        let db = StateDb::open(&path).expect("open");
        assert_eq!(db.record_start().expect("start"), 1);
        drop(db);
        let db = StateDb::open(&path).expect("reopen");
        assert_eq!(db.record_start().expect("start"), 2);
    }

    #[test]
    fn a_version_1_file_gains_the_counters_and_keeps_its_settings() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.db");
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch(
            "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO setting VALUES ('locale.default', 'et');
             PRAGMA user_version = 1;",
        )
        .expect("a version 1 file");
        drop(conn);
        let mut db = StateDb::open(&path).expect("migrate");
        assert_eq!(db.version().expect("version"), 2);
        assert_eq!(
            db.setting("locale.default").expect("read").as_deref(),
            Some("et")
        );
        let today = day("2026-12-02");
        db.count(today, &Counter::RESET, today).expect("count");
        assert_eq!(db.counters().expect("read").len(), 1);
    }
}
