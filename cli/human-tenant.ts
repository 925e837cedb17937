// The readable tenant board of `provlens tenant`: a header (cloud, when read, the token's reach, what could not be
// read), then one block per app, most urgent first, with when it stops launching and what to do, then the
// configurations and their problems. Laid out and wrapped like `inspect` (cli/human-inspect.ts).
import { daysLeft, daysText, formatUtc } from '../core/dates';
import { CLOUDS } from '../core/export/clouds';
import { STATUS_LABEL } from '../core/profile/profile-verdict';
import type { ConfigurationView, CoveringConfiguration, StatusCounts, Targets, TenantAppRow, TenantBoard, TenantProblem, TokenInfo } from '../core/tenant/types';
import { field } from './human-inspect';
import { severityStyle, type Style } from './style';
import { wrapLines } from './wrap';

export interface TenantView {
  style: Style;
  now: Date;
  warnDays: number;
  width?: number | undefined;
}

const LABEL_WIDTH = 14;

export function formatTenant(board: TenantBoard, token: TokenInfo, view: TenantView): string {
  const blocks = [header(board, token, view), ...board.rows.map((row) => appBlock(row, board, view)), configurationsBlock(board, view)];
  return `${blocks.map((block) => wrapLines(block, view.width, LABEL_WIDTH)).join('\n\n')}\n`;
}

function header(board: TenantBoard, token: TokenInfo, { style, warnDays }: TenantView): string {
  const { counts } = board;
  const states = [
    counts.stopped ? style.bad(`${counts.stopped} stopped`) : null,
    counts.within ? style.warn(`${counts.within} within ${warnDays} days`) : null,
    counts.unknown ? `${counts.unknown} unknown` : null,
    counts.ok ? style.good(`${counts.ok} OK`) : null,
  ].filter(Boolean);
  const lines = [
    style.bold(`Intune tenant, ${CLOUDS[board.cloud].label}: read ${formatUtc(board.readAt)}`),
    field('Token', tokenLine(token)),
    field('Apps', `${counts.apps} iOS line-of-business app${counts.apps === 1 ? '' : 's'}${states.length ? `: ${states.join(', ')}` : ''}`),
    field('Profiles', `${counts.configurations} iOS app provisioning profile${counts.configurations === 1 ? '' : 's'} in Intune`),
    ...board.failures.map((failure, index) => field(index === 0 ? 'Not read' : '', style.bad(failure.message))),
  ];
  return lines.join('\n');
}

function tokenLine(token: TokenInfo): string {
  if (token.kind === 'opaque') return 'not readable here (Graph decides what it allows)';
  const who = [token.user, token.appName ? `via ${token.appName}` : null].filter(Boolean).join(' ');
  const access = { 'read-write': 'read and write', read: 'read only', partial: 'part of the board', none: 'nothing of the board', unknown: 'unknown' }[token.access];
  const expires = token.expiresAt ? `, expires ${formatUtc(token.expiresAt)}` : '';
  const missing = token.missingRead.length ? `; lacks ${token.missingRead.join(', ')}` : '';
  return `${token.kind}${who ? `, ${who}` : ''}: ${access}${expires}${missing}`;
}

const MARK: Readonly<Record<TenantAppRow['state'], (style: Style) => string>> = {
  stopped: (style) => style.bad('✗'),
  within: (style) => style.warn('!'),
  unknown: (style) => style.dim('?'),
  ok: (style) => style.good('✓'),
};

function appBlock(row: TenantAppRow, board: TenantBoard, view: TenantView): string {
  const { style } = view;
  const version = [row.version, row.build && row.build !== row.version ? `(${row.build})` : null].filter(Boolean).join(' ');
  const head = `${MARK[row.state](style)} ${style.bold(row.name)}  ${[row.bundleId, version].filter(Boolean).join(' ')}`;
  return [
    head,
    field('Stops', stopsLine(row, view)),
    field('What to do', style.bold(row.action.message)),
    field('Assigned to', targetsLine(row.targets)),
    ...(row.configurations.length === 0
      ? [field('Profiles', style.dim('none in Intune covers it'))]
      : row.configurations.map((covering, index) => field(index === 0 ? 'Profiles' : '', coveringLine(covering, board, view)))),
    field('Certificate', row.certificate.known ? `${row.certificate.commonName ?? '—'}, until ${formatUtc(row.certificate.notAfter)}` : style.dim('unknown (no .ipa of this app in the library)')),
    ...(row.libraryApp ? [field('App check', `${row.libraryApp.fileName}: ${row.libraryApp.check.canKeepAlive ? style.good('the pushed profiles keep it launching') : style.bad('fails')}`)] : []),
    ...problemLines(row.problems, view),
  ].join('\n');
}

