// @vitest-environment happy-dom
// The presentational card the extension reuses, and the compare view over the core's real diff.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLibrary, type Library } from '../../core/store/store';
import { App } from '../../web/app';
import { ProfileCard } from '../../web/components/ProfileCard';
import { NOW, afterNow, buildCertificate, buildResult } from '../core/profile-builder';

const OLD = '11111111-2222-4333-8444-555555555555';
const RENEWED = '22222222-3333-4444-8555-666666666666';

const root = document.createElement('div');
document.body.append(root);
let library: Library | null = null;

afterEach(() => {
  render(null, root);
  library?.close();
  library = null;
});

describe('ProfileCard', () => {
  it('summarises one profile: status word, type, app ID, expiry with days left, signature, findings', async () => {
    const result = buildResult({ name: 'Payroll In-House', expiresAt: afterNow(12, 3_600_000) }, { status: 'valid' });
    result.findings = [{ code: 'expires-soon', severity: 'warning', message: 'Expires soon', fix: 'Renew it' }];
    await act(() => render(<ProfileCard result={result} now={NOW} warnDays={30} href="#/profile/x" />, root));
    const text = root.textContent ?? '';
    expect(root.querySelector('.badge')?.textContent).toBe('! Expiring soon');
    expect(text).toContain('In-house (enterprise)');
    expect(text).toContain('ABCDE12345.com.example.app');
    expect(text).toContain('(12 days left)');
    expect(text).toContain('Signed by Apple (verified)');
    expect(root.querySelector('time')?.getAttribute('datetime')).toBe(afterNow(12, 3_600_000));
    expect(root.querySelector('a')?.getAttribute('href')).toBe('#/profile/x');
  });

  it('shows an unreadable file with its error instead of fields', async () => {
    const result = { ...buildResult(), ok: false, profile: null, signature: null, error: { code: 'not-a-profile', message: 'Not a provisioning profile' } };
    await act(() => render(<ProfileCard result={result} />, root));
    expect(root.textContent).toContain('Unreadable');
    expect(root.textContent).toContain('Not a provisioning profile');
  });
});

describe('compare view', () => {
  it('shows what the renewal changed: UUID, expiry, and the rotated certificate', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory(), name: 'compare-test' });
    const newCert = buildCertificate({ sha256: 'bb22'.repeat(16), notAfter: '2030-01-10T08:00:00.000Z' });
    await library.putProfiles([
      { fileName: 'old.mobileprovision', bytes: new Uint8Array([1]), result: buildResult({ uuid: OLD, expiresAt: '2027-01-15T09:30:00.000Z' }) },
      {
        fileName: 'new.mobileprovision',
        bytes: new Uint8Array([2]),
        result: buildResult({ uuid: RENEWED, expiresAt: '2028-01-15T09:30:00.000Z', certificates: [newCert] }),
      },
    ]);
    // Named newer first, shown older first: a renewal reads left to right.
    location.hash = `#/compare?a=${RENEWED}&b=${OLD}`;
    await act(() => render(<App library={library as Library} />, root));
    await vi.waitFor(() => expect(root.querySelector('.diff')).not.toBeNull(), { timeout: 10_000 });
    const fields = [...root.querySelectorAll('.diff table tbody tr')].map((tr) =>
      [...tr.children].map((cell) => cell.textContent),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/uuid/i), OLD, RENEWED],
        [expect.stringMatching(/expir/i), '2027-01-15T09:30:00.000Z', '2028-01-15T09:30:00.000Z'],
      ]),
    );
    const changes = [...root.querySelectorAll('.changes li')].map((li) => li.textContent);
    expect(changes).toContain(`Added: iPhone Distribution: Example Corp (ABCDE12345) — ${'bb22'.repeat(16)}`);
    expect(changes).toContain(`Removed: iPhone Distribution: Example Corp (ABCDE12345) — ${'aa11'.repeat(16)}`);
  });
});
