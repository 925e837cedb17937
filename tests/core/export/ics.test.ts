import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toIcs } from '../../../core/export';
import { escapeText, foldLine } from '../../../core/export/ics';
import { NOW, afterNow, buildResult } from '../profile-builder';

const encoder = new TextEncoder();
const inHouse = buildResult();
const hostileName = 'Ops; "Field", Tools\\Beta\nLine two — 名前の長いプロファイル 🚀🚀🚀 with enough text to need folding twice over';
const hostile = buildResult({ name: hostileName, uuid: 'C0FFEE00-1111-4222-8333-444455556666', expiresAt: '2026-07-04T18:45:00.000Z', type: 'adhoc' });

function events(ics: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

function unfoldedLines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('toIcs', () => {
  it('round-trips through ical.js: reminders exactly N × 24 h before the end, stable UIDs, real text', () => {
    const ics = toIcs([inHouse, hostile], { now: NOW });
    const list = events(ics);
    expect(list.map((event) => event.uid)).toEqual([
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-30d@provlens',
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-7d@provlens',
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-0d@provlens',
      'c0ffee00-1111-4222-8333-444455556666-30d@provlens',
      'c0ffee00-1111-4222-8333-444455556666-7d@provlens',
      'c0ffee00-1111-4222-8333-444455556666-0d@provlens',
    ]);
    const [reminder, , expiry] = list;
    // 2027-01-15T09:30Z minus exactly 30 days: a timed UTC event, so no calendar moves it to another local day.
    expect(reminder?.startDate.isDate).toBe(false);
    expect(reminder?.startDate.toJSDate().toISOString()).toBe('2026-12-16T09:30:00.000Z');
    expect(reminder?.summary).toBe('Provisioning profile "Example In-House" expires in 30 days');
    expect(expiry?.startDate.isDate).toBe(false);
    expect(expiry?.startDate.toJSDate().toISOString()).toBe('2027-01-15T09:30:00.000Z');
    expect(expiry?.summary).toBe('Provisioning profile "Example In-House" expires: apps using it stop launching');
    expect(expiry?.description).toContain('Apps > iOS app provisioning profiles');
    expect(expiry?.description).toContain('UUID: 0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098');
    // Escaping and folding are undone exactly by a real parser.
    expect(list[3]?.summary).toBe(`Provisioning profile "${hostileName}" expires in 30 days`);
    expect(list[3]?.startDate.toJSDate().toISOString()).toBe('2026-06-04T18:45:00.000Z');
    // Fix texts fit the type: an ad hoc profile is re-signed, never "pushed via Intune".
    expect(list[3]?.description).not.toContain('Intune');
    expect(list[3]?.description).toContain('re-signing the .ipa');
    expect(list[3]?.description).toContain('Team: Example Corp (ABCDE12345)\nApp ID: ABCDE12345.com.example.app\nType: adhoc');
  });

  it('follows RFC 5545: CRLF everywhere, lines of at most 75 octets, required properties, escaped TEXT', () => {
    const ics = toIcs([inHouse, hostile], { now: NOW });
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const physical = ics.split('\r\n').slice(0, -1);
    for (const line of physical) expect(encoder.encode(line).length, line).toBeLessThanOrEqual(75);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);
    const lines = unfoldedLines(ics);
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ProvLens//Provisioning profile expiry//EN']);
    const eventCount = lines.filter((line) => line === 'BEGIN:VEVENT').length;
    expect(eventCount).toBe(6);
    for (const property of ['UID:', 'DTSTAMP:20260601T120000Z', 'DTSTART']) {
      expect(lines.filter((line) => line.startsWith(property)).length, property).toBe(eventCount);
    }
    expect(lines).toContain('DTSTART:20270115T093000Z');
    expect(lines).toContain('DTSTART:20261216T093000Z');
    const summary = lines.find((line) => line.startsWith('SUMMARY:Provisioning profile "Ops'));
    expect(summary).toBe(`SUMMARY:${escapeText(`Provisioning profile "${hostileName}" expires in 30 days`)}`);
    expect(summary).toContain('Ops\\; "Field"\\, Tools\\\\Beta\\nLine two');
  });

  it('gives the same UIDs to a re-export made later, so calendars update instead of duplicating', () => {
    const first = events(toIcs([inHouse], { now: NOW }));
    const second = events(toIcs([inHouse], { now: new Date('2026-08-01T00:00:00.000Z') }));
    expect(second.map((event) => event.uid)).toEqual(first.map((event) => event.uid));
    expect(second[0]?.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-08-01T00:00:00Z');
  });

  it('takes offsets, drops passed events unless asked, and adds alarms by default', () => {
    const custom = events(toIcs([inHouse], { now: NOW, offsets: [60, 1, 1, -5, 2.5] }));
    expect(custom.map((event) => event.uid)).toEqual([
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-60d@provlens',
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-1d@provlens',
    ]);
    expect(custom[1]?.summary).toBe('Provisioning profile "Example In-House" expires in 1 day');
    expect(custom[0]?.component.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')?.toString()).toBe('PT0S');
    expect(events(toIcs([inHouse], { now: NOW, alarm: false }))[0]?.component.getFirstSubcomponent('valarm')).toBeNull();

    const soon = buildResult({ expiresAt: afterNow(10) });
    expect(events(toIcs([soon], { now: NOW })).map((event) => event.uid.split('-').pop())).toEqual(['7d@provlens', '0d@provlens']);
    expect(events(toIcs([soon], { now: NOW, includePast: true }))).toHaveLength(3);
    expect(events(toIcs([buildResult({ expiresAt: afterNow(-1) })], { now: NOW }))).toEqual([]);
    // No ExpirationDate: the reminders count down to the signing certificate's end, when apps stop launching.
    const undated = events(toIcs([buildResult({ expiresAt: null })], { now: NOW }));
    expect(undated.at(-1)?.startDate.toJSDate().toISOString()).toBe('2028-01-10T08:00:00.000Z');
  });

  it('derives a stable UID from the file when a profile has no UUID', () => {
    const nameless = buildResult({ uuid: null }, {}, 'legacy.mobileprovision');
    const a = events(toIcs([nameless], { now: NOW }))[0]?.uid;
    const b = events(toIcs([nameless], { now: new Date('2026-07-01T00:00:00.000Z') }))[0]?.uid;
    expect(a).toMatch(/^file-[0-9a-f]{8}-30d@provlens$/);
    expect(b).toBe(a);
  });
});

describe('foldLine', () => {
  it('never splits a UTF-8 sequence and keeps every line within 75 octets', () => {
    const line = `SUMMARY:${'é'.repeat(50)}${'🚀'.repeat(30)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });
});

describe('toIcs with one profile in several files', () => {
  it('writes each UID once, preferring the validly signed copy', () => {
    const copy = buildResult({ name: 'Tampered copy' }, { status: 'invalid' }, 'copy.mobileprovision');
    const original = buildResult({ name: 'Original' }, {}, 'original.mobileprovision');
    const list = events(toIcs([copy, original, copy], { now: NOW }));
    expect(list.map((event) => event.uid)).toEqual([
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-30d@provlens',
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-7d@provlens',
      '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098-0d@provlens',
    ]);
    expect(list[0]?.summary).toBe('Provisioning profile "Original" expires in 30 days');
  });
});
