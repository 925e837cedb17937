// The renewal board's data: one row per imported app, judged now. Which stored profiles keep it launching is
// appPlan's answer (the core's renewalVerdict over the profiles profileVerdict calls usable by Intune); when each
// bundle stops launching is profileVerdict's stopsLaunchingOn with the bundle's own signing certificate, so the board,
// the library and the profile page count the same days. Pure, so it is tested without a DOM.
// A deep import: the App ID rule itself (a dependency-free module), not the app decoder behind core/index.
import { appIdCovers, bundleFolderName } from '../../../core/app/bundle';
import { daysLeft, expiryState } from '../../../core/dates';
import { STATUS_ORDER } from '../../../core/profile';
import type { ProfileSummary, StoredApp } from '../../../core/store';
import type { AppBundle, BundleCapabilities, IntegrityStatus, ProfileResult, Severity } from '../../../core/types';
import type { ProfileStatus } from '../../library-model';
import { appPlan } from '../intune/app-plan';
import type { Core } from '../intune/use-core';

/** One thing that keeps the app from being kept alive by Intune, in the verdicts' own words. */
export interface MissingItem {
  severity: Severity;
  /** The bundle it is about; null for the whole app. */
  bundlePath: string | null;
  message: string;
  fix: string;
}

export interface BundlePlan {
  bundle: AppBundle;
  /** The stored record of this bundle's embedded profile (imported with the app), when there is one. */
  embeddedId: string | null;
  /** The newest usable library profile that keeps this bundle launching; null when none does. */
  picked: ProfileSummary | null;
  /** When this bundle stops launching: the picked (or else the embedded) profile's stopsLaunchingOn with this
   *  bundle's certificate, or the certificate's own expiry when it has neither. */
  until: string | null;
  /** `until` has passed. */
  ended: boolean;
  /** The bundle's signing certificate, counted in the one day rule. */
  certificate: { notAfter: string; daysLeft: number | null; expired: boolean } | null;
}

export interface AppRow {
  id: string;
  fileName: string;
  importedAt: string;
  name: string;
  bundleId: string | null;
  /** "1.2.3 (5)". */
  version: string | null;
  signer: { teamName: string | null; teamId: string | null; commonName: string | null; notAfter: string | null; expired: boolean } | null;
  integrity: IntegrityStatus | null;
  capabilities: BundleCapabilities['status'] | null;
  status: ProfileStatus;
  /** Every bundle is covered by a usable library profile and nothing else stands in the way. */
  usable: boolean;
  /** The picked profiles, once each, in bundle order. */
  picked: ProfileSummary[];
  bundles: BundlePlan[];
  launchesUntil: string | null;
  daysLeft: number | null;
  ended: boolean;
  missing: MissingItem[];
  /** The plan's warnings (e.g. the certificate expires before the profile): not blocking, worth knowing. */
  warnings: MissingItem[];
  /** Why the app could not be read, when it could not. */
  error: string | null;
}

const INTEGRITY_RANK: readonly IntegrityStatus[] = ['modified', 'unverifiable', 'unsigned', 'ad-hoc', 'intact'];
const CAPABILITY_RANK: readonly BundleCapabilities['status'][] = ['exceeds', 'unknown', 'covered'];

/** The library prepared once for every app on the board: with thousands of profiles, sorting and judging them per app
 *  would cost seconds, so each profile is judged at most once, and only when some app's bundle could use it. */
export interface JudgedLibrary {
  /** Every decodable profile, the latest expiry first. */
  decodable: readonly ProfileSummary[];
  /** profileVerdict's usableByIntune, remembered. */
  usable(summary: ProfileSummary): boolean;
}

export function judgeLibrary(core: Core, profiles: readonly ProfileSummary[], now: Date, warnDays: number): JudgedLibrary {
  const decodable = profiles
    .flatMap((summary) => (summary.result.ok && summary.result.profile ? [{ summary, key: Date.parse(summary.result.profile.expiresAt ?? '') }] : []))
    .sort((a, b) => (Number.isNaN(b.key) ? -1 : b.key) - (Number.isNaN(a.key) ? -1 : a.key))
    .map(({ summary }) => summary);
  const judged = new Map<string, boolean>();
  return {
    decodable,
    usable(summary) {
      let usable = judged.get(summary.id);
      if (usable === undefined) {
        usable = core.resultVerdict(summary.result, { now, warnDays })?.usableByIntune === true;
        judged.set(summary.id, usable);
      }
      return usable;
    },
  };
}

