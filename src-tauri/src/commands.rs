//! The Tauri commands: each takes the state, calls one `compass-api` or `compass-kiosk` method and maps
//! the error. Nothing else happens here.

use std::time::Instant;

use compass_api::{
    About, AdminGate, AdminNotice, AdminView, ApiError, ArticleCard, ArticlePage, EventList, Home,
    IdleView, KeyKind, KioskInfo, Qr, ReferralSheet, ReportCard, ScreenKind, SearchResults,
    Section, SelfCheckView, ServiceFilter, ServiceList, ServicePage, UiStrings,
};
use compass_kiosk::{AdminPin, IdlePhase, Key, PinOutcome, PinRefusal, PinVerdict, Start};
use tauri::{AppHandle, Manager, Runtime, State};

use crate::{Kiosk, session, updates};

type Reply<T> = Result<T, ApiError>;

fn localized<T>(kiosk: &Kiosk, locale: &str, result: compass_api::Result<T>) -> Reply<T> {
    result.map_err(|error| kiosk.api().localize_error(locale, error))
}

#[tauri::command]
pub fn kiosk_info(kiosk: State<'_, Kiosk>) -> KioskInfo {
    KioskInfo {
        can_listen: kiosk.speaker.is_some(),
        ..kiosk.api().kiosk()
    }
}

/// Reads `text` (the visible text of the screen) aloud in `locale`, ending what was being read. False
/// when it could not start (no espeak-ng, no voice for the locale): the UI stays as it was.
#[tauri::command]
pub fn speak(kiosk: State<'_, Kiosk>, locale: String, text: String) -> bool {
    let Some(speaker) = &kiosk.speaker else {
        return false;
    };
    let spoken = compass_kiosk::speech::speech_text(&text);
    match speaker.speak(&locale, &spoken) {
        Ok(()) => true,
        Err(error) => {
            eprintln!("safety-compass: read aloud failed: {error}");
            false
        }
    }
}

/// Ends reading aloud now.
#[tauri::command]
pub fn stop_speaking(kiosk: State<'_, Kiosk>) {
    if let Some(speaker) = &kiosk.speaker {
        speaker.stop();
    }
}

/// Whether something is being read aloud.
#[tauri::command]
pub fn speaking(kiosk: State<'_, Kiosk>) -> bool {
    kiosk
        .speaker
        .as_ref()
        .is_some_and(|speaker| speaker.speaking())
}

#[tauri::command]
pub fn ui_strings(kiosk: State<'_, Kiosk>, locale: String) -> UiStrings {
    kiosk.api().ui_strings(&locale)
}

