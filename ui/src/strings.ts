// The UI's messages, as shipped by Rust (`ui_strings`): a flat map of Fluent ids to text, per-message
// fallback already applied. Held in memory only.

import type { UiStrings } from "./gen/ipc.js";

let strings: UiStrings = { locale: "en", dir: "ltr", messages: {} };

export function setStrings(next: UiStrings): void {
  strings = next;
}

/** The UI's current locale (BCP 47). */
export function currentLocale(): string {
  return strings.locale;
}

/** `ltr` or `rtl`. */
export function currentDir(): "ltr" | "rtl" {
  return strings.dir === "rtl" ? "rtl" : "ltr";
}

/** A message by id. A missing id shows as itself, which a lint on the .ftl files prevents. */
export function t(id: string): string {
  return strings.messages[id] ?? id;
}

/** A message whose `{ $name }` placeholders are replaced by the given values. */
export function tv(id: string, values: Readonly<Record<string, string>>): string {
  return t(id).replace(/\{\s*\$([A-Za-z0-9_-]+)\s*\}/g, (whole: string, name: string) => values[name] ?? whole);
}
