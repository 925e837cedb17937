// The problems of one app row, in the verdicts' words: it stops (or stopped) launching, its certificate ends, no
// configuration covers it or none reaches its groups, the library's .ipa fails Intune's app check, its certificate is
// unknown, an assignment filter makes the reach unknown. Each names the app, the configuration and the group.
import type { AppContext, JudgedApp } from './board-app';
import { SEVERITY_RANK } from './board-configurations';
import { configurationName, groupList, list, quoted, targetWords, when } from './board-words';
import type { TenantAction, TenantProblem } from './types';

export function appProblems(judged: JudgedApp, action: TenantAction, context: AppContext): TenantProblem[] {
  const problems = [
    ...stopsLaunching(judged, action, context),
    ...certificateEnds(judged, context),
    ...notCovered(judged, context),
    ...groupsNotReached(judged),
    ...appCheckFailed(judged),
    ...certificateUnknown(judged),
    ...filtered(judged),
  ];
  return problems.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

function problem(judged: JudgedApp, code: TenantProblem['code'], severity: TenantProblem['severity'], message: string, fix: string): TenantProblem {
  return { code, severity, message, fix, appId: judged.row.id };
}

function stopsLaunching(judged: JudgedApp, action: TenantAction, context: AppContext): TenantProblem[] {
  const { row } = judged;
  if ((row.state !== 'stopped' && row.state !== 'within') || !row.stopsLaunchingOn) return [];
  const stopped = row.state === 'stopped';
  return [problem(judged, 'stops-launching', stopped ? 'error' : 'warning',
    `${row.name} ${stopped ? 'stopped' : 'stops'} launching on ${when(row.stopsLaunchingOn, context.now)}: ${because(judged, stopped ? 'ended' : 'ends')}.`,
    action.message)];
}

function because(judged: JudgedApp, ends: 'ends' | 'ended'): string {
  const { row, best, certificate } = judged;
  switch (row.stopsLaunchingBecause) {
    case 'certificate':
      return certificate
        ? `its signing certificate ${quoted(certificate.commonName ?? certificate.sha256)} ${ends} then`
        : `the distribution certificate in ${best ? configurationName(best.view) : 'its profile'} ${ends} then (the certificate that signed the app is not known)`;
    case 'pushed-profile':
      return `${best ? configurationName(best.view) : 'the pushed profile'} ${ends} then`;
    case 'embedded-profile':
      return `the profile inside its .ipa ${ends} then (Intune's expiry for the app), and no profile Intune pushes to all its devices lasts longer`;
    default:
      return `its profile ${ends} then`;
  }
}

function certificateEnds(judged: JudgedApp, context: AppContext): TenantProblem[] {
  const certificate = judged.certificate;
  if (!certificate) return [];
  const ended = Date.parse(certificate.notAfter) <= context.now.getTime();
  const days = (Date.parse(certificate.notAfter) - context.now.getTime()) / 86_400_000;
  if (!ended && days > context.warnDays) return [];
  return [problem(judged, 'certificate-ends', ended ? 'error' : 'warning',
    `${judged.row.name} is signed with ${quoted(certificate.commonName ?? certificate.sha256)}, which ${ended ? 'expired' : 'expires'} on ${when(certificate.notAfter, context.now)}; no pushed profile keeps it launching after that.`,
    'Re-sign the app with a current in-house distribution certificate, embed a profile that lists it, and upload the new .ipa to Intune.')];
}

function notCovered(judged: JudgedApp, context: AppContext): TenantProblem[] {
  const { row } = judged;
  if (judged.covering.length > 0) return [];
  const urgent = row.state === 'stopped' || row.state === 'within';
  // Only where the profile inside the .ipa is what ends it: a certificate that ends first decides instead.
  const runsOn = row.intuneExpiry && row.stopsLaunchingBecause === 'embedded-profile' ? `; it runs on the profile inside its .ipa until ${when(row.intuneExpiry, context.now)}` : '';
  return [problem(judged, 'app-not-covered', urgent ? 'error' : 'warning',
    `No iOS app provisioning profile in Intune covers ${row.bundleId ?? 'this app'} (${row.name})${runsOn}.`,
    `Before then, push an in-house profile whose App ID covers ${row.bundleId ?? 'the app'} and assign it to ${targetWords(row.targets)}.`)];
}

function groupsNotReached(judged: JudgedApp): TenantProblem[] {
  if (judged.best) return [];
  const usable = judged.covering.filter(({ judged: c }) => c.usable);
  if (usable.length === 0) return [];
  const closest = usable[0];
  if (!closest) return [];
  const { view, judged: c } = closest;
  const gaps = [
    ...(c.missingGroups.length > 0 ? [`does not reach ${groupList(c.missingGroups)}`] : []),
    ...(c.excludedGroups.length > 0 ? [`excludes ${groupList(c.excludedGroups)}`] : []),
    ...(c.missingGroups.length === 0 && c.excludedGroups.length === 0 ? [view.assigned ? `reaches only ${targetWords(view.targets)}` : 'is not assigned'] : []),
  ];
  return [problem(judged, 'app-groups-not-reached', 'warning',
    `${configurationName(view)} ${list(gaps)}, but ${judged.row.name} is assigned to ${targetWords(judged.row.targets)}: devices it does not reach keep only the profile inside the .ipa. (Groups are compared by ID; a group nested in another is not counted.)`,
    `Assign ${configurationName(view)} to the same groups as the app.`)];
}

function appCheckFailed(judged: JudgedApp): TenantProblem[] {
  const library = judged.row.libraryApp;
  if (!library || library.check.canKeepAlive) return [];
  const reasons = library.check.reasons.filter((reason) => reason.severity === 'error');
  const first = reasons[0];
  if (!first) return [];
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  return [problem(judged, 'app-check-failed', 'error',
    `The library's ${library.fileName} fails Intune's app check against the configurations that cover it: ${first.message}${more}.`,
    first.fix)];
}

function certificateUnknown(judged: JudgedApp): TenantProblem[] {
  if (judged.certificate) return [];
  const version = judged.row.version ? ` ${judged.row.version}` : '';
  return [problem(judged, 'certificate-unknown', 'info',
    `The certificate that signed ${judged.row.name}${version} is not known: the library holds no .ipa of it, so the day it stops launching is taken from the profiles' own certificates.`,
    `Import ${judged.row.name}'s .ipa into the library for the full app check: its signing certificate in the profile, installation file integrity and capabilities.`)];
}

function filtered(judged: JudgedApp): TenantProblem[] {
  const which = [
    ...(judged.row.targets.filtered ? [`${judged.row.name}'s assignment`] : []),
    ...judged.covering.filter(({ view }) => view.targets.filtered).map(({ view }) => `${configurationName(view)}'s assignment`),
  ];
  if (which.length === 0) return [];
  return [problem(judged, 'assignment-filtered', 'info',
    `An assignment filter narrows ${list(which)}; ProvLens cannot evaluate filters, so which devices ${which.length > 1 ? 'they reach' : 'it reaches'} is not known.`,
    'Check in Intune (Tenant administration > Filters) that the filters of the app and of its provisioning profile select the same devices.')];
}
