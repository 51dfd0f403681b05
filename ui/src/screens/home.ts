// The home screen (search box, "get help now", ways in) and the search results screen.

import { append, content, fallbackNote, h, heading1, notice, uid, type Child } from "../dom.js";
import type { Home, SearchHit, SearchResults } from "../gen/ipc.js";
import { api } from "../ipc.js";
import { navigate, type Route } from "../nav.js";
import { t } from "../strings.js";
import { contentError, defaultFilter, errorMessage, homeCards, type Ctx } from "./common.js";

const SEARCH_DEBOUNCE_MS = 150;

/** The search box: the same id, label and look on home and on the results screen. */
function searchForm(value: string, onInput: (input: HTMLInputElement) => void): HTMLElement {
  const input = h("input", {
    id: "search",
    type: "search",
    class: "search-input",
    placeholder: t("search-placeholder"),
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    enterkeyhint: "search",
    maxlength: "200",
  });
  input.value = value;
  let timer: number | undefined;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => onInput(input), SEARCH_DEBOUNCE_MS);
  });
  return h(
    "form",
    { class: "search-form", role: "search", onsubmit: (event: Event) => event.preventDefault() },
    h("label", { for: "search", class: "label" }, t("ui-search-label")),
    input,
  );
}

type Entry = { nav: Route["screen"]; label: string; route: () => Route };

function entries(ctx: Ctx): HTMLElement {
  const list: Entry[] = [
    { nav: "hotlines", label: "ui-hotlines-heading", route: () => ({ screen: "hotlines", filter: defaultFilter(ctx.info) }) },
    {
      nav: "programmes",
      label: "ui-programmes-heading",
      route: () => ({ screen: "programmes", filter: defaultFilter(ctx.info) }),
    },
    { nav: "articles", label: "ui-articles-heading", route: () => ({ screen: "articles" }) },
    { nav: "selfcheck", label: "ui-selfcheck-heading", route: () => ({ screen: "selfcheck", highlight: null }) },
    { nav: "events", label: "ui-events-heading", route: () => ({ screen: "events", highlight: null }) },
    { nav: "reports", label: "ui-reports-heading", route: () => ({ screen: "reports", highlight: null }) },
    { nav: "about", label: "ui-about-heading", route: () => ({ screen: "about" }) },
  ];
  if (ctx.info.mode === "staff") {
    list.push({ nav: "referral", label: "referral-heading", route: () => ({ screen: "referral" }) });
  }
  const headingId = uid("more");
  return h(
    "nav",
    { class: "entries", "aria-labelledby": headingId },
    h("h2", { id: headingId }, t("ui-home-more")),
    h(
      "ul",
      { class: "entry-list" },
      list.map((entry) =>
        h(
          "li",
          null,
          h(
            "button",
            { type: "button", class: "button entry-button", "data-nav": entry.nav, onclick: () => navigate(entry.route()) },
            t(entry.label),
          ),
        ),
      ),
    ),
  );
}

function getHelp(home: Home): HTMLElement {
  const headingId = uid("get-help");
  const none = home.emergency.length === 0 && home.hotlines.length === 0;
  return h(
    "section",
    { class: "get-help", "aria-labelledby": headingId },
    h(
      "h2",
      { id: headingId },
      t("ui-get-help-now"),
      h("span", { class: "get-help-country" }, ` \u00B7 ${home.country_label}`),
    ),
    none ? h("p", { class: "empty" }, t("ui-list-empty")) : null,
    home.emergency.length > 0 ? homeCards(home.emergency, true) : null,
    home.hotlines.length > 0 ? homeCards(home.hotlines, false) : null,
  );
}

