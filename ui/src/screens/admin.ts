// The admin panel: reached from the about screen by tapping its heading five times within three
// seconds, then a PIN (set on first use). Shows the content version, its age and source, the last
// check, and offers check now, import from USB, roll back and settings. Closing it starts a fresh
// session, which is when newly received content is shown.

import { h, heading1, notice, uid, type Child } from "../dom.js";
import type { AdminGate, AdminView } from "../gen/ipc.js";
import { api } from "../ipc.js";
import * as nav from "../nav.js";
import { t } from "../strings.js";
import { errorMessage, type Ctx } from "./common.js";

const TAPS = 5;
const TAP_WINDOW_MS = 3000;

/** Makes `element` open the admin panel after five taps within three seconds. */
export function adminGesture(element: HTMLElement): HTMLElement {
  let taps: number[] = [];
  element.addEventListener("click", () => {
    const now = Date.now();
    taps = [...taps.filter((at) => now - at < TAP_WINDOW_MS), now];
    if (taps.length >= TAPS) {
      taps = [];
      nav.navigate({ screen: "admin" });
    }
  });
  return element;
}

function pinField(id: string, labelId: string): [HTMLElement, HTMLInputElement] {
  const input = h("input", {
    id,
    class: "input",
    type: "password",
    inputmode: "numeric",
    autocomplete: "off",
    maxlength: "12",
    pattern: "[0-9]*",
  });
  return [h("div", { class: "field" }, h("label", { for: id, class: "label" }, t(labelId)), input), input];
}

function pinForm(ctx: Ctx, gate: AdminGate, show: (gate: AdminGate) => void): Child[] {
  // The first PIN is set by an operator (`safety-compass set-pin`) or in staff mode, never by a visitor.
  if (!gate.pin_set && ctx.info.mode === "visitor") {
    return [h("h2", null, t("admin-title")), notice(t("admin-pin-not-set"))];
  }
  const status = h("div", { id: "admin-pin-status", "aria-live": "polite" }, gate.message ? notice(gate.message) : null);
  const [pinRow, pin] = pinField("admin-pin", "admin-pin-label");
  const [repeatRow, repeat] = pinField("admin-pin-repeat", "admin-pin-repeat-label");
  const submit = async (): Promise<void> => {
    try {
      const next = gate.pin_set
        ? await api.adminUnlock(ctx.locale, pin.value)
        : await api.adminSetPin(ctx.locale, pin.value, repeat.value);
      pin.value = "";
      repeat.value = "";
      if (ctx.alive()) show(next);
    } catch (reason) {
      if (ctx.alive()) status.replaceChildren(notice(errorMessage(reason)));
    }
  };
  const form = h(
    "form",
    {
      class: "admin-pin-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void submit();
      },
    },
    gate.pin_set ? null : h("p", null, t("admin-pin-set-help")),
    pinRow,
    gate.pin_set ? null : repeatRow,
    h(
      "button",
      { type: "submit", id: "admin-pin-submit", class: "button button-primary", disabled: gate.locked_seconds > 0 },
      t(gate.pin_set ? "admin-pin-submit" : "admin-pin-save"),
    ),
  );
  return [h("h2", null, t(gate.pin_set ? "admin-pin-enter-title" : "admin-pin-set-title")), status, form];
}

function panel(ctx: Ctx, view: AdminView, refresh: (message: string | null) => void): Child[] {
  const status = h("div", { id: "admin-status", "aria-live": "polite" });
  const run = async (action: () => Promise<{ text: string }>): Promise<void> => {
    status.replaceChildren(notice(t("admin-working")));
    try {
      const result = await action();
      if (ctx.alive()) refresh(result.text);
    } catch (reason) {
      if (ctx.alive()) refresh(errorMessage(reason));
    }
  };
  const statusId = uid("admin-content");
  const actionsId = uid("admin-actions");
  const settingsId = uid("admin-settings");
  const localeSelect = h(
    "select",
    { id: "admin-default-locale", class: "select" },
    ctx.info.locales.map((option) => h("option", { value: option.tag, lang: option.tag }, option.own_name)),
  );
  localeSelect.value = view.default_locale;
  const url = h("input", { id: "admin-update-url", class: "input", type: "url", value: view.update_url, dir: "ltr", autocomplete: "off" });
  const button = (id: string, labelId: string, enabled: boolean, action: () => Promise<{ text: string }>): HTMLElement =>
    h("button", { type: "button", id, class: "button", disabled: !enabled, onclick: () => void run(action) }, t(labelId));
  return [
    status,
    h(
      "section",
      { "aria-labelledby": statusId },
      h("h2", { id: statusId }, t("admin-status-title")),
      h(
        "dl",
        { class: "facts admin-facts", id: "admin-facts" },
        view.rows.map((row) =>
          h("div", { class: row.warn ? "warn" : null }, h("dt", null, row.label), h("dd", { dir: "auto" }, row.value)),
        ),
      ),
    ),
    h(
      "section",
      { "aria-labelledby": actionsId, class: "admin-actions" },
      h("h2", { id: actionsId }, t("admin-actions-title")),
      button("admin-check", "admin-check", view.can_check, () => api.adminCheck(ctx.locale)),
      button("admin-import-usb", "admin-import-usb", view.can_import, () => api.adminImportUsb(ctx.locale)),
      button("admin-rollback", "admin-rollback", view.can_rollback, () => api.adminRollback(ctx.locale)),
    ),
    h(
      "section",
      { "aria-labelledby": settingsId },
      h("h2", { id: settingsId }, t("admin-settings-title")),
      h(
        "form",
        {
          class: "admin-settings",
          onsubmit: (event: Event) => {
            event.preventDefault();
            void run(() => api.adminSave(ctx.locale, localeSelect.value, url.value));
          },
        },
        h("div", { class: "field" }, h("label", { for: "admin-default-locale", class: "label" }, t("admin-default-locale")), localeSelect),
        h("div", { class: "field" }, h("label", { for: "admin-update-url", class: "label" }, t("admin-update-url-label")), url),
        h("button", { type: "submit", id: "admin-save", class: "button" }, t("admin-save")),
      ),
    ),
    h("button", { type: "button", id: "admin-close", class: "button button-primary", onclick: () => void api.adminClose() }, t("admin-close")),
  ];
}

export async function adminScreen(ctx: Ctx): Promise<Child[]> {
  const heading = heading1(t("admin-title"));
  const body = h("div", { class: "admin" });
  const showPanel = async (message: string | null): Promise<void> => {
    try {
      const view = await api.adminView(ctx.locale);
      if (!ctx.alive()) return;
      body.replaceChildren(...flatten(panel(ctx, view, (next) => void showPanel(next))));
      if (message) body.querySelector("#admin-status")?.replaceChildren(notice(message));
    } catch (reason) {
      if (ctx.alive()) body.replaceChildren(notice(errorMessage(reason)));
    }
  };
  const show = (gate: AdminGate): void => {
    if (gate.open) void showPanel(null);
    else body.replaceChildren(...flatten(pinForm(ctx, gate, show)));
  };
  try {
    show(await api.adminGate(ctx.locale));
  } catch (reason) {
    body.replaceChildren(notice(errorMessage(reason)));
  }
  return [heading, body];
}

function flatten(children: readonly Child[]): Node[] {
  const holder = document.createDocumentFragment();
  for (const child of children) {
    if (child instanceof Node) holder.appendChild(child);
  }
  return [...holder.childNodes];
}
