// Where the panel goes: next to the control the admin used, as the admin sees it. Portals hide the real
// <input type=file> behind a styled button (display:none, 1 px, opacity tricks) or inside a web component, so the
// panel anchors to the input's nearest rendered ancestor in the light DOM, or to the outermost shadow host (never
// inside a component's shadow tree, which its own rendering owns).

/** Smaller than this, a box is a visually-hidden control rather than something the admin sees. */
const MIN_VISIBLE_PX = 4;

function isRendered(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return element.getClientRects().length > 0 && box.width >= MIN_VISIBLE_PX && box.height >= MIN_VISIBLE_PX;
}

/** The outermost shadow host around `node`, or null when it is in the light DOM. */
export function outermostHost(node: Node): Element | null {
  let host: Element | null = null;
  for (let root = node.getRootNode() as Partial<ShadowRoot>; root.host; root = root.host.getRootNode() as Partial<ShadowRoot>) {
    host = root.host;
  }
  return host;
}

export function annotationAnchor(input: HTMLInputElement): Element {
  const host = outermostHost(input);
  if (host) return host;
  // After a wrapping <label>, so clicks on the panel never open the file picker.
  let anchor: Element = input.closest('label') ?? input;
  const body = input.ownerDocument.body;
  while (!isRendered(anchor) && anchor.parentElement && anchor.parentElement !== body) anchor = anchor.parentElement;
  return anchor;
}
