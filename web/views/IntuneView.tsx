// "Prepare for Intune": the portal's Create-profile wizard for iOS app provisioning profiles, ending in Graph requests
// and a PowerShell script instead of a Create button. For one stored profile (#/intune/<id>), or for an app
// (#/intune): the stored profiles that keep all its bundles alive, in one job. A profile Intune's push cannot use
// gets its reasons (profileVerdict, the rule every view shares) and no outputs.
import type { IntuneFile } from '../../core/index';
import { useAppContext } from '../app-context';
import { FindingItem } from '../components/FindingItem';
import { profileHref } from '../router';
import { useStoredProfile } from '../use-stored-profile';
import type { Summaries } from '../use-summaries';
import { AppProfiles } from './intune/AppProfiles';
import { useCore, type Core } from './intune/use-core';
import { Wizard } from './intune/Wizard';

export function IntuneView({ id, summaries }: { id: string | null; summaries: Summaries }) {
  const core = useCore();
  return (
    <section aria-labelledby="intune-title">
      <h1 id="intune-title">Prepare for Intune</h1>
      <p>
        Intune &gt; Apps &gt; iOS app provisioning profiles pushes a renewed in-house profile to devices so the app keeps
        launching. Fill in what the portal asks; ProvLens writes the requests and a script, and sends nothing.
      </p>
      {!core ? <p>Loading…</p> : id ? <ProfileJob core={core} id={id} /> : <AppProfiles core={core} summaries={summaries} />}
    </section>
  );
}

function ProfileJob({ core, id }: { core: Core; id: string }) {
  const { settings } = useAppContext();
  const stored = useStoredProfile(id);
  if (stored === undefined) return <p>Loading…</p>;
  const profile = stored?.result.profile;
  const signature = stored?.result.signature;
  if (!stored || !profile || !signature) return <p role="alert">This profile is not in the library or could not be read.</p>;
  const verdict = core.profileVerdict({ profile, signature }, { warnDays: settings.warnDays });
  const back = <a href={profileHref(stored.id)}>Back to {profile.name ?? stored.fileName}</a>;
  if (!verdict.usableByIntune) return <Refusal name={profile.name ?? stored.fileName} reasons={verdict.reasonsNotUsable} back={back} />;
  const files: IntuneFile[] = [{ result: stored.result, bytes: stored.bytes, fileName: stored.fileName }];
  return (
    <>
      <p>{back}</p>
      <Wizard core={core} files={files} />
    </>
  );
}

export function Refusal({ name, reasons, back }: { name: string; reasons: ReturnType<Core['profileVerdict']>['reasonsNotUsable']; back?: preact.ComponentChildren }) {
  return (
    <section class="card" aria-labelledby="refusal-title">
      <h2 id="refusal-title">Intune cannot use {name}</h2>
      <p>ProvLens prepares nothing for it: pushing it would not keep any app launching.</p>
      <ul class="findings">
        {reasons.map((reason) => (
          <FindingItem key={reason.code} severity="error" message={reason.message} fix={reason.fix} />
        ))}
      </ul>
      {back && <p>{back}</p>}
    </section>
  );
}