#[tauri::command]
pub fn home(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Home> {
    localized(&kiosk, &locale, kiosk.api().home(&locale))
}

#[tauri::command]
pub fn services(
    kiosk: State<'_, Kiosk>,
    locale: String,
    section: Section,
    filter: ServiceFilter,
) -> Reply<ServiceList> {
    localized(
        &kiosk,
        &locale,
        kiosk.api().services(&locale, section, &filter),
    )
}

#[tauri::command]
pub fn service(kiosk: State<'_, Kiosk>, locale: String, id: String) -> Reply<ServicePage> {
    let found = kiosk.api().service(&locale, &id);
    if found.is_ok() {
        // Only an id the content DB knows is counted, once per session (and only when counters are on).
        let session = kiosk.session().number();
        kiosk.fleet.service_opened(session, &id);
    }
    localized(&kiosk, &locale, found)
}

#[tauri::command]
pub fn events(kiosk: State<'_, Kiosk>, locale: String) -> Reply<EventList> {
    localized(&kiosk, &locale, kiosk.api().events(&locale))
}

#[tauri::command]
pub fn reports(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Vec<ReportCard>> {
    localized(&kiosk, &locale, kiosk.api().reports(&locale))
}

#[tauri::command]
pub fn articles(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Vec<ArticleCard>> {
    localized(&kiosk, &locale, kiosk.api().articles(&locale))
}

#[tauri::command]
pub fn article(kiosk: State<'_, Kiosk>, locale: String, id: String) -> Reply<ArticlePage> {
    localized(&kiosk, &locale, kiosk.api().article(&locale, &id))
}

#[tauri::command]
pub fn selfchecks(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Vec<SelfCheckView>> {
    localized(&kiosk, &locale, kiosk.api().selfchecks(&locale))
}

#[tauri::command]
pub fn search(kiosk: State<'_, Kiosk>, locale: String, text: String) -> Reply<SearchResults> {
    let results = kiosk.api().search(&locale, &text);
    if let Ok(found) = &results {
        // Only the number of hits is counted, never the text (and only when counters are on).
        let session = kiosk.session().number();
        kiosk.fleet.searched(session, found.hits.len());
    }
    localized(&kiosk, &locale, results)
}

#[tauri::command]
pub fn referral(
    kiosk: State<'_, Kiosk>,
    locale: String,
    here: String,
    nationality: String,
) -> Reply<ReferralSheet> {
    localized(
        &kiosk,
        &locale,
        kiosk.api().referral(&locale, &here, &nationality),
    )
}

#[tauri::command]
pub fn about(kiosk: State<'_, Kiosk>, locale: String) -> Reply<About> {
    localized(&kiosk, &locale, kiosk.api().about(&locale))
}

#[tauri::command]
pub fn qr(kiosk: State<'_, Kiosk>, locale: String, target: String) -> Reply<Qr> {
    localized(&kiosk, &locale, kiosk.api().qr(&locale, &target))
}

#[tauri::command]
pub fn activity(kiosk: State<'_, Kiosk>) {
    kiosk.session().activity(Instant::now());
}

#[tauri::command]
pub fn idle_phase(kiosk: State<'_, Kiosk>) -> IdleView {
    match kiosk.session().idle_phase(Instant::now()) {
        IdlePhase::Warning { remaining_secs } => IdleView::Warning {
            remaining_secs: u32::try_from(remaining_secs).unwrap_or(u32::MAX),
        },
        IdlePhase::Active | IdlePhase::Reset => IdleView::Active,
    }
}

#[tauri::command]
pub fn key(kiosk: State<'_, Kiosk>, key: KeyKind) -> bool {
    let key = match key {
        KeyKind::Escape => Key::Escape,
        KeyKind::Shift => Key::Shift,
        KeyKind::Other => Key::Other,
    };
    kiosk.session().key(key, Instant::now())
}

#[tauri::command]
pub fn quick_exit<R: Runtime>(app: AppHandle<R>, session: u64) {
    let effects = app
        .state::<Kiosk>()
        .session()
        .quick_exit(session, Instant::now());
    session::apply(&app, effects);
}

#[tauri::command]
pub fn screen(kiosk: State<'_, Kiosk>, session: u64, screen: ScreenKind, locale: String) {
    kiosk.screen_shown(session, screen, &locale);
}

// The admin panel. Every action but the PIN door needs the panel open; update work is
// `compass-update`'s, called through `updates`.

fn gate(kiosk: &Kiosk, locale: &str, message_id: Option<&str>) -> AdminGate {
    let pin_set = AdminPin::is_set(&kiosk.state()).unwrap_or(false);
    let locked = match kiosk.admin_pin().verdict(Instant::now()) {
        PinVerdict::LockedFor(left) => left.as_secs().max(1),
        PinVerdict::Allowed => 0,
    };
    let mut gate = kiosk.api().admin_gate(locale, pin_set, locked, message_id);
    gate.open = kiosk.session().admin_open(Instant::now());
    gate
}

/// Every admin action: allowed only while the panel is unlocked, and keeps it so.
fn need_open(kiosk: &Kiosk, locale: &str) -> Reply<()> {
    if kiosk.session().admin_act(Instant::now()) {
        Ok(())
    } else {
        Err(kiosk.api().admin_error(locale, "admin.locked"))
    }
}

#[tauri::command]
pub fn admin_gate(kiosk: State<'_, Kiosk>, locale: String) -> AdminGate {
    gate(&kiosk, &locale, None)
}

#[tauri::command]
pub fn admin_set_pin(
    kiosk: State<'_, Kiosk>,
    locale: String,
    pin: String,
    repeat: String,
) -> Reply<AdminGate> {
    // The first PIN is an operator's (`safety-compass set-pin`) or staff's, never a visitor's.
    if !kiosk.settings.staff {
        return Ok(gate(&kiosk, &locale, Some("admin-pin-not-set")));
    }
    let refused = AdminPin::set_first(&kiosk.state(), &pin, &repeat)
        .map_err(|_| kiosk.api().admin_error(&locale, "update.io"))?;
    let message = match refused {
        Ok(()) => {
            kiosk.session().admin_unlocked(Instant::now());
            None
        }
        Err(PinRefusal::Shape) => Some("admin-pin-shape"),
        Err(PinRefusal::Mismatch) => Some("admin-pin-mismatch"),
        Err(_) => Some("admin-pin-already-set"),
    };
    Ok(gate(&kiosk, &locale, message))
}

#[tauri::command]
pub fn admin_unlock(kiosk: State<'_, Kiosk>, locale: String, pin: String) -> Reply<AdminGate> {
    let outcome = kiosk
        .admin_pin()
        .try_pin(&kiosk.state(), &pin, Instant::now());
    let message = match outcome.map_err(|_| kiosk.api().admin_error(&locale, "update.io"))? {
        PinOutcome::Accepted => {
            kiosk.session().admin_unlocked(Instant::now());
            None
        }
        PinOutcome::Wrong(PinVerdict::Allowed) | PinOutcome::NotSet => Some("admin-pin-wrong"),
        PinOutcome::Wrong(PinVerdict::LockedFor(_)) | PinOutcome::Locked(_) => {
            Some("admin-pin-locked")
        }
    };
    Ok(gate(&kiosk, &locale, message))
}

#[tauri::command]
pub fn admin_view(kiosk: State<'_, Kiosk>, locale: String) -> Reply<AdminView> {
    need_open(&kiosk, &locale)?;
    Ok(updates::admin_view(&kiosk, &locale))
}

#[tauri::command]
pub async fn admin_check<R: Runtime>(app: AppHandle<R>, locale: String) -> Reply<AdminNotice> {
    let kiosk = app.state::<Kiosk>();
    need_open(&kiosk, &locale)?;
    updates::admin_check(&app, &locale, updates::Via::Url).await
}

#[tauri::command]
pub async fn admin_import_usb<R: Runtime>(app: AppHandle<R>, locale: String) -> Reply<AdminNotice> {
    let kiosk = app.state::<Kiosk>();
    need_open(&kiosk, &locale)?;
    updates::admin_check(&app, &locale, updates::Via::Usb).await
}

#[tauri::command]
pub fn admin_rollback<R: Runtime>(app: AppHandle<R>, locale: String) -> Reply<AdminNotice> {
    need_open(&app.state(), &locale)?;
    updates::admin_rollback(&app, &locale)
}

#[tauri::command]
pub fn admin_save(
    kiosk: State<'_, Kiosk>,
    locale: String,
    default_locale: String,
    update_url: String,
) -> Reply<AdminNotice> {
    need_open(&kiosk, &locale)?;
    updates::admin_save(&kiosk, &locale, &default_locale, &update_url)
}

#[tauri::command]
pub fn admin_close<R: Runtime>(app: AppHandle<R>, session: u64) {
    let effects = app
        .state::<Kiosk>()
        .session()
        .reset_from(session, Instant::now(), Start::Home);
    session::apply(&app, effects);
}
