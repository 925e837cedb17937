// The readable form of `provlens diff OLD NEW`: what a renewal changed, one line per change, under the labels the web
// view uses (core/profile/diff.ts), with the signatures compared and the devices counted before they are listed.
import { compareSignatures } from '../core/profile';
import type { FieldChange, JsonValue, ProfileDiff, ProfileResult } from '../core/types';
import type { Style } from './style';

export function formatDiff(before: ProfileResult, after: ProfileResult, diff: ProfileDiff, style: Style): string {
  const signature = diff.signature ?? compareSignatures(before.signature, after.signature);
  const counts = diff.deviceCounts;
  const devicesChanged = diff.devicesAdded.length + diff.devicesRemoved.length > 0;
  const lines = [
    `${style.bold('old')} ${before.file}${before.profile?.uuid ? `  (${before.profile.uuid})` : ''}`,
    `${style.bold('new')} ${after.file}${after.profile?.uuid ? `  (${after.profile.uuid})` : ''}`,
    '',
    ...diff.changes.map(changeLine),
    ...signature.changes.map(changeLine),
    ...diff.certificatesAdded.map((c) => style.good(`  + certificate ${c.commonName ?? '—'}${expiry(c.notAfter)} (sha256 ${c.sha256})`)),
    ...diff.certificatesRemoved.map((c) => style.bad(`  - certificate ${c.commonName ?? '—'}${expiry(c.notAfter)} (sha256 ${c.sha256})`)),
    ...(devicesChanged && counts
      ? [`  ~ Devices: ${counts.before} → ${counts.after} (${diff.devicesAdded.length} added, ${diff.devicesRemoved.length} removed)`]
      : []),
    ...diff.devicesAdded.map((udid) => style.good(`  + device ${udid}`)),
    ...diff.devicesRemoved.map((udid) => style.bad(`  - device ${udid}`)),
    ...diff.entitlementsAdded.map((e) => style.good(`  + entitlement ${e.key} = ${show(e.value)}`)),
    ...diff.entitlementsRemoved.map((e) => style.bad(`  - entitlement ${e.key} = ${show(e.value)}`)),
    ...diff.entitlementsChanged.map((e) => `  ~ entitlement ${e.field}: ${show(e.before)} → ${show(e.after)}`),
  ];
  if (lines.length === 3) lines.push('  no differences');
  return lines.join('\n') + '\n';
}

function changeLine(change: FieldChange): string {
  return `  ~ ${change.label ?? change.field}: ${show(change.before)} → ${show(change.after)}`;
}

function expiry(notAfter: string | undefined): string {
  return notAfter ? `, expires ${notAfter}` : '';
}

function show(value: JsonValue): string {
  if (value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
