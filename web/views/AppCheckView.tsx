// App check: drop an .ipa, pick candidate profiles (e.g. this year's renewal), and read the core's renewal verdict:
// can pushing that profile through Intune keep this app launching, and until when?
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ProfileSummary } from '../../core/store';
import type { AppResult, ProfileResult, RenewalVerdict } from '../../core/types';
import type { ImportFailure } from '../import/decode-group';
import { useAppContext } from '../app-context';
import { BundleChecks } from '../components/BundleChecks';
import { DateText } from '../components/DateText';
import { DropZone } from '../components/DropZone';
import { FindingItem } from '../components/FindingItem';
import { loadCore } from '../lazy-core';
import type { Summaries } from '../use-summaries';

interface Candidate {
  id: string;
  label: string;
  result: ProfileResult;
}

export function AppCheckView({ summaries }: { summaries: Summaries }) {
  const { settings, announce } = useAppContext();
  const [app, setApp] = useState<AppResult | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [verdicts, setVerdicts] = useState<{ candidate: Candidate; verdict: RenewalVerdict }[]>([]);
  const [failure, setFailure] = useState<ImportFailure | null>(null);

  const candidates = useMemo(() => candidatesFor(app, summaries.profiles), [app, summaries.profiles]);

  // The check of the file being read: stopped when another file is chosen or the view is left.
  const reading = useRef<AbortController | null>(null);
  useEffect(() => () => reading.current?.abort(), []);

  const readApp = async (files: File[]) => {
    const file = files[0];
    if (!file) return;
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    announce(`Reading ${file.name}…`);
    setFailure(null);
    // Off the main thread: checking a large app's every page and sealed file would otherwise freeze the page.
    const { inspectOffThread } = await import('../import/inspect-off-thread');
    const inspected = await inspectOffThread(file, controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return null;
      throw error;
    });
    if (!inspected || controller.signal.aborted) return;
    if ('failure' in inspected) {
      setApp(null);
      setVerdicts([]);
      setFailure(inspected.failure);
      announce(`${inspected.failure.fileName}: ${inspected.failure.message}`);
      return;
    }
    const { result } = inspected;
    if (result.kind !== 'app') {
      announce(`${file.name} is not an app (.ipa).`);
      return;
    }
    setApp(result);
    setVerdicts([]);
    const embedded = result.app?.bundles.flatMap((bundle) => (bundle.profile ? [embeddedId(bundle.path)] : [])) ?? [];
    setChosen(new Set(embedded));
    announce(result.ok ? `Read ${file.name}: ${result.app?.bundles.length ?? 0} bundles.` : `${file.name}: ${result.error?.message}`);
  };

  const check = async () => {
    if (!app?.app) return;
    const core = await loadCore();
    const decoded = app.app;
    const picked = candidates.filter((candidate) => chosen.has(candidate.id));
    setVerdicts(
      picked.map((candidate) => ({
        candidate,
        verdict: core.renewalVerdict(decoded, candidate.result, { warnDays: settings.warnDays }),
      })),
    );
    announce(`Checked ${picked.length} candidate profile${picked.length === 1 ? '' : 's'}.`);
  };

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setChosen(next);
  };

  return (
    <section aria-labelledby="app-check-title">
      <h1 id="app-check-title">App check</h1>
      <p>Can pushing a renewed profile through Intune keep an in-house app alive? Drop the .ipa, pick candidates.</p>
      <DropZone accept=".ipa" multiple={false} allowFolder={false} pickLabel="Choose an .ipa" onFiles={(files) => void readApp(files)}>
        <p>Drop an .ipa here.</p>
      </DropZone>
      {failure && <p role="alert">{`${failure.fileName}: ${failure.message}`}</p>}
      {app?.app && <Bundles app={app} />}
      {app?.app && (
        <fieldset class="candidates">
          <legend>Candidate profiles</legend>
          {candidates.length === 0 && <p>No stored profile could cover this app. Import the renewed profile first.</p>}
          {candidates.map((candidate) => (
            <label key={candidate.id} class="inline">
              <input type="checkbox" checked={chosen.has(candidate.id)} onChange={() => toggle(candidate.id)} />
              {candidate.label}
            </label>
          ))}
          <p>
            <button type="button" disabled={chosen.size === 0} onClick={() => void check()}>
              Check renewal
            </button>
          </p>
        </fieldset>
      )}
      {verdicts.map(({ candidate, verdict }) => (
        <VerdictCard key={candidate.id} label={candidate.label} verdict={verdict} />
      ))}
    </section>
  );
}

