// Each configuration Intune holds, judged on its own: the pushed file's live verdict (profileVerdict, the one every view
// shows), Intune's stored expiry against the file's, where it is assigned — and the problems that concern a
// configuration rather than one app: it covers no app, it is tampered / not Apple-signed / expired / not in-house yet
// still assigned, its payload cannot be read, it is assigned nowhere, its expiry disagrees, several hold one App ID.
import { resultVerdict, type ProfileStatus } from '../profile/profile-verdict';
import type { ProfileResult } from '../types';
import { configurationName, list, targetWords, when } from './board-words';
import { isAssigned, resolveTargets } from './targets';
import type { ConfigurationView, GraphConfiguration, TenantProblem, TenantSnapshot } from './types';

export interface Judging {
  now: Date;
  warnDays: number;
}

export function configurationView(configuration: GraphConfiguration, payload: ProfileResult | undefined, snapshot: TenantSnapshot, judging: Judging): ConfigurationView {
  const profile = payload?.ok ? payload.profile : null;
  const targets = resolveTargets(configuration.assignments, snapshot.groups);
  const file = profile?.expiresAt ?? null;
  const intune = configuration.expirationDateTime;
  return {
    id: configuration.id,
    displayName: configuration.displayName ?? configuration.payloadFileName ?? configuration.id,
    payloadFileName: configuration.payloadFileName,
    profile: profile && {
      name: profile.name,
      uuid: profile.uuid,
      applicationIdentifier: profile.applicationIdentifier,
      bundleId: profile.bundleId,
      teamId: profile.teamId,
      type: profile.type,
      expiresAt: profile.expiresAt,
    },
    verdict: payload ? resultVerdict(payload, judging) : null,
    payloadError: profile ? null : (payload?.error ?? { code: 'empty', message: 'The payload was not decoded.' }),
    expiry: { intune, file, agrees: intune && file ? sameUtcDay(intune, file) : null },
    targets,
    assigned: isAssigned(targets),
    scopeTags: configuration.roleScopeTagIds.map((id) => ({ id, name: snapshot.scopeTags[id] ?? null })),
    deviceStatuses: configuration.deviceStatuses,
    userStatuses: configuration.userStatuses,
    covers: [],
  };
}

// The portal fills Intune's date from the file; a date typed by hand or a rounding to midnight in another zone still
// names the same UTC day, and only a different day is worth a sentence.
function sameUtcDay(a: string, b: string): boolean {
  return new Date(a).toISOString().slice(0, 10) === new Date(b).toISOString().slice(0, 10);
}

/** Statuses that make an assigned configuration an emergency (exit code 2): devices refuse it or it has ended. */
export const DEAD_STATUSES: ReadonlySet<string> = new Set(['tampered', 'untrusted', 'unsigned', 'expired']);

/** The problems about configurations rather than one app, most serious first. `appsRead`: the apps were read, so a
 *  configuration that covers none of them really covers none. */
