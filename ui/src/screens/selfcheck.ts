// The self-check: yes/no questions, answered on screen only. Any "yes" points to a helpline.

import { content, fallbackNote, h, heading1, notice, uid, type Child } from "../dom.js";
import type { SelfCheckView } from "../gen/ipc.js";
import { api } from "../ipc.js";
import { navigate, type Route } from "../nav.js";
import { t } from "../strings.js";
import { contentError, defaultFilter, paragraph, type Ctx } from "./common.js";

function radio(name: string, value: "yes" | "no", labelId: string): HTMLElement {
  const id = uid(`${name}-${value}`);
  return h(
    "div",
    { class: "radio" },
    h("input", { type: "radio", id, name, value, class: "radio-input" }),
    h("label", { for: id, class: "radio-label" }, t(labelId)),
  );
}

function selfCheck(ctx: Ctx, check: SelfCheckView): HTMLElement {
  const headingId = uid("selfcheck");
  const names = check.questions.map(() => uid("question"));
  const result = h("div", { class: "selfcheck-result", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "selfcheck-form", onsubmit: (event: Event) => event.preventDefault() },
    check.questions.map((question, index) =>
      h(
        "fieldset",
        { class: "fieldset question" },
        h("legend", { class: "legend", lang: question.text.lang && question.text.lang !== ctx.locale ? question.text.lang : null }, question.text.text),
        fallbackNote(question.text),
        h(
          "div",
          { class: "radios" },
          radio(names[index] ?? `q-${index}`, "yes", "selfcheck-yes"),
          radio(names[index] ?? `q-${index}`, "no", "selfcheck-no"),
        ),
      ),
    ),
  );
  const answers = (): (string | null)[] =>
    names.map((name) => {
      const checked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
      return checked ? checked.value : null;
    });
  const showResult = (): void => {
    const given = answers();
    if (given.includes("yes")) {
      const topic = check.leads_to;
      result.replaceChildren(
        h("p", { class: "result-text" }, t("selfcheck-result-talk")),
        h(
          "button",
          {
            type: "button",
            class: "button button-primary",
            "data-nav": "hotlines",
            onclick: () => navigate({ screen: "hotlines", filter: defaultFilter(ctx.info, topic) }),
          },
          t("ui-selfcheck-helplines"),
        ),
      );
    } else if (given.includes(null)) {
      result.replaceChildren(h("p", { class: "result-text" }, t("ui-selfcheck-unanswered")));
    } else {
      result.replaceChildren(h("p", { class: "result-text" }, t("selfcheck-result-none")));
    }
  };
  form.append(
    h("button", { type: "button", class: "button button-primary selfcheck-submit", onclick: showResult }, t("ui-selfcheck-result")),
  );
  return h(
    "section",
    { class: "selfcheck", "data-id": check.id, "aria-labelledby": headingId },
    content("h2", check.title, { id: headingId }),
    fallbackNote(check.title),
    paragraph(check.intro),
    form,
    result,
  );
}

export async function selfcheckScreen(ctx: Ctx, route: Extract<Route, { screen: "selfcheck" }>): Promise<Child[]> {
  const heading = heading1(t("ui-selfcheck-heading"));
  const intro = h("p", { class: "lead" }, t("ui-selfcheck-intro"));
  const error = contentError(ctx.info);
  if (error) return [heading, notice(error)];
  const checks = await api.selfchecks(ctx.locale);
  // A search hit for one self-check shows that one first.
  const ordered = route.highlight
    ? [...checks.filter((c) => c.id === route.highlight), ...checks.filter((c) => c.id !== route.highlight)]
    : checks;
  if (ordered.length === 0) return [heading, intro, h("p", { class: "empty" }, t("ui-list-empty"))];
  return [heading, intro, ordered.map((check) => selfCheck(ctx, check))];
}
