// The page: header (language, text size, Home, Back), the screen renderer, and start-up.

import { closeDialogs } from "./dialog.js";
import { append, h, notice, heading1, type Child } from "./dom.js";
import type { KioskInfo } from "./gen/ipc.js";
import { api } from "./ipc.js";
import { fillNeutral, hideNeutral, installKiosk, neutralShown, onNeutralStart, showNeutral } from "./kiosk.js";
import * as nav from "./nav.js";
import { errorMessage, type Ctx } from "./screens/common.js";
import { homeScreen, searchScreen } from "./screens/home.js";
import { articleScreen, articlesScreen, eventsScreen, reportsScreen } from "./screens/library.js";
import { selfcheckScreen } from "./screens/selfcheck.js";
import { servicesScreen, serviceScreen } from "./screens/services.js";
import { adminScreen } from "./screens/admin.js";
import { aboutScreen, referralScreen } from "./screens/staff.js";
import { currentDir, currentLocale, setStrings, t } from "./strings.js";

/** A call slower than this shows "Loading"; a faster one shows nothing in between. */
const LOADING_AFTER_MS = 300;
const TEXT_SIZES = ["1", "2", "3"] as const;
type TextSize = (typeof TEXT_SIZES)[number];

let info: KioskInfo | null = null;
let textSize: TextSize = "1";

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element;
}

/** The static heading of each screen, used when its data could not be loaded. */
const HEADINGS: Record<nav.ScreenName, string> = {
  home: "ui-home-heading",
  search: "ui-search-heading",
  hotlines: "ui-hotlines-heading",
  programmes: "ui-programmes-heading",
  service: "ui-error-heading",
  events: "ui-events-heading",
  reports: "ui-reports-heading",
  articles: "ui-articles-heading",
  article: "ui-error-heading",
  selfcheck: "ui-selfcheck-heading",
  referral: "referral-heading",
  about: "ui-about-heading",
  admin: "admin-title",
};

function screenFor(ctx: Ctx, route: nav.Route): Promise<Child[]> {
  switch (route.screen) {
    case "home":
      return homeScreen(ctx);
    case "search":
      return searchScreen(ctx, route);
    case "hotlines":
    case "programmes":
      return servicesScreen(ctx, route);
    case "service":
      return serviceScreen(ctx, route);
    case "events":
      return eventsScreen(ctx, route);
    case "reports":
      return reportsScreen(ctx, route);
    case "articles":
      return articlesScreen(ctx);
    case "article":
      return articleScreen(ctx, route);
    case "selfcheck":
      return selfcheckScreen(ctx, route);
    case "referral":
      return referralScreen(ctx);
    case "about":
      return aboutScreen(ctx);
    case "admin":
      return adminScreen(ctx);
  }
}

function applyTextSize(): void {
  const root = document.documentElement;
  for (const size of TEXT_SIZES) root.classList.toggle(`text-size-${size}`, size === textSize);
  for (const button of document.querySelectorAll<HTMLElement>("[data-text-size]")) {
    button.setAttribute("aria-pressed", String(button.dataset["textSize"] === textSize));
  }
}

async function switchLocale(locale: string): Promise<void> {
  if (locale === currentLocale()) return;
  try {
    await loadStrings(locale);
  } catch (reason) {
    renderMessage(errorMessage(reason));
    return;
  }
  renderHeader();
  nav.rerender("locale");
}

/** Whether the language panel (languages and text size) is open under the header. */
let languagePanelOpen = false;

