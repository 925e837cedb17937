import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, toCsv } from '../../../core/export';
import type { AppResult, InspectResult, ProfileResult } from '../../../core/types';
import { NOW, afterNow, buildResult } from '../profile-builder';

function parse(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const failed: ProfileResult = {
  kind: 'profile',
  file: 'broken.mobileprovision',
  ok: false,
  error: { code: 'not-a-profile', message: 'neither CMS nor plist' },
  profile: null,
  signature: null,
  findings: [],
};

describe('toCsv', () => {
  it('writes one RFC 4180 record per profile that a real parser reads back', () => {
    const results: InspectResult[] = [buildResult(), buildResult({ expiresAt: afterNow(30), uuid: 'b2c3d4e5-0000-4000-8000-000000000001', name: 'Soon' }), failed];
    const csv = toCsv(results, { now: NOW });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const rows = parse(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[1]).toEqual([
      'Example_InHouse.mobileprovision',
      'Example In-House',
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098',
      'enterprise',
      'ABCDE12345',
      'Example Corp',
      'ABCDE12345.com.example.app',
      '2026-01-15T09:30:00.000Z',
      '2027-01-15T09:30:00.000Z',
      '2027-01-15T09:30:00.000Z',
      '227',
      'ok',
      'yes',
      '',
    ]);
    expect(rows[2]?.slice(10)).toEqual(['30', 'expiring', 'yes', 'expires-soon']);
    expect(rows[3]).toEqual(['broken.mobileprovision', '', '', '', '', '', '', '', '', '', '', 'unreadable', '', 'not-a-profile: neither CMS nor plist']);
  });

  it('recomputes findings with its own clock, so days left and status agree', () => {
    const rows = parse(toCsv([buildResult({ expiresAt: '2026-05-30T00:00:00.000Z' })], { now: NOW }));
    expect(rows[1]?.slice(10)).toEqual(['-2', 'expired', 'no', 'expired']);
    const later = parse(toCsv([buildResult()], { now: new Date('2026-12-20T09:30:00.000Z'), warnDays: 30 }));
    expect(later[1]?.slice(10)).toEqual(['26', 'expiring', 'yes', 'expires-soon']);
  });

  it('quotes and neutralises hostile strings, and they survive the round trip', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","click")',
      '+1+cmd|\' /C calc\'!A0',
      '-2+3',
      '@SUM(A1:A2)',
      '\tTabbed',
      '\rCarriage',
      'Comma, "quotes" and\r\nnew lines',
      'Ünïcødé 名前 🚀',
      'bare\rreturn',
    ];
    const results = hostile.map((name, index) => buildResult({ name, uuid: `uuid-${index}` }));
    const csv = toCsv(results, { now: NOW });
    // A lone CR ends a row in Excel, so it is quoted like CRLF (RFC 4180 lists CR among the characters to quote).
    expect(csv).toContain(',"bare\rreturn",');
    const rows = parse(csv);
    const names = rows.slice(1).map((row) => row[1]);
    expect(names).toEqual([
      `'=HYPERLINK("http://evil.example","click")`,
      `'+1+cmd|' /C calc'!A0`,
      `'-2+3`,
      `'@SUM(A1:A2)`,
      `'\tTabbed`,
      `'\rCarriage`,
      'Comma, "quotes" and\r\nnew lines',
      'Ünïcødé 名前 🚀',
      'bare\rreturn',
    ]);
    // Every hostile cell opens with the apostrophe as its first character: no spreadsheet sees a formula.
    expect(names.filter((name) => /^[=+\-@\t\r]/.test(name ?? ''))).toEqual([]);
  });

  it('lists the profiles embedded in an app, one row per bundle, and a failed app as unreadable', () => {
    const embedded = buildResult({ name: 'Embedded' }, {}, 'embedded.mobileprovision');
    const app: AppResult = {
      kind: 'app',
      file: 'Demo.ipa',
      ok: true,
      error: null,
      findings: [],
      app: {
        notes: [],
        bundles: [
          { path: 'Payload/Demo.app/', kind: 'app', bundleId: 'com.example.app', name: 'Demo', version: '1.0', build: '1', minimumOsVersion: '15.0', executable: 'Demo', signingCertificate: null, profile: embedded, match: { bundleIdMatchesAppId: true, certificateInProfile: null, teamMatches: true }, notes: [], integrity: { status: 'unsigned', problems: [] }, capabilities: { status: 'unknown', notInProfile: [], entitlements: null } },
          { path: 'Payload/Demo.app/PlugIns/Share.appex/', kind: 'extension', bundleId: null, name: null, version: null, build: null, minimumOsVersion: null, executable: null, signingCertificate: null, profile: null, match: { bundleIdMatchesAppId: null, certificateInProfile: null, teamMatches: null }, notes: [], integrity: { status: 'unsigned', problems: [] }, capabilities: { status: 'unknown', notInProfile: [], entitlements: null } },
        ],
      },
    };
    const notZip: AppResult = { kind: 'app', file: 'junk.ipa', ok: false, error: { code: 'not-a-zip', message: 'no zip signature' }, app: null, findings: [] };
    const rows = parse(toCsv([app, notZip], { now: NOW }));
    expect(rows.slice(1).map((row) => [row[0], row[1], row[11]])).toEqual([
      ['Demo.ipa › Payload/Demo.app/', 'Embedded', 'ok'],
      ['junk.ipa', '', 'unreadable'],
    ]);
  });
});
