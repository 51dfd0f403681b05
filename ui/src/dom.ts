// The one way the UI builds DOM: `h(tag, attrs, ...children)`. String children become text nodes and
// attribute values go through `setAttribute`, so content is never parsed as HTML.

import type { Text } from "./gen/ipc.js";
import { currentLocale } from "./strings.js";

export type Child = Node | string | null | undefined | false | readonly Child[];

type Handler = (event: Event) => void;
export type Attrs = { [name: string]: string | number | boolean | null | undefined | Handler };

/** Builds an element. `on*` attributes given a function become event listeners; `false`/`null` are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === "function") {
        if (!name.startsWith("on")) throw new Error(`listener for ${name} must be named on…`);
        element.addEventListener(name.slice(2), value);
      } else if (name === "style" || name.startsWith("on")) {
        // Inline styles break the CSP and inline handlers are never wanted.
        throw new Error(`attribute ${name} is not allowed`);
      } else {
        element.setAttribute(name, value === true ? "" : String(value));
      }
    }
  }
  append(element, children);
  return element;
}

/** Appends children; strings become text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === "string") parent.appendChild(document.createTextNode(child));
    else if (child instanceof Node) parent.appendChild(child);
    else append(parent, child);
  }
}

/** The `lang` to set on an element showing `text`, if it differs from the UI language. */
export function langOf(text: Text): string | null {
  return text.lang && text.lang !== currentLocale() ? text.lang : null;
}

/** An element showing content text, with `lang` when the text is in another language. */
export function content<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text: Text,
  attrs: Attrs = {},
): HTMLElementTagNameMap[K] {
  return h(tag, { ...attrs, lang: langOf(text) }, text.text);
}

/** The note under a text shown in a fallback language, if any. */
export function fallbackNote(text: Text | null | undefined, tag: "p" | "span" = "p"): HTMLElement | null {
  if (!text || !text.fallback_note) return null;
  return h(tag, { class: "fallback-note" }, text.fallback_note);
}

/** A phone number or address: kept left-to-right inside right-to-left text. */
export function address(value: string, className: string): HTMLElement {
  return h("span", { class: className, dir: "ltr" }, value);
}

/** A screen's single h1, focusable so that focus can move to it. */
export function heading1(text: string | Text): HTMLHeadingElement {
  return typeof text === "string"
    ? h("h1", { tabindex: "-1" }, text)
    : content("h1", text, { tabindex: "-1" });
}

/** A calm box for an error or a notice. */
export function notice(message: string): HTMLElement {
  return h("div", { class: "notice", role: "status" }, h("p", null, message));
}

/** A per-render unique id for labels and ARIA references. */
let nextId = 0;
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
