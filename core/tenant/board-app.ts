// One row of the tenant board: an iOS line-of-business app as Intune holds it, the configurations whose App ID covers
// it (appIdCovers, as iOS applies App IDs; same team where the app's team is known), each judged by profileVerdict
// with the app's own certificate when the library holds its .ipa, whether each reaches the groups that have the app,
// and when the app stops launching on those devices: the later of the profile inside the uploaded .ipa (Intune's
// expirationDateTime for the app) and the best usable configuration that reaches all of them — never past the signing
// certificate (Microsoft: a pushed profile helps only while the app's certificate is valid).
import { appIdCovers } from '../app/bundle';
import { renewalVerdict } from '../app/verdict';
import { daysLeft, expiryState } from '../dates';
import { resultVerdict } from '../profile/profile-verdict';
import type { AppBundle, ProfileResult, SigningCertificate } from '../types';
import type { Judging } from './board-configurations';
import { reachOf, resolveTargets } from './targets';
import type { ConfigurationView, CoveringConfiguration, GraphIosApp, LaunchState, LibraryApp, TenantAppRow, TenantBoardInput } from './types';

export interface AppContext extends Judging {
  input: TenantBoardInput;
  views: readonly ConfigurationView[];
}

/** A row before its action and problems, with what those need. */
export interface JudgedApp {
  app: GraphIosApp;
  row: Omit<TenantAppRow, 'action' | 'problems'>;
  /** Covering configurations, best first, each with its view. */
  covering: Covering[];
  /** The best usable configuration that reaches every device with the app. */
  best: Covering | null;
  certificate: SigningCertificate | null;
  team: string | null;
}

export interface Covering {
  view: ConfigurationView;
  judged: CoveringConfiguration;
  /** What ended the verdict's stopsLaunchingOn: the profile, or a certificate (the app's or the profile's). */
  endedBy: 'profile' | 'certificate' | null;
}

export function judgeApp(app: GraphIosApp, context: AppContext): JudgedApp {
  const { snapshot } = context.input;
  const targets = resolveTargets(app.assignments, snapshot.groups);
  const library = libraryAppFor(app, context.input.library.apps);
  const main = library ? mainBundle(library) : null;
  const certificate = main?.signingCertificate ?? null;
  const team = certificate?.teamId ?? main?.profile?.profile?.teamId ?? null;
  const covering = context.views
    .filter((view) => app.bundleId !== null && covers(view, app.bundleId, team))
    .map((view) => judgeCovering(view, context.input.payloads[view.id], targets, certificate, context))
    .sort(byBest);
  const best = covering.find(({ judged }) => judged.usable && judged.reaches === 'all') ?? null;
  const end = stopsLaunching(app, best, certificate);
  const on = end.stopsLaunchingOn;
  const state: LaunchState = on ? stateOf(expiryState(on, context.now, context.warnDays)) : 'unknown';
  return {
    app,
    covering,
    best,
    certificate,
    team,
    row: {
      id: app.id,
      name: app.displayName ?? app.bundleId ?? app.id,
      bundleId: app.bundleId,
      version: app.versionNumber,
      build: app.buildNumber,
      intuneExpiry: app.expirationDateTime,
      targets,
      configurations: covering.map(({ judged }) => judged),
      libraryApp: library && main ? { id: library.id, fileName: library.fileName, check: appCheck(library, context, team) } : null,
      scopeTags: app.roleScopeTagIds.map((id) => ({ id, name: snapshot.scopeTags[id] ?? null })),
      certificate: certificate ? { known: true, commonName: certificate.commonName, notAfter: certificate.notAfter, teamId: certificate.teamId } : { known: false },
      ...end,
      daysLeft: on ? daysLeft(on, context.now) : null,
      state,
    },
  };
}

/** The configuration's App ID covers the bundle id, and its team is the app's where both are known. */
export function covers(view: ConfigurationView, bundleId: string, team: string | null): boolean {
  const profile = view.profile;
  if (!profile?.bundleId || !appIdCovers(profile.bundleId, bundleId)) return false;
  return team === null || profile.teamId === null || profile.teamId === team;
}

