// In-memory navigation: a stack of routes, never the browser history. The UI's Back pops it.

import type { ServiceFilter } from "./gen/ipc.js";

export type Route =
  | { screen: "home" }
  | { screen: "search"; text: string }
  | { screen: "hotlines"; filter: ServiceFilter }
  | { screen: "programmes"; filter: ServiceFilter }
  | { screen: "service"; id: string }
  | { screen: "events"; highlight: string | null }
  | { screen: "reports"; highlight: string | null }
  | { screen: "articles" }
  | { screen: "article"; id: string }
  | { screen: "selfcheck"; highlight: string | null }
  | { screen: "referral" }
  | { screen: "about" }
  | { screen: "admin" };

export type ScreenName = Route["screen"];

/** Where focus goes once a screen is shown. */
export type FocusTarget = "heading" | "search" | "locale";

export type Renderer = (focus: FocusTarget) => void;

let stack: Route[] = [{ screen: "home" }];
let renderer: Renderer = () => undefined;
let generation = 0;

export function setRenderer(next: Renderer): void {
  renderer = next;
}

/** The route on screen. */
export function current(): Route {
  return stack[stack.length - 1] ?? { screen: "home" };
}

export function canGoBack(): boolean {
  return stack.length > 1;
}

export function navigate(route: Route, focus: FocusTarget = "heading"): void {
  stack.push(route);
  renderer(focus);
}

export function back(): void {
  if (stack.length > 1) stack.pop();
  renderer("heading");
}

export function home(): void {
  stack = [{ screen: "home" }];
  renderer("heading");
}

/** Shows the current route again (after a change of language). */
export function rerender(focus: FocusTarget): void {
  renderer(focus);
}

/** Forgets everything: the stack goes back to a fresh home and pending work is dropped. */
export function forget(): void {
  stack = [{ screen: "home" }];
  generation += 1;
}

/** A token for async work: it stays current until the next render or `forget`. */
export function nextGeneration(): number {
  generation += 1;
  return generation;
}

export function isCurrent(token: number): boolean {
  return token === generation;
}