function stopsLine(row: TenantAppRow, { style, now }: TenantView): string {
  if (!row.stopsLaunchingOn || row.daysLeft === null) return style.dim('unknown');
  const ended = Date.parse(row.stopsLaunchingOn) <= now.getTime();
  const days = daysText(row.daysLeft, ended);
  const because = { 'embedded-profile': 'the profile inside its .ipa', 'pushed-profile': 'the pushed profile', certificate: 'the signing certificate' }[row.stopsLaunchingBecause ?? 'embedded-profile'];
  const text = `${ended ? 'stopped' : 'on'} ${formatUtc(row.stopsLaunchingOn)} (${days}) — ${because}`;
  return row.state === 'stopped' ? style.bad(text) : row.state === 'within' ? style.warn(text) : text;
}

function targetsLine(targets: Targets): string {
  const groups = [
    ...(targets.allDevices ? ['all devices'] : []),
    ...(targets.allUsers ? ['all users'] : []),
    ...targets.include.map((group) => group.name ?? group.id),
  ];
  const excluded = targets.exclude.length ? `; excluding ${targets.exclude.map((group) => group.name ?? group.id).join(', ')}` : '';
  return `${groups.length ? groups.join(', ') : 'no group'}${excluded}${targets.filtered ? ' (with an assignment filter)' : ''}`;
}

function coveringLine(covering: CoveringConfiguration, board: TenantBoard, { style, now }: TenantView): string {
  const view = board.configurations.find((candidate) => candidate.id === covering.configurationId);
  const status = covering.status === 'unreadable' ? 'Unreadable' : STATUS_LABEL[covering.status];
  const word = covering.usable ? style.good(status) : style.bad(status);
  const end = covering.stopsLaunchingOn;
  const until = end ? `, until ${formatUtc(end)} (${daysText(daysLeft(end, now), Date.parse(end) <= now.getTime())})` : '';
  return `"${view?.displayName ?? covering.configurationId}": ${word}, reaches ${covering.reaches} of its groups${until}`;
}

function configurationsBlock(board: TenantBoard, view: TenantView): string {
  const { style } = view;
  const lines = [style.bold('iOS app provisioning profiles in Intune')];
  if (board.configurations.length === 0) lines.push(field('', style.dim('none')));
  for (const configuration of board.configurations) lines.push(field('', configurationLine(configuration, view)));
  lines.push(...problemLines(board.problems, view));
  return lines.join('\n');
}

function configurationLine(configuration: ConfigurationView, { style }: TenantView): string {
  const verdict = configuration.verdict;
  const status = verdict ? STATUS_LABEL[verdict.status] : 'Unreadable';
  const word = verdict?.usableByIntune ? style.good(status) : style.bad(status);
  const file = configuration.profile ? `${configuration.profile.applicationIdentifier ?? '—'}, expires ${configuration.profile.expiresAt ? formatUtc(configuration.profile.expiresAt) : '—'}` : (configuration.payloadError?.message.replace(/\.$/, '') ?? 'no payload');
  const assigned = configuration.assigned ? `assigned to ${targetsLine(configuration.targets)}` : 'not assigned';
  return `"${configuration.displayName}": ${word} — ${file}; ${assigned}${statusCounts(configuration.deviceStatuses, 'device')}`;
}

function statusCounts(counts: StatusCounts | null, what: string): string {
  if (!counts || counts.total === 0) return '';
  const parts = Object.entries(counts.byStatus).map(([status, count]) => `${count} ${status}`);
  return `; ${counts.total} ${what}${counts.total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

// Wrapped here, under their own text rather than the label column, so the block's wrapping leaves them be.
function problemLines(problems: readonly TenantProblem[], { style, width }: TenantView): string[] {
  if (problems.length === 0) return [];
  return [
    '  Problems',
    ...problems.flatMap((problem) => [
      wrapLines(`    ${severityStyle(style, problem.severity)(problem.severity.padEnd(8))}${problem.message}`, width, 8),
      // "What to do" above already says how to keep the app launching.
      ...(problem.code === 'stops-launching' ? [] : [wrapLines(`${' '.repeat(12)}${style.dim(`fix: ${problem.fix}`)}`, width, 5)]),
    ]),
  ];
}
