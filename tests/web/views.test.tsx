// @vitest-environment happy-dom
// The presentational card the extension reuses, and the compare view over the core's real diff.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatLocal } from '../../core/dates';
import { openLibrary, type Library } from '../../core/store';
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
  async function compare(before: ReturnType<typeof buildResult>, after: ReturnType<typeof buildResult>) {
    library = await openLibrary({ indexedDB: new IDBFactory(), name: `compare-test-${Math.random()}` });
    await library.putProfiles([
      { fileName: 'old.mobileprovision', bytes: new Uint8Array([1]), result: before },
      { fileName: 'new.mobileprovision', bytes: new Uint8Array([2]), result: after },
    ]);
    // Named newer first, shown older first: a renewal reads left to right.
    location.hash = `#/compare?a=${RENEWED}&b=${OLD}`;
    await act(() => render(<App library={library as Library} />, root));
    await vi.waitFor(() => expect(root.querySelector('.diff')).not.toBeNull(), { timeout: 10_000 });
  }

  function table(title: string): string[][] {
    const section = [...root.querySelectorAll('.diff section')].find((s) => s.querySelector('h2')?.textContent === title);
    return [...(section?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((cell) => cell.textContent ?? ''));
  }

  function lines(title: string): string[] {
    const section = [...root.querySelectorAll('.diff section')].find((s) => s.querySelector('h2')?.textContent === title);
    return [...(section?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
  }

  it('reads like a renewal: labelled fields, local dates, dated certificates, both signatures, device counts', async () => {
    const newCert = buildCertificate({ sha256: 'bb22'.repeat(16), notAfter: '2030-01-10T08:00:00.000Z' });
    await compare(
      buildResult({ uuid: OLD, expiresAt: '2027-01-15T09:30:00.000Z', devices: ['00008030-000A', '00008030-000B'], provisionsAllDevices: false }),
      buildResult(
        {
          uuid: RENEWED,
          type: 'adhoc',
          expiresAt: '2028-01-15T09:30:00.000Z',
          certificates: [newCert],
          devices: ['00008030-000B', '00008030-000C'],
          provisionsAllDevices: false,
          entitlements: { 'application-identifier': 'ABCDE12345.com.example.app', 'com.apple.developer.siri': true },
        },
        { signedAt: '2027-01-10T08:00:00.000Z' },
      ),
    );
    expect(table('Profile')).toEqual(
      expect.arrayContaining([
        ['UUID', OLD, RENEWED],
        ['Type', 'In-house (enterprise)', 'Ad hoc'],
        ['Expires', formatLocal('2027-01-15T09:30:00.000Z'), formatLocal('2028-01-15T09:30:00.000Z')],
      ]),
    );
    expect(table('Signature')).toEqual([
      ['Signature', 'Signed by Apple (verified)', 'Signed by Apple (verified)'],
      ['Signed by', 'Apple iPhone OS Provisioning Profile Signing', 'Apple iPhone OS Provisioning Profile Signing'],
      ['Signed at', formatLocal('2026-01-15T09:30:00.000Z'), formatLocal('2027-01-10T08:00:00.000Z')],
    ]);
    expect(lines('Developer certificates')).toEqual([
      `Added: iPhone Distribution: Example Corp (ABCDE12345), expires ${formatLocal('2030-01-10T08:00:00.000Z')} — SHA-256 ${'bb22'.repeat(16)}`,
      `Removed: iPhone Distribution: Example Corp (ABCDE12345), expires ${formatLocal('2028-01-10T08:00:00.000Z')} — SHA-256 ${'aa11'.repeat(16)}`,
    ]);
    expect(root.querySelector('.device-counts')?.textContent).toBe('2 → 2 devices: 1 added, 1 removed.');
    expect(lines('Devices')).toEqual(['Added: 00008030-000C', 'Removed: 00008030-000A']);
    expect(root.querySelector('.diff details')).toBeNull();
    expect(lines('Entitlements')).toContain('Added: com.apple.developer.siri (Lets the app handle Siri requests and shortcuts.) = true');
    expect(root.textContent).not.toContain('expiresAt');
  });

  it('folds a long device change behind a details element and keeps the counts in view', async () => {
    const udids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `00008110-${String(from + i).padStart(4, '0')}`);
    await compare(
      buildResult({ uuid: OLD, expiresAt: '2027-01-15T09:30:00.000Z', devices: udids(0, 100), provisionsAllDevices: false }),
      buildResult({ uuid: RENEWED, expiresAt: '2028-01-15T09:30:00.000Z', devices: udids(10, 105), provisionsAllDevices: false }),
    );
    expect(root.querySelector('.device-counts')?.textContent).toBe('100 → 95 devices: 5 added, 10 removed.');
    const details = root.querySelector('.diff details');
    expect(details?.querySelector('summary')?.textContent).toBe('Show the 15 changed devices');
    expect(details?.hasAttribute('open')).toBe(false);
    expect(details?.querySelectorAll('li')).toHaveLength(15);
    expect(details?.textContent).not.toContain('00008110-0050');
  });
});
