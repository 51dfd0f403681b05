// Modal dialogs: the page behind is made inert (the quick exit stays reachable), focus is kept inside.

import { h, uid, type Child } from "./dom.js";
import { t } from "./strings.js";

export type DialogKind = "idle" | "qr";

export interface Dialog {
  kind: DialogKind;
  element: HTMLElement;
  close(): void;
}

const open: Dialog[] = [];

function root(): HTMLElement {
  const element = document.getElementById("dialog-root");
  if (!element) throw new Error("#dialog-root is missing");
  return element;
}

function setBackgroundInert(inert: boolean): void {
  for (const id of ["header", "main"]) {
    const element = document.getElementById(id);
    if (element) element.inert = inert;
  }
}

export interface DialogSpec {
  kind: DialogKind;
  role: "dialog" | "alertdialog";
  title: string;
  body: Child[];
  /** The label of the closing button; its click closes the dialog after `onClose`. */
  closeLabel: string;
  onClose?: () => void;
  /** What gets focus when the dialog opens; the closing button by default. */
  initialFocus?: (dialog: HTMLElement) => HTMLElement | null;
}

export function openDialog(spec: DialogSpec): Dialog {
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const titleId = uid("dialog-title");
  const bodyId = uid("dialog-body");
  const closeButton = h("button", { type: "button", class: "button button-primary dialog-close" }, spec.closeLabel);
  const element = h(
    "div",
    {
      class: `dialog dialog-${spec.kind}`,
      role: spec.role,
      "aria-modal": "true",
      "aria-labelledby": titleId,
      "aria-describedby": bodyId,
    },
    h("h2", { id: titleId, class: "dialog-title", tabindex: "-1" }, spec.title),
    h("div", { id: bodyId, class: "dialog-body" }, spec.body),
    closeButton,
  );
  const backdrop = h("div", { class: "dialog-backdrop" }, element);
  const dialog: Dialog = {
    kind: spec.kind,
    element: backdrop,
    close() {
      const index = open.indexOf(dialog);
      if (index < 0) return;
      open.splice(index, 1);
      backdrop.remove();
      if (open.length === 0) setBackgroundInert(false);
      if (returnFocus && returnFocus.isConnected && !returnFocus.closest("[inert]")) returnFocus.focus();
    },
  };
  closeButton.addEventListener("click", () => {
    spec.onClose?.();
    dialog.close();
  });
  open.push(dialog);
  root().appendChild(backdrop);
  setBackgroundInert(true);
  (spec.initialFocus?.(element) ?? closeButton).focus();
  return dialog;
}

/** Closes every open dialog of the given kinds (all when none are given), without restoring focus. */
export function closeDialogs(...kinds: DialogKind[]): void {
  for (const dialog of [...open]) {
    if (kinds.length === 0 || kinds.includes(dialog.kind)) {
      const index = open.indexOf(dialog);
      open.splice(index, 1);
      dialog.element.remove();
    }
  }
  if (open.length === 0) setBackgroundInert(false);
}

/** Keeps Tab inside the topmost dialog. */
export function trapFocus(event: KeyboardEvent): void {
  const top = open[open.length - 1];
  if (event.key !== "Tab" || !top) return;
  const focusable = Array.from(
    top.element.querySelectorAll<HTMLElement>("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])"),
  ).filter((element) => !element.hasAttribute("disabled"));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (!top.element.contains(active)) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

export function closeLabel(): string {
  return t("ui-dialog-close");
}
