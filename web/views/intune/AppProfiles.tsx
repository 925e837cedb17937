// For an app: which stored profiles keep every bundle (the app and its extensions) launching, found with the core's
// renewalVerdict over all usable candidates at once (per-bundle coverage), then one Intune job for all of them.
import { useState } from 'preact/hooks';
import type { ProfileSummary } from '../../../core/store';
import type { AppResult, IntuneFile, RenewalVerdict } from '../../../core/index';
import { useAppContext } from '../../app-context';
import { DateText } from '../../components/DateText';
import { DropZone } from '../../components/DropZone';
import { FindingItem } from '../../components/FindingItem';
import type { Summaries } from '../../use-summaries';
import { appPlan } from './app-plan';
import type { Core } from './use-core';
import { Wizard } from './Wizard';

interface Plan {
  app: AppResult;
  verdict: RenewalVerdict;
  files: IntuneFile[];
}

export function AppProfiles({ core, summaries }: { core: Core; summaries: Summaries }) {
  const { library, settings, announce } = useAppContext();
  const [plan, setPlan] = useState<Plan | null>(null);

  const readApp = async (dropped: File[]) => {
    const file = dropped[0];
    if (!file) return;
    const app = await core.inspect(file.name, new Uint8Array(await file.arrayBuffer()));
    if (app.kind !== 'app' || !app.app) {
      announce(`${file.name} could not be read as an app (.ipa).`);
      return;
    }
    const { verdict, picked } = appPlan(core, app.app, summaries.profiles, { warnDays: settings.warnDays });
    const stored = await Promise.all(picked.map((summary) => library.getProfile(summary.id)));
    const files = stored.flatMap((record) => (record ? [{ result: record.result, bytes: record.bytes, fileName: record.fileName }] : []));
    setPlan({ app, verdict, files });
    announce(`${file.name}: ${verdict.canKeepAlive ? `${files.length} profile(s) keep it launching` : 'the stored profiles cannot keep it launching'}.`);
  };

  return (
    <>
      <p>Drop the in-house app (.ipa) that is on devices: ProvLens finds the stored profiles that keep each of its bundles launching.</p>
      <DropZone accept=".ipa" multiple={false} allowFolder={false} pickLabel="Choose an .ipa" onFiles={(files) => void readApp(files)}>
        <p>Drop an .ipa here.</p>
      </DropZone>
      {plan && <Coverage plan={plan} summaries={summaries.profiles} />}
      {plan?.verdict.canKeepAlive && plan.files.length > 0 && <Wizard core={core} files={plan.files} />}
    </>
  );
}

function Coverage({ plan, summaries }: { plan: Plan; summaries: readonly ProfileSummary[] }) {
  const nameOf = (uuid: string | null) => summaries.find((summary) => summary.result.profile?.uuid === uuid)?.result.profile?.name ?? uuid ?? 'none';
  const { verdict } = plan;
  return (
    <section class={`card verdict-card ${verdict.canKeepAlive ? 'keeps' : 'fails'}`} aria-labelledby="coverage-title">
      <h2 id="coverage-title">{verdict.canKeepAlive ? 'These profiles keep every bundle launching' : 'The stored profiles cannot keep this app launching'}</h2>
      <table class="plain">
        <thead>
          <tr>
            <th scope="col">Bundle</th>
            <th scope="col">Bundle ID</th>
            <th scope="col">Profile</th>
            <th scope="col">Keeps it launching until</th>
          </tr>
        </thead>
        <tbody>
          {(verdict.bundles ?? []).map((bundle) => (
            <tr key={bundle.bundlePath}>
              <th scope="row" class="mono">
                {bundle.bundlePath}
              </th>
              <td class="mono">{bundle.bundleId ?? '—'}</td>
              <td>{bundle.profileUuid ? nameOf(bundle.profileUuid) : 'no usable stored profile covers it'}</td>
              <td>
                <DateText iso={bundle.until} withTime />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>Next step:</strong> {verdict.action}
      </p>
      {!verdict.canKeepAlive && (
        <ul class="findings">
          {verdict.reasons.map((reason, index) => (
            <FindingItem key={index} severity={reason.severity} message={reason.message} fix={reason.fix} />
          ))}
        </ul>
      )}
    </section>
  );
}
