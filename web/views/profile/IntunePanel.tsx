// Whether Intune's "iOS app provisioning profiles" push can use this file (profileVerdict, the shared rule), and the
// way to the "Prepare for Intune" page that writes the whole job.
import type { StoredProfile } from '../../../core/store';
import { useAppContext } from '../../app-context';
import { intuneHref } from '../../router';
import { useCore } from '../intune/use-core';

export function IntunePanel({ stored }: { stored: StoredProfile }) {
  const { settings } = useAppContext();
  const core = useCore();
  const { profile, signature } = stored.result;
  const verdict = core && profile && signature ? core.profileVerdict({ profile, signature }, { warnDays: settings.warnDays }) : null;
  return (
    <section aria-labelledby="intune-title">
      <h2 id="intune-title">Intune</h2>
      {verdict && !verdict.usableByIntune ? (
        <p>
          Intune's push cannot use this profile: {verdict.reasonsNotUsable.map((reason) => reason.message).join(' ')}{' '}
          <a href={intuneHref(stored.id)}>What to do instead</a>
        </p>
      ) : (
        <p>
          <a class="button" href={intuneHref(stored.id)}>
            Prepare for Intune
          </a>{' '}
          <span class="muted">
            Create and assign it, or renew an existing profile in place, in any Microsoft cloud.{' '}
            <a href={intuneHref(null)}>For an app with extensions, prepare all its profiles at once.</a>
          </span>
        </p>
      )}
    </section>
  );
}