export function configurationProblems(views: readonly ConfigurationView[], appNames: ReadonlyMap<string, string>, appsRead: boolean, judging: Judging): TenantProblem[] {
  const problems = views.flatMap((view) => [
    ...unreadable(view),
    ...notUsableButAssigned(view),
    ...notAssigned(view, appNames),
    ...(appsRead ? coversNoApp(view) : []),
    ...expiryDisagrees(view, judging),
  ]);
  problems.push(...severalForOneAppId(views));
  return problems.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

export const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function unreadable(view: ConfigurationView): TenantProblem[] {
  if (view.profile) return [];
  const error = view.payloadError;
  const file = view.payloadFileName ? ` (${view.payloadFileName})` : '';
  return [{
    code: 'configuration-unreadable',
    severity: view.assigned ? 'error' : 'warning',
    message: `${configurationName(view)}${file}: its payload cannot be read as a provisioning profile${error ? ` (${error.code}: ${error.message})` : ''}, so what Intune pushes${view.assigned ? ` to ${targetWords(view.targets)}` : ''} cannot be checked.`,
    fix: `Download the profile again from Apple Developer and renew ${configurationName(view)} in place with it.`,
    configurationId: view.id,
  }];
}

// What a configuration Intune cannot use "is", in a sentence: the status words, which keep their capitals (Apple).
const NOT_USABLE_PHRASE: Readonly<Record<ProfileStatus, string>> = {
  tampered: 'tampered',
  untrusted: 'not signed by Apple',
  unsigned: 'an unsigned copy',
  expired: 'expired',
  expiring: 'not usable by Intune',
  ok: 'not usable by Intune',
};

function notUsableButAssigned(view: ConfigurationView): TenantProblem[] {
  const verdict = view.verdict;
  const reason = verdict?.reasonsNotUsable[0];
  if (!view.assigned || !verdict || verdict.usableByIntune || !reason) return [];
  const word = NOT_USABLE_PHRASE[verdict.status];
  return [{
    code: 'configuration-not-usable-but-assigned',
    severity: 'error',
    message: `${configurationName(view)} is ${word} and still assigned to ${targetWords(view.targets)}: ${reason.message}`,
    fix: reason.fix,
    configurationId: view.id,
  }];
}

function notAssigned(view: ConfigurationView, appNames: ReadonlyMap<string, string>): TenantProblem[] {
  if (view.assigned || !view.profile) return [];
  const apps = view.covers.map((id) => appNames.get(id) ?? id);
  return [{
    code: 'configuration-not-assigned',
    severity: apps.length > 0 ? 'warning' : 'info',
    message: `${configurationName(view)} is not assigned to any group${view.targets.exclude.length > 0 ? ' (it only excludes some)' : ''}, so Intune pushes it to no device.`,
    fix: apps.length > 0
      ? `Assign it to the groups that have ${list(apps)} (Intune: Apps > iOS app provisioning profiles > ${view.displayName} > Properties > Assignments), or delete it if another configuration does the job.`
      : 'Delete it if nothing needs it any more.',
    configurationId: view.id,
  }];
}

function coversNoApp(view: ConfigurationView): TenantProblem[] {
  if (!view.profile || view.covers.length > 0) return [];
  return [{
    code: 'configuration-covers-no-app',
    severity: view.assigned ? 'warning' : 'info',
    message: `${configurationName(view)} (${view.profile.applicationIdentifier ?? 'no App ID'}) covers none of the tenant's iOS line-of-business apps.`,
    fix: 'If the app was removed from Intune, delete this configuration; if the app\'s bundle ID or team changed, push a profile for the new one.',
    configurationId: view.id,
  }];
}

function expiryDisagrees(view: ConfigurationView, judging: Judging): TenantProblem[] {
  const { intune, file, agrees } = view.expiry;
  if (agrees !== false || !intune || !file) return [];
  return [{
    code: 'configuration-expiry-disagrees',
    severity: 'warning',
    message: `Intune says ${configurationName(view)} expires on ${when(intune, judging.now)}, but the file it pushes expires on ${when(file, judging.now)}.`,
    fix: 'Trust the file\'s date, which is what devices use. Renew the configuration in place with the file so Intune shows the right date and its 30-day notice comes on time.',
    configurationId: view.id,
  }];
}

function severalForOneAppId(views: readonly ConfigurationView[]): TenantProblem[] {
  const byAppId = new Map<string, ConfigurationView[]>();
  for (const view of views) {
    const appId = view.profile?.applicationIdentifier;
    if (appId) byAppId.set(appId, [...(byAppId.get(appId) ?? []), view]);
  }
  return [...byAppId].flatMap(([appId, group]): TenantProblem[] => {
    if (group.length < 2) return [];
    const assigned = group.filter((view) => view.assigned);
    return [{
      code: 'several-configurations',
      severity: assigned.length > 1 ? 'warning' : 'info',
      message: `${group.length} configurations hold profiles for ${appId}: ${list(group.map(configurationName))}${assigned.length > 1 ? `, ${assigned.length} of them assigned` : ''}. Devices get every assigned one, and renewing one while another stays is easy to miss.`,
      fix: 'Keep one configuration per App ID: renew it in place each year and delete the others.',
      configurationId: group[0]?.id ?? '',
    }];
  });
}
