// The Intune renewal verdict: can pushing a provisioning profile through Intune ("Use iOS app provisioning profiles
// to prevent your apps from expiring", Microsoft Learn) keep an installed in-house app launching, until when, and if
// not, what to do instead. Rules follow that article and Apple TN3125: the push only installs a profile on devices; the
// app keeps launching only while the certificate that signed it is valid and listed in the pushed profile, and the
// profile's App ID covers the bundle (a wildcard App ID covers several, otherwise each extension needs its own).
//
// One call judges one candidate or several: with several, each bundle gets the candidate whose App ID matches it best
// (an explicit App ID beats a wildcard), and the verdict says which bundles no candidate covers. The CLI's
// `check --app` calls it once per profile; pass them all at once to ask "does this set keep the whole app alive?".
import { daysLeft, formatUtc } from '../profile/findings';
import type { AppBundle, BundleCoverage, DecodedApp, FindingOptions, Profile, ProfileResult, ProfileType, RenewalVerdict, VerdictCode, VerdictReason } from '../types';
import { appIdCovers, bundleFolderName } from './bundle';
import { entitlementsNotGranted } from './capabilities';

const DEFAULT_WARN_DAYS = 30;

// The action comes from the most fundamental problem: fixing a later one is wasted while an earlier one stands.
// Dead ends on the app's side come first (no profile can fix them), then a team mismatch, then the profile's own.
const PRIORITY: readonly VerdictCode[] = [
  'app-modified',
  'certificate-expired',
  'not-distribution-certificate',
  'no-app-certificate',
  'capabilities-not-in-profile',
  'team-mismatch',
  'not-in-house',
  'signature-not-valid',
  'expired',
  'certificate-not-in-profile',
  'bundle-not-covered',
  'certificate-expires-first',
  'expires-soon',
  'ok',
];

const TYPE_NAME: Readonly<Record<ProfileType, string>> = {
  development: 'a development',
  adhoc: 'an ad hoc',
  enterprise: 'an in-house',
  appstore: 'an App Store',
  'developer-id': 'a Developer ID',
};

interface Context {
  now: Date;
  warnDays: number;
}

interface Candidate {
  result: ProfileResult;
  profile: Profile;
}

export function renewalVerdict(
  app: DecodedApp,
  candidates: ProfileResult | readonly ProfileResult[],
  options: FindingOptions = {},
): RenewalVerdict {
  const context: Context = { now: options.now ?? new Date(), warnDays: options.warnDays ?? DEFAULT_WARN_DAYS };
  const list = 'kind' in candidates ? [candidates] : candidates;
  const usable: Candidate[] = list.flatMap((result) => (result.ok && result.profile ? [{ result, profile: result.profile }] : []));
  const reasons = list.filter((result) => !result.ok || !result.profile).map(undecodable);
  const judged = judgeBundles(app, usable, context);
  // With one candidate its own problems always matter; with several, only those of candidates that cover a bundle.
  for (const candidate of usable) if (list.length === 1 || judged.used.has(candidate)) reasons.push(...profileReasons(candidate, context));
  reasons.push(...judged.reasons);
  const profileUuid = list.length === 1 ? (usable[0]?.profile.uuid ?? null) : (judged.coverage[0]?.profileUuid ?? null);
  return conclude(app, reasons, judged.coverage, profileUuid, context, list.length > 1);
}

function judgeBundles(app: DecodedApp, usable: readonly Candidate[], context: Context) {
  const reasons: VerdictReason[] = [];
  const coverage: BundleCoverage[] = [];
  const used = new Set<Candidate>();
  for (const bundle of app.bundles) {
    const chosen = bestCandidate(bundle, usable);
    if (chosen) used.add(chosen);
    reasons.push(...integrityReasons(bundle));
    reasons.push(...certificateKindReasons(bundle));
    if (chosen) reasons.push(...bundleReasons(bundle, chosen.profile, context));
    else {
      reasons.push(notCovered(bundle, usable));
      // A team mismatch is always worth saying, even when the only candidate fails for other reasons too.
      const only = usable.length === 1 ? usable[0] : undefined;
      if (only) reasons.push(...teamReasons(bundle, only.profile));
    }
    const profileUuid = chosen?.profile.uuid ?? null;
    coverage.push({ bundlePath: bundle.path, bundleId: bundle.bundleId, profileUuid, until: until(bundle, chosen?.profile ?? null) });
  }
  if (app.bundles.length === 0) reasons.push(noBundles());
  return { reasons, coverage, used };
}

