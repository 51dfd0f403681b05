// One typed wrapper per Tauri command, over the types generated from Rust (`gen/ipc.ts`).

import type {
  About,
  AdminGate,
  AdminNotice,
  AdminView,
  ApiError,
  ArticleCard,
  ArticlePage,
  EventList,
  Home,
  IdleView,
  KeyKind,
  KioskInfo,
  Qr,
  ReferralSheet,
  ReportCard,
  ScreenKind,
  SearchResults,
  Section,
  SelfCheckView,
  ServiceFilter,
  ServiceList,
  ServicePage,
  UiStrings,
} from "./gen/ipc.js";

declare global {
  interface Window {
    __TAURI_INTERNALS__?: {
      invoke(cmd: string, args?: Record<string, unknown>): Promise<unknown>;
    };
  }
}

/** The code of errors that did not come from the API as an `ApiError` (no app, a broken call). */
export const UNKNOWN_ERROR = "ui.unknown";

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v["code"] === "string" &&
    typeof v["message_id"] === "string" &&
    (v["message"] === null || v["message"] === undefined || typeof v["message"] === "string")
  );
}

/** Whatever a rejected call carried, as an `ApiError`. */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) return { code: reason.code, message_id: reason.message_id, message: reason.message ?? null };
  return { code: UNKNOWN_ERROR, message_id: "ui-error-generic", message: null };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const internals = window.__TAURI_INTERNALS__;
  if (!internals) throw toApiError(null);
  try {
    return (await internals.invoke(cmd, args)) as T;
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** The session this document belongs to (`index.html?session=N`); the kiosk ignores requests from older ones. */
export const PAGE_SESSION = Number(new URLSearchParams(location.search).get("session") ?? "0");

export const api = {
  kioskInfo: () => call<KioskInfo>("kiosk_info"),
  uiStrings: (locale: string) => call<UiStrings>("ui_strings", { locale }),
  home: (locale: string) => call<Home>("home", { locale }),
  services: (locale: string, section: Section, filter: ServiceFilter) =>
    call<ServiceList>("services", { locale, section, filter }),
  service: (locale: string, id: string) => call<ServicePage>("service", { locale, id }),
  events: (locale: string) => call<EventList>("events", { locale }),
  reports: (locale: string) => call<ReportCard[]>("reports", { locale }),
  articles: (locale: string) => call<ArticleCard[]>("articles", { locale }),
  article: (locale: string, id: string) => call<ArticlePage>("article", { locale, id }),
  selfchecks: (locale: string) => call<SelfCheckView[]>("selfchecks", { locale }),
  search: (locale: string, text: string) => call<SearchResults>("search", { locale, text }),
  referral: (locale: string, here: string, nationality: string) =>
    call<ReferralSheet>("referral", { locale, here, nationality }),
  about: (locale: string) => call<About>("about", { locale }),
  qr: (locale: string, target: string) => call<Qr>("qr", { locale, target }),
  activity: () => call<void>("activity"),
  idlePhase: () => call<IdleView>("idle_phase"),
  key: (key: KeyKind) => call<boolean>("key", { key }),
  quickExit: () => call<void>("quick_exit", { session: PAGE_SESSION }),
  screen: (screen: ScreenKind, locale: string) => call<void>("screen", { session: PAGE_SESSION, screen, locale }),
  adminGate: (locale: string) => call<AdminGate>("admin_gate", { locale }),
  adminSetPin: (locale: string, pin: string, repeat: string) => call<AdminGate>("admin_set_pin", { locale, pin, repeat }),
  adminUnlock: (locale: string, pin: string) => call<AdminGate>("admin_unlock", { locale, pin }),
  adminView: (locale: string) => call<AdminView>("admin_view", { locale }),
  adminCheck: (locale: string) => call<AdminNotice>("admin_check", { locale }),
  adminImportUsb: (locale: string) => call<AdminNotice>("admin_import_usb", { locale }),
  adminRollback: (locale: string) => call<AdminNotice>("admin_rollback", { locale }),
  adminSave: (locale: string, defaultLocale: string, updateUrl: string) =>
    call<AdminNotice>("admin_save", { locale, defaultLocale, updateUrl }),
  adminClose: () => call<void>("admin_close", { session: PAGE_SESSION }),
  speak: (locale: string, text: string) => call<boolean>("speak", { locale, text }),
  stopSpeaking: () => call<void>("stop_speaking"),
  speaking: () => call<boolean>("speaking"),
};
