// Expiry reminders as an iCalendar file (RFC 5545): CRLF line endings (§3.1), lines folded at 75 octets without
// splitting a UTF-8 sequence (§3.1), TEXT values escaped (§3.3.11), DTSTAMP and a UID on every VEVENT (§3.6.1).
//
// Every event is timed at an exact UTC instant: the moment apps stop launching (the live verdict's stopsLaunchingOn,
// core/profile/profile-verdict.ts) minus exactly N × 24 h. All-day events on a UTC date landed a day or two off in zones far
// from UTC (a date has no zone, so each calendar placed it on its own local day); a timed UTC event shows at the same
// instant everywhere.
// The UID is derived from (profile UUID, offset) alone, so importing a re-export updates events instead of
// duplicating them; a renewed profile has a new UUID and gets its own events.
import { formatUtc } from '../dates';
import { isIosProfile } from '../profile/profile-verdict';
import { profileEntries } from './entries';
import type { ExportOptions, ProfileEntry } from './entries';
import type { InspectResult, Profile } from '../types';

export interface IcsOptions extends ExportOptions {
  /** Days before expiry to put a reminder on; 0 is the expiry itself. Default [30, 7, 0]: Intune's own 30-day notice. */
  offsets?: readonly number[];
  /** Add a VALARM to every event (default true): an unseen reminder is no reminder. */
  alarm?: boolean;
  /** Keep events whose time has already passed (default false: an expired profile adds nothing). */
  includePast?: boolean;
}

export const DEFAULT_OFFSETS: readonly number[] = [30, 7, 0];
const DAY_MS = 86_400_000;
const MAX_LINE_OCTETS = 75;
const PRODID = '-//ProvLens//Provisioning profile expiry//EN';