function bestCandidate(bundle: AppBundle, candidates: readonly Candidate[]): Candidate | null {
  const id = bundle.bundleId;
  if (!id) return null;
  const covering = candidates.filter((c) => c.profile.bundleId !== null && appIdCovers(c.profile.bundleId, id));
  // Explicit App IDs first, then the longest wildcard: Xcode's own preference.
  covering.sort((a, b) => Number(a.profile.wildcard) - Number(b.profile.wildcard) || (b.profile.bundleId?.length ?? 0) - (a.profile.bundleId?.length ?? 0));
  return covering[0] ?? null;
}

function profileReasons({ profile, result }: Candidate, context: Context): VerdictReason[] {
  const name = label(profile);
  const reasons: VerdictReason[] = [];
  if (profile.type !== 'enterprise') {
    reasons.push(reason('not-in-house', 'error', `${name} is ${TYPE_NAME[profile.type]} profile; Intune's profile push is for in-house (Enterprise Program) apps`, 'Download an in-house distribution profile for this App ID from the Apple Developer Enterprise account and push that one.'));
  }
  const status = result.signature?.status ?? 'unsigned';
  if (status !== 'valid') {
    reasons.push(reason('signature-not-valid', 'error', `${name} is not validly signed by Apple (${status}${result.signature?.reason ? `: ${result.signature.reason}` : ''}); iOS will refuse it`, 'Download the profile again from the Apple Developer portal; do not edit or re-save it.'));
  }
  if (profile.expiresAt) {
    const days = daysLeft(profile.expiresAt, context.now);
    if (Date.parse(profile.expiresAt) <= context.now.getTime()) {
      reasons.push(reason('expired', 'error', `${name} expired on ${formatUtc(profile.expiresAt)}`, 'Regenerate the profile in the Apple Developer portal and push the new one.'));
    } else if (days <= context.warnDays) {
      reasons.push(reason('expires-soon', 'warning', `${name} expires in ${days} days (${formatUtc(profile.expiresAt)})`, 'Plan the next renewal now: regenerate the profile before it expires and push it again.'));
    }
  }
  return reasons;
}

function bundleReasons(bundle: AppBundle, profile: Profile, context: Context): VerdictReason[] {
  const at = bundle.path;
  const what = bundleLabel(bundle);
  const signer = bundle.signingCertificate;
  const reasons: VerdictReason[] = [];
  if (!signer) {
    reasons.push(reason('no-app-certificate', 'error', `${what}: no signing certificate could be read from its executable, so nothing shows the profile will be accepted`, 'Check the app with `codesign -dvv`; an unsigned or ad-hoc signed app must be signed with the in-house distribution certificate and re-uploaded.', at));
    return reasons;
  }
  const cert = `"${signer.commonName ?? signer.sha256}"`;
  reasons.push(...teamReasons(bundle, profile));
  reasons.push(...capabilityReasons(bundle, profile));
  if (!profile.certificates.some((c) => c.sha256 === signer.sha256)) {
    reasons.push(reason('certificate-not-in-profile', 'error', `${what} is signed with ${cert}, which ${label(profile)} does not list; devices will reject the app with this profile`, 'Re-sign the app with a certificate the profile lists (or regenerate the profile including the app\'s certificate), embed the profile, and re-upload the .ipa to Intune.', at));
  }
  if (Date.parse(signer.notAfter) <= context.now.getTime()) {
    reasons.push(reason('certificate-expired', 'error', `${what}: its signing certificate ${cert} expired on ${formatUtc(signer.notAfter)}; no profile can keep it launching`, 'Re-sign the app with a current in-house distribution certificate, embed a profile that lists it, and re-upload the .ipa to Intune.', at));
  } else if (profile.expiresAt && signer.notAfter < profile.expiresAt) {
    reasons.push(reason('certificate-expires-first', 'warning', `${what}: its signing certificate ${cert} expires on ${formatUtc(signer.notAfter)}, before the profile (${formatUtc(profile.expiresAt)}); the app stops launching then`, 'Before the certificate expires, re-sign the app with its successor certificate and re-upload the .ipa to Intune.', at));
  }
  return reasons;
}

