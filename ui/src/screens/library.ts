// Events, reports (with the in-app viewer) and help articles.

import { closeDialogs, closeLabel, openDialog } from "../dialog.js";
import { content, fallbackNote, h, heading1, notice, uid, type Child } from "../dom.js";
import type { EventCard, ReportCard, ReportFileView } from "../gen/ipc.js";
import { api } from "../ipc.js";
import { navigate, type Route } from "../nav.js";
import { t } from "../strings.js";
import { checkedLabel, contentError, errorMessage, paragraph, type Ctx } from "./common.js";

/** Scrolls to the entry a search hit pointed at, once the screen is shown (focus stays on the h1). */
function highlight(container: HTMLElement, id: string | null): void {
  if (!id) return;
  window.setTimeout(() => {
    for (const element of container.querySelectorAll<HTMLElement>("[data-id]")) {
      if (element.dataset["id"] === id) {
        element.classList.add("highlight");
        element.scrollIntoView({ block: "start" });
        return;
      }
    }
  }, 0);
}

function eventCard(event: EventCard): HTMLElement {
  return h(
    "li",
    null,
    h(
      "article",
      { class: "card event", "data-id": event.id },
      content("h3", event.title, { class: "card-title" }),
      fallbackNote(event.title),
      h("p", { class: "card-meta" }, event.category_label),
      h("p", { class: "event-when" }, event.when),
      event.place ? content("p", event.place, { class: "event-place" }) : null,
      fallbackNote(event.place),
      paragraph(event.summary),
      checkedLabel(event.checked),
    ),
  );
}

function eventSection(headingId: string, events: readonly EventCard[]): HTMLElement {
  const id = uid("events");
  return h(
    "section",
    { class: "event-section", "aria-labelledby": id },
    h("h2", { id }, t(headingId)),
    events.length > 0
      ? h("ul", { class: "card-list" }, events.map(eventCard))
      : h("p", { class: "empty" }, t("ui-list-empty")),
  );
}

export async function eventsScreen(ctx: Ctx, route: Extract<Route, { screen: "events" }>): Promise<Child[]> {
  const heading = heading1(t("ui-events-heading"));
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error)];
  const list = await api.events(ctx.locale);
  const body = h(
    "div",
    { class: "events" },
    eventSection("ui-events-upcoming", list.upcoming),
    eventSection("ui-events-past", list.past),
  );
  highlight(body, route.highlight);
  return [heading, body];
}

const SHA256 = /^[0-9a-f]{64}$/i;

export async function reportsScreen(ctx: Ctx, route: Extract<Route, { screen: "reports" }>): Promise<Child[]> {
  const heading = heading1(t("ui-reports-heading"));
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error)];
  const reports = await api.reports(ctx.locale);
  const viewerSlot = h("div", { class: "viewer-slot" });
  const list = h(
    "ul",
    { class: "card-list reports" },
    // Report files open in WebKit's own viewer, which can save and print: a staff-mode feature.
    reports.map((report) => reportCard(report, ctx.info.mode === "staff" ? (file, button) => openViewer(report, file, button) : null)),
  );

  function openViewer(report: ReportCard, file: ReportFileView, opener: HTMLElement): void {
    if (!SHA256.test(file.sha256)) return;
    const titleId = uid("viewer");
    const close = (): void => {
      viewerSlot.replaceChildren();
      list.hidden = false;
      opener.focus();
    };
    const closeButton = h("button", { type: "button", id: "viewer-close", class: "button", onclick: close }, t("ui-viewer-close"));
    viewerSlot.replaceChildren(
      h(
        "section",
        { class: "viewer", "aria-labelledby": titleId },
        h("h2", { id: titleId }, content("span", report.title), " · ", file.language),
        closeButton,
        h("iframe", {
          class: "viewer-frame",
          src: `attachment://localhost/${file.sha256.toLowerCase()}`,
          title: file.name,
          referrerpolicy: "no-referrer",
        }),
      ),
    );
    list.hidden = true;
    closeButton.focus();
  }

  highlight(list, route.highlight);
  return [heading, viewerSlot, reports.length > 0 ? list : h("p", { class: "empty" }, t("ui-list-empty"))];
}

