// The panel next to the upload control. It lives in a shadow root so the portal's styles and ours cannot touch each
// other, and every string from the profile goes in as text (never markup): a profile named `<img src=x onerror=…>`
// is shown, not run. It fits any column from 280 px (a container query stacks labels above values below 480 px,
// values wrap) and wears the portal's colours (theme.ts); forced-colors mode gets the system's colours.
import type { AnnotationModel } from './annotation-model';
import type { ExpiryComparison } from './portal-expiry';
import { annotationAnchor } from './placement';
import { portalTheme } from './theme';

export const HOST_TAG = 'provlens-annotation';

const STYLE = `
:host { all: initial; display: block; container-type: inline-size; min-width: 0; max-width: 100%; margin: 8px 0; font: 13px/1.45 "Segoe UI", system-ui, sans-serif; }
* { box-sizing: border-box; }
section { color-scheme: light dark; color: var(--fg, CanvasText); background: var(--bg, transparent); border: 1px solid var(--line); border-left: 4px solid var(--tone); border-radius: 2px; padding: 8px 12px; max-width: 640px; overflow-wrap: anywhere; }
section, section[data-scheme="light"] { --line: #8a8886; --muted: #605e5c; --ok: #107c10; --warning: #8a5d00; --error: #a4262c; }
section[data-scheme="light"] { color-scheme: light; } section[data-scheme="dark"] { color-scheme: dark; }
section[data-scheme="dark"] { --line: #8a8886; --muted: #c8c6c4; --ok: #6ccb5f; --warning: #fce100; --error: #ff99a4; }
@media (prefers-color-scheme: dark) { section:not([data-scheme]) { --muted: #c8c6c4; --ok: #6ccb5f; --warning: #fce100; --error: #ff99a4; } }
section[data-tone="ok"] { --tone: var(--ok); } section[data-tone="warning"] { --tone: var(--warning); } section[data-tone="error"] { --tone: var(--error); }
h2 { font-size: 14px; margin: 0 0 4px; }
p { margin: 0 0 6px; }
.headline { font-weight: 600; }
dl { display: grid; grid-template-columns: minmax(7em, max-content) minmax(0, 1fr); gap: 2px 12px; margin: 0 0 6px; }
dt { color: var(--muted); } dd { margin: 0; min-width: 0; }
dd[data-agrees="false"] { color: var(--error); font-weight: 600; }
@container (max-width: 479px) { dl { grid-template-columns: minmax(0, 1fr); gap: 0; } dd { margin-bottom: 4px; } }
ul { margin: 0 0 6px; padding-left: 18px; } li { margin-bottom: 2px; }
.fix, .status, .muted { color: var(--muted); } .muted { font-size: 12px; } .status { margin-left: 8px; }
button { font: inherit; padding: 2px 10px; cursor: pointer; max-width: 100%; }
@media (forced-colors: active) {
  section { forced-color-adjust: auto; border-color: CanvasText; background: Canvas; color: CanvasText; }
  dt, .fix, .status, .muted, dd[data-agrees="false"] { color: CanvasText; }
}
`;

export interface AnnotationActions {
  save?: () => Promise<string>;
}

const hosts = new WeakMap<HTMLInputElement, HTMLElement>();

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** One panel per control, after its visible anchor; made again if the portal re-rendered it away. */
export function annotationHost(input: HTMLInputElement): ShadowRoot {
  const existing = hosts.get(input);
  if (existing?.isConnected && existing.shadowRoot) return existing.shadowRoot;
  existing?.remove();
  const host = document.createElement(HOST_TAG);
  annotationAnchor(input).after(host);
  hosts.set(input, host);
  return host.attachShadow({ mode: 'open' });
}

export function removeAnnotation(input: HTMLInputElement): void {
  hosts.get(input)?.remove();
  hosts.delete(input);
}

function panel(root: ShadowRoot, tone: string): HTMLElement {
  const section = element('section');
  section.dataset.tone = tone;
  section.setAttribute('role', 'status');
  section.setAttribute('aria-label', 'ProvLens');
  const theme = portalTheme(root.host);
  if (theme.scheme) section.dataset.scheme = theme.scheme;
  if (theme.foreground) section.style.setProperty('--fg', theme.foreground);
  if (theme.background) section.style.setProperty('--bg', theme.background);
  root.replaceChildren(element('style', STYLE), section);
  return section;
}

export function renderBusy(root: ShadowRoot, fileName: string): void {
  panel(root, 'ok').append(element('p', `ProvLens is reading ${fileName} on this device…`));
}

export function renderAnnotation(root: ShadowRoot, model: AnnotationModel, actions: AnnotationActions = {}): void {
  const section = panel(root, model.tone);
  section.append(element('h2', model.title), element('p', model.headline, 'headline'));
  const list = element('dl');
  for (const fact of model.facts) list.append(element('dt', fact.label), element('dd', fact.value));
  if (model.facts.length) section.append(list);
  if (model.reasons.length) {
    const reasons = element('ul');
    for (const reason of model.reasons) {
      const item = element('li', reason.message);
      item.dataset.code = reason.code;
      if (reason.fix) item.append(element('br'), element('span', `Fix: ${reason.fix}`, 'fix'));
      reasons.append(item);
    }
    section.append(reasons);
  }
  if (actions.save) section.append(saveRow(actions.save));
  section.append(element('p', 'Read on this device by ProvLens; nothing was sent anywhere.', 'muted'));
}

/** Adds or updates the line comparing the portal's own Expiration date with the file's. */
export function renderPortalExpiry(root: ShadowRoot, comparison: ExpiryComparison): void {
  const list = root.querySelector('dl');
  if (!list) return;
  let value = list.querySelector<HTMLElement>('dd[data-portal-expiry]');
  if (!value) {
    value = element('dd');
    value.dataset.portalExpiry = '';
    list.append(element('dt', "The portal's Expiration date"), value);
  }
  value.dataset.agrees = String(comparison.agrees);
  const verdict =
    comparison.agrees === null ? 'not a date ProvLens can compare' : comparison.agrees ? 'the same day as the file' : 'DIFFERS from the file: check that the portal read the right file';
  value.textContent = `${comparison.portalText} (${verdict})`;
}

function saveRow(save: () => Promise<string>): HTMLElement {
  const row = element('p');
  const button = element('button', 'Save to ProvLens library');
  button.type = 'button';
  const status = element('span', undefined, 'status');
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = 'Saving…';
    save().then(
      (message) => (status.textContent = message),
      (error: unknown) => {
        status.textContent = error instanceof Error ? error.message : String(error);
        button.disabled = false;
      },
    );
  });
  row.append(button, status);
  return row;
}