function teamReasons(bundle: AppBundle, profile: Profile): VerdictReason[] {
  const signer = bundle.signingCertificate;
  if (!profile.teamId || !signer?.teamId || profile.teamId === signer.teamId) return [];
  return [reason('team-mismatch', 'error', `${bundleLabel(bundle)} is signed by team ${signer.teamId}, but ${label(profile)} belongs to team ${profile.teamId}`, 'Use a profile from the team that signed the app, or re-sign the app with this team\'s certificate and re-upload it.', bundle.path)];
}

// Intune's "Installation file integrity": an app changed after signing is refused whatever profile is pushed.
function integrityReasons(bundle: AppBundle): VerdictReason[] {
  const integrity = bundle.integrity as AppBundle['integrity'] | undefined; // records stored before integrity existed
  if (!integrity || (integrity.status !== 'modified' && integrity.status !== 'unverifiable')) return [];
  const first = integrity.problems[0];
  const detail = first ? ` (${first.message}${integrity.problems.length > 1 ? `, and ${integrity.problems.length - 1} more` : ''})` : '';
  const message = integrity.status === 'modified'
    ? `${bundleLabel(bundle)} was changed after it was signed${detail}; iOS will refuse to install or launch it`
    : `${bundleLabel(bundle)}: its code signature cannot be verified${detail}; iOS will refuse it`;
  return [reason('app-modified', 'error', message, 'Re-export an unmodified app from Xcode (or your build system), signed with the in-house distribution certificate, and upload that .ipa to Intune; do not edit files inside a signed app.', bundle.path)];
}

// Apple names a signing certificate's kind at the start of its subject CN ("Apple Development: …", "iPhone
// Distribution: …", "Developer ID Application: …"). Only a distribution certificate can sign an app that launches on
// devices it was not built for; which distribution (in-house or App Store) the CN cannot say, so that is left to the
// profile's type (not-in-house) and its certificate list (certificate-not-in-profile).
const NOT_FOR_DISTRIBUTION: readonly [RegExp, string][] = [
  [/^(Apple Development|iPhone Developer):/, 'a development certificate'],
  [/^(Developer ID Application|Developer ID Installer|Mac Developer|3rd Party Mac Developer \w+|Apple Distribution \(Mac\)):/, 'a Mac certificate'],
];

function certificateKindReasons(bundle: AppBundle): VerdictReason[] {
  const name = bundle.signingCertificate?.commonName;
  const kind = name ? NOT_FOR_DISTRIBUTION.find(([pattern]) => pattern.test(name))?.[1] : undefined;
  if (!name || !kind) return [];
  return [reason('not-distribution-certificate', 'error', `${bundleLabel(bundle)} is signed with "${name}", ${kind}, not an in-house distribution certificate; no pushed profile can keep it launching on your devices`, 'Re-sign the app with the in-house distribution certificate of your Apple Developer Enterprise account (Xcode: Distribute App > Enterprise), embed an in-house profile, and re-upload the .ipa to Intune.', bundle.path)];
}

// Intune's "Capabilities enforcement": every entitlement the app was signed with must be granted by the profile.
// application-identifier keeps its own reason (bundle-not-covered), so it is not repeated here.
function capabilityReasons(bundle: AppBundle, profile: Profile): VerdictReason[] {
  const signed = (bundle.capabilities as AppBundle['capabilities'] | undefined)?.entitlements;
  if (!signed) return [];
  const missing = entitlementsNotGranted(signed, profile.entitlements).filter((key) => key !== 'application-identifier');
  if (missing.length === 0) return [];
  const list = missing.join(', ');
  return [{
    ...reason('capabilities-not-in-profile', 'error', `${bundleLabel(bundle)} was signed with ${missing.length === 1 ? 'a capability' : 'capabilities'} that ${label(profile)} does not grant: ${list}; iOS will refuse to launch it with this profile`, `Add ${missing.length === 1 ? 'this capability' : 'these capabilities'} to the App ID in the Apple Developer portal and regenerate the profile, or re-sign the app without ${missing.length === 1 ? 'it' : 'them'} and re-upload the .ipa.`, bundle.path),
    entitlements: missing,
  }];
}

