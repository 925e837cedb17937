// What the Intune annotation says about a chosen file, as plain strings: the Expiration date Intune will fill in,
// and whether pushing this profile can keep an in-house app alive. Pure, so it is tested without a browser.
import { daysLeft, formatUtc } from '../../core/findings';
import type { Finding, ProfileResult, ProfileType, SignatureStatus } from '../../core/types';

export type Tone = 'ok' | 'warning' | 'error';

export interface Fact {
  label: string;
  value: string;
}

export interface AnnotationModel {
  title: string;
  tone: Tone;
  /** One sentence: can Intune use this file? */
  headline: string;
  facts: Fact[];
  findings: Finding[];
}

const TYPE_LABEL: Record<ProfileType, string> = {
  development: 'Development',
  adhoc: 'Ad hoc',
  enterprise: 'In-house (enterprise)',
  appstore: 'App Store',
  'developer-id': 'Developer ID',
};

const SIGNATURE_LABEL: Record<SignatureStatus, string> = {
  valid: 'Signed by Apple (verified on this device)',
  invalid: 'INVALID: the content does not match its signature (altered file)',
  untrusted: 'Signed, but not by Apple',
  unsigned: 'Not signed',
};

const MAX_CERTIFICATES = 3;

export function describeDays(days: number): string {
  if (days < 0) return `expired ${-days} day${days === -1 ? '' : 's'} ago`;
  if (days === 0) return 'expires within a day';
  return `${days} day${days === 1 ? '' : 's'} left`;
}

function expiryFact(expiresAt: string | null, now: Date): Fact {
  const value = expiresAt ? `${formatUtc(expiresAt)} (${describeDays(daysLeft(expiresAt, now))})` : 'none in the file';
  return { label: 'Expiration date Intune will use', value };
}

function worstTone(findings: readonly Finding[]): Tone {
  if (findings.some((finding) => finding.severity === 'error')) return 'error';
  return findings.some((finding) => finding.severity === 'warning') ? 'warning' : 'ok';
}

export function annotationModel(result: ProfileResult, now: Date): AnnotationModel {
  const { profile, signature } = result;
  if (!result.ok || !profile) {
    return {
      title: result.file,
      tone: 'error',
      headline: `Not a readable provisioning profile: ${result.error?.message ?? 'unknown error'}`,
      facts: [],
      findings: [],
    };
  }
  const inHouse = profile.type === 'enterprise';
  const tone = signature?.status === 'invalid' ? 'error' : worstTone(result.findings);
  const certificates = profile.certificates.slice(0, MAX_CERTIFICATES).map((certificate) => ({
    label: `Certificate ${certificate.commonName ?? certificate.sha256.slice(0, 16)}`,
    value: `expires ${formatUtc(certificate.notAfter)} (${describeDays(daysLeft(certificate.notAfter, now))})`,
  }));
  const more = profile.certificates.length - certificates.length;
  return {
    title: profile.name ?? result.file,
    tone,
    headline: inHouse
      ? 'In-house profile: Intune can push it to keep the app running until the dates below.'
      : 'Not an in-house profile: Intune\'s iOS app provisioning profiles push cannot use it.',
    facts: [
      expiryFact(profile.expiresAt, now),
      { label: 'Type', value: `${TYPE_LABEL[profile.type]}${inHouse ? '' : ' (not in-house)'}` },
      { label: 'Team', value: [profile.teamName, profile.teamId].filter(Boolean).join(' · ') || 'unknown' },
      { label: 'App ID', value: profile.applicationIdentifier ?? 'none' },
      {
        label: 'Signature',
        value: signature
          ? `${SIGNATURE_LABEL[signature.status]}${signature.reason ? `: ${signature.reason}` : ''}`
          : 'unknown',
      },
      ...certificates,
      ...(more > 0 ? [{ label: 'More certificates', value: `${more} not shown` }] : []),
    ],
    findings: result.findings,
  };
}
