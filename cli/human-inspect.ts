// The readable summary of `provlens inspect`: one aligned block per file, findings last with their fix.
import { daysLeft } from '../core/profile';
import type {
  AppBundle,
  AppResult,
  DeveloperCertificate,
  Finding,
  InspectResult,
  JsonValue,
  Profile,
  ProfileResult,
  SignatureReport,
} from '../core/types';
import { severityStyle, type Style } from './style';
import { wrapLines } from './wrap';

/** How the human output is laid out: colours, the judging clock, whether devices are listed, the terminal width. */
export interface HumanView {
  style: Style;
  now: Date;
  /** List every device UDID (`--devices`), not only their count. */
  devices: boolean;
  /** Columns to wrap to; undefined (piped output) never wraps. */
  width?: number | undefined;
}

const LABEL_WIDTH = 14;
const DAY_MS = 86_400_000;

export function field(label: string, value: string, indent = '  '): string {
  return `${indent}${label.padEnd(LABEL_WIDTH)}${value}`;
}

export function formatInspect(results: readonly InspectResult[], style: Style, now: Date): string {
  return results.map((result) => formatResult(result, { style, now, devices: false })).join('\n\n') + '\n';
}

/** One file's block, wrapped to the view's width. */
export function formatResult(result: InspectResult, view: HumanView): string {
  return wrapLines(resultBlock(result, view), view.width, LABEL_WIDTH);
}

function resultBlock(result: InspectResult, { style, now, devices }: HumanView): string {
  const head = `${statusMark(result, style)} ${style.bold(result.file)}`;
  if (!result.ok || result.error) {
    const error = result.error ?? { code: 'internal', message: 'no result' };
    return [head, field('Error', style.bad(`${error.code}: ${error.message}`))].join('\n');
  }
  const body = result.kind === 'profile' ? profileLines(result, style, now, '  ', devices) : appLines(result, style, now, devices);
  return [head, ...body, ...findingLines(result.findings, style, '  ')].join('\n');
}

function statusMark(result: InspectResult, style: Style): string {
  if (!result.ok || result.findings.some((finding) => finding.severity === 'error')) return style.bad('✗');
  if (result.findings.some((finding) => finding.severity === 'warning')) return style.warn('!');
  return style.good('✓');
}

export function profileLines(result: ProfileResult, style: Style, now: Date, indent: string, listDevices = false): string[] {
  const { profile, signature } = result;
  if (!profile || !signature) return [field('Error', style.bad(result.error?.message ?? 'not decoded'), indent)];
  return [
    field('Name', profile.name ?? '—', indent),
    field('UUID', profile.uuid ?? '—', indent),
    field('Type', `${profile.type}${profile.platforms ? ` (${profile.platforms.join(', ')})` : ''}`, indent),
    field('Team', team(profile), indent),
    field('App ID', `${profile.applicationIdentifier ?? '—'}${profile.wildcard ? ' (wildcard)' : ''}`, indent),
    field('Created', profile.createdAt ?? '—', indent),
    field('Expires', expiry(profile.expiresAt, now, style), indent),
    field('Devices', devices(profile), indent),
    ...(listDevices ? profile.devices.map((udid) => field('', udid, indent)) : []),
    ...entitlementLines(profile, indent),
    field('Signature', signatureLine(signature, style), indent),
    ...profile.certificates.map((certificate, index) =>
      field(index === 0 ? 'Certificates' : '', certificateLine(certificate, now, style), indent),
    ),
    field('DER copy', derLine(profile), indent),
  ];
}

function team(profile: Profile): string {
  if (profile.teamName && profile.teamId) return `${profile.teamName} (${profile.teamId})`;
  return profile.teamName ?? profile.teamId ?? '—';
}

function expiry(expiresAt: string | null, now: Date, style: Style): string {
  if (!expiresAt) return '—';
  const remaining = Date.parse(expiresAt) - now.getTime();
  // Whole days, rounded down either way, as the findings count them.
  if (remaining <= 0) return `${expiresAt}  ${style.bad(`expired ${Math.floor(-remaining / DAY_MS)} days ago`)}`;
  return `${expiresAt}  (${daysLeft(expiresAt, now)} days left)`;
}

function devices(profile: Profile): string {
  if (profile.provisionsAllDevices) return 'all devices (ProvisionsAllDevices)';
  return profile.devices.length === 0 ? 'none listed' : `${profile.devices.length} listed`;
}

// One line per entitlement, as `key = value`; arrays comma-separated, nested values as compact JSON.
function entitlementLines(profile: Profile, indent: string): string[] {
  const entries = Object.entries(profile.entitlements);
  if (entries.length === 0) return [field('Entitlements', 'none', indent)];
  return entries.map(([key, value], index) => field(index === 0 ? 'Entitlements' : '', `${key} = ${entitlementValue(value)}`, indent));
}

function entitlementValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

function signatureLine(signature: SignatureReport, style: Style): string {
  const status = signature.status === 'valid' ? style.good('valid') : style.bad(signature.status);
  const chain = signature.chain.length > 0 ? ` — ${signature.chain.join(' ← ')}` : '';
  const reason = signature.reason ? ` (${signature.reason})` : '';
  const signerNow = signature.signerValidNow === false ? style.dim('; signer certificate has since expired') : '';
  return `${status}${chain}${reason}${signerNow}`;
}

