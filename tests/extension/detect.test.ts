// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { watchFileChoices, type FileChoice } from '../../extension/content/detect';

const controllers: AbortController[] = [];

function watch(): { calls: [string, string | null][]; controller: AbortController } {
  const controller = new AbortController();
  controllers.push(controller);
  const calls: [string, string | null][] = [];
  const chosen: FileChoice = (input, file) => calls.push([input.id, file?.name ?? null]);
  watchFileChoices(document, controller.signal, chosen);
  return { calls, controller };
}

function fileInput(id: string): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = id;
  return input;
}

/** What a browser does when the user picks files: set them, then fire input (composed) and change. */
function choose(input: HTMLInputElement, names: string[]): void {
  const transfer = names.map((name) => new File(['x'], name));
  Object.defineProperty(input, 'files', { configurable: true, value: Object.assign(transfer, { item: (i: number) => transfer[i] ?? null }) });
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
  document.body.replaceChildren();
});

describe('noticing a chosen file', () => {
  it('reports a choice in any file input once, with no label, accept attribute or known markup', () => {
    const { calls } = watch();
    const input = fileInput('anything');
    document.body.append(input);
    choose(input, ['profile.mobileprovision']);
    expect(calls).toEqual([['anything', 'profile.mobileprovision']]);
  });

  it('sees inputs rendered after it started (a route change without a reload)', () => {
    const { calls } = watch();
    const late = fileInput('late');
    document.body.append(document.createElement('main').appendChild(late).parentElement!);
    choose(late, ['a.mobileprovision']);
    expect(calls).toEqual([['late', 'a.mobileprovision']]);
  });

  it('looks through an open shadow root to the real input', () => {
    const { calls } = watch();
    const host = document.createElement('fx-file-upload');
    document.body.append(host);
    const inner = fileInput('inner');
    host.attachShadow({ mode: 'open' }).append(inner);
    choose(inner, ['b.mobileprovision']);
    expect(calls).toEqual([['inner', 'b.mobileprovision']]);
  });

  it("hears a choice that stays inside a shadow root (change is not composed) once the admin approached the control", () => {
    const { calls } = watch();
    const host = document.createElement('fx-file-upload');
    document.body.append(host);
    const inner = fileInput('inner');
    const button = document.createElement('button');
    host.attachShadow({ mode: 'open' }).append(button, inner);
    button.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    const transfer = [new File(['x'], 'c.mobileprovision')];
    Object.defineProperty(inner, 'files', { configurable: true, value: transfer });
    inner.dispatchEvent(new Event('change', { bubbles: true }));
    expect(calls).toEqual([['inner', 'c.mobileprovision']]);
  });

  it('reports a new file and a cleared input, and ignores other inputs', () => {
    const { calls } = watch();
    const input = fileInput('upload');
    const text = document.createElement('input');
    document.body.append(input, text);
    choose(input, ['one.mobileprovision']);
    choose(input, ['two.mobileprovision']);
    choose(input, []);
    text.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(calls).toEqual([
      ['upload', 'one.mobileprovision'],
      ['upload', 'two.mobileprovision'],
      ['upload', null],
    ]);
  });

  it("leaves the page's own listeners their events and stops when aborted", () => {
    const { calls, controller } = watch();
    const input = fileInput('upload');
    document.body.append(input);
    const seen: string[] = [];
    input.addEventListener('change', (event) => seen.push(`${event.type}:${String(event.defaultPrevented)}`));
    input.addEventListener('input', (event) => seen.push(`${event.type}:${String(event.defaultPrevented)}`));
    choose(input, ['one.mobileprovision']);
    controller.abort();
    choose(input, ['two.mobileprovision']);
    expect(seen).toEqual(['input:false', 'change:false', 'input:false', 'change:false']);
    expect(calls).toEqual([['upload', 'one.mobileprovision']]);
  });
});
