// `provlens export --format json|csv|ics|graph`: the core's exporters over a batch of files, written to stdout.
// ProvLens sends nothing: the Graph form is a request for the admin to review and run.
import { basename } from 'node:path';
import type { GraphRequest } from '../core/export/index';
import type { InspectResult, ProfileResult } from '../core/types';
import { inspectPaths } from './batch';
import { JUDGEMENT_OPTIONS, UsageError, judgement, parse, requireOneStdin, requirePositionals } from './options';
import type { CliIo } from './provlens';
import { EXIT, USAGE } from './usage';

const FORMATS = ['json', 'csv', 'ics', 'graph'] as const;
type Format = (typeof FORMATS)[number];

export async function runExport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...JUDGEMENT_OPTIONS, format: { type: 'string' }, offsets: { type: 'string' }, bom: { type: 'boolean' } });
  if (values.help) {
    io.stdout(USAGE.export);
    return EXIT.ok;
  }
  const options = judgement(values);
  const format = values.format as Format | undefined;
  if (!format || !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const offsets = values.offsets === undefined ? undefined : parseOffsets(values.offsets);
  requirePositionals(positionals, 'FILE or DIR to export');
  requireOneStdin(positionals);
  const { results, bytes } = await inspectPaths(positionals, options);
  for (const failed of results.filter((result) => !result.ok)) {
    io.stderr(`provlens: ${failed.file}: ${failed.error?.code}: ${failed.error?.message}\n`);
  }
  // Loaded on demand: only this command needs the exporters, and `inspect` in a scheduled job should start lean.
  const { toCsv, toIcs, toJsonExport } = await import('../core/export/index');
  const judged = { now: options.now, warnDays: options.warnDays };
  if (format === 'json') io.stdout(withNewline(toJsonExport(results)));
  // Excel on Windows reads a CSV without a byte order mark as the ANSI code page; --bom makes it read UTF-8.
  else if (format === 'csv') io.stdout(`${values.bom ? '\uFEFF' : ''}${toCsv(results, judged)}`);
  else if (format === 'ics') io.stdout(toIcs(results, { ...judged, ...(offsets ? { offsets } : {}) }));
  else io.stdout(await graphExport(results, bytes, values.json === true));
  return results.every((result) => result.ok) ? EXIT.ok : EXIT.error;
}

function parseOffsets(raw: string): number[] {
  const offsets = raw.split(',').map((part) => part.trim());
  if (offsets.some((part) => !/^\d{1,5}$/.test(part))) {
    throw new UsageError(`--offsets needs whole days separated by commas (e.g. 30,7,1), got "${raw}"`);
  }
  return offsets.map(Number);
}

// One request per decoded profile (apps are skipped: Intune takes the .mobileprovision itself). --json gives the
// requests as data; the human form shows each as an HTTP call plus the equivalent Graph PowerShell command.
async function graphExport(results: readonly InspectResult[], bytes: ReadonlyMap<string, Uint8Array>, asJson: boolean): Promise<string> {
  const { toGraphRequest, toPowerShell } = await import('../core/export/index');
  const requests = results
    .filter((result): result is ProfileResult => result.kind === 'profile' && result.ok)
    .flatMap((result) => {
      const fileBytes = bytes.get(result.file);
      return fileBytes ? [{ result, request: toGraphRequest(result, fileBytes, basename(result.file)) }] : [];
    });
  if (asJson) return `${JSON.stringify(requests.map(({ request }) => request), null, 2)}\n`;
  return requests.map(({ result, request }) => [
    `# ${result.file}`,
    httpForm(request),
    '',
    toPowerShell(result, basename(result.file)).trimEnd(),
  ].join('\n')).join('\n\n') + '\n';
}

function httpForm(request: GraphRequest): string {
  return [
    `# Microsoft Graph (permission ${request.scope}):`,
    `${request.method} ${request.url}`,
    'Content-Type: application/json',
    '',
    JSON.stringify(request.body, null, 2),
  ].join('\n');
}

function withNewline(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text.endsWith('\n') ? text : `${text}\n`;
}
