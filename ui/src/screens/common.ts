// Pieces shared by the screens: the screen context, errors, service cards, provenance.

import { address, content, fallbackNote, h, type Child } from "../dom.js";
import type { ChannelView, Checked, KioskInfo, ServiceCard, ServiceFilter, Text } from "../gen/ipc.js";
import { toApiError } from "../ipc.js";
import { navigate } from "../nav.js";
import { t } from "../strings.js";

/** What a screen is given: the kiosk, the language, and whether it is still on screen. */
export interface Ctx {
  info: KioskInfo;
  locale: string;
  /** False once another screen (or the neutral cover) has replaced this one. */
  alive(): boolean;
}

/** The visitor-facing message of a failed call: its own message, else its Fluent id's, else a generic one. */
export function errorMessage(reason: unknown): string {
  const error = toApiError(reason);
  if (error.message) return error.message;
  const text = t(error.message_id);
  return text === error.message_id ? t("ui-error-generic") : text;
}

/** The content error to show on every content screen, if the content DB is unavailable. */
export function contentError(info: KioskInfo): string | null {
  if (info.content_ok) return null;
  return info.content_error ? errorMessage(info.content_error) : t("ui-error-generic");
}

/** The kiosk's own country as the value a facet offers (codes are compared without case). */
export function kioskCountry(info: KioskInfo, values: readonly string[] = []): string {
  const match = values.find((value) => value.toLowerCase() === info.country.toLowerCase());
  return match ?? info.country;
}

export function defaultFilter(info: KioskInfo, topic: string | null = null): ServiceFilter {
  return { country: kioskCountry(info), topic, audience: null, language: null, open_now: false };
}

/** A long content text (kept line breaks) with its fallback note. */
export function paragraph(text: Text | null, className = "prose"): Child[] {
  if (!text) return [];
  return [content("p", text, { class: className }), fallbackNote(text)];
}

/** A section with an h2 and a content text, left out when there is no text. */
export function textSection(headingId: string, text: Text | null): HTMLElement | null {
  if (!text) return null;
  return h("section", { class: "text-section" }, h("h2", null, t(headingId)), paragraph(text));
}

/** "Checked on …" or "Not yet checked". */
export function checkedLabel(checked: Checked, tag: "p" | "span" = "p"): HTMLElement {
  return h(tag, { class: checked.verified ? "checked" : "checked checked-unverified" }, checked.label);
}

/** Open or closed in words, with a text badge; nothing but the hours text when hours are unknown. */
export function openState(channel: ChannelView): HTMLElement {
  return h(
    "span",
    { class: "open-state" },
    channel.open_label
      ? h("span", { class: `badge badge-${channel.open === "open" ? "open" : "closed"}` }, channel.open_label)
      : null,
    channel.open_label ? " " : null,
    h("span", { class: "hours" }, channel.hours),
  );
}

function isPhone(channel: ChannelView): boolean {
  return channel.kind === "voice" || channel.kind === "sms";
}

function channelSummary(channel: ChannelView): HTMLElement {
  return h(
    "span",
    { class: "channel-summary" },
    h(
      "span",
      { class: "channel-kind" },
      channel.kind_label,
      channel.label ? [" · ", content("span", channel.label)] : null,
    ),
    address(channel.address, isPhone(channel) ? "card-number" : "card-address"),
    openState(channel),
  );
}

/**
 * A service as one big button that opens its page: name, organisation, and its numbers as the largest
 * text. `phonesOnly` shows only phone channels (the home screen), or the first channel if it has none.
 */
export function serviceCard(card: ServiceCard, options: { emergency: boolean; phonesOnly: boolean }): HTMLElement {
  const phones = card.channels.filter(isPhone);
  const channels = options.phonesOnly ? (phones.length > 0 ? phones : card.channels.slice(0, 1)) : card.channels;
  return h(
    "button",
    {
      type: "button",
      class: options.emergency ? "card-button service-card emergency" : "card-button service-card",
      "data-id": card.id,
      onclick: () => navigate({ screen: "service", id: card.id }),
    },
    content("span", card.title, { class: "card-name" }),
    fallbackNote(card.title, "span"),
    card.organization ? content("span", card.organization, { class: "card-org" }) : null,
    card.confidential ? h("span", { class: "card-confidential" }, t("ui-confidential")) : null,
    h("span", { class: "card-channels" }, channels.map(channelSummary)),
  );
}

/** A list of service cards, or a calm "nothing here" line. */
export function serviceCards(cards: readonly ServiceCard[], emergency: boolean, phonesOnly: boolean): HTMLElement {
  if (cards.length === 0) return h("p", { class: "empty" }, t("ui-list-empty"));
  return h(
    "ul",
    { class: "card-list" },
    cards.map((card) => h("li", null, serviceCard(card, { emergency, phonesOnly }))),
  );
}

/**
 * A service on the home screen: its neutral short name and every number, large, with its hours once
 * when all its numbers share them (a line with five numbers says "call to check" once, not five times).
 * The emergency lines leave out the organisation; the others name it under the short name.
 */
export function homeCard(card: ServiceCard, emergency: boolean): HTMLElement {
  const phones = card.channels.filter(isPhone);
  const channels = phones.length > 0 ? phones : card.channels.slice(0, 1);
  const states = new Set(channels.map((channel) => `${channel.open}|${channel.hours}`));
  const shared = states.size === 1 ? channels[0] : undefined;
  return h(
    "button",
    {
      type: "button",
      class: emergency ? "card-button service-card home-card emergency" : "card-button service-card home-card",
      "data-id": card.id,
      onclick: () => navigate({ screen: "service", id: card.id }),
    },
    content("span", card.title, { class: "card-name" }),
    fallbackNote(card.title, "span"),
    !emergency && card.organization ? content("span", card.organization, { class: "card-org" }) : null,
    h(
      "span",
      { class: "home-numbers" },
      channels.map((channel) =>
        h(
          "span",
          { class: "home-number" },
          h("span", { class: "channel-kind" }, channel.label ? content("span", channel.label) : channel.kind_label),
          address(channel.address, isPhone(channel) ? "card-number" : "card-address"),
          shared ? null : openState(channel),
        ),
      ),
    ),
    shared ? openState(shared) : null,
  );
}

/** The home screen's cards: a grid that puts as many side by side as the screen holds. */
export function homeCards(cards: readonly ServiceCard[], emergency: boolean): HTMLElement {
  return h(
    "ul",
    { class: emergency ? "card-list home-grid home-grid-emergency" : "card-list home-grid" },
    cards.map((card) => h("li", null, homeCard(card, emergency))),
  );
}
