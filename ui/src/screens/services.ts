// Helplines and support programmes: the filtered lists and one service's page.

import { address, content, fallbackNote, h, heading1, notice, type Child } from "../dom.js";
import type { ChannelView, Choice, Facets, ServiceFilter, ServiceList, ServicePage } from "../gen/ipc.js";
import { api } from "../ipc.js";
import type { Route } from "../nav.js";
import { t } from "../strings.js";
import {
  checkedLabel,
  contentError,
  errorMessage,
  openState,
  serviceCards,
  textSection,
  type Ctx,
} from "./common.js";

type ListRoute = Extract<Route, { screen: "hotlines" | "programmes" }>;

function select(
  id: string,
  labelId: string,
  choices: readonly Choice[],
  value: string | null,
): { field: HTMLElement; control: HTMLSelectElement } {
  const control = h(
    "select",
    { id, class: "select" },
    h("option", { value: "" }, t("ui-filter-all")),
    choices.map((choice) => h("option", { value: choice.value }, choice.label)),
  );
  const wanted = value?.toLowerCase();
  const match = choices.find((choice) => choice.value.toLowerCase() === wanted);
  control.value = match ? match.value : "";
  return { field: h("div", { class: "field" }, h("label", { for: id, class: "label" }, t(labelId)), control), control };
}

function filterForm(facets: Facets, filter: ServiceFilter, onChange: (filter: ServiceFilter) => void): HTMLElement {
  const country = select("filter-country", "search-filter-country", facets.countries, filter.country);
  const topic = select("filter-topic", "search-filter-topic", facets.topics, filter.topic);
  const audience = select("filter-audience", "search-filter-audience", facets.audiences, filter.audience);
  const language = select("filter-language", "search-filter-language", facets.languages, filter.language);
  const openNow = h("input", { id: "filter-open-now", type: "checkbox", class: "checkbox" });
  openNow.checked = filter.open_now;
  const read = (): ServiceFilter => ({
    country: country.control.value || null,
    topic: topic.control.value || null,
    audience: audience.control.value || null,
    language: language.control.value || null,
    open_now: openNow.checked,
  });
  return h(
    "form",
    {
      class: "filters",
      onchange: () => onChange(read()),
      onsubmit: (event: Event) => event.preventDefault(),
    },
    h(
      "fieldset",
      { class: "fieldset" },
      h("legend", { class: "legend" }, t("ui-filters")),
      country.field,
      topic.field,
      audience.field,
      language.field,
      h(
        "div",
        { class: "field check-field" },
        openNow,
        h("label", { for: "filter-open-now", class: "check-label" }, t("search-filter-open-now")),
      ),
    ),
  );
}

export async function servicesScreen(ctx: Ctx, route: ListRoute): Promise<Child[]> {
  const heading = heading1(t(route.screen === "hotlines" ? "ui-hotlines-heading" : "ui-programmes-heading"));
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error)];
  const first = await api.services(ctx.locale, route.screen, route.filter);
  const summary = h("p", { id: "list-summary", class: "summary", "aria-live": "polite" });
  const results = h("div", { id: "list-results" });
  const show = (list: ServiceList): void => {
    summary.textContent = list.summary;
    results.replaceChildren(serviceCards(list.items, false, false));
  };
  show(first);
  let asked = 0;
  const filters = filterForm(first.facets, route.filter, (filter) => {
    route.filter = filter;
    asked += 1;
    const mine = asked;
    api.services(ctx.locale, route.screen, filter).then(
      (list) => {
        if (mine === asked && ctx.alive()) show(list);
      },
      (reason: unknown) => {
        if (mine !== asked || !ctx.alive()) return;
        summary.textContent = "";
        results.replaceChildren(notice(errorMessage(reason)));
      },
    );
  });
  return [heading, filters, summary, results];
}

function isPhone(channel: ChannelView): boolean {
  return channel.kind === "voice" || channel.kind === "sms";
}

function channelItem(channel: ChannelView): HTMLElement {
  return h(
    "li",
    { class: `channel channel-${isPhone(channel) ? "phone" : "other"}` },
    h(
      "h3",
      { class: "channel-kind" },
      channel.kind_label,
      channel.label ? [" · ", content("span", channel.label)] : null,
    ),
    fallbackNote(channel.label),
    h("p", { class: "channel-address" }, address(channel.address, isPhone(channel) ? "big-number" : "big-address")),
    h("p", { class: "channel-hours" }, openState(channel)),
    channel.abroad ? h("p", { class: "channel-abroad" }, channel.abroad) : null,
    channel.qr
      ? h(
          "figure",
          { class: "qr-figure" },
          h("img", { class: "qr", src: channel.qr.image, alt: channel.qr.target }),
          h("figcaption", { class: "qr-caption" }, channel.qr.caption),
        )
      : null,
  );
}

/** The card that is printed: a neutral heading and the numbers, nothing that names the subject. */
function printCard(page: ServicePage): HTMLElement {
  const phones = page.card.channels.filter(isPhone);
  const shown = phones.length > 0 ? phones : page.card.channels;
  return h(
    "div",
    { class: "print-card" },
    h("h2", null, t("ui-card-heading")),
    h(
      "ul",
      null,
      shown.map((channel) =>
        h(
          "li",
          null,
          h("span", { class: "print-kind" }, channel.kind_label),
          " ",
          address(channel.address, "print-number"),
          channel.abroad ? h("span", { class: "print-abroad" }, channel.abroad) : null,
        ),
      ),
    ),
  );
}

export async function serviceScreen(ctx: Ctx, route: Extract<Route, { screen: "service" }>): Promise<Child[]> {
  const error = contentError(ctx.info);
  if (error) return [heading1(t("ui-error-heading")), notice(error)];
  const page = await api.service(ctx.locale, route.id);
  const card = page.card;
  const tags = [card.kind_label, card.country_label, card.audience_label, ...card.topics].filter((tag) => tag !== "");
  return [
    heading1(card.name),
    fallbackNote(card.name),
    card.organization ? content("p", card.organization, { class: "organization" }) : null,
    fallbackNote(card.organization),
    card.confidential ? h("p", { class: "confidential" }, t("ui-confidential")) : null,
    h("ul", { class: "tags" }, tags.map((tag) => h("li", { class: "tag" }, tag))),
    h("p", { class: "languages" }, card.languages ?? t("ui-languages-unknown")),
    card.attributes.length > 0
      ? h("ul", { class: "attributes" }, card.attributes.map((attribute) => h("li", null, attribute)))
      : null,
    h(
      "section",
      { class: "channels-section" },
      h("h2", null, t("ui-contact-heading")),
      card.channels.length > 0
        ? h("ul", { class: "channels" }, card.channels.map(channelItem))
        : h("p", { class: "empty" }, t("ui-list-empty")),
    ),
    textSection("ui-what-happens", page.what_happens),
    textSection("ui-eligibility", page.eligibility),
    textSection("ui-how-to-start", page.how_to_start),
    textSection("ui-description", page.description),
    h(
      "div",
      { class: "provenance" },
      checkedLabel(card.checked),
      card.checked.source ? h("p", { class: "source" }, t("provenance-source"), ": ", card.checked.source) : null,
    ),
    // Printing opens a system dialog, which a visitor must never reach: a staff-mode feature.
    ctx.info.mode === "staff"
      ? h("button", { type: "button", id: "print-card", class: "button", onclick: () => window.print() }, t("ui-print-card"))
      : null,
    ctx.info.mode === "staff" ? printCard(page) : null,
  ];
}
