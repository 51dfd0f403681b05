// Visitor mode: injected before the page's own scripts (outside its CSP) into every document.
(() => {
  const stop = (event) => { event.preventDefault(); event.stopPropagation(); };
  const editing = (target) => target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
  // No context menu, no dragging anything in or out, no middle-click (X pastes the primary selection).
  for (const type of ["contextmenu", "dragstart", "dragenter", "dragover", "drop"]) {
    window.addEventListener(type, stop, true);
  }
  for (const type of ["auxclick", "mousedown", "mouseup"]) {
    window.addEventListener(type, (event) => { if (event.button === 1) stop(event); }, true);
  }
  // Copying or cutting only inside an input (what the visitor typed); nothing else reaches the clipboard.
  for (const type of ["copy", "cut"]) {
    window.addEventListener(type, (event) => { if (!editing(event.target)) stop(event); }, true);
  }
  window.addEventListener("wheel", (event) => { if (event.ctrlKey) stop(event); }, { capture: true, passive: false });
  window.addEventListener("keydown", (event) => {
    const key = event.key;
    const mod = event.ctrlKey || event.metaKey;
    const blocked = ["F1", "F3", "F5", "F6", "F7", "F11", "F12", "BrowserBack", "BrowserForward", "BrowserRefresh",
      "BrowserHome", "BrowserSearch", "Print", "Find", "Help", "Open", "Save", "Undo", "Redo"];
    if (blocked.includes(key)
        || (mod && !(editing(event.target) && ["a", "A", "c", "C", "v", "V", "x", "X", "z", "Z"].includes(key)))
        || (event.altKey && !event.shiftKey && key !== "AltGraph" && key !== "Alt")
        || (key === "Backspace" && !editing(event.target))) {
      stop(event);
    }
  }, true);
  // A print request from anywhere in the page does nothing (the native dialog is refused as well).
  Object.defineProperty(window, "print", { value: () => undefined, writable: false, configurable: false });
})();