function notCovered(bundle: AppBundle, candidates: readonly Candidate[]): VerdictReason {
  const appIds = candidates.map((c) => c.profile.applicationIdentifier ?? '?').join(', ');
  const by = appIds === '' ? 'any profile given' : appIds;
  const id = bundle.bundleId ?? 'an unknown bundle id (no Info.plist)';
  return reason('bundle-not-covered', 'error', `${bundleLabel(bundle)} (${id}) is not covered by ${by}; it will stop launching when its current profile expires`, `Also push an in-house profile whose App ID matches ${id}${bundle.kind === 'extension' ? ' (each extension normally needs its own profile)' : ''}, or use a wildcard App ID that covers every bundle.`, bundle.path);
}

function undecodable(result: ProfileResult): VerdictReason {
  return reason('signature-not-valid', 'error', `${result.file} could not be read as a provisioning profile (${result.error?.code ?? 'unknown'}: ${result.error?.message ?? 'no details'})`, 'Download the profile again from the Apple Developer portal.');
}

function noBundles(): VerdictReason {
  return reason('bundle-not-covered', 'error', 'The archive has no app bundle at Payload/*.app, so there is nothing a profile could keep alive', 'Export the app again as an .ipa from Xcode (or your build system) and check that.');
}

function conclude(
  app: DecodedApp,
  reasons: VerdictReason[],
  bundles: BundleCoverage[],
  profileUuid: string | null,
  context: Context,
  several: boolean,
): RenewalVerdict {
  const canKeepAlive = !reasons.some((r) => r.severity === 'error');
  const effectiveUntil = earliest(bundles.map((b) => b.until));
  if (canKeepAlive) {
    const appName = app.bundles[0]?.name ?? app.bundles[0]?.bundleId ?? 'the app';
    const until = effectiveUntil ? ` until ${formatUtc(effectiveUntil)}` : '';
    const pushing = several ? 'Pushing these profiles' : 'Pushing this profile';
    reasons.push(reason('ok', 'info', `${pushing} keeps ${appName} launching on devices that already have it${until}`, okAction(effectiveUntil, context)));
  }
  const ranked = [...reasons].sort((a, b) => PRIORITY.indexOf(a.code) - PRIORITY.indexOf(b.code));
  return { canKeepAlive, effectiveUntil, profileUuid, reasons: ranked, action: ranked[0]?.fix ?? okAction(effectiveUntil, context), bundles };
}

function okAction(effectiveUntil: string | null, context: Context): string {
  const soon = effectiveUntil && daysLeft(effectiveUntil, context.now) <= context.warnDays ? ' Plan the next renewal now.' : '';
  return 'In Intune, go to Apps > iOS app provisioning profiles > Create profile, upload this file and assign it to the groups that have the app. ' +
    `Re-export the .ipa with this profile embedded too, so new installs get it.${soon}`;
}

// A bundle no candidate covers keeps running on the profile it shipped with, so that one's expiry still bounds it.
function until(bundle: AppBundle, profile: Profile | null): string | null {
  const profileEnd = profile ? profile.expiresAt : (bundle.profile?.profile?.expiresAt ?? null);
  return earliest([profileEnd, bundle.signingCertificate?.notAfter ?? null]);
}

function earliest(dates: readonly (string | null)[]): string | null {
  const known = dates.filter((d): d is string => d !== null);
  return known.length ? known.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)) : null;
}

function label(profile: Profile): string {
  return `"${profile.name ?? profile.uuid ?? 'the profile'}"`;
}

function bundleLabel(bundle: AppBundle): string {
  return bundleFolderName(bundle.path);
}

function reason(code: VerdictCode, severity: VerdictReason['severity'], message: string, fix: string, bundlePath?: string): VerdictReason {
  return bundlePath === undefined ? { code, severity, message, fix } : { code, severity, message, fix, bundlePath };
}
