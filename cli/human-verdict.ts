// The readable form of `provlens check`: per candidate profile, can Intune's push keep the app alive, until when,
// why not, and the one thing to do next.
import type { CheckResult } from './provlens';
import { field } from './human-inspect';
import { severityStyle, type Style } from './style';

export function formatVerdicts(checks: readonly CheckResult[], style: Style): string {
  return checks.map((check) => formatVerdict(check, style)).join('\n\n') + '\n';
}

function formatVerdict(check: CheckResult, style: Style): string {
  const head = `${style.bold(check.profile)} → ${check.app}`;
  const verdict = check.verdict;
  if (!verdict) return [head, field('Error', style.bad(`${check.error?.code}: ${check.error?.message}`))].join('\n');
  const answer = verdict.canKeepAlive ? style.good('yes') : style.bad('no');
  return [
    head,
    field('Keeps alive', answer),
    field('Until', verdict.effectiveUntil ?? '—'),
    field('Profile', verdict.profileUuid ?? '—'),
    ...verdict.reasons.map((reason, index) => {
      const where = reason.bundlePath ? ` [${reason.bundlePath}]` : '';
      const line = `${severityStyle(style, reason.severity)(reason.severity.padEnd(8))}${reason.message}${where}`;
      return [field(index === 0 ? 'Reasons' : '', line), field('', style.dim(`        fix: ${reason.fix}`))].join('\n');
    }),
    field('Next step', style.bold(verdict.action)),
  ].join('\n');
}
