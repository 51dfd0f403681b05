//! The Tauri commands: each takes the state, calls one `compass-api` or `compass-kiosk` method and maps
//! the error. Nothing else happens here.

use std::time::Instant;

use compass_api::{
    About, ApiError, ArticleCard, ArticlePage, EventList, Home, IdleView, KeyKind, KioskInfo, Qr,
    ReferralSheet, ReportCard, SearchResults, Section, SelfCheckView, ServiceFilter, ServiceList,
    ServicePage, UiStrings,
};
use compass_kiosk::{IdlePhase, Key};
use tauri::{AppHandle, Runtime, State};

use crate::Kiosk;
use crate::session;

type Reply<T> = Result<T, ApiError>;

fn localized<T>(kiosk: &Kiosk, locale: &str, result: compass_api::Result<T>) -> Reply<T> {
    result.map_err(|error| kiosk.api.localize_error(locale, error))
}

#[tauri::command]
pub fn kiosk_info(kiosk: State<'_, Kiosk>) -> KioskInfo {
    kiosk.api.kiosk()
}

#[tauri::command]
pub fn ui_strings(kiosk: State<'_, Kiosk>, locale: String) -> UiStrings {
    kiosk.api.ui_strings(&locale)
}

#[tauri::command]
pub fn home(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Home> {
    kiosk.trace_home();
    localized(&kiosk, &locale, kiosk.api.home(&locale))
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
        kiosk.api.services(&locale, section, &filter),
    )
}

#[tauri::command]
pub fn service(kiosk: State<'_, Kiosk>, locale: String, id: String) -> Reply<ServicePage> {
    localized(&kiosk, &locale, kiosk.api.service(&locale, &id))
}

#[tauri::command]
pub fn events(kiosk: State<'_, Kiosk>, locale: String) -> Reply<EventList> {
    localized(&kiosk, &locale, kiosk.api.events(&locale))
}

#[tauri::command]
pub fn reports(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Vec<ReportCard>> {
    localized(&kiosk, &locale, kiosk.api.reports(&locale))
}

#[tauri::command]
pub fn articles(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Vec<ArticleCard>> {
    localized(&kiosk, &locale, kiosk.api.articles(&locale))
}

#[tauri::command]
pub fn article(kiosk: State<'_, Kiosk>, locale: String, id: String) -> Reply<ArticlePage> {
    localized(&kiosk, &locale, kiosk.api.article(&locale, &id))
}

#[tauri::command]
pub fn selfchecks(kiosk: State<'_, Kiosk>, locale: String) -> Reply<Vec<SelfCheckView>> {
    localized(&kiosk, &locale, kiosk.api.selfchecks(&locale))
}

#[tauri::command]
pub fn search(kiosk: State<'_, Kiosk>, locale: String, text: String) -> Reply<SearchResults> {
    localized(&kiosk, &locale, kiosk.api.search(&locale, &text))
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
        kiosk.api.referral(&locale, &here, &nationality),
    )
}

#[tauri::command]
pub fn about(kiosk: State<'_, Kiosk>, locale: String) -> Reply<About> {
    localized(&kiosk, &locale, kiosk.api.about(&locale))
}

#[tauri::command]
pub fn qr(kiosk: State<'_, Kiosk>, locale: String, target: String) -> Reply<Qr> {
    localized(&kiosk, &locale, kiosk.api.qr(&locale, &target))
}

#[tauri::command]
pub fn activity(kiosk: State<'_, Kiosk>) {
    kiosk.idle().activity(Instant::now());
}

#[tauri::command]
pub fn idle_phase(kiosk: State<'_, Kiosk>) -> IdleView {
    match kiosk.idle().phase(Instant::now()) {
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
    kiosk.quick_exit().key(key, Instant::now())
}

#[tauri::command]
pub fn quick_exit<R: Runtime>(app: AppHandle<R>) {
    session::reset(&app, session::Start::Neutral);
}