function reportCard(report: ReportCard, open: ((file: ReportFileView, button: HTMLElement) => void) | null): HTMLElement {
  return h(
    "li",
    null,
    h(
      "article",
      { class: "card report", "data-id": report.id },
      content("h2", report.title, { class: "card-title" }),
      fallbackNote(report.title),
      report.publisher ? content("p", report.publisher, { class: "card-meta" }) : null,
      h("p", { class: "card-meta" }, report.published),
      report.editions ? h("p", { class: "card-meta" }, report.editions) : null,
      paragraph(report.summary),
      report.files.length === 0
        ? h("p", { class: "no-file" }, t("ui-report-no-file"))
        : open
        ? h(
            "ul",
            { class: "file-list" },
            report.files.map((file) => {
              const button: HTMLButtonElement = h(
                "button",
                { type: "button", class: "button file-button", "data-sha256": file.sha256, onclick: () => open(file, button) },
                h("span", { class: "file-read" }, t("ui-report-read")),
                " ",
                h("span", { class: "file-language" }, file.language),
                " ",
                h("span", { class: "file-size", dir: "ltr" }, `(${file.size})`),
              );
              return h("li", null, button);
            }),
          )
        : null,
      checkedLabel(report.checked),
    ),
  );
}

export async function articlesScreen(ctx: Ctx): Promise<Child[]> {
  const heading = heading1(t("ui-articles-heading"));
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error)];
  const articles = await api.articles(ctx.locale);
  if (articles.length === 0) return [heading, h("p", { class: "empty" }, t("ui-list-empty"))];
  return [
    heading,
    h(
      "ul",
      { class: "entry-list articles" },
      articles.map((article) =>
        h(
          "li",
          null,
          h(
            "button",
            {
              type: "button",
              class: "button entry-button",
              "data-id": article.id,
              onclick: () => navigate({ screen: "article", id: article.id }),
            },
            content("span", article.title),
          ),
          fallbackNote(article.title),
        ),
      ),
    ),
  ];
}

/** A link in an article opens nothing: the visitor gets a QR code to take it away on their phone. */
async function showLinkQr(ctx: Ctx, target: string): Promise<void> {
  let body: Child[];
  try {
    const qr = await api.qr(ctx.locale, target);
    body = [
      h("p", null, t("ui-qr-text")),
      h(
        "figure",
        { class: "qr-figure" },
        h("img", { class: "qr qr-large", src: qr.image, alt: qr.target }),
        h("figcaption", { class: "qr-caption" }, qr.caption),
      ),
      h("p", { class: "qr-target", dir: "ltr" }, qr.target),
    ];
  } catch (reason) {
    body = [notice(errorMessage(reason))];
  }
  if (!ctx.alive()) return;
  closeDialogs("qr");
  openDialog({ kind: "qr", role: "dialog", title: t("ui-qr-heading"), body, closeLabel: closeLabel() });
}

/** Inserts the article's HTML (sanitised in Rust: the one place HTML is parsed) and tames its links. */
function articleBody(ctx: Ctx, html: string, lang: string | null): HTMLElement {
  const body = h("div", { class: "article-body prose-html", lang });
  body.innerHTML = html;
  // The screen has one h1: the article's title.
  for (const h1 of Array.from(body.querySelectorAll("h1"))) {
    const h2 = document.createElement("h2");
    h2.append(...Array.from(h1.childNodes));
    h1.replaceWith(h2);
  }
  const onLink = (event: Event): void => {
    const target = event.target instanceof Element ? event.target.closest("a") : null;
    if (!target || !body.contains(target)) return;
    event.preventDefault();
    event.stopPropagation();
    if (event.type !== "click") return;
    const href = target.getAttribute("href");
    if (href) void showLinkQr(ctx, href);
  };
  for (const link of Array.from(body.querySelectorAll("a"))) {
    link.removeAttribute("target");
    link.addEventListener("click", onLink);
    link.addEventListener("auxclick", onLink);
  }
  body.addEventListener("click", onLink);
  body.addEventListener("auxclick", onLink);
  return body;
}

export async function articleScreen(ctx: Ctx, route: Extract<Route, { screen: "article" }>): Promise<Child[]> {
  const error = contentError(ctx.info);
  if (error) return [heading1(t("ui-error-heading")), notice(error)];
  const page = await api.article(ctx.locale, route.id);
  const lang = page.html.lang && page.html.lang !== ctx.locale ? page.html.lang : null;
  return [
    heading1(page.title),
    fallbackNote(page.title),
    fallbackNote(page.html),
    h("article", { class: "article", "data-id": page.id }, articleBody(ctx, page.html.text, lang)),
    checkedLabel(page.checked),
  ];
}
