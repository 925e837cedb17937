// Which stored profiles keep every bundle of an app launching: only profiles Intune can use compete (profileVerdict),
// the latest expiry first so a bundle gets its newest renewal, and the core's renewalVerdict with all of them at once
// assigns each bundle its best match (an explicit App ID beats a wildcard). Pure, so it is tested without a DOM.
import type { Core } from './use-core';
import type { DecodedApp, ProfileResult, RenewalVerdict } from '../../../core/index';

export interface StoredCandidate {
  id: string;
  result: ProfileResult;
}

export interface AppPlan<C extends StoredCandidate> {
  verdict: RenewalVerdict;
  /** The candidates some bundle uses, once each, in bundle order. */
  picked: C[];
}

export function appPlan<C extends StoredCandidate>(core: Core, app: DecodedApp, stored: readonly C[], options: { now?: Date; warnDays: number }): AppPlan<C> {
  const judged = { warnDays: options.warnDays, ...(options.now ? { now: options.now } : {}) };
  const usable = stored
    .filter(({ result }) => result.ok && result.profile && result.signature && core.profileVerdict({ profile: result.profile, signature: result.signature }, judged).usableByIntune)
    .sort((a, b) => Date.parse(b.result.profile?.expiresAt ?? '') - Date.parse(a.result.profile?.expiresAt ?? ''));
  const verdict = core.renewalVerdict(app, usable.map((candidate) => candidate.result), judged);
  const picked: C[] = [];
  for (const bundle of verdict.bundles ?? []) {
    const chosen = usable.find((candidate) => bundle.profileUuid !== null && candidate.result.profile?.uuid === bundle.profileUuid);
    if (chosen && !picked.includes(chosen)) picked.push(chosen);
  }
  return { verdict, picked };
}
