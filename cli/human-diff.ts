// The readable form of `provlens diff OLD NEW`: what a renewal changed, one line per change.
import type { JsonValue, ProfileDiff, ProfileResult } from '../core/types';
import type { Style } from './style';

export function formatDiff(before: ProfileResult, after: ProfileResult, diff: ProfileDiff, style: Style): string {
  const lines = [
    `${style.bold('old')} ${before.file}${before.profile?.uuid ? `  (${before.profile.uuid})` : ''}`,
    `${style.bold('new')} ${after.file}${after.profile?.uuid ? `  (${after.profile.uuid})` : ''}`,
    '',
    ...diff.changes.map((change) => `  ~ ${change.field}: ${show(change.before)} → ${show(change.after)}`),
    ...diff.certificatesAdded.map((c) => style.good(`  + certificate ${c.commonName ?? '—'} (sha256 ${c.sha256})`)),
    ...diff.certificatesRemoved.map((c) => style.bad(`  - certificate ${c.commonName ?? '—'} (sha256 ${c.sha256})`)),
    ...diff.devicesAdded.map((udid) => style.good(`  + device ${udid}`)),
    ...diff.devicesRemoved.map((udid) => style.bad(`  - device ${udid}`)),
    ...diff.entitlementsAdded.map((e) => style.good(`  + entitlement ${e.key} = ${show(e.value)}`)),
    ...diff.entitlementsRemoved.map((e) => style.bad(`  - entitlement ${e.key} = ${show(e.value)}`)),
    ...diff.entitlementsChanged.map((e) => `  ~ entitlement ${e.field}: ${show(e.before)} → ${show(e.after)}`),
  ];
  if (lines.length === 3) lines.push('  no differences');
  return lines.join('\n') + '\n';
}

function show(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
