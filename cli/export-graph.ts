// `provlens export --format graph`: the whole Intune job (create + assign, or renew in place with --update) for the
// admin's cloud, as ordered Graph requests (--json) or as HTTP calls plus a PowerShell script that runs as written.
// A profile Intune's push cannot use is refused with profileVerdict's reasons (exit 2) unless --force.
import { basename } from 'node:path';
import type { GraphRequest, IntuneFile, IntuneJob, IntuneJobOptions } from '../core/export/index';
import { isProvlensError } from '../core/errors';
import type { InspectResult, ProfileResult } from '../core/types';
import { UsageError } from './options';
import type { CliIo } from './io';
import { EXIT } from './usage';

/** The flags only `--format graph` takes (node:util parseArgs config). */
export const GRAPH_OPTIONS = {
  name: { type: 'string' },
  description: { type: 'string' },
  'scope-tag': { type: 'string', multiple: true },
  'include-group': { type: 'string', multiple: true },
  'exclude-group': { type: 'string', multiple: true },
  cloud: { type: 'string' },
  update: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export interface GraphFlags {
  name?: string | boolean;
  description?: string | boolean;
  'scope-tag'?: (string | boolean)[];
  'include-group'?: (string | boolean)[];
  'exclude-group'?: (string | boolean)[];
  cloud?: string | boolean;
  update?: string | boolean;
  force?: boolean | string;
}

export function usesGraphFlags(values: GraphFlags): boolean {
  return Object.keys(GRAPH_OPTIONS).some((flag) => values[flag as keyof GraphFlags] !== undefined);
}

interface Run {
  results: readonly InspectResult[];
  bytes: ReadonlyMap<string, Uint8Array>;
  values: GraphFlags;
  asJson: boolean;
  judged: { now: Date; warnDays?: number | undefined };
}

export async function graphExport({ results, bytes, values, asJson, judged }: Run, io: CliIo): Promise<number> {
  const core = await import('../core/export/index');
  const options = await jobOptions(values, judged);
  // Apps are skipped: Intune takes the .mobileprovision itself (export the app's embedded profile first).
  const files: IntuneFile[] = results
    .filter((result): result is ProfileResult => result.kind === 'profile' && result.ok)
    .flatMap((result) => {
      const fileBytes = bytes.get(result.file);
      return fileBytes ? [{ result, bytes: fileBytes, fileName: basename(result.file) }] : [];
    });
  if (files.length === 0) {
    io.stderr('provlens: no readable provisioning profile to export\n');
    return EXIT.error;
  }
  let job: IntuneJob;
  try {
    job = core.intuneJob(files, options);
  } catch (error) {
    // A malformed ID or combination is the command line's fault: usage error 64, like any other bad flag.
    if (isProvlensError(error) && error.code === 'invalid-argument') throw new UsageError(error.message);
    throw error;
  }
  for (const { file, reasons } of job.refused) {
    io.stderr(`provlens: ${file}: Intune cannot use it; nothing written for it (--force writes it anyway):\n`);
    for (const reason of reasons) io.stderr(`  - ${reason.message}\n    ${reason.fix}\n`);
  }
  if (job.requests.length > 0) io.stdout(asJson ? `${JSON.stringify(job.requests, null, 2)}\n` : humanForm(job, core.toPowerShell(job)));
  return job.refused.length > 0 ? EXIT.error : EXIT.ok;
}

async function jobOptions(values: GraphFlags, judged: Run['judged']): Promise<IntuneJobOptions> {
  const { isCloudName, CLOUD_NAMES } = await import('../core/export/index');
  const cloud = typeof values.cloud === 'string' ? values.cloud.toLowerCase() : 'global';
  if (!isCloudName(cloud)) throw new UsageError(`--cloud must be one of ${CLOUD_NAMES.join(', ')}, got "${String(values.cloud)}"`);
  const list = (raw: (string | boolean)[] | undefined) => (raw ?? []).map((item) => String(item).trim());
  return {
    cloud,
    displayName: typeof values.name === 'string' ? values.name : null,
    description: typeof values.description === 'string' ? values.description : null,
    scopeTagIds: list(values['scope-tag']),
    includeGroupIds: list(values['include-group']),
    excludeGroupIds: list(values['exclude-group']),
    updateConfigurationId: typeof values.update === 'string' ? values.update.trim() : null,
    force: values.force === true,
    now: judged.now,
    ...(judged.warnDays !== undefined ? { warnDays: judged.warnDays } : {}),
  };
}

function humanForm(job: IntuneJob, powerShell: string): string {
  const calls = job.requests.map((request, index) => httpForm(request, index));
  return [
    `# Microsoft Graph, ${job.cloud.label}: permission ${job.scope}. ProvLens sent nothing.`,
    ...calls,
    '',
    '# The same job as a PowerShell script:',
    powerShell,
  ].join('\n');
}

function httpForm(request: GraphRequest, index: number): string {
  const notes = [
    `# ${index + 1}. ${request.step} (${request.file})`,
    ...(request.step === 'assign' ? [`# {id} is the "id" in the response to request ${request.idFrom + 1}`] : []),
    ...(request.notUsable ?? []).map((reason) => `# WARNING (--force): ${reason.message}`),
  ];
  const body = JSON.stringify({ ...request.body, ...(request.step === 'assign' ? {} : { payload: `<base64 of ${basename(request.file)}, in the script below>` }) }, null, 2);
  return ['', ...notes, `${request.method} ${request.url}`, 'Content-Type: application/json', '', body].join('\n');
}