function judgeCovering(view: ConfigurationView, payload: ProfileResult | undefined, app: TenantAppRow['targets'], certificate: SigningCertificate | null, judging: Judging): Covering {
  const verdict = payload ? resultVerdict(payload, { ...judging, appCertificate: certificate }) : null;
  // A profile that does not list the certificate that signed the app cannot keep it launching, whatever else it is.
  const listsCertificate = !certificate || (payload?.profile?.certificates.some((c) => c.sha256 === certificate.sha256) ?? false);
  const judged: CoveringConfiguration = {
    configurationId: view.id,
    status: verdict?.status ?? 'unreadable',
    usable: (verdict?.usableByIntune ?? false) && listsCertificate,
    stopsLaunchingOn: verdict?.stopsLaunchingOn ?? null,
    ...reachOf(app, view.targets),
  };
  return { view, judged, endedBy: verdict?.stopsLaunchingBecause ?? null };
}

const REACH_RANK = { all: 0, some: 1, none: 2 } as const;

function byBest(a: Covering, b: Covering): number {
  return Number(b.judged.usable) - Number(a.judged.usable) || REACH_RANK[a.judged.reaches] - REACH_RANK[b.judged.reaches] || time(b.judged.stopsLaunchingOn) - time(a.judged.stopsLaunchingOn);
}

function time(iso: string | null): number {
  const value = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}

function stopsLaunching(app: GraphIosApp, best: Covering | null, certificate: SigningCertificate | null): Pick<TenantAppRow, 'stopsLaunchingOn' | 'stopsLaunchingBecause'> {
  const embedded = app.expirationDateTime;
  const pushed = best?.judged.stopsLaunchingOn ?? null;
  // On a tie the pushed profile is named: it is the one the admin renews.
  const usePushed = pushed !== null && (embedded === null || time(pushed) >= time(embedded));
  const on = usePushed ? pushed : embedded;
  if (on === null) return { stopsLaunchingOn: null, stopsLaunchingBecause: null };
  if (certificate && time(certificate.notAfter) <= time(on)) return { stopsLaunchingOn: certificate.notAfter, stopsLaunchingBecause: 'certificate' };
  // Without the app's certificate, profileVerdict ends a pushed profile at the last of its own certificates.
  if (usePushed) return { stopsLaunchingOn: on, stopsLaunchingBecause: best?.endedBy === 'certificate' ? 'certificate' : 'pushed-profile' };
  return { stopsLaunchingOn: on, stopsLaunchingBecause: 'embedded-profile' };
}

function stateOf(state: ReturnType<typeof expiryState>): LaunchState {
  if (state === 'expired') return 'stopped';
  if (state === 'expiring') return 'within';
  return state === 'ok' ? 'ok' : 'unknown';
}

// ---- the library's .ipa ----

/** The library's .ipa of this app: same main bundle id, the same version and build preferred. */
function libraryAppFor(app: GraphIosApp, apps: readonly LibraryApp[]): LibraryApp | null {
  if (!app.bundleId) return null;
  const score = (candidate: LibraryApp) => {
    const main = mainBundle(candidate);
    return (main?.version === app.versionNumber ? 2 : 0) + (main?.build === app.buildNumber ? 1 : 0);
  };
  const matching = apps.filter((candidate) => candidate.result.ok && mainBundle(candidate)?.bundleId === app.bundleId);
  return matching.reduce<LibraryApp | null>((best, candidate) => (best === null || score(candidate) > score(best) ? candidate : best), null);
}

function mainBundle(library: LibraryApp): AppBundle | null {
  const bundles = library.result.app?.bundles ?? [];
  return bundles.find((bundle) => bundle.kind === 'app') ?? bundles[0] ?? null;
}

/** Intune's full app check of the library's .ipa against the configurations that cover its bundles: the usable ones
 *  when there are any (a tampered copy beside a good one must not decide), else all of them, so the reasons show. */
function appCheck(library: LibraryApp, context: AppContext, team: string | null) {
  const decoded = library.result.app;
  const ids = (decoded?.bundles ?? []).flatMap((bundle) => (bundle.bundleId ? [bundle.bundleId] : []));
  const relevant = context.views.filter((view) => ids.some((id) => covers(view, id, team)));
  const payload = (view: ConfigurationView) => context.input.payloads[view.id];
  const usable = relevant.filter((view) => view.verdict?.usableByIntune);
  const candidates = (usable.length > 0 ? usable : relevant).map(payload).filter((result): result is ProfileResult => result !== undefined);
  return renewalVerdict(decoded ?? { bundles: [], notes: [] }, candidates, { now: context.now, warnDays: context.warnDays });
}
