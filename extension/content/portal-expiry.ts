// Intune fills a read-only "Expiration date" from the uploaded file (Microsoft Learn, "Use iOS app provisioning
// profiles…"); its markup and date format are unpublished. This finds the field by its label text anywhere in the
// control's document or shadow root, reads what the portal shows, and says whether it is the profile's own date.
// Dates are compared by calendar day, in UTC or the browser's zone (the portal may show either).
const LABEL = /^\s*expiration\s+date\b/i;
const LABEL_MAX_CHARS = 40;
const VALUE_SELECTOR = 'input, textarea, output, [role="textbox"], time';
const FIELD_ANCESTORS = 3;

export interface ExpiryComparison {
  portalText: string;
  agrees: boolean | null;
}

function valueOf(element: Element): string {
  const control = element as Partial<HTMLInputElement>;
  if (element.localName === 'input' || element.localName === 'textarea') return control.value ?? '';
  return element.getAttribute('datetime') ?? element.textContent ?? '';
}

function isLabel(element: Element): boolean {
  const text = element.textContent ?? '';
  return text.length <= LABEL_MAX_CHARS && LABEL.test(text) && !element.querySelector(VALUE_SELECTOR);
}

/** What sits beside a label: its `for` control, a control named by it, or the value in the same small field. */
function valueNear(label: Element, root: Document | ShadowRoot): string | null {
  const own = (label.textContent ?? '').replace(LABEL, '');
  if (/\d/.test(own)) return own;
  const forId = label.getAttribute('for');
  const byFor = forId ? root.getElementById(forId) : null;
  if (byFor) return valueOf(byFor);
  const named = label.id
    ? [...root.querySelectorAll('[aria-labelledby]')].find((element) => element.getAttribute('aria-labelledby')?.split(/\s+/).includes(label.id))
    : undefined;
  if (named) return valueOf(named);
  let field: Element | null = label;
  for (let depth = 0; field && depth < FIELD_ANCESTORS; depth++, field = field.parentElement) {
    const sibling = field.nextElementSibling;
    if (!sibling) continue;
    const control = sibling.matches(VALUE_SELECTOR) ? sibling : sibling.querySelector(VALUE_SELECTOR);
    return control ? valueOf(control) : sibling.textContent;
  }
  return null;
}

/** The portal's "Expiration date" as it shows it, or null while the field is absent or empty. */
export function portalExpiryText(root: Document | ShadowRoot): string | null {
  const labelled = root.querySelector<HTMLElement>('[aria-label^="Expiration date" i], [placeholder^="Expiration date" i]');
  const candidates = labelled ? [valueOf(labelled)] : [];
  for (const element of root.querySelectorAll('label, dt, th, span, div, p, h3, h4')) {
    if (isLabel(element)) candidates.push(valueNear(element, root) ?? '');
  }
  return candidates.map((text) => text.trim()).find((text) => /\d/.test(text)) ?? null;
}

/** Calendar days (year, month, day) a displayed date can mean. */
function daysIn(text: string): string[] {
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (iso) return [key(+iso[1]!, +iso[2]!, +iso[3]!)];
  const parsed = Date.parse(text.replace(/\s+(UTC|GMT)$/i, ' UTC'));
  if (Number.isNaN(parsed)) return [];
  const date = new Date(parsed);
  return [key(date.getFullYear(), date.getMonth() + 1, date.getDate()), key(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())];
}

function key(year: number, month: number, day: number): string {
  return `${year}-${month}-${day}`;
}

export function compareExpiry(profileExpiresAt: string | null, portalText: string): ExpiryComparison {
  const shown = daysIn(portalText);
  if (!profileExpiresAt || shown.length === 0) return { portalText, agrees: null };
  const date = new Date(profileExpiresAt);
  const ours = [key(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()), key(date.getFullYear(), date.getMonth() + 1, date.getDate())];
  return { portalText, agrees: shown.some((day) => ours.includes(day)) };
}
