// `provlens export --format json|csv|ics|graph`: the core's exporters over a batch of files, written to stdout.
// ProvLens sends nothing: the Graph form is a request for the admin to review and run.
import { inspectPaths } from './batch';
import { GRAPH_OPTIONS, graphExport, usesGraphFlags } from './export-graph';
import { JUDGEMENT_OPTIONS, UsageError, judgement, parse, requireOneStdin, requirePositionals } from './options';
import type { CliIo } from './io';
import { EXIT, USAGE } from './usage';

const FORMATS = ['json', 'csv', 'ics', 'graph'] as const;
type Format = (typeof FORMATS)[number];

export async function runExport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...JUDGEMENT_OPTIONS, ...GRAPH_OPTIONS, format: { type: 'string' }, offsets: { type: 'string' }, bom: { type: 'boolean' } });
  if (values.help) {
    io.stdout(USAGE.export);
    return EXIT.ok;
  }
  const options = judgement(values);
  const format = values.format as Format | undefined;
  if (!format || !FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (format !== 'graph' && usesGraphFlags(values)) throw new UsageError('--name, --description, --scope-tag, --include-group, --exclude-group, --cloud, --update and --force go with --format graph');
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
  else {
    const code = await graphExport({ results, bytes, values, asJson: values.json === true, judged }, io);
    return results.every((result) => result.ok) ? code : EXIT.error;
  }
  return results.every((result) => result.ok) ? EXIT.ok : EXIT.error;
}

function parseOffsets(raw: string): number[] {
  const offsets = raw.split(',').map((part) => part.trim());
  if (offsets.some((part) => !/^\d{1,5}$/.test(part))) {
    throw new UsageError(`--offsets needs whole days separated by commas (e.g. 30,7,1), got "${raw}"`);
  }
  return offsets.map(Number);
}

function withNewline(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text.endsWith('\n') ? text : `${text}\n`;
}