function renderHeader(): void {
  const kiosk = info;
  if (!kiosk) return;
  const onHome = nav.current().screen === "home";
  const sizeLabel = "text-size-label";
  const current = kiosk.locales.find((option) => option.tag === currentLocale());
  byId("header").replaceChildren(
    h(
      "div",
      { class: "header-inner" },
      h("p", { class: "app-name" }, t("common-app-name")),
      h(
        "nav",
        { class: "header-nav", "aria-label": t("ui-header-nav") },
        h("button", { type: "button", id: "back", class: "button", hidden: onHome || !nav.canGoBack(), onclick: () => nav.back() }, t("common-back")),
        h("button", { type: "button", id: "home", class: "button", onclick: () => nav.home() }, t("common-home")),
      ),
      // One compact control: the globe and the language in its own name, so that a visitor who does not
      // read the screen's language still knows it; it opens the languages and the text size.
      h(
        "button",
        {
          type: "button",
          id: "language-menu",
          class: "button language-menu",
          "aria-expanded": String(languagePanelOpen),
          "aria-controls": "language-panel",
          "aria-label": `${t("ui-language")}: ${current?.own_name ?? ""}`,
          onclick: () => setLanguagePanel(!languagePanelOpen),
        },
        h("span", { class: "globe", "aria-hidden": "true" }),
        h("span", { class: "language-menu-name", lang: current?.tag ?? null }, current?.own_name ?? ""),
        h("span", { class: "language-menu-arrow", "aria-hidden": "true" }, languagePanelOpen ? "\u25B4" : "\u25BE"),
      ),
      kiosk.can_listen
        ? h(
            "button",
            {
              type: "button",
              id: "listen",
              class: "button listen",
              "aria-pressed": String(listening),
              onclick: () => void toggleListening(),
            },
            h("span", { class: listening ? "listen-icon listen-icon-stop" : "listen-icon", "aria-hidden": "true" }),
            t(listening ? "ui-listen-stop" : "ui-listen"),
          )
        : null,
    ),
    h(
      "div",
      { id: "language-panel", class: "language-panel", hidden: !languagePanelOpen },
      h(
        "div",
        { class: "switch-group languages-switch", role: "group", "aria-label": t("ui-language") },
        kiosk.locales.map((option) =>
          h(
            "button",
            {
              type: "button",
              class: "button switch",
              "data-locale": option.tag,
              lang: option.tag,
              dir: option.dir === "rtl" ? "rtl" : "ltr",
              "aria-pressed": String(option.tag === currentLocale()),
              onclick: () => {
                languagePanelOpen = false;
                if (option.tag === currentLocale()) renderHeader();
                void switchLocale(option.tag);
              },
            },
            option.own_name,
          ),
        ),
      ),
      h(
        "div",
        { class: "switch-group text-size-switch", role: "group", "aria-labelledby": sizeLabel },
        h("span", { id: sizeLabel, class: "switch-label" }, t("ui-text-size")),
        TEXT_SIZES.map((size) =>
          h(
            "button",
            {
              type: "button",
              class: `button switch text-size-button-${size}`,
              "data-text-size": size,
              "aria-pressed": String(size === textSize),
              onclick: () => {
                textSize = size;
                applyTextSize();
              },
            },
            t(`ui-text-size-${size}`),
          ),
        ),
      ),
    ),
  );
  byId("quick-exit-label").textContent = t("ui-quick-exit");
  byId("quick-exit-hint").textContent = t("ui-quick-exit-hint");
}

/** Whether the screen is being read aloud. */
let listening = false;
let listenPoll = 0;
const LISTEN_POLL_MS = 500;

/** Reads the visible text of the screen aloud, or stops reading. */
async function toggleListening(): Promise<void> {
  if (listening) {
    await stopListening();
    return;
  }
  const started = await api.speak(currentLocale(), byId("main").innerText).catch(() => false);
  setListening(started);
  if (started) {
    window.clearInterval(listenPoll);
    listenPoll = window.setInterval(() => {
      void api.speaking().then((still) => {
        if (!still) setListening(false);
      });
    }, LISTEN_POLL_MS);
  }
}

async function stopListening(): Promise<void> {
  setListening(false);
  await api.stopSpeaking().catch(() => undefined);
}

function setListening(on: boolean): void {
  if (!on) window.clearInterval(listenPoll);
  if (listening === on) return;
  listening = on;
  const focused = document.activeElement?.id === "listen";
  renderHeader();
  if (focused) document.getElementById("listen")?.focus();
}

/** Opens or closes the language panel; opening moves focus to the language shown now. */
function setLanguagePanel(open: boolean): void {
  languagePanelOpen = open;
  renderHeader();
  applyTextSize();
  if (open) document.querySelector<HTMLElement>(`#language-panel [data-locale][aria-pressed="true"]`)?.focus();
  else document.getElementById("language-menu")?.focus();
}

