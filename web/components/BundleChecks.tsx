// Intune's two app checks for one bundle, as the core judged them: installation file integrity (with every problem
// and the file at fault) and capabilities (the entitlements the executable was signed with, in full, and those its
// embedded profile does not grant). Used by the App check.
import type { AppBundle } from '../../core/types';

const INTEGRITY_LABEL: Record<AppBundle['integrity']['status'], string> = {
  intact: 'Intact: every sealed file and code page matches the signature',
  modified: 'Modified after signing: iOS and Intune will refuse it',
  unsigned: 'Not code-signed',
  'ad-hoc': 'Ad-hoc signature: no signing certificate',
  unverifiable: 'The signature cannot be verified',
};

const CAPABILITY_LABEL: Record<AppBundle['capabilities']['status'], string> = {
  covered: 'Covered: the embedded profile grants every signed entitlement',
  exceeds: 'Exceeds the embedded profile',
  unknown: 'Unknown: no signed entitlements or no embedded profile to compare',
};

export function BundleChecks({ bundle }: { bundle: AppBundle }) {
  // Records stored before these checks existed have neither field.
  const integrity = bundle.integrity as AppBundle['integrity'] | undefined;
  const capabilities = bundle.capabilities as AppBundle['capabilities'] | undefined;
  return (
    <section class="card bundle-checks" aria-label={`Checks for ${bundle.path}`}>
      <h3 class="mono">{bundle.path}</h3>
      {integrity && (
        <>
          <p>
            <strong>Installation file integrity:</strong> {INTEGRITY_LABEL[integrity.status]}
          </p>
          {integrity.problems.length > 0 && (
            <ul class="findings">
              {integrity.problems.map((problem, index) => (
                <li key={index} class={`finding finding-${integrity.status === 'modified' ? 'error' : 'warning'}`}>
                  <span class="mono">{problem.code}</span>
                  {problem.path && (
                    <>
                      {' '}
                      <span class="mono">{problem.path}</span>
                    </>
                  )}
                  : {problem.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {capabilities && (
        <>
          <p>
            <strong>Capabilities:</strong> {capabilities.reason ? `Unknown: ${capabilities.reason}` : CAPABILITY_LABEL[capabilities.status]}
            {capabilities.notInProfile.length > 0 && (
              <>
                {' '}
                (not in profile: <span class="mono">{capabilities.notInProfile.join(', ')}</span>)
              </>
            )}
          </p>
          {capabilities.entitlements && (
            <details>
              <summary>Signed entitlements ({Object.keys(capabilities.entitlements).length})</summary>
              <dl class="entitlements">
                {Object.entries(capabilities.entitlements).map(([key, value]) => (
                  <div key={key} class={capabilities.notInProfile.includes(key) ? 'not-granted' : undefined}>
                    <dt class="mono">{key}</dt>
                    <dd class="mono">{JSON.stringify(value)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </>
      )}
    </section>
  );
}
