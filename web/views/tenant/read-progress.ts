// "Reading configurations… page 3": what the reader is doing, from the requests it reports (GraphConnection
// onRequest: method and URL, never a header). Graph's lists do not say how many pages follow, so pages are counted
// as they come; deployment statuses are counted per configuration, since those are what the admin knows.
import type { GraphConnection } from '../../../core/tenant/types';

export type ReadStep = 'configurations' | 'apps' | 'scope-tags' | 'groups' | 'statuses' | 'configuration';

export interface ReadProgress {
  step: ReadStep | null;
  /** Requests of the current step so far (pages, batches, or configurations whose statuses are being read). */
  count: number;
  /** Every request so far. */
  requests: number;
}

export const NO_PROGRESS: ReadProgress = { step: null, count: 0, requests: 0 };

/** Which part of the read a request is, from its path. */
export function readStep(url: string): ReadStep {
  const path = decodeURIComponent(new URL(url).pathname);
  if (path.endsWith('/$batch')) return 'groups';
  if (path.endsWith('/roleScopeTags')) return 'scope-tags';
  if (path.endsWith('/mobileApps') || path.includes('/mobileApps/')) return 'apps';
  if (/\/(deviceStatuses|userStatuses)$/.test(path)) return 'statuses';
  if (path.endsWith('/iosLobAppProvisioningConfigurations')) return 'configurations';
  return 'configuration';
}

/** The next progress after one more request; statuses count distinct configurations, the rest every request. */
export function advance(progress: ReadProgress, request: Parameters<NonNullable<GraphConnection['onRequest']>>[0], seen: Set<string>): ReadProgress {
  const step = readStep(request.url);
  const requests = progress.requests + 1;
  if (step === 'statuses') {
    const configuration = new URL(request.url).pathname.split('/').slice(-2, -1)[0] ?? '';
    const first = !seen.has(configuration);
    seen.add(configuration);
    const count = progress.step === 'statuses' ? progress.count + (first ? 1 : 0) : 1;
    return { step, count, requests };
  }
  return { step, count: progress.step === step ? progress.count + 1 : 1, requests };
}

const STEP_WORDS: Readonly<Record<ReadStep, (count: number) => string>> = {
  configurations: (count) => `Reading iOS app provisioning profiles… page ${count}`,
  configuration: (count) => `Reading iOS app provisioning profiles one by one… ${count} so far`,
  apps: (count) => `Reading iOS line-of-business apps… page ${count}`,
  'scope-tags': () => 'Reading scope tags…',
  groups: (count) => `Reading group names… batch ${count}`,
  statuses: (count) => `Reading deployment statuses… configuration ${count}`,
};

export function progressWords(progress: ReadProgress): string {
  if (progress.step === null) return 'Connecting to Microsoft Graph…';
  return `${STEP_WORDS[progress.step](progress.count)} (${progress.requests} request${progress.requests === 1 ? '' : 's'} so far)`;
}