export function toAppRow(core: Core, stored: StoredApp, profiles: readonly ProfileSummary[], now: Date, warnDays: number, library = judgeLibrary(core, profiles, now, warnDays)): AppRow {
  const bundles = stored.result.app?.bundles ?? [];
  const main = bundles.find((bundle) => bundle.kind === 'app') ?? bundles[0];
  const base = {
    id: stored.id,
    fileName: stored.fileName,
    importedAt: stored.importedAt,
    name: main?.name ?? stored.fileName,
    bundleId: main?.bundleId ?? null,
    version: main?.version ? `${main.version}${main.build && main.build !== main.version ? ` (${main.build})` : ''}` : null,
    signer: signerOf(main, now),
    // Records stored before the app checks existed have neither field.
    integrity: worst(bundles.map((bundle) => (bundle.integrity as AppBundle['integrity'] | undefined)?.status), INTEGRITY_RANK),
    capabilities: worst(bundles.map((bundle) => (bundle.capabilities as AppBundle['capabilities'] | undefined)?.status), CAPABILITY_RANK),
  };
  const app = stored.result.app;
  if (!stored.result.ok || !app || bundles.length === 0) {
    const error = stored.result.error?.message ?? (bundles.length === 0 ? 'The archive has no app bundle at Payload/*.app.' : 'The app could not be read.');
    return { ...base, status: 'unreadable', usable: false, picked: [], bundles: [], launchesUntil: null, daysLeft: null, ended: false, missing: [], warnings: [], error };
  }

  const judged = { now, warnDays };
  // Only profiles whose App ID covers one of its bundles can be picked (core's rule, appIdCovers), and appPlan applies
  // the usable test again: narrowed first, a library of thousands costs each app only its own few.
  const ids = bundles.flatMap((bundle) => (bundle.bundleId ? [bundle.bundleId] : []));
  const relevant = (summary: ProfileSummary) => {
    const pattern = summary.result.profile?.bundleId;
    return !!pattern && ids.some((id) => appIdCovers(pattern, id));
  };
  const candidates = library.decodable.filter(relevant);
  const plan = appPlan(core, app, candidates.filter((summary) => library.usable(summary)), judged);
  const plans = bundles.map((bundle): BundlePlan => {
    const coverage = plan.verdict.bundles?.find((entry) => entry.bundlePath === bundle.path);
    const picked = plan.picked.find((candidate) => coverage?.profileUuid && candidate.result.profile?.uuid === coverage.profileUuid) ?? null;
    const embedded = profiles.find((summary) => summary.source.kind === 'app' && summary.source.appId === stored.id && summary.source.bundlePath === bundle.path) ?? null;
    const certificate = bundle.signingCertificate ? { notAfter: bundle.signingCertificate.notAfter } : null;
    const launching = (result: ProfileResult | undefined) => (result ? core.resultVerdict(result, { ...judged, appCertificate: certificate })?.stopsLaunchingOn ?? null : null);
    const until = launching(picked?.result) ?? launching(embedded?.result ?? bundle.profile ?? undefined) ?? certificate?.notAfter ?? null;
    const counted = certificate && { notAfter: certificate.notAfter, daysLeft: daysUntil(certificate.notAfter, now), expired: Date.parse(certificate.notAfter) <= now.getTime() };
    return { bundle, embeddedId: embedded?.id ?? null, picked, until, ended: until ? Date.parse(until) <= now.getTime() : false, certificate: counted };
  });

  const launchesUntil = earliest(plans.map((entry) => entry.until));
  const state = launchesUntil ? expiryState(launchesUntil, now, warnDays) : null;
  const reasons = plan.verdict.reasons.map((reason): MissingItem => ({
    severity: reason.severity,
    bundlePath: reason.bundlePath ?? null,
    // The verdict names the candidates it was given; here those are "the usable library profiles", so say that.
    message: reason.code === 'bundle-not-covered' && reason.bundlePath ? notCoveredText(bundles.find((bundle) => bundle.path === reason.bundlePath)) ?? reason.message : reason.message,
    fix: reason.fix,
  }));
  return {
    ...base,
    status: integrityStatus(base.integrity) ?? (state === 'expired' ? 'expired' : state === 'expiring' ? 'expiring' : 'ok'),
    usable: plan.verdict.canKeepAlive,
    picked: plan.picked,
    bundles: plans,
    launchesUntil,
    daysLeft: daysUntil(launchesUntil, now),
    ended: launchesUntil ? Date.parse(launchesUntil) <= now.getTime() : false,
    missing: [...reasons.filter((reason) => reason.severity === 'error'), ...nearestUnusable(core, app, plans, candidates, judged)],
    warnings: reasons.filter((reason) => reason.severity === 'warning'),
    error: null,
  };
}

