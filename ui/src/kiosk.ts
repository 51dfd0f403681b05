// Kiosk behaviour in the page: quick exit (button, Esc, Shift three times), the neutral screen, activity
// reports and the idle "still there?" countdown. The rules themselves (counting Shifts, idle time) live in Rust.

import { closeDialogs, openDialog, trapFocus, type Dialog } from "./dialog.js";
import { h } from "./dom.js";
import type { IdleView, KeyKind } from "./gen/ipc.js";
import { api } from "./ipc.js";
import { forget } from "./nav.js";
import { currentLocale, t } from "./strings.js";

/** A tap right after the cover appears is the same panicked press, not a wish to start again. */
const NEUTRAL_GUARD_MS = 1000;
const ACTIVITY_EVERY_MS = 1000;
const IDLE_POLL_MS = 1000;

let neutralSince = -Infinity;
let exiting = false;
let startHandler: () => void = () => undefined;

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element;
}

function ignore(): void {
  // Kiosk calls fail only outside the app; nothing to tell the visitor.
}

export function neutralShown(): boolean {
  return !byId("neutral").hidden;
}

/** Fills in the neutral screen's text in the current language. */
export function fillNeutral(): void {
  byId("neutral-title").textContent = t("ui-neutral-title");
  byId("neutral-start").textContent = t("ui-neutral-start");
  if (neutralShown()) document.title = t("ui-neutral-title");
}

/**
 * Covers everything with the neutral screen, synchronously, and drops the session's state: the screen's
 * content, open dialogs, the navigation stack and any pending render.
 */
export function showNeutral(): void {
  forget();
  closeDialogs();
  const main = byId("main");
  main.replaceChildren();
  main.removeAttribute("data-screen");
  main.hidden = true;
  byId("header").hidden = true;
  byId("exit-bar").hidden = true;
  const neutral = byId("neutral");
  neutral.hidden = false;
  document.title = t("ui-neutral-title");
  neutralSince = performance.now();
  byId("neutral-title").focus();
  const locale = currentLocale();
  window.requestAnimationFrame(() => {
    api.screen("neutral", locale).catch(ignore);
  });
}

function requestFreshSession(): void {
  if (exiting) return;
  exiting = true;
  // Rust reloads the page; should it not (outside the app), a later exit must still work.
  api
    .quickExit()
    .catch(ignore)
    .finally(() => {
      exiting = false;
    });
}

/** The quick exit: cover first (before anything async), then ask Rust for a fresh session. */
export function quickExit(): void {
  showNeutral();
  requestFreshSession();
}

/** What a tap or key on the neutral screen does: the app shows a fresh home screen. */
export function onNeutralStart(handler: () => void): void {
  startHandler = handler;
}

function leaveNeutral(): void {
  if (performance.now() - neutralSince < NEUTRAL_GUARD_MS) return;
  history.replaceState(null, "", location.pathname);
  startHandler();
}

/** Shows the normal page chrome again (after the neutral screen). */
export function hideNeutral(): void {
  byId("neutral").hidden = true;
  byId("header").hidden = false;
  byId("exit-bar").hidden = false;
  byId("main").hidden = false;
}

const MODIFIERS = new Set(["Shift", "Control", "Alt", "AltGraph", "Meta", "CapsLock", "Fn", "OS"]);

function keyKind(event: KeyboardEvent): KeyKind {
  if (event.key === "Escape" || event.key === "Esc") return "escape";
  if (event.key === "Shift") return "shift";
  return "other";
}

function onKeyDown(event: KeyboardEvent): void {
  trapFocus(event);
  // A held key repeats; only real presses count (holding Shift must not make three).
  if (event.repeat) return;
  const kind = keyKind(event);
  if (neutralShown()) {
    api.key(kind).catch(ignore);
    if (kind === "other" && !MODIFIERS.has(event.key)) {
      event.preventDefault();
      leaveNeutral();
    }
    return;
  }
  if (kind === "escape") {
    event.preventDefault();
    showNeutral();
    api.key(kind).catch(ignore).finally(requestFreshSession);
    return;
  }
  api
    .key(kind)
    .then((exit) => {
      if (exit && !neutralShown()) quickExit();
    })
    .catch(ignore);
}

let lastActivity = -Infinity;

function onActivity(): void {
  const now = performance.now();
  if (now - lastActivity < ACTIVITY_EVERY_MS) return;
  lastActivity = now;
  api.activity().catch(ignore);
}

let idleDialog: { dialog: Dialog; number: HTMLElement } | null = null;
let continuedAt = -Infinity;

function showIdle(view: IdleView): void {
  if (view.phase !== "warning" || neutralShown()) {
    if (idleDialog) {
      idleDialog.dialog.close();
      idleDialog = null;
    }
    return;
  }
  const seconds = String(Math.max(0, Math.ceil(view.remaining_secs)));
  if (idleDialog && idleDialog.dialog.element.isConnected) {
    idleDialog.number.textContent = seconds;
    return;
  }
  const number = h("span", { class: "idle-number", dir: "ltr" }, seconds);
  const dialog = openDialog({
    kind: "idle",
    role: "alertdialog",
    title: t("ui-idle-title"),
    body: [
      h("p", null, t("ui-idle-text")),
      h(
        "p",
        { class: "idle-count", "aria-live": "polite", "aria-atomic": "true" },
        h("span", { class: "idle-label" }, t("ui-idle-seconds-left")),
        " ",
        number,
      ),
    ],
    closeLabel: t("ui-idle-continue"),
    onClose: () => {
      continuedAt = performance.now();
      idleDialog = null;
      api.activity().catch(ignore);
    },
  });
  idleDialog = { dialog, number };
}

let polling = false;

async function pollIdle(): Promise<void> {
  if (polling) return;
  polling = true;
  const startedAt = performance.now();
  try {
    const view = await api.idlePhase();
    // An answer to a question asked before "Continue" is out of date.
    if (startedAt >= continuedAt) showIdle(view);
  } catch {
    ignore();
  } finally {
    polling = false;
  }
}

/** Wires the quick exit, the neutral screen, activity reports and idle polling. Call once, first. */
export function installKiosk(): void {
  window.addEventListener("keydown", onKeyDown, { capture: true });
  for (const type of ["pointerdown", "keydown", "wheel", "touchstart", "input"]) {
    window.addEventListener(type, onActivity, { capture: true, passive: true });
  }
  byId("quick-exit").addEventListener("click", (event) => {
    event.preventDefault();
    quickExit();
  });
  byId("neutral").addEventListener("click", leaveNeutral);
  window.setInterval(() => void pollIdle(), IDLE_POLL_MS);
}
