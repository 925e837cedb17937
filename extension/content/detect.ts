// Notices a file being chosen in any file input of the page, by what the admin does rather than by markup: the
// portal's upload control is unpublished and changes (Knockout blades, React frames, web components), so no
// selector, accept attribute or label is required. Capture-phase listeners on the document see every choice in
// the light DOM, including inputs rendered later by a route change. Inside open shadow roots, HTML fires `input`
// composed (so it reaches the document, with the real <input> first in composedPath()) but `change` is not
// composed, and Firefox fires neither across the boundary: so the shadow roots an admin's pointer, focus or drag
// passes through on the way to the picker (all composed events) get the same listeners, without patching
// attachShadow or observing the page. Every listener is passive and never stops, prevents or replaces anything:
// the portal's own handlers see the same events and files.
export type FileChoice = (input: HTMLInputElement, file: File | null) => void;

const CHOICE_EVENTS = ['input', 'change'] as const;
/** What precedes any file choice: a click or tap, keyboard focus, or a file dragged over the control. */
const APPROACH_EVENTS = ['pointerdown', 'focusin', 'dragenter'] as const;

// Duck-typed, not `instanceof`: Firefox hands content scripts the page's nodes through Xray wrappers.
function isFileInput(node: unknown): node is HTMLInputElement {
  const input = node as Partial<HTMLInputElement> | null;
  return typeof input === 'object' && input !== null && input.localName === 'input' && input.type === 'file';
}

/** The file input an event came from, looking through open shadow roots. */
export function fileInputOf(event: Event): HTMLInputElement | null {
  const origin = event.composedPath()[0] ?? event.target;
  return isFileInput(origin) ? origin : null;
}

function isShadowRoot(node: unknown): node is ShadowRoot {
  const root = node as Partial<ShadowRoot> | null;
  return typeof root === 'object' && root !== null && root.nodeType === 11 && root.host !== undefined;
}

/**
 * Calls `chosen` once per choice (a choice fires both `input` and `change`), with null when the input was cleared.
 * Costs nothing until a file input fires; stops when `signal` aborts.
 */
export function watchFileChoices(root: Document, signal: AbortSignal, chosen: FileChoice): void {
  const last = new WeakMap<HTMLInputElement, File | null>();
  const listener = (event: Event) => {
    const input = fileInputOf(event);
    if (!input) return;
    const file = input.files?.[0] ?? null;
    if (last.has(input) && last.get(input) === file) return;
    last.set(input, file);
    chosen(input, file);
  };
  const options = { capture: true, passive: true, signal };
  for (const type of CHOICE_EVENTS) root.addEventListener(type, listener, options);
  const watched = new WeakSet<ShadowRoot>();
  const approach = (event: Event) => {
    for (const node of event.composedPath()) {
      if (!isShadowRoot(node) || watched.has(node)) continue;
      watched.add(node);
      for (const type of CHOICE_EVENTS) node.addEventListener(type, listener, options);
    }
  };
  for (const type of APPROACH_EVENTS) root.addEventListener(type, approach, options);
}
