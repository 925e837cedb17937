// The library table's derived rows: status precedence, day counts, sorting, search and filters.
import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../core/store/store';
import type { ProfileResult } from '../../core/types';
import { filterRows, profileStatus, sortRows, teamsOf, toRows, EMPTY_FILTER } from '../../web/library-model';
import { NOW, afterNow, buildResult } from '../core/profile-builder';

function summary(id: string, result: ProfileResult, overrides: Partial<ProfileSummary> = {}): ProfileSummary {
  return {
    id,
    uuid: result.profile?.uuid ?? null,
    fileName: result.file,
    importedAt: NOW.toISOString(),
    result,
    source: { kind: 'file' },
    appIdentifier: result.profile?.applicationIdentifier ?? null,
    teamId: result.profile?.teamId ?? null,
    expiresAt: result.profile?.expiresAt ?? null,
    renewalOf: null,
    renewedBy: null,
    ...overrides,
  };
}

describe('profileStatus', () => {
  it('calls a profile expired from the instant it expires', () => {
    expect(profileStatus(buildResult({ expiresAt: afterNow(0) }), NOW, 30)).toBe('expired');
  });

  it("uses the core verdict's words: what is wrong with the signature comes before any countdown", () => {
    expect(profileStatus(buildResult({ expiresAt: afterNow(-3) }, { status: 'untrusted' }), NOW, 30)).toBe('untrusted');
    expect(profileStatus(buildResult({ expiresAt: afterNow(5) }, { status: 'untrusted' }), NOW, 30)).toBe('untrusted');
    expect(profileStatus(buildResult({ expiresAt: afterNow(200) }, { status: 'invalid' }), NOW, 30)).toBe('tampered');
    expect(profileStatus(buildResult({ expiresAt: afterNow(200) }, { status: 'unsigned' }), NOW, 30)).toBe('unsigned');
  });

  it('counts "expiring" as the findings do: 30 whole days left is inside a 30-day window, 31 is not', () => {
    expect(profileStatus(buildResult({ expiresAt: afterNow(30, 1) }), NOW, 30)).toBe('expiring');
    expect(profileStatus(buildResult({ expiresAt: afterNow(31, 1) }), NOW, 30)).toBe('ok');
    expect(profileStatus(buildResult({ expiresAt: afterNow(30, 1) }), NOW, 45)).toBe('expiring');
  });

  it('marks a failed decode unreadable', () => {
    const failed: ProfileResult = { ...buildResult(), ok: false, profile: null, signature: null, error: { code: 'not-a-profile', message: 'x' } };
    expect(profileStatus(failed, NOW, 30)).toBe('unreadable');
  });
});

describe('toRows', () => {
  const rows = toRows(
    [
      summary('late', buildResult({ name: 'Late', uuid: 'late', expiresAt: afterNow(300) })),
      summary('undated', buildResult({ name: 'Undated', uuid: 'undated', expiresAt: null })),
      summary('gone', buildResult({ name: 'Gone', uuid: 'gone', expiresAt: afterNow(-2, -1) })),
      summary('soon', buildResult({ name: 'Soon', uuid: 'soon', expiresAt: afterNow(10, 5) }), {
        source: { kind: 'app', appId: 'sha256:ab', bundlePath: 'Payload/Demo.app/' },
      }),
    ],
    NOW,
    30,
  );

  it('sorts by expiry, soonest first, undated last', () => {
    expect(rows.map((row) => row.id)).toEqual(['gone', 'soon', 'late', 'undated']);
  });

  it('derives days left (negative once expired), status and origin', () => {
    expect(rows.map((row) => [row.id, row.daysLeft, row.status])).toEqual([
      ['gone', -2, 'expired'],
      ['soon', 10, 'expiring'],
      ['late', 300, 'ok'],
      // No ExpirationDate: apps still stop when the signing certificate does (2028-01-10), and the row says when.
      ['undated', 587, 'ok'],
    ]);
    expect(rows.find((row) => row.id === 'soon')?.fromApp).toBe(true);
  });
});

describe('filterRows', () => {
  const rows = toRows(
    [
      summary('a', buildResult({ name: 'Payroll In-House', uuid: 'AAAA-1', teamId: 'TEAMA00001', teamName: 'Alpha', applicationIdentifier: 'TEAMA00001.com.alpha.payroll', expiresAt: afterNow(100) })),
      summary('b', buildResult({ name: 'Field Service Dev', uuid: 'BBBB-2', type: 'development', teamId: 'TEAMB00002', teamName: 'Beta', applicationIdentifier: 'TEAMB00002.com.beta.field', expiresAt: afterNow(5) })),
      summary('c', buildResult({ name: 'Payroll Old', uuid: 'CCCC-3', teamId: 'TEAMA00001', teamName: 'Alpha', applicationIdentifier: 'TEAMA00001.com.alpha.payroll', expiresAt: afterNow(-1) })),
    ],
    NOW,
    30,
  );
  const ids = (filter: Partial<typeof EMPTY_FILTER>) => filterRows(rows, { ...EMPTY_FILTER, ...filter }).map((row) => row.id);

  it('searches name, app ID, team and UUID, case-insensitively, every word must match', () => {
    expect(ids({ query: 'payroll' })).toEqual(['c', 'a']);
    expect(ids({ query: 'PAYROLL old' })).toEqual(['c']);
    expect(ids({ query: 'com.beta' })).toEqual(['b']);
    expect(ids({ query: 'bbbb-2' })).toEqual(['b']);
    expect(ids({ query: 'nothing-like-this' })).toEqual([]);
  });

  it('filters by team, type and status, combined with the search', () => {
    expect(ids({ teamId: 'TEAMA00001' })).toEqual(['c', 'a']);
    expect(ids({ type: 'development' })).toEqual(['b']);
    expect(ids({ status: 'expired' })).toEqual(['c']);
    expect(ids({ status: 'expiring', teamId: 'TEAMA00001' })).toEqual([]);
  });

  it('lists each team once, labelled with its name', () => {
    expect(teamsOf(rows)).toEqual([
      { teamId: 'TEAMA00001', label: 'Alpha (TEAMA00001)' },
      { teamId: 'TEAMB00002', label: 'Beta (TEAMB00002)' },
    ]);
  });
});

describe('sortRows', () => {
  const rows = toRows(
    [
      summary('b', buildResult({ name: 'beta', uuid: 'b', expiresAt: afterNow(300), teamName: 'Zeta Ltd' })),
      summary('a', buildResult({ name: 'Alpha', uuid: 'a', expiresAt: afterNow(-2), teamName: 'Acme' })),
      summary('c', buildResult({ name: 'gamma 10', uuid: 'c', expiresAt: afterNow(10), teamName: 'Mid Corp' }, { status: 'invalid' })),
    ],
    NOW,
    30,
  );

  it('sorts by every column, either way, words case-insensitively and statuses worst first', () => {
    expect(sortRows(rows, { key: 'expiresAt', descending: false }).map((row) => row.id)).toEqual(['a', 'c', 'b']);
    expect(sortRows(rows, { key: 'expiresAt', descending: true }).map((row) => row.id)).toEqual(['b', 'c', 'a']);
    expect(sortRows(rows, { key: 'name', descending: false }).map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(sortRows(rows, { key: 'team', descending: true }).map((row) => row.id)).toEqual(['b', 'c', 'a']);
    expect(sortRows(rows, { key: 'status', descending: false }).map((row) => row.status)).toEqual(['tampered', 'expired', 'ok']);
    expect(rows.map((row) => row.teamName)).toEqual(['Acme', 'Mid Corp', 'Zeta Ltd']);
  });
});
