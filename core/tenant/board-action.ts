// What to do for one app, the first that applies (docs/tenant-board.md): re-sign when its certificate ends within the
// window (no profile helps past it); renew a covering configuration in place when it is expiring, expired, tampered or
// not Apple-signed and the library holds a newer usable in-house profile for the same App ID; assign a usable
// configuration that does not reach the app's groups (rather than pushing a second one for the same App ID); push a
// library profile when no usable configuration reaches them; get a renewal from Apple when the app stops launching
// within the window and the library has nothing newer; else nothing.
import { appIdCovers } from '../app/bundle';
import { DAY_MS, daysLeft } from '../dates';
import { resultVerdict } from '../profile/profile-verdict';
import type { Profile } from '../types';
import type { AppContext, Covering, JudgedApp } from './board-app';
import { configurationName, groupList, quoted, targetWords, when } from './board-words';
import type { LibraryProfile, TenantAction } from './types';

const TROUBLED = new Set(['expiring', 'expired', 'tampered', 'untrusted', 'unsigned']);

export function chooseAction(judged: JudgedApp, context: AppContext): TenantAction {
  const { row, certificate } = judged;
  const name = row.name;
  if (certificate && daysLeft(certificate.notAfter, context.now) <= context.warnDays) {
    const ended = Date.parse(certificate.notAfter) <= context.now.getTime();
    return action('re-sign', `Re-sign ${name} with a current in-house distribution certificate and upload the new .ipa to Intune: its certificate ${quoted(certificate.commonName ?? certificate.sha256)} ${ended ? 'ended' : 'ends'} on ${when(certificate.notAfter, context.now)}, and no pushed profile keeps an app launching past its certificate.`);
  }
  if (row.state !== 'stopped' && row.state !== 'within') return nothingToDo(judged, context);
  return renewInPlace(judged, context) ?? assign(judged, context) ?? push(judged, context) ?? getRenewal(judged, context);
}

function renewInPlace(judged: JudgedApp, context: AppContext): TenantAction | null {
  const troubled = judged.covering.filter(({ judged: c }) => c.reaches !== 'none' && TROUBLED.has(c.status));
  for (const covering of troubled) {
    const renewal = renewalFor(covering, judged, context);
    if (!renewal) continue;
    const view = covering.view;
    const profile = renewal.profile;
    return action(
      'renew-in-place',
      `Renew ${configurationName(view)} in place with ${describe(renewal.entry, profile, context)} from the library: Intune replaces its file and expiry and keeps its assignments to ${targetWords(view.targets)}, so ${judged.row.name} launches until ${when(renewal.until, context.now)}.`,
      { profileId: renewal.entry.id, configurationId: view.id },
    );
  }
  return null;
}

function assign(judged: JudgedApp, context: AppContext): TenantAction | null {
  const candidate = judged.covering.find(({ judged: c }) => c.usable && c.reaches !== 'all');
  if (!candidate || judged.best) return null;
  const { view, judged: c } = candidate;
  const until = c.stopsLaunchingOn ? ` until ${when(c.stopsLaunchingOn, context.now)}` : '';
  const message = c.reaches === 'none'
    ? `Assign ${configurationName(view)} to ${targetWords(judged.row.targets)}: it keeps ${judged.row.name} launching${until}, but Intune pushes it to ${view.assigned ? 'none of those devices' : 'no device'} yet.`
    : `Assign ${configurationName(view)} to ${reachGap(c.missingGroups, c.excludedGroups, judged)} too: it keeps ${judged.row.name} launching${until}, but not on every device that has the app.`;
  return action('assign', message, { configurationId: view.id });
}

function reachGap(missing: Covering['judged']['missingGroups'], excluded: Covering['judged']['excludedGroups'], judged: JudgedApp): string {
  const parts = [
    ...(missing.length > 0 ? [groupList(missing)] : []),
    ...(missing.length === 0 && excluded.length === 0 ? [targetWords(judged.row.targets)] : []),
  ];
  const unexclude = excluded.length > 0 ? `${parts.length > 0 ? ' and ' : ''}stop excluding ${groupList(excluded)}` : '';
  return `${parts.join('')}${unexclude}`;
}

function push(judged: JudgedApp, context: AppContext): TenantAction | null {
  if (judged.covering.some(({ judged: c }) => c.usable && c.reaches !== 'none') || !judged.row.bundleId) return null;
  const renewal = libraryProfiles(judged.row.bundleId, judged, context)[0];
  if (!renewal) return null;
  const why = judged.covering.length === 0
    ? `no configuration in Intune covers ${judged.row.bundleId}`
    : `no configuration Intune can use reaches the devices that have ${judged.row.name}`;
  return action(
    'push',
    `Push ${describe(renewal.entry, renewal.profile, context)} from the library to Intune and assign it to ${targetWords(judged.row.targets)}: ${why}, and with it ${judged.row.name} launches until ${when(renewal.until, context.now)}.`,
    { profileId: renewal.entry.id },
  );
}