/** For each bundle no usable profile covers: why the library profile that would cover it (the newest such, as
 *  renewalVerdict matches App IDs) cannot, in profileVerdict's words — e.g. it is a development profile, or expired. */
function nearestUnusable(core: Core, app: NonNullable<StoredApp['result']['app']>, plans: readonly BundlePlan[], decodable: readonly ProfileSummary[], judged: { now: Date; warnDays: number }): MissingItem[] {
  const uncovered = plans.filter((entry) => !entry.picked);
  if (uncovered.length === 0 || decodable.length === 0) return [];
  const coverage = core.renewalVerdict(app, decodable.map((summary) => summary.result), judged).bundles ?? [];
  return uncovered.flatMap(({ bundle }) => {
    const uuid = coverage.find((entry) => entry.bundlePath === bundle.path)?.profileUuid;
    const nearest = uuid ? decodable.find((summary) => summary.result.profile?.uuid === uuid) : undefined;
    if (!nearest) return [];
    const certificate = bundle.signingCertificate ? { notAfter: bundle.signingCertificate.notAfter } : null;
    const verdict = core.resultVerdict(nearest.result, { ...judged, appCertificate: certificate });
    const name = nearest.result.profile?.name ?? nearest.fileName;
    return (verdict?.reasonsNotUsable ?? []).map((reason): MissingItem => ({ severity: 'error', bundlePath: bundle.path, message: `${name}: ${reason.message}`, fix: reason.fix }));
  });
}

/** An app changed after signing is as dead as a tampered profile; one whose signature chains to no Apple CA is as
 *  untrusted as a profile that does. The library's words, so one vocabulary covers both. */
function integrityStatus(integrity: IntegrityStatus | null): ProfileStatus | null {
  if (integrity === 'modified') return 'tampered';
  if (integrity === 'unverifiable') return 'untrusted';
  return null;
}

function notCoveredText(bundle: AppBundle | undefined): string | null {
  if (!bundle) return null;
  return `${bundleFolderName(bundle.path)} (${bundle.bundleId ?? 'no bundle ID'}) is not covered by any library profile Intune can use; it stops launching when its current profile expires`;
}

function signerOf(bundle: AppBundle | undefined, now: Date): AppRow['signer'] {
  const certificate = bundle?.signingCertificate;
  if (!certificate) return null;
  return {
    teamName: certificate.organization ?? bundle.profile?.profile?.teamName ?? null,
    teamId: certificate.teamId,
    commonName: certificate.commonName,
    notAfter: certificate.notAfter,
    expired: Date.parse(certificate.notAfter) <= now.getTime(),
  };
}

function worst<T extends string>(values: readonly (T | undefined)[], rank: readonly T[]): T | null {
  let found: T | null = null;
  for (const value of values) if (value !== undefined && (found === null || rank.indexOf(value) < rank.indexOf(found))) found = value;
  return found;
}

function earliest(dates: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const date of dates) if (date && !Number.isNaN(Date.parse(date)) && (best === null || Date.parse(date) < Date.parse(best))) best = date;
  return best;
}

const STATUS_RANK = new Map<ProfileStatus, number>(['unreadable', ...STATUS_ORDER].map((status, rank) => [status as ProfileStatus, rank]));

/** Most urgent first: the worst status, then apps Intune cannot keep alive, then the soonest end of launching. */
export function byUrgency(a: AppRow, b: AppRow): number {
  return (
    (STATUS_RANK.get(a.status) ?? 0) - (STATUS_RANK.get(b.status) ?? 0) ||
    Number(a.usable) - Number(b.usable) ||
    time(a.launchesUntil) - time(b.launchesUntil) ||
    a.name.localeCompare(b.name)
  );
}

function daysUntil(iso: string | null, now: Date): number | null {
  return iso && !Number.isNaN(Date.parse(iso)) ? daysLeft(iso, now) : null;
}

function time(iso: string | null): number {
  const value = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}

export function toAppRows(core: Core, apps: readonly StoredApp[], profiles: readonly ProfileSummary[], now: Date, warnDays: number): AppRow[] {
  const library = judgeLibrary(core, profiles, now, warnDays);
  return apps.map((app) => toAppRow(core, app, profiles, now, warnDays, library)).sort(byUrgency);
}
