// Every export over the real profiles in ../shared/fixtures, read through the real decoder (core/inspect): what an
// admin exporting a folder of downloaded and extracted profiles would get.
import ICAL from 'ical.js';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, intuneJob, toCsv, toIcs } from '../../../core/export';
import { inspect } from '../../../core/inspect';
import type { InspectResult, ProfileResult } from '../../../core/types';
import { hasSharedFixtures, listShared, readShared, readSharedJson, warnIfSharedFixturesMissing } from '../../shared-fixtures';

interface Expectation {
  signature: string[];
  uuid?: string;
  expiresAt?: string;
  type?: string;
}

const NOW = new Date('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;
warnIfSharedFixturesMissing();

describe.runIf(hasSharedFixtures)('exports of the real profiles', () => {
  let files: string[];
  let results: InspectResult[];
  let expectations: Record<string, Expectation>;
  let decodable: [string, Expectation][];

  beforeAll(async () => {
    files = [...listShared('profiles'), ...listShared('profiles/odd')];
    expectations = readSharedJson<Record<string, Expectation>>('expectations.json');
    results = await Promise.all(files.map((file) => inspect(file, readShared(file), { now: NOW })));
    decodable = files.flatMap((file): [string, Expectation][] => {
      const expected = expectations[file];
      return expected?.uuid ? [[file, expected]] : [];
    });
  });

  it('CSV: one parsable row per file, with the UUID and expiry each file really has', () => {
    const parsed = Papa.parse<string[]>(toCsv(results, { now: NOW }), { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(files.length);
    expect(decodable.length).toBeGreaterThanOrEqual(40);
    for (const [file, expected] of decodable) {
      const row = rows.find((cells) => cells[0] === file);
      expect(row?.[2], file).toBe(expected.uuid);
      expect(row?.[8], file).toBe(expected.expiresAt);
      expect(row?.[3], file).toBe(expected.type);
    }
    const proton = rows.find((cells) => cells[0]?.includes('proton_FlappyBird'));
    // Expired 2021-06-25T08:23:09Z; on 2026-06-01 that is -1801.65 days, counted in whole days toward zero.
    expect(proton?.slice(10, 12)).toEqual(['-1801', 'expired']);
    // Unreadable only where expectations.json allows "error" (the rest decode, some as unsigned bare plists).
    const unreadable = rows.filter((cells) => cells[11] === 'unreadable').map((cells) => cells[0] ?? '');
    expect(unreadable.length).toBeGreaterThan(0);
    for (const file of unreadable) expect(expectations[file]?.signature, file).toContain('error');
  });

  it('ICS: every past and future expiry as events with unique UIDs that ical.js reads', () => {
    const ics = toIcs(results, { now: NOW, includePast: true, offsets: [30, 0] });
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    const uids = new Set(events.map((event) => event.uid));
    // One pair of events per distinct decoded profile: fastlane's tampered copy keeps the original's UUID, and the
    // unsigned bare plists (which expectations.json lets fail) add theirs when they decode.
    const decoded = results.flatMap((result) => (result.kind === 'profile' && result.profile?.expiresAt ? [result.profile] : []));
    const uuids = new Set(decoded.map((profile) => profile.uuid));
    expect(uuids.size).toBeGreaterThanOrEqual(40);
    expect(events).toHaveLength(uids.size);
    expect(uids.size).toBe(uuids.size * 2);
    const clustta = events.find((event) => event.uid.endsWith('-0d@provlens') && event.description.includes('clustta'));
    expect(clustta?.startDate.toJSDate().toISOString()).toBe('2026-07-08T19:04:03.000Z');
    // Without includePast only reminders still ahead remain: clustta's (expires 2026-07-08) and Developer ID's (2043).
    const ahead = decodable.flatMap(([, expected]) => {
      const expiresAt = Date.parse(expected.expiresAt ?? '');
      return [30, 0].filter((offset) => expiresAt - offset * DAY > NOW.getTime());
    });
    expect(ahead).toHaveLength(4);
    expect(toIcs(results, { now: NOW, offsets: [30, 0] }).match(/BEGIN:VEVENT/g)?.length).toBe(ahead.length);
  });

  it('Graph: a real in-house profile uploads byte-for-byte with its own expiry while it is valid, and is refused after', () => {
    const file = 'profiles/appinfo_embedded.ipa_enterprise_2021_Demo_embedded.mobileprovision';
    const result = results[files.indexOf(file)] as ProfileResult;
    const bytes = readShared(file);
    const inWindow = intuneJob([{ result, bytes, fileName: file }], { now: new Date('2021-06-01T00:00:00Z'), cloud: 'usgov' });
    expect(inWindow.refused).toEqual([]);
    const request = inWindow.requests[0];
    if (request?.step !== 'create') throw new Error('a create request expected');
    expect(request.url).toBe('https://graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations');
    expect(request.body.payloadFileName).toBe('appinfo_embedded.ipa_enterprise_2021_Demo_embedded.mobileprovision');
    expect(request.body.expirationDateTime).toBe(expectations[file]?.expiresAt);
    expect(request.body.expirationDateTime).toBe('2022-01-15T06:40:53.000Z');
    expect(Buffer.from(request.body.payload, 'base64').equals(bytes)).toBe(true);
    const today = intuneJob([{ result, bytes, fileName: file }], { now: NOW });
    expect(today.requests).toEqual([]);
    expect(today.refused[0]?.reasons.map((reason) => reason.code)).toEqual(['expired']);
  });

  it('Graph: of all real profiles, only in-house iOS ones are usable inside their validity window', () => {
    const readable = decodable.flatMap(([file, expected]) => {
      const result = results[files.indexOf(file)];
      return result?.kind === 'profile' && result.ok && expected.expiresAt ? [{ file, expected, result }] : [];
    });
    const usable = readable.filter(({ result, expected }) => {
      // A day before the profile's own expiry, so only type, platform, signature and certificate can refuse it.
      const now = new Date(Date.parse(expected.expiresAt ?? '') - DAY);
      return intuneJob([{ result, bytes: new Uint8Array(1), fileName: 'x.mobileprovision' }], { now }).refused.length === 0;
    });
    expect(usable.length).toBeGreaterThan(0);
    for (const { file, expected } of usable) expect(expected.type, file).toBe('enterprise');
    const enterprise = readable.filter(({ expected }) => expected.type === 'enterprise' && expected.signature.includes('valid'));
    expect(usable.length, 'enterprise profiles whose certificate outlives them').toBeLessThanOrEqual(enterprise.length);
    // Every one of them is expired today (2026-06-01): all refused.
    for (const { file, result } of readable) {
      expect(intuneJob([{ result, bytes: new Uint8Array(1), fileName: 'x' }], { now: NOW }).refused.length, file).toBe(1);
    }
  });
});
