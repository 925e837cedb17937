// The panel next to Intune's upload control. It lives in a shadow root so the portal's styles and ours cannot
// touch each other, and every string from the profile goes in as text (never markup): a profile named
// `<img src=x onerror=…>` is shown, not run.
import type { AnnotationModel } from './annotation-model';

export const HOST_TAG = 'provlens-annotation';

const STYLE = `
:host { all: initial; display: block; margin: 8px 0; font: 13px/1.45 "Segoe UI", system-ui, sans-serif; color: #1b1b1b; }
section { border: 1px solid #8a8886; border-left: 4px solid var(--tone); border-radius: 2px; padding: 8px 12px; background: #fff; max-width: 640px; }
section[data-tone="ok"] { --tone: #107c10; } section[data-tone="warning"] { --tone: #986f0b; } section[data-tone="error"] { --tone: #a4262c; }
h2 { font-size: 14px; margin: 0 0 4px; overflow-wrap: anywhere; }
p { margin: 0 0 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 6px; }
dt { color: #605e5c; } dd { margin: 0; overflow-wrap: anywhere; }
ul { margin: 0 0 6px; padding-left: 18px; } li[data-severity="error"] { color: #a4262c; }
.fix { color: #605e5c; }
button { font: inherit; padding: 2px 10px; cursor: pointer; }
.status { margin-left: 8px; color: #605e5c; }
.muted { color: #605e5c; font-size: 12px; }
`;

export interface AnnotationActions {
  save?: () => Promise<string>;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The host sits after the control (after its <label>, so clicks on the panel never open the file picker). */
export function annotationHost(input: HTMLInputElement): ShadowRoot {
  const anchor = input.closest('label') ?? input;
  const existing = anchor.nextElementSibling;
  if (existing?.localName === HOST_TAG && existing.shadowRoot) return existing.shadowRoot;
  const host = document.createElement(HOST_TAG);
  anchor.after(host);
  return host.attachShadow({ mode: 'open' });
}

export function removeAnnotation(input: HTMLInputElement): void {
  const next = (input.closest('label') ?? input).nextElementSibling;
  if (next?.localName === HOST_TAG) next.remove();
}

function panel(root: ShadowRoot, tone: string): HTMLElement {
  const style = element('style', STYLE);
  const section = element('section');
  section.dataset.tone = tone;
  section.setAttribute('role', 'status');
  section.setAttribute('aria-label', 'ProvLens');
  root.replaceChildren(style, section);
  return section;
}

export function renderBusy(root: ShadowRoot, fileName: string): void {
  panel(root, 'ok').append(element('p', `ProvLens is reading ${fileName} on this device…`));
}

export function renderAnnotation(root: ShadowRoot, model: AnnotationModel, actions: AnnotationActions = {}): void {
  const section = panel(root, model.tone);
  section.append(element('h2', model.title), element('p', model.headline));
  if (model.facts.length) {
    const list = element('dl');
    for (const fact of model.facts) list.append(element('dt', fact.label), element('dd', fact.value));
    section.append(list);
  }
  if (model.findings.length) {
    const list = element('ul');
    for (const finding of model.findings) {
      const item = element('li', finding.message);
      item.dataset.severity = finding.severity;
      item.dataset.code = finding.code;
      item.append(element('br'), Object.assign(element('span', `Fix: ${finding.fix}`), { className: 'fix' }));
      list.append(item);
    }
    section.append(list);
  }
  if (actions.save) section.append(saveRow(actions.save));
  section.append(Object.assign(element('p', 'Read on this device by ProvLens; nothing was sent anywhere.'), { className: 'muted' }));
}

function saveRow(save: () => Promise<string>): HTMLElement {
  const row = element('p');
  const button = element('button', 'Save to ProvLens library');
  button.type = 'button';
  const status = Object.assign(element('span'), { className: 'status' });
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
