// Notices a file being chosen in any file input of the page, by what the admin does rather than by markup: the
// portal's upload control is unpublished and changes (Knockout blades, React frames, web components), so no
// selector, accept attribute or label is required. One pair of capture-phase listeners on the document sees
// every choice: `input` is composed (HTML "update the file selection"), so it reaches the document from open
// shadow roots, retargeted to the host, with the real <input> first in composedPath(); `change` covers the light
// DOM when a page only fires that. Inputs rendered later by a route change need nothing extra. The listeners are
// passive and never stop, prevent or replace anything: the portal's own handlers see the same events and files.
export type FileChoice = (input: HTMLInputElement, file: File | null) => void;

const CHOICE_EVENTS = ['input', 'change'] as const;

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
  for (const type of CHOICE_EVENTS) root.addEventListener(type, listener, { capture: true, passive: true, signal });
}
