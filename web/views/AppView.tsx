// One imported app: its bundles (signer, embedded profile, Intune's two app checks), the library profile picked to
// keep each bundle launching, what is missing, and the actions: Prepare for Intune (only when the push can keep the
// whole app alive) and Remove.
import { useMemo, useState } from 'preact/hooks';
import { useAppContext } from '../app-context';
import { BundleChecks } from '../components/BundleChecks';
import { DateText, DaysLeft } from '../components/DateText';
import { FindingItem } from '../components/FindingItem';
import { StatusBadge } from '../components/StatusBadge';
import { intuneHref, navigate, profileHref } from '../router';
import type { Summaries } from '../use-summaries';
import { toAppRow, type AppRow, type BundlePlan, type MissingItem } from './apps/app-board';
import { LaunchesUntil, PickedProfiles } from './apps/app-parts';
import { useApps } from './apps/use-apps';
import { useCore } from './intune/use-core';

export function AppView({ id, summaries }: { id: string; summaries: Summaries }) {
  const { library, settings } = useAppContext();
  const { apps, loaded, error } = useApps(library);
  const core = useCore();
  const stored = apps.find((app) => app.id === id);
  const row = useMemo(
    () => (core && stored && summaries.complete ? toAppRow(core, stored, summaries.profiles, new Date(), settings.warnDays) : null),
    [core, stored, summaries.profiles, summaries.complete, settings.warnDays],
  );

  if (error || summaries.error) return <p role="alert">The library could not be read: {error ?? summaries.error}</p>;
  if (loaded && !stored)
    return (
      <section aria-labelledby="app-title">
        <h1 id="app-title">App not found</h1>
        <p>
          It may have been removed. <a href="#/apps">Back to the apps</a>
        </p>
      </section>
    );
  if (!row) return <p>Loading…</p>;
  return <AppPage row={row} />;
}

function AppPage({ row }: { row: AppRow }) {
  return (
    <article aria-labelledby="app-title" class="app-page">
      <p>
        <a href="#/apps">All apps</a>
      </p>
      <h1 id="app-title">{row.name}</h1>
      <p class="headline">
        <StatusBadge status={row.status} />
        <span class="mono">{row.bundleId ?? 'no bundle ID'}</span>
        {row.version && <span>version {row.version}</span>}
        {row.launchesUntil && (
          <span>
            {row.ended ? 'stopped launching ' : 'launches until '}
            <LaunchesUntil row={row} />
          </span>
        )}
      </p>
      <p class="muted">
        {row.fileName}, imported <DateText iso={row.importedAt} />
      </p>
      {row.error ? (
        <p role="alert">{row.error}</p>
      ) : (
        <>
          <Renewal row={row} />
          <section aria-labelledby="bundles-title">
            <h2 id="bundles-title">Bundles ({row.bundles.length})</h2>
            {row.bundles.map((plan) => (
              <BundleSection key={plan.bundle.path} plan={plan} missing={row.missing.filter((item) => item.bundlePath === plan.bundle.path)} />
            ))}
          </section>
        </>
      )}
      <RemoveApp row={row} />
    </article>
  );
}

function Renewal({ row }: { row: AppRow }) {
  const whole = row.missing.filter((item) => item.bundlePath === null);
  const single = row.picked.length === 1 ? row.picked[0] : undefined;
  return (
    <section aria-labelledby="renewal-title" class={`card verdict-card ${row.usable ? 'keeps' : 'fails'}`}>
      <h2 id="renewal-title">{row.usable ? 'Intune can keep this app launching' : 'Intune cannot keep this app launching yet'}</h2>
      <p>
        <strong>Picked from the library:</strong> <PickedProfiles row={row} />
      </p>
      {row.usable ? (
        <p>
          <a class="button" href={intuneHref(single?.id ?? null)}>
            Prepare for Intune
          </a>
          {!single && ' Drop this .ipa there: one job pushes every picked profile.'}
        </p>
      ) : (
        <p>
          {row.missing.length === 0
            ? 'Nothing in the library covers it.'
            : `${row.missing.length} thing${row.missing.length === 1 ? '' : 's'} missing; each bundle below says what.`}{' '}
          Import the renewed in-house profiles (<a href="#/import">Import</a>) and this page updates.
        </p>
      )}
      <MissingList items={whole} />
      <MissingList items={row.warnings.filter((item) => item.bundlePath === null)} />
    </section>
  );
}

function BundleSection({ plan, missing }: { plan: BundlePlan; missing: MissingItem[] }) {
  const { bundle, picked } = plan;
  const signer = bundle.signingCertificate;
  const embedded = bundle.profile?.profile;
  return (
    <section class="card bundle" aria-label={`Bundle ${bundle.path}`}>
      <h3 class="mono">{bundle.path}</h3>
      <dl class="facts">
        <dt>Bundle ID</dt>
        <dd class="mono">{bundle.bundleId ?? '—'}</dd>
        <dt>Kind</dt>
        <dd>{bundle.kind === 'app' ? 'App' : 'Extension'}</dd>
        <dt>Executable</dt>
        <dd class="mono">{bundle.executable ?? '—'}</dd>
        <dt>Signed by</dt>
        <dd>
          {signer ? (
            <>
              {signer.commonName ?? signer.sha256}
              {signer.organization && ` — ${signer.organization}`}
              {signer.teamId && ` (${signer.teamId})`}
              <br />
              {plan.certificate?.expired ? 'expired ' : 'expires '}
              <DateText iso={signer.notAfter} /> (<DaysLeft days={plan.certificate?.daysLeft ?? null} ended={plan.certificate?.expired ?? false} />)
            </>
          ) : (
            'no signing certificate could be read'
          )}
        </dd>
        <dt>Embedded profile</dt>
        <dd>
          {embedded ? (
            plan.embeddedId ? (
              <a href={profileHref(plan.embeddedId)}>{embedded.name ?? embedded.uuid ?? 'embedded.mobileprovision'}</a>
            ) : (
              (embedded.name ?? 'embedded.mobileprovision')
            )
          ) : (
            'none'
          )}
        </dd>
        <dt>Renewal</dt>
        <dd>
          {picked ? <a href={profileHref(picked.id)}>{picked.result.profile?.name ?? picked.fileName}</a> : 'no usable library profile covers it'}
          {plan.until && (
            <>
              {plan.ended ? '; stopped launching ' : '; launches until '}
              <DateText iso={plan.until} />
            </>
          )}
        </dd>
      </dl>
      {bundle.notes.length > 0 && (
        <ul>
          {bundle.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      )}
      <MissingList items={missing} />
      <BundleChecks bundle={bundle} />
    </section>
  );
}

function MissingList({ items }: { items: MissingItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul class="findings">
      {items.map((item, index) => (
        <FindingItem key={index} severity={item.severity} message={item.message} fix={item.fix} />
      ))}
    </ul>
  );
}

function RemoveApp({ row }: { row: AppRow }) {
  const { library, announce } = useAppContext();
  const [confirming, setConfirming] = useState(false);
  const remove = async () => {
    await library.deleteApp(row.id);
    announce(`Removed ${row.name}.`);
    navigate('#/apps');
  };
  return (
    <section aria-labelledby="remove-title">
      <h2 id="remove-title">Remove</h2>
      <p>Removes this app and the profiles stored from inside it; profiles you imported as files stay in the library.</p>
      {confirming ? (
        <p class="actions">
          <button type="button" class="danger" onClick={() => void remove()}>
            Confirm: remove {row.name}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Remove app
        </button>
      )}
    </section>
  );
}
