// The few phrases every sentence on the tenant board shares, so the CLI and the web read alike: dates in UTC (as every
// verdict writes them), day counts in the one wording (daysText), groups and configurations by name.
import { daysLeft, daysText, formatUtc } from '../dates';
import type { ConfigurationView, GroupRef, Targets } from './types';

/** "2020-07-03 02:02 UTC (17 days left)" or "… (3 days ago)". */
export function when(iso: string, now: Date): string {
  return `${formatUtc(iso)} (${daysText(daysLeft(iso, now), Date.parse(iso) <= now.getTime())})`;
}

export function quoted(name: string): string {
  return `"${name}"`;
}

/** A configuration by its Intune name. */
export function configurationName(view: Pick<ConfigurationView, 'displayName'>): string {
  return quoted(view.displayName);
}

/** "Field Users" by name; a group whose name could not be read by its id. */
export function groupName(ref: GroupRef): string {
  return ref.name ? quoted(ref.name) : `group ${ref.id}`;
}

/** "A", "A and B", "A, B and C". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function groupList(refs: readonly GroupRef[]): string {
  return list(refs.map(groupName));
}

/** Where an assignment list deploys, in words: "all devices", "Field Users and Sales iPads", … */
export function targetWords(targets: Targets): string {
  const parts = [
    ...(targets.allDevices ? ['all devices'] : []),
    ...(targets.allUsers ? ['all users'] : []),
    ...targets.include.map(groupName),
  ];
  const excluded = targets.exclude.length > 0 ? ` (excluding ${groupList(targets.exclude)})` : '';
  return parts.length > 0 ? `${list(parts)}${excluded}` : 'no group';
}
