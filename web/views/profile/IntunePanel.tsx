// Whether Intune's "iOS app provisioning profiles" push can use this file (the live profileVerdict the page computed,
// the shared rule), and the way to the "Prepare for Intune" page that writes the whole job. When it cannot, the first
// line says why and what to get instead; no upload help is offered.
import type { ProfileVerdict } from '../../../core/profile';
import type { StoredProfile } from '../../../core/store';
import { intuneHref } from '../../router';

export function IntunePanel({ stored, verdict }: { stored: StoredProfile; verdict: ProfileVerdict | null }) {
  if (!verdict?.usableByIntune) {
    const [first, ...rest] = verdict?.reasonsNotUsable ?? [];
    return (
      <section aria-labelledby="intune-title" class="not-for-intune">
        <h2 id="intune-title">Intune</h2>
        <p>
          Intune's push cannot use this profile: {first ? first.message : 'it could not be decoded.'}{' '}
          <a href={intuneHref(stored.id)}>What to do instead</a>
        </p>
        {first && <p>{`Instead: ${first.fix}`}</p>}
        {rest.length > 0 && (
          <ul>
            {rest.map((reason) => (
              <li key={reason.code}>{`${reason.message} ${reason.fix}`}</li>
            ))}
          </ul>
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="intune-title">
      <h2 id="intune-title">Intune</h2>
      <p>An in-house iOS profile, signed by Apple and in date: Intune's iOS app provisioning profiles push can use it.</p>
      <p>
        <a class="button" href={intuneHref(stored.id)}>
          Prepare for Intune
        </a>{' '}
        <span class="muted">
          Create and assign it, or renew an existing profile in place, in any Microsoft cloud.{' '}
          <a href={intuneHref(null)}>For an app with extensions, prepare all its profiles at once.</a>
        </span>
      </p>
    </section>
  );
}