function certificateLine(certificate: DeveloperCertificate, now: Date, style: Style): string {
  const expired = Date.parse(certificate.notAfter) <= now.getTime();
  const until = expired ? style.bad(`expired ${certificate.notAfter}`) : `until ${certificate.notAfter}`;
  return `${certificate.commonName ?? '—'}, ${until}, sha256 ${certificate.sha256}`;
}

function derLine(profile: Profile): string {
  const der = profile.derProfile;
  if (!der.present) return 'absent';
  const consistency = der.consistent === null ? 'not cross-checked' : der.consistent ? 'consistent' : 'INCONSISTENT';
  const parts = [der.signature ?? 'unknown signature', der.distributionType ?? 'no distribution type', consistency];
  return [parts.join(', '), ...der.mismatches.map((line) => `  ${line}`)].join('\n' + ' '.repeat(LABEL_WIDTH + 2));
}

function appLines(result: AppResult, style: Style, now: Date, listDevices: boolean): string[] {
  const app = result.app;
  if (!app) return [];
  const notes = app.notes.map((note) => field('Note', note));
  if (app.bundles.length === 0) return [field('Bundles', 'none found'), ...notes];
  return [...notes, ...app.bundles.flatMap((bundle) => bundleLines(bundle, style, now, listDevices))];
}

function bundleLines(bundle: AppBundle, style: Style, now: Date, listDevices: boolean): string[] {
  const version = [bundle.version, bundle.build ? `(${bundle.build})` : null].filter(Boolean).join(' ');
  const signer = bundle.signingCertificate;
  const lines = [
    `  ${style.bold(bundle.path)} ${style.dim(bundle.kind)}`,
    field('Bundle ID', `${bundle.bundleId ?? '—'}${version ? `  ${version}` : ''}`, '    '),
    field('Signed by', signer ? `${signer.commonName ?? '—'}, sha256 ${signer.sha256}` : 'no code signature found', '    '),
    field('Matches', matchLine(bundle, style), '    '),
    ...integrityLines(bundle, style),
    ...capabilityLines(bundle, style),
    ...bundle.notes.map((note) => field('Note', note, '    ')),
  ];
  if (!bundle.profile) return [...lines, field('Profile', 'none embedded', '    ')];
  if (!bundle.profile.ok) return [...lines, field('Profile', style.bad(`${bundle.profile.error?.code}: ${bundle.profile.error?.message}`), '    ')];
  return [...lines, ...profileLines(bundle.profile, style, now, '    ', listDevices)];
}

const INTEGRITY_WORDS: Readonly<Record<AppBundle['integrity']['status'], string>> = {
  intact: 'intact: every sealed file and code page matches its signature',
  modified: 'MODIFIED after signing',
  unsigned: 'not code-signed',
  'ad-hoc': 'ad-hoc signature (no signing certificate)',
  unverifiable: 'cannot be verified',
};

function integrityLines(bundle: AppBundle, style: Style): string[] {
  const { status, problems } = bundle.integrity;
  const word = status === 'intact' ? style.good(INTEGRITY_WORDS[status]) : style.bad(INTEGRITY_WORDS[status]);
  return [
    field('Integrity', word, '    '),
    ...problems.map((problem) => field('', `${style.dim(problem.code.padEnd(24))}${problem.path ? `${problem.path}: ` : ''}${problem.message}`, '    ')),
  ];
}

function capabilityLines(bundle: AppBundle, style: Style): string[] {
  const { status, notInProfile, entitlements } = bundle.capabilities;
  const verdict = status === 'covered'
    ? style.good('covered by the embedded profile')
    : status === 'exceeds'
      ? style.bad(`NOT in the embedded profile: ${notInProfile.join(', ')}`)
      : style.dim(bundle.capabilities.reason ? `unknown (${bundle.capabilities.reason})` : entitlements ? 'unknown (no embedded profile to compare with)' : 'unknown (no signed entitlements)');
  const keys = Object.entries(entitlements ?? {}).map(([key, value]) => field('', `${key} = ${JSON.stringify(value)}`, '    '));
  return [field('Capabilities', verdict, '    '), ...keys];
}

function matchLine(bundle: AppBundle, style: Style): string {
  const mark = (value: boolean | null) => (value === null ? style.dim('?') : value ? style.good('yes') : style.bad('NO'));
  const { bundleIdMatchesAppId, certificateInProfile, teamMatches } = bundle.match;
  return `bundle id ${mark(bundleIdMatchesAppId)}, certificate in profile ${mark(certificateInProfile)}, team ${mark(teamMatches)}`;
}

export function findingLines(findings: readonly Finding[], style: Style, indent: string): string[] {
  if (findings.length === 0) return [];
  const codeWidth = Math.max(...findings.map((finding) => finding.code.length)) + 2;
  return [
    `${indent}Findings`,
    ...findings.flatMap((finding) => {
      const colour = severityStyle(style, finding.severity);
      const lead = `${indent}  ${colour(finding.severity.padEnd(8))}${finding.code.padEnd(codeWidth)}`;
      const fixIndent = ' '.repeat(indent.length + 2 + 8 + codeWidth);
      return [`${lead}${finding.message}`, `${fixIndent}${style.dim(`fix: ${finding.fix}`)}`];
    }),
  ];
}
