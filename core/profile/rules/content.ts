// Rules about what the profile says (Apple TN3125 keys) and whether Intune's "iOS app provisioning profiles" push can
// use it (Microsoft: in-house iOS profiles only).
import type { Profile } from '../../types';
import { finding, plural, type Rule } from './rule';

/** Apple's free (personal) teams get 7-day profiles. */
const FREE_TEAM_MAX_TTL_DAYS = 7;
const DISTRIBUTION_TYPES: readonly Profile['type'][] = ['adhoc', 'enterprise', 'appstore', 'developer-id'];

function appIdPrefix(profile: Profile): string | null {
  const identifier = profile.applicationIdentifier;
  const dot = identifier?.indexOf('.') ?? -1;
  return identifier && dot > 0 ? identifier.slice(0, dot) : profile.applicationIdentifierPrefix;
}

export const teamMismatch: Rule = ({ profile }) => {
  const team = profile.teamId;
  if (!team) return null;
  const otherTeams = [
    ...new Set(profile.certificates.map((c) => c.teamId).filter((id): id is string => id !== null && id !== team)),
  ];
  const prefix = appIdPrefix(profile);
  const prefixDiffers = prefix !== null && prefix !== team;
  if (otherTeams.length === 0 && !prefixDiffers) return null;
  const parts = [
    ...(otherTeams.length > 0 ? [`certificate team ${otherTeams.join(', ')}`] : []),
    ...(prefixDiffers ? [`app ID prefix ${prefix}`] : []),
  ];
  return finding(
    'team-mismatch',
    otherTeams.length > 0 ? 'warning' : 'info',
    `Team ID ${team} differs from ${parts.join(' and ')}.`,
    otherTeams.length > 0
      ? 'Check that the app is signed by the team that owns the profile; download a profile made for that team.'
      : 'A legacy App ID seed prefix is legitimate; otherwise regenerate the profile for the right App ID.',
  );
};

export const wildcardAppId: Rule = ({ profile }) =>
  !profile.wildcard
    ? null
    : finding(
        'wildcard-app-id',
        'info',
        `Wildcard app ID ${profile.applicationIdentifier ?? '*'}: it covers every matching bundle ID but cannot carry capabilities such as push or app groups.`,
        'Use an explicit App ID if the app needs push notifications, app groups, associated domains or iCloud.',
      );

export const debuggable: Rule = ({ profile }) =>
  profile.getTaskAllow !== true || !DISTRIBUTION_TYPES.includes(profile.type)
    ? null
    : finding(
        'debuggable',
        'warning',
        `get-task-allow is true in a ${profile.type} profile: debuggers can attach to the app.`,
        'Distribution profiles from Apple never allow debugging; download the profile again from Apple Developer.',
      );

export const devicesInInHouse: Rule = ({ profile }) =>
  profile.type !== 'enterprise' || profile.devices.length === 0
    ? null
    : finding(
        'devices-in-in-house',
        'warning',
        `An in-house profile that also lists ${plural(profile.devices.length, 'device')}; in-house profiles provision all devices.`,
        'Apple does not issue such profiles: download the in-house profile again from Apple Developer.',
      );

export const freeTeam: Rule = ({ profile }) =>
  profile.timeToLive === null || profile.timeToLive > FREE_TEAM_MAX_TTL_DAYS
    ? null
    : finding(
        'free-team',
        'warning',
        `TimeToLive is ${plural(profile.timeToLive, 'day')}: a free (personal) team profile; apps using it stop within a week.`,
        'Use a paid Apple Developer (or Enterprise) Program team for anything beyond personal testing.',
      );

export const notIos: Rule = ({ profile }) =>
  profile.platforms === null || profile.platforms.includes('iOS')
    ? null
    : finding(
        'not-ios',
        'info',
        `Platform is ${profile.platforms.join(', ') || 'empty'}, not iOS: Intune's iOS app provisioning profiles do not apply.`,
        'Deploy it with the tooling for its platform (e.g. a macOS configuration profile).',
      );

const TYPE_WITH_ARTICLE: Record<Profile['type'], string> = {
  development: 'A development',
  adhoc: 'An ad hoc',
  enterprise: 'An in-house',
  appstore: 'An App Store',
  'developer-id': 'A Developer ID',
};

export const notInHouse: Rule = ({ profile }) =>
  profile.type === 'enterprise'
    ? null
    : finding(
        'not-in-house',
        'info',
        `${TYPE_WITH_ARTICLE[profile.type]} profile, not in-house (enterprise): Intune's iOS app provisioning profiles push cannot use it.`,
        'Only Apple Developer Enterprise Program in-house profiles can be pushed to keep an app alive.',
      );
