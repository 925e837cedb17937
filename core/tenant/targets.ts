// Where an assignment list points, and whether a configuration reaches the groups that have an app. Intune assigns by
// Microsoft Entra group (groupAssignmentTarget, exclusionGroupAssignmentTarget), to all devices
// (allDevicesAssignmentTarget) or all licensed users (allLicensedUsersAssignmentTarget); an exclusion wins over an
// inclusion. ProvLens compares group ids only: it does not read membership, so a group nested in another and an
// assignment filter are unknowns it names rather than guesses (Targets.filtered, the 'assignment-filtered' problem).
import type { Assignment, CoveringConfiguration, GroupRef, Targets } from './types';

/** The targets of an assignment list, group names resolved where they could be read. An app's "uninstall"
 *  assignments are groups where Intune removes the app, so they are left out: those devices do not have it. */
export function resolveTargets(assignments: readonly Assignment[], groups: Readonly<Record<string, string>>): Targets {
  const installing = assignments.filter((assignment) => assignment.intent !== 'uninstall');
  const refs = (kind: 'include' | 'exclude') => unique(installing.flatMap(({ target }) => (target.kind === kind && target.groupId ? [groupRef(target.groupId, groups)] : [])));
  return {
    include: refs('include'),
    exclude: refs('exclude'),
    allDevices: installing.some(({ target }) => target.kind === 'all-devices'),
    allUsers: installing.some(({ target }) => target.kind === 'all-users'),
    filtered: installing.some(({ target }) => target.filterId !== null && target.filterType !== 'none'),
  };
}

function groupRef(id: string, groups: Readonly<Record<string, string>>): GroupRef {
  const name = groups[id] ?? Object.entries(groups).find(([key]) => key.toLowerCase() === id.toLowerCase())?.[1] ?? null;
  return { id, name };
}

function unique(refs: readonly GroupRef[]): GroupRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => !seen.has(ref.id.toLowerCase()) && seen.add(ref.id.toLowerCase()));
}

/** Deploys to some device: an included group, all devices or all users (an exclusion alone deploys nothing). */
export function isAssigned(targets: Targets): boolean {
  return targets.include.length > 0 || targets.allDevices || targets.allUsers;
}

export type Reach = Pick<CoveringConfiguration, 'reaches' | 'missingGroups' | 'excludedGroups'>;

/** Does a configuration (its targets) reach every device the app (its targets) is assigned to? */
export function reachOf(app: Targets, configuration: Targets): Reach {
  if (!isAssigned(configuration)) return { reaches: 'none', missingGroups: app.include, excludedGroups: [] };
  const excluded = new Set(configuration.exclude.map((ref) => ref.id.toLowerCase()));
  const included = new Set(configuration.include.map((ref) => ref.id.toLowerCase()));
  const everyone = configuration.allDevices || configuration.allUsers;
  const excludedGroups = app.include.filter((ref) => excluded.has(ref.id.toLowerCase()));
  const missingGroups = app.include.filter((ref) => !excluded.has(ref.id.toLowerCase()) && !everyone && !included.has(ref.id.toLowerCase()));
  const reachedGroups = app.include.length - excludedGroups.length - missingGroups.length;
  const appEveryone = app.allDevices || app.allUsers;
  // An app on every device is reached everywhere only by a configuration on every device, with nobody excluded.
  const everyoneReached = !appEveryone || (everyone && configuration.exclude.length === 0);
  if (missingGroups.length === 0 && excludedGroups.length === 0 && everyoneReached) return { reaches: 'all', missingGroups, excludedGroups };
  const reachesSome = reachedGroups > 0 || (appEveryone && (everyone || configuration.include.length > 0));
  return { reaches: reachesSome ? 'some' : 'none', missingGroups, excludedGroups };
}