/** §3.3.11: backslash, semicolon, comma and line breaks are escaped; other control characters are not allowed. */
export function escapeText(value: string): string {
  return value
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

const encoder = new TextEncoder();

/** UTF-8 length of one code point (RFC 3629 §3), without allocating an encoder buffer per character. */
function utf8Length(char: string): number {
  const codePoint = char.codePointAt(0) ?? 0;
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** §3.1: at most 75 octets per line, continuation lines start with one space; never split a code point. */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join('\r\n');
}

function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

// FNV-1a: a stable, dependency-free stand-in identity for the rare profile without a UUID.
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function identity(item: ProfileEntry, profile: Profile): string {
  return profile.uuid?.toLowerCase() ?? `file-${fnv1a(`${item.source}|${profile.expiresAt ?? ''}`)}`;
}

function uid(item: ProfileEntry, profile: Profile, offset: number): string {
  return `${identity(item, profile)}-${offset}d@provlens`;
}

/** One entry per profile identity: the same profile often sits in several files (a download and the copy inside the
 *  .ipa), and RFC 5545 forbids two VEVENTs with one UID in a calendar. A validly signed copy wins over others. */
function distinctProfiles(entries: readonly ProfileEntry[]): ProfileEntry[] {
  const chosen = new Map<string, ProfileEntry>();
  for (const item of entries) {
    if (!item.profile) continue;
    const key = identity(item, item.profile);
    const current = chosen.get(key);
    if (!current || (current.signature?.status !== 'valid' && item.signature?.status === 'valid')) chosen.set(key, item);
  }
  return [...chosen.values()];
}

function summary(profile: Profile, offset: number): string {
  const name = profile.name ?? profile.uuid ?? 'Provisioning profile';
  if (offset === 0) return `Provisioning profile "${name}" expires: apps using it stop launching`;
  return `Provisioning profile "${name}" expires in ${offset} day${offset === 1 ? '' : 's'}`;
}

/** What to do, right for the profile's type and platform (the same advice as the verdict's fix texts). */
function renewAdvice(item: ProfileEntry, profile: Profile): string {
  if (profile.type === 'enterprise' && isIosProfile(profile)) {
    return item.verdict?.stopsLaunchingBecause === 'certificate'
      ? 'Renew: the signing certificate ends first. Create a new distribution certificate, re-sign the app with it and a new in-house profile, and redeploy the app.'
      : 'Renew: create a new in-house profile in Apple Developer, download it, and upload it to Intune (Apps > iOS app provisioning profiles) so installed apps keep launching.';
  }
  const reason = item.verdict?.reasonsNotUsable.find((candidate) => candidate.code === 'not-ios' || candidate.code === 'not-in-house');
  return `Renew: ${reason?.fix ?? 'create a new profile in Apple Developer and re-sign the app with it.'}`;
}

function description(item: ProfileEntry, profile: Profile, end: string): string {
  return [
    `Apps stop launching: ${formatUtc(end)}`,
    `Profile expires: ${formatUtc(profile.expiresAt ?? '')}`,
    `UUID: ${profile.uuid ?? 'unknown'}`,
    `Team: ${profile.teamName ?? 'unknown'} (${profile.teamId ?? 'unknown'})`,
    `App ID: ${profile.applicationIdentifier ?? 'unknown'}`,
    `Type: ${profile.type}`,
    `File: ${item.source}`,
    '',
    renewAdvice(item, profile),
  ].join('\n');
}

function event(item: ProfileEntry, profile: Profile, offset: number, expiresAt: Date, options: IcsOptions, stamp: string): string[] {
  const start = new Date(expiresAt.getTime() - offset * DAY_MS);
  const timing = [`DTSTART:${utcStamp(start)}`, `DTEND:${utcStamp(new Date(start.getTime() + 15 * 60_000))}`];
  const title = summary(profile, offset);
  // The alarm fires at the event's start: a reminder "7 days before" alerts exactly 7 × 24 h before the end.
  const alarm =
    options.alarm === false
      ? []
      : ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(title)}`, 'TRIGGER:PT0S', 'END:VALARM'];
  return [
    'BEGIN:VEVENT',
    `UID:${uid(item, profile, offset)}`,
    `DTSTAMP:${stamp}`,
    ...timing,
    `SUMMARY:${escapeText(title)}`,
    `DESCRIPTION:${escapeText(description(item, profile, expiresAt.toISOString()))}`,
    'TRANSP:TRANSPARENT',
    'CATEGORIES:ProvLens',
    ...alarm,
    'END:VEVENT',
  ];
}

function eventsFor(item: ProfileEntry, options: IcsOptions, now: Date, stamp: string): string[][] {
  const profile = item.profile;
  const end = item.verdict?.stopsLaunchingOn ?? profile?.expiresAt;
  const expiresAt = end ? new Date(end) : null;
  if (!profile || !expiresAt || Number.isNaN(expiresAt.getTime())) return [];
  const offsets = [...new Set(options.offsets ?? DEFAULT_OFFSETS)].filter((offset) => Number.isInteger(offset) && offset >= 0);
  return offsets
    .filter((offset) => options.includePast || expiresAt.getTime() - offset * DAY_MS > now.getTime())
    .map((offset) => event(item, profile, offset, expiresAt, options, stamp));
}

export interface IcsCalendar {
  text: string;
  /** How many VEVENTs it holds: 0 when every profile has already expired, which the caller should say. */
  events: number;
  /** How many distinct profiles got at least one event. */
  profiles: number;
}

/** toIcs with counts, so a caller can tell "exported 3 reminders for 1 profile" from "nothing left to remind of". */
export function icsCalendar(results: readonly InspectResult[], options: IcsOptions = {}): IcsCalendar {
  const now = options.now ?? new Date();
  const stamp = utcStamp(now);
  const perProfile = distinctProfiles(profileEntries(results, { ...options, now })).map((item) => eventsFor(item, options, now, stamp));
  const events = perProfile.flat();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Provisioning profile expiry',
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return {
    text: lines.map((line) => `${foldLine(line)}\r\n`).join(''),
    events: events.length,
    profiles: perProfile.filter((list) => list.length > 0).length,
  };
}

/** A VCALENDAR with reminder events before the moment each profile's apps stop launching (undated profiles add none). */
export function toIcs(results: readonly InspectResult[], options: IcsOptions = {}): string {
  return icsCalendar(results, options).text;
}