function Bundles({ app }: { app: AppResult }) {
  return (
    <>
      <table class="plain">
        <caption>Bundles in {app.file}</caption>
        <thead>
          <tr>
            <th scope="col">Bundle</th>
            <th scope="col">Bundle ID</th>
            <th scope="col">Embedded profile</th>
            <th scope="col">Signed by</th>
            <th scope="col">Integrity</th>
            <th scope="col">Capabilities</th>
          </tr>
        </thead>
        <tbody>
          {app.app?.bundles.map((bundle) => (
            <tr key={bundle.path}>
              <th scope="row" class="mono">
                {bundle.path}
              </th>
              <td class="mono">{bundle.bundleId ?? '—'}</td>
              <td>{bundle.profile?.profile?.name ?? 'none'}</td>
              <td>{bundle.signingCertificate?.commonName ?? 'unknown'}</td>
              <td>{bundle.integrity?.status ?? '—'}</td>
              <td>{bundle.capabilities?.status ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {app.app?.bundles.map((bundle) => <BundleChecks key={bundle.path} bundle={bundle} />)}
    </>
  );
}

function VerdictCard({ label, verdict }: { label: string; verdict: RenewalVerdict }) {
  const byBundle = new Map<string, typeof verdict.reasons>();
  for (const reason of verdict.reasons) {
    const key = reason.bundlePath ?? 'Whole app';
    byBundle.set(key, [...(byBundle.get(key) ?? []), reason]);
  }
  return (
    <section class={`card verdict-card ${verdict.canKeepAlive ? 'keeps' : 'fails'}`} aria-label={`Verdict for ${label}`}>
      <h2>{label}</h2>
      <p class="verdict-line">
        <span aria-hidden="true">{verdict.canKeepAlive ? '✓ ' : '✕ '}</span>
        <strong>{verdict.canKeepAlive ? 'Pushing this profile keeps the app launching' : 'This profile cannot keep the app alive'}</strong>
        {verdict.effectiveUntil && (
          <>
            {' '}
            until <DateText iso={verdict.effectiveUntil} withTime />
          </>
        )}
      </p>
      <p>
        <strong>Next step:</strong> {verdict.action}
      </p>
      {[...byBundle].map(([bundle, reasons]) => (
        <div key={bundle}>
          <h3 class="mono">{bundle}</h3>
          <ul class="findings">
            {reasons.map((reason, index) => (
              <FindingItem key={index} severity={reason.severity} message={reason.message} fix={reason.fix} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function embeddedId(bundlePath: string): string {
  return `embedded:${bundlePath}`;
}

/** The app's own embedded profiles first, then stored profiles of the same team or covering one of its bundle ids. */
function candidatesFor(app: AppResult | null, stored: ProfileSummary[]): Candidate[] {
  const bundles = app?.app?.bundles ?? [];
  const embedded: Candidate[] = bundles.flatMap((bundle) =>
    bundle.profile?.profile
      ? [{ id: embeddedId(bundle.path), label: `${bundle.profile.profile.name ?? 'profile'} (embedded in ${bundle.path})`, result: bundle.profile }]
      : [],
  );
  const teams = new Set(bundles.flatMap((bundle) => [bundle.signingCertificate?.teamId, bundle.profile?.profile?.teamId]));
  const embeddedUuids = new Set(embedded.map((candidate) => candidate.result.profile?.uuid));
  const fromLibrary = stored
    .filter((summary) => summary.result.profile && teams.has(summary.teamId ?? undefined))
    .filter((summary) => !embeddedUuids.has(summary.result.profile?.uuid))
    .map((summary) => ({
      id: summary.id,
      label: `${summary.result.profile?.name ?? summary.fileName} (library, expires ${summary.expiresAt?.slice(0, 10) ?? '?'})`,
      result: summary.result,
    }));
  return [...embedded, ...fromLibrary];
}
