// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DETECT_DEBOUNCE_MS, isProfileUploadInput, watchUploadInputs } from '../../extension/content/detect';

function fileInput(attributes: Record<string, string> = {}): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'file';
  for (const [name, value] of Object.entries(attributes)) input.setAttribute(name, value);
  return input;
}

function field(labelText: string, input: HTMLInputElement): HTMLElement {
  const wrapper = document.createElement('div');
  const label = document.createElement('label');
  label.textContent = labelText;
  wrapper.append(label, input);
  return wrapper;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('recognizing the upload control', () => {
  it('accepts a file input that asks for .mobileprovision', () => {
    expect(isProfileUploadInput(fileInput({ accept: '.mobileprovision' }))).toBe(true);
    expect(isProfileUploadInput(fileInput({ accept: '.provisionprofile,.mobileprovision' }))).toBe(true);
  });

  it('accepts an unlabelled-by-accept input by its own label or aria-label', () => {
    document.body.append(field('Upload profile file *', fileInput()));
    expect(isProfileUploadInput(document.querySelector('input')!)).toBe(true);
    expect(isProfileUploadInput(fileInput({ 'aria-label': 'Provisioning profile' }))).toBe(true);
  });

  it('ignores other uploads and non-file inputs', () => {
    document.body.append(field('Upload app package (.ipa)', fileInput({ accept: '.ipa' })));
    expect(isProfileUploadInput(document.querySelector('input')!)).toBe(false);
    const text = document.createElement('input');
    text.setAttribute('aria-label', 'Provisioning profile name');
    expect(isProfileUploadInput(text)).toBe(false);
  });

  it('does not read the whole page to decide', () => {
    const page = document.createElement('main');
    page.append('Create profile: Upload profile file');
    let nested: HTMLElement = page;
    for (let depth = 0; depth < 5; depth++) nested = nested.appendChild(document.createElement('div'));
    const input = nested.appendChild(fileInput());
    document.body.append(page);
    expect(isProfileUploadInput(input)).toBe(false);
  });
});

describe('watching the single-page app', () => {
  it('finds a control rendered later, once, and stops when aborted', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const found: string[] = [];
    watchUploadInputs(document, controller.signal, (input) => found.push(input.id));

    const first = fileInput({ accept: '.mobileprovision', id: 'first' });
    document.body.append(first);
    await vi.advanceTimersByTimeAsync(DETECT_DEBOUNCE_MS + 10);
    expect(found).toEqual(['first']);

    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(DETECT_DEBOUNCE_MS + 10);
    expect(found).toEqual(['first']);

    controller.abort();
    document.body.append(fileInput({ accept: '.mobileprovision', id: 'after-abort' }));
    await vi.advanceTimersByTimeAsync(DETECT_DEBOUNCE_MS + 10);
    expect(found).toEqual(['first']);
  });

  it('finds a control that is already there', () => {
    document.body.append(fileInput({ accept: '.mobileprovision', id: 'present' }));
    const found: string[] = [];
    watchUploadInputs(document, new AbortController().signal, (input) => found.push(input.id));
    expect(found).toEqual(['present']);
  });
});
