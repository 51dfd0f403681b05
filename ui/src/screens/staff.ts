// Staff only: the cross-border referral sheet. And the about screen, for everyone.

import { address, content, h, heading1, notice, uid, type Child } from "../dom.js";
import type { About, ReferralSheet } from "../gen/ipc.js";
import { api } from "../ipc.js";
import { t } from "../strings.js";
import { adminGesture } from "./admin.js";
import { contentError, errorMessage, kioskCountry, type Ctx } from "./common.js";

function countrySelect(ctx: Ctx, id: string, value: string): HTMLSelectElement {
  const control = h(
    "select",
    { id, class: "select" },
    ctx.info.countries.map((choice) => h("option", { value: choice.value }, choice.label)),
  );
  control.value = value;
  return control;
}

function sheet(result: ReferralSheet): HTMLElement {
  return h(
    "div",
    { class: "referral-sheet" },
    h(
      "dl",
      { class: "facts" },
      h("div", null, h("dt", null, t("referral-where")), h("dd", null, result.here_label)),
      h("div", null, h("dt", null, t("referral-nationality")), h("dd", null, result.nationality_label)),
    ),
    result.sections.length === 0 ? h("p", { class: "empty" }, t("ui-list-empty")) : null,
    result.sections.map((section) =>
      h(
        "section",
        { class: "referral-section" },
        h("h2", null, section.title),
        h(
          "ul",
          { class: "referral-contacts" },
          section.contacts.map((contact) =>
            h(
              "li",
              { class: "referral-contact", "data-id": contact.service_id },
              contact.name ? content("p", contact.name, { class: "card-name" }) : null,
              contact.numbers.length > 0
                ? h(
                    "ul",
                    { class: "numbers" },
                    contact.numbers.map((number) => h("li", null, address(number, "card-number"))),
                  )
                : null,
              contact.note ? h("p", { class: "note" }, contact.note) : null,
            ),
          ),
        ),
      ),
    ),
  );
}

export async function referralScreen(ctx: Ctx): Promise<Child[]> {
  const heading = heading1(t("referral-heading"));
  if (ctx.info.mode !== "staff") return [heading, notice(t("error-not-found"))];
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error)];
  const values = ctx.info.countries.map((choice) => choice.value);
  const here = countrySelect(ctx, "referral-here", kioskCountry(ctx.info, values));
  const nationality = countrySelect(ctx, "referral-nationality", kioskCountry(ctx.info, values));
  const output = h("div", { class: "printable", id: "referral-sheet", "aria-live": "polite" });
  let asked = 0;
  const show = async (): Promise<void> => {
    asked += 1;
    const mine = asked;
    try {
      const result = await api.referral(ctx.locale, here.value, nationality.value);
      if (mine !== asked || !ctx.alive()) return;
      output.replaceChildren(
        sheet(result),
        h("button", { type: "button", id: "referral-print", class: "button no-print", onclick: () => window.print() }, t("ui-referral-print")),
      );
    } catch (reason) {
      if (mine !== asked || !ctx.alive()) return;
      output.replaceChildren(notice(errorMessage(reason)));
    }
  };
  const form = h(
    "form",
    { class: "referral-form", onsubmit: (event: Event) => event.preventDefault() },
    h("div", { class: "field" }, h("label", { for: "referral-here", class: "label" }, t("referral-where")), here),
    h("div", { class: "field" }, h("label", { for: "referral-nationality", class: "label" }, t("referral-nationality")), nationality),
    h("button", { type: "button", id: "referral-show", class: "button button-primary", onclick: () => void show() }, t("ui-referral-show")),
  );
  return [heading, form, output];
}

function aboutContent(about: About): HTMLElement {
  const id = uid("about-content");
  const row = (labelId: string, value: string | null): HTMLElement | null =>
    value === null ? null : h("div", null, h("dt", null, t(labelId)), h("dd", null, value));
  return h(
    "section",
    { class: "about-content", "aria-labelledby": id },
    h("h2", { id }, t("ui-about-content")),
    h(
      "dl",
      { class: "facts" },
      row("ui-about-version", about.version),
      row("ui-about-newest", about.newest_check),
      row("ui-about-oldest", about.oldest_check),
    ),
    about.counts.length > 0
      ? [
          h("h3", null, t("ui-about-counts")),
          h(
            "dl",
            { class: "facts counts" },
            about.counts.map((count) => h("div", null, h("dt", null, count.label), h("dd", null, count.value))),
          ),
        ]
      : null,
    h("p", { class: "hash", dir: "ltr" }, about.content_hash),
  );
}

export async function aboutScreen(ctx: Ctx): Promise<Child[]> {
  // Five taps on the heading open the admin panel (behind its PIN); nothing shows that it can.
  const heading = adminGesture(heading1(t("ui-about-heading")));
  const privacyId = uid("privacy");
  const privacy = h(
    "section",
    { class: "privacy", "aria-labelledby": privacyId },
    h("h2", { id: privacyId }, t("ui-about-privacy-heading")),
    h(
      "ul",
      { class: "privacy-list" },
      h("li", null, t("ui-about-privacy-saved")),
      h("li", null, t("ui-about-privacy-cleared")),
      h("li", null, t("ui-about-privacy-sent")),
    ),
  );
  const error = contentError(ctx.info);
  if (error) return [heading, privacy, notice(error)];
  let details: Child;
  try {
    details = aboutContent(await api.about(ctx.locale));
  } catch (reason) {
    details = notice(errorMessage(reason));
  }
  return [heading, privacy, details];
}