function updateBackButton(): void {
  const back = document.getElementById("back");
  if (back) back.hidden = nav.current().screen === "home" || !nav.canGoBack();
}

/** Replaces the screen's content with a message (a failure outside any screen). */
function renderMessage(message: string): void {
  const main = byId("main");
  main.prepend(notice(message));
}

let rendering = 0;

async function render(focus: nav.FocusTarget): Promise<void> {
  const kiosk = info;
  if (!kiosk || neutralShown()) return;
  const token = nav.nextGeneration();
  const ticket = ++rendering;
  closeDialogs("qr");
  // Another screen: what was being read belongs to the one before.
  if (listening) void stopListening();
  updateBackButton();
  const route = nav.current();
  const main = byId("main");
  const ctx: Ctx = { info: kiosk, locale: currentLocale(), alive: () => nav.isCurrent(token) };
  const loading = window.setTimeout(() => {
    if (ticket !== rendering || !nav.isCurrent(token)) return;
    main.setAttribute("aria-busy", "true");
    main.replaceChildren(h("p", { class: "loading", role: "status" }, t("ui-loading")));
  }, LOADING_AFTER_MS);
  let children: Child[];
  try {
    children = await screenFor(ctx, route);
  } catch (reason) {
    children = [heading1(t(HEADINGS[route.screen])), notice(errorMessage(reason))];
  }
  window.clearTimeout(loading);
  if (ticket !== rendering || !nav.isCurrent(token)) return;
  main.removeAttribute("aria-busy");
  main.replaceChildren();
  append(main, children);
  main.dataset["screen"] = route.screen;
  document.title = t("common-app-name");
  reportScreen(route.screen);
  window.scrollTo(0, 0);
  moveFocus(main, focus);
}

/** Tells the kiosk's rules which screen is shown, once it is painted (any screen but the panel locks it). */
function reportScreen(screen: nav.ScreenName): void {
  const locale = currentLocale();
  // A frame callback runs before that frame is painted; the next frame's runs after it was.
  window.requestAnimationFrame(() => {
    window.requestAnimationFrame(() => {
      api.screen(screen, locale).catch(() => undefined);
    });
  });
}

function moveFocus(main: HTMLElement, focus: nav.FocusTarget): void {
  if (focus === "search") {
    const search = document.getElementById("search");
    if (search instanceof HTMLInputElement) {
      search.focus();
      const end = search.value.length;
      search.setSelectionRange(end, end);
      return;
    }
  }
  if (focus === "locale") {
    const menu = document.getElementById("language-menu");
    if (menu) {
      menu.focus();
      return;
    }
  }
  main.querySelector<HTMLElement>("h1")?.focus();
}

async function loadStrings(locale: string): Promise<void> {
  const strings = await api.uiStrings(locale);
  setStrings(strings);
  const root = document.documentElement;
  root.lang = strings.locale;
  root.dir = currentDir();
  fillNeutral();
}

/** A fresh home screen: after the neutral screen, or at start. */
function startFresh(): void {
  hideNeutral();
  languagePanelOpen = false;
  renderHeader();
  nav.home();
}

const RETRY_MS = 2000;

async function boot(): Promise<void> {
  try {
    const kiosk = await api.kioskInfo();
    await loadStrings(kiosk.default_locale);
    info = kiosk;
  } catch {
    // Not ready (or not inside the app): try again; the screen stays plain meanwhile.
    window.setTimeout(() => void boot(), RETRY_MS);
    return;
  }
  if (neutralShown()) {
    fillNeutral();
    return;
  }
  startFresh();
}

/** Entry point. */
export function start(): void {
  installKiosk();
  nav.setRenderer((focus) => void render(focus).then(renderHeaderState));
  onNeutralStart(() => {
    if (info) startFresh();
  });
  applyTextSize();
  if (location.hash === "#neutral") showNeutral();
  void boot();
}

function renderHeaderState(): void {
  // Another screen closes the language panel: it belongs to the moment it was opened.
  if (languagePanelOpen) {
    languagePanelOpen = false;
    renderHeader();
  }
  updateBackButton();
  applyTextSize();
}