export async function homeScreen(ctx: Ctx): Promise<Child[]> {
  const heading = heading1(t("ui-home-heading"));
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error), entries(ctx)];
  const search = searchForm("", (input) => {
    if (ctx.alive() && input.value.trim() !== "") navigate({ screen: "search", text: input.value }, "search");
  });
  let help: Child;
  try {
    help = getHelp(await api.home(ctx.locale));
  } catch (reason) {
    help = notice(errorMessage(reason));
  }
  // Search and who to call now fit on the first screen of a kiosk; the ways in follow.
  return [heading, search, help, entries(ctx)];
}

function routeOf(hit: SearchHit, ctx: Ctx): Route | null {
  switch (hit.kind) {
    case "service":
      return { screen: "service", id: hit.id };
    case "article":
      return { screen: "article", id: hit.id };
    case "event":
      return { screen: "events", highlight: hit.id };
    case "report":
      return { screen: "reports", highlight: hit.id };
    case "selfcheck":
      return { screen: "selfcheck", highlight: hit.id };
    case "organization":
      return { screen: "hotlines", filter: { ...defaultFilter(ctx.info), country: null } };
    default:
      return null;
  }
}

function hitItem(hit: SearchHit, ctx: Ctx): HTMLElement {
  const route = routeOf(hit, ctx);
  return h(
    "li",
    null,
    h(
      "button",
      {
        type: "button",
        class: "card-button hit",
        "data-kind": hit.kind,
        "data-id": hit.id,
        disabled: route === null,
        onclick: () => {
          if (route) navigate(route);
        },
      },
      content("span", hit.name, { class: "hit-name" }),
      fallbackNote(hit.name, "span"),
      h("span", { class: "hit-meta" }, hit.kind_label, hit.country_label ? [" · ", hit.country_label] : null),
    ),
  );
}

export async function searchScreen(ctx: Ctx, route: Extract<Route, { screen: "search" }>): Promise<Child[]> {
  // Coming from home, take what is in the box now (the visitor may have typed on since).
  const main = document.getElementById("main");
  const typed = document.getElementById("search");
  if (main?.dataset["screen"] === "home" && typed instanceof HTMLInputElement) route.text = typed.value;

  const heading = heading1(t("ui-search-heading"));
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error)];

  const summary = h("p", { id: "search-summary", class: "summary", "aria-live": "polite" });
  // "No entry has all of these words…" when the hits hold only some of them.
  const partial = h("p", { id: "search-partial", class: "summary", hidden: true });
  const results = h("ul", { id: "search-results", class: "card-list" });
  // Nothing found: the kiosk country's numbers, as on the home screen, so no search ends empty-handed.
  const help = h("section", { id: "search-help", class: "get-help", hidden: true });
  const show = (found: SearchResults | null, message: string): void => {
    summary.textContent = message;
    partial.textContent = found?.partial ?? "";
    partial.hidden = !found?.partial;
    results.replaceChildren(...(found?.hits ?? []).map((hit) => hitItem(hit, ctx)));
    help.hidden = true;
    help.replaceChildren();
  };
  let asked = 0;
  const run = async (text: string): Promise<void> => {
    asked += 1;
    const mine = asked;
    route.text = text;
    if (text.trim() === "") {
      show(null, "");
      return;
    }
    try {
      const found = await api.search(ctx.locale, text);
      if (mine !== asked || !ctx.alive()) return;
      show(found, found.summary);
      if (found.help_heading !== null) {
        const home = await api.home(ctx.locale);
        if (mine !== asked || !ctx.alive()) return;
        const headingId = uid("search-help");
        help.setAttribute("aria-labelledby", headingId);
        append(help, [
          h("h2", { id: headingId }, found.help_heading),
          home.emergency.length > 0 ? homeCards(home.emergency, true) : null,
          home.hotlines.length > 0 ? homeCards(home.hotlines, false) : null,
        ]);
        help.hidden = false;
      }
    } catch (reason) {
      if (mine !== asked || !ctx.alive()) return;
      show(null, errorMessage(reason));
    }
  };
  const form = searchForm(route.text, (input) => {
    if (ctx.alive()) void run(input.value);
  });
  void run(route.text);
  return [heading, form, summary, partial, results, help];
}
