// `provlens check --app APP.ipa PROFILE...`: the Intune renewal verdict for each candidate profile and, because an
// app with extensions usually needs one profile per bundle, for all candidates pushed together.
import type { InspectOptions } from '../core/inspect';
import type { DecodedApp } from '../core/types';
import type { CheckReport } from './check-report';
import { inspectPaths, inspectProfilePath } from './batch';
import { expandPaths } from './files';
import { formatCheck } from './human-verdict';
import { JUDGEMENT_OPTIONS, UsageError, judgement, parse, requireOneStdin, requirePositionals } from './options';
import { coloured, plain } from './style';
import { EXIT, USAGE } from './usage';
import type { CliIo } from './io';

export type { CandidateCheck, CheckReport } from './check-report';

export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...JUDGEMENT_OPTIONS, app: { type: 'string' } });
  if (values.help) {
    io.stdout(USAGE.check);
    return EXIT.ok;
  }
  const options = judgement(values);
  if (!values.app) throw new UsageError('check needs --app APP.ipa');
  requirePositionals(positionals, 'PROFILE to check against the app');
  requireOneStdin([values.app, ...positionals]);
  const [appResult] = (await inspectPaths([values.app], options)).results;
  if (appResult?.kind !== 'app' || !appResult.app) {
    io.stderr(`provlens: ${values.app}: ${appResult?.error?.code ?? 'not-an-app'}: ${appResult?.error?.message ?? 'not an .ipa'}\n`);
    return EXIT.error;
  }
  const report = await check(appResult.file, appResult.app, await expandPaths(positionals), options);
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheck(report, io.colour ? coloured : plain));
  const { combined } = report;
  if (!combined.canKeepAlive || report.candidates.some((candidate) => !candidate.ok)) return EXIT.error;
  return combined.reasons.some((reason) => reason.severity !== 'info') ? EXIT.warning : EXIT.ok;
}

async function check(appFile: string, app: DecodedApp, files: readonly string[], options: InspectOptions): Promise<CheckReport> {
  // Loaded on demand: only this command needs the verdict rules.
  const { renewalVerdict } = await import('../core/app/verdict');
  const judged = { now: options.now, warnDays: options.warnDays };
  const results = [];
  for (const file of files) results.push(await inspectProfilePath(file, options));
  const candidates = results.map((result) => ({
    profile: result.file,
    ok: result.ok,
    error: result.error,
    verdict: result.ok ? renewalVerdict(app, result, judged) : null,
  }));
  return { app: appFile, candidates, combined: renewalVerdict(app, results, judged) };
}
