// The readable form of `provlens check`: per candidate profile, can Intune's push keep the app alive, until when,
// why not, and the one thing to do next; then the candidates together when there are several.
import type { RenewalVerdict } from '../core/types';
import type { CheckReport } from './check-report';
import { field } from './human-inspect';
import { severityStyle, type Style } from './style';

export function formatCheck(report: CheckReport, style: Style): string {
  const blocks = report.candidates.map((candidate) => {
    const head = `${style.bold(candidate.profile)} → ${report.app}`;
    if (!candidate.verdict) return [head, field('Error', style.bad(`${candidate.error?.code}: ${candidate.error?.message}`))].join('\n');
    return [head, ...verdictLines(candidate.verdict, style)].join('\n');
  });
  if (report.candidates.length > 1) {
    blocks.push([`${style.bold(`All ${report.candidates.length} profiles pushed together`)} → ${report.app}`, ...verdictLines(report.combined, style), ...coverageLines(report.combined)].join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}

function verdictLines(verdict: RenewalVerdict, style: Style): string[] {
  return [
    field('Keeps alive', verdict.canKeepAlive ? style.good('yes') : style.bad('no')),
    // A date beside "no" would read as a promise; it is shown only when the push does keep the app alive.
    ...(verdict.canKeepAlive ? [field('Until', verdict.effectiveUntil ?? '—')] : []),
    field('Profile', verdict.profileUuid ?? '—'),
    ...verdict.reasons.flatMap((reason, index) => {
      const where = reason.bundlePath ? ` [${reason.bundlePath}]` : '';
      return [
        field(index === 0 ? 'Reasons' : '', `${severityStyle(style, reason.severity)(reason.severity.padEnd(8))}${reason.message}${where}`),
        field('', style.dim(`${' '.repeat(8)}fix: ${reason.fix}`)),
      ];
    }),
    field('Next step', style.bold(verdict.action)),
  ];
}

function coverageLines(verdict: RenewalVerdict): string[] {
  return (verdict.bundles ?? []).map((bundle, index) =>
    field(index === 0 ? 'Coverage' : '', `${bundle.bundlePath}  ${bundle.profileUuid ?? 'not covered'}${bundle.until ? `  until ${bundle.until}` : ''}`),
  );
}