function getRenewal(judged: JudgedApp, context: AppContext): TenantAction {
  const { row } = judged;
  const appId = judged.covering[0]?.view.profile?.applicationIdentifier ?? row.bundleId ?? 'this app';
  const ends = row.stopsLaunchingOn ? `${row.state === 'stopped' ? 'stopped' : 'stops'} launching on ${when(row.stopsLaunchingOn, context.now)}` : 'has no profile that keeps it launching';
  return action('get-renewal', `Create a new in-house profile for ${appId} in Apple Developer, download it and add it to the library: ${row.name} ${ends}, and the library holds no newer profile Intune can use for it.`);
}

function nothingToDo(judged: JudgedApp, context: AppContext): TenantAction {
  const { row, best } = judged;
  if (!row.stopsLaunchingOn) return action('none', `Nothing ProvLens can judge: Intune has no expiry for ${row.name}, and no usable configuration reaching its devices covers it.`);
  const until = when(row.stopsLaunchingOn, context.now);
  if (row.stopsLaunchingBecause === 'embedded-profile' || !best) return action('none', `Nothing to do now: ${row.name} launches until ${until} on the profile inside its .ipa.`);
  return action('none', `Nothing to do now: ${configurationName(best.view)} keeps ${row.name} launching until ${until}.`);
}

function action(kind: TenantAction['kind'], message: string, ids: { profileId?: string; configurationId?: string } = {}): TenantAction {
  return { kind, message, profileId: ids.profileId ?? null, configurationId: ids.configurationId ?? null };
}

function describe(entry: LibraryProfile, profile: Profile, context: AppContext): string {
  const expires = profile.expiresAt ? `, expires ${when(profile.expiresAt, context.now)}` : '';
  return `${quoted(profile.name ?? entry.fileName)} (${entry.fileName}${expires})`;
}

// ---- the library ----

export interface Renewal {
  entry: LibraryProfile;
  profile: Profile;
  /** When the app stops launching with it (its verdict, with the app's certificate when known). */
  until: string;
}

/** Usable in-house library profiles covering the bundle id (same team where known), listing the app's certificate when
 *  known, lasting past today and past what the app has now; the longest-lasting first. */
export function libraryProfiles(bundleId: string, judged: JudgedApp, context: AppContext): Renewal[] {
  const endOfToday = Math.floor(context.now.getTime() / DAY_MS) * DAY_MS + DAY_MS;
  const current = judged.row.stopsLaunchingOn ? Date.parse(judged.row.stopsLaunchingOn) : Number.NEGATIVE_INFINITY;
  const certificate = judged.certificate;
  return context.input.library.profiles
    .flatMap((entry): Renewal[] => {
      const profile = entry.result.ok ? entry.result.profile : null;
      if (!profile?.bundleId || !appIdCovers(profile.bundleId, bundleId)) return [];
      if (judged.team && profile.teamId && profile.teamId !== judged.team) return [];
      if (certificate && !profile.certificates.some((c) => c.sha256 === certificate.sha256)) return [];
      const verdict = resultVerdict(entry.result, { now: context.now, warnDays: context.warnDays, appCertificate: certificate });
      if (!verdict?.usableByIntune || !verdict.stopsLaunchingOn || !profile.expiresAt || Date.parse(profile.expiresAt) <= endOfToday) return [];
      if (Date.parse(verdict.stopsLaunchingOn) <= current) return [];
      return [{ entry, profile, until: verdict.stopsLaunchingOn }];
    })
    .sort((a, b) => Date.parse(b.until) - Date.parse(a.until));
}

/** A newer profile for the configuration's own App ID (not the very file it holds), or for a tampered, unsigned or
 *  not Apple-signed configuration the genuine file itself (same UUID and expiry): what Renew in place sends. */
function renewalFor(covering: Covering, judged: JudgedApp, context: AppContext): Renewal | null {
  const own = covering.view.profile;
  if (!own?.applicationIdentifier || !judged.row.bundleId) return null;
  const ownEnd = own.expiresAt ? Date.parse(own.expiresAt) : Number.NEGATIVE_INFINITY;
  // A configuration whose file is not Apple's own is mended by the genuine file, even the very same profile.
  const notGenuine = covering.judged.status === 'tampered' || covering.judged.status === 'untrusted' || covering.judged.status === 'unsigned';
  const better = (profile: Profile) => {
    const end = Date.parse(profile.expiresAt ?? '');
    return notGenuine ? end >= ownEnd : profile.uuid !== own.uuid && end > ownEnd;
  };
  return libraryProfiles(judged.row.bundleId, judged, context).find(({ profile }) => profile.applicationIdentifier === own.applicationIdentifier && better(profile)) ?? null;
}
