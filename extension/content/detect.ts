// Finds Intune's "Upload profile file" control by what it is, not by URL or class names (neither is published and
// both change): a file input that asks for a .mobileprovision, or whose own label says it takes a provisioning
// profile. Only the input's attributes and its label are read, never the rest of the page.
const PROFILE_ACCEPT = /mobileprovision|provisionprofile/i;
const PROFILE_LABEL = /mobileprovision|provisioning profile|profile file/i;
/** How far up the tree a label may be: the control's own field wrapper, not the whole form. */
const LABEL_ANCESTORS = 3;
const LABEL_TEXT_LIMIT = 300;
/** The portal re-renders constantly; batching mutations keeps the detector off the portal's critical path. */
export const DETECT_DEBOUNCE_MS = 150;

function ownLabels(input: HTMLInputElement): string[] {
  const texts = [input.getAttribute('aria-label') ?? '', input.title];
  for (const label of input.labels ?? []) texts.push(label.textContent ?? '');
  for (const id of (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    texts.push(input.ownerDocument.getElementById(id)?.textContent ?? '');
  }
  let ancestor = input.parentElement;
  for (let depth = 0; ancestor && depth < LABEL_ANCESTORS; depth++, ancestor = ancestor.parentElement) {
    texts.push((ancestor.textContent ?? '').slice(0, LABEL_TEXT_LIMIT));
  }
  return texts;
}

export function isProfileUploadInput(input: HTMLInputElement): boolean {
  if (input.type !== 'file') return false;
  if (PROFILE_ACCEPT.test(input.accept)) return true;
  return ownLabels(input).some((text) => PROFILE_LABEL.test(text));
}

/**
 * Calls `found` once per matching input, now and whenever the single-page app renders one (the wizard appears
 * without a page load). Stops observing when `signal` aborts.
 */
export function watchUploadInputs(root: Document, signal: AbortSignal, found: (input: HTMLInputElement) => void): void {
  const seen = new WeakSet<HTMLInputElement>();
  const scan = () => {
    for (const input of root.querySelectorAll<HTMLInputElement>('input[type="file" i]')) {
      if (seen.has(input) || !isProfileUploadInput(input)) continue;
      seen.add(input);
      found(input);
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(scan, DETECT_DEBOUNCE_MS);
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['type', 'accept'] });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
  scan();
}
