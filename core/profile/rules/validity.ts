// Rules about time: the profile's ExpirationDate and its developer certificates' validity (RFC 5280 §4.1.2.5).
import { DAY_MS, daysLeft, expiryState, formatUtc } from '../../dates';
import type { DeveloperCertificate } from '../../types';
import { finding, plural, renewFix, type Rule } from './rule';

export const expired: Rule = ({ profile, now }) => {
  if (!profile.expiresAt || Date.parse(profile.expiresAt) > now.getTime()) return null;
  // Whole days elapsed, so 1 ms late reads "less than a day ago" rather than daysLeft's -1.
  const ago = Math.floor((now.getTime() - Date.parse(profile.expiresAt)) / DAY_MS);
  return finding(
    'expired',
    'error',
    `Expired on ${formatUtc(profile.expiresAt)} (${ago < 1 ? 'less than a day' : plural(ago, 'day')} ago); apps using it close at launch without a message.`,
    renewFix(profile),
  );
};

export const expiresSoon: Rule = ({ profile, now, warnDays }) => {
  if (!profile.expiresAt || expiryState(profile.expiresAt, now, warnDays) !== 'expiring') return null;
  const left = daysLeft(profile.expiresAt, now);
  return finding(
    'expires-soon',
    'warning',
    `Expires on ${formatUtc(profile.expiresAt)}: ${left === 0 ? 'less than a day' : plural(left, 'day')} left.`,
    renewFix(profile),
  );
};

function isExpired(certificate: DeveloperCertificate, now: Date): boolean {
  return Date.parse(certificate.notAfter) <= now.getTime();
}

function certificateLabel(certificate: DeveloperCertificate): string {
  return `"${certificate.commonName ?? certificate.sha256.slice(0, 16)}" (${formatUtc(certificate.notAfter)})`;
}

export const certificateExpired: Rule = ({ profile, now }) => {
  const certificates = profile.certificates;
  if (certificates.length === 0 || !certificates.every((certificate) => isExpired(certificate, now))) return null;
  return finding(
    'certificate-expired',
    'error',
    `Every signing certificate in the profile has expired: ${certificates.map(certificateLabel).join(', ')}.`,
    'Create a new distribution certificate, a new profile for it, and re-sign and re-upload the app; pushing a profile cannot help.',
  );
};

export const certificateExpiresBeforeProfile: Rule = ({ profile, now }) => {
  const certificates = profile.certificates;
  if (!profile.expiresAt || certificates.length === 0) return null;
  if (certificates.every((certificate) => isExpired(certificate, now))) return null;
  const profileEnd = Date.parse(profile.expiresAt);
  const earlier = certificates.filter((certificate) => Date.parse(certificate.notAfter) < profileEnd);
  if (earlier.length === 0) return null;
  const none = earlier.length === certificates.length;
  return finding(
    'certificate-expires-before-profile',
    none ? 'warning' : 'info',
    none
      ? `The profile runs to ${formatUtc(profile.expiresAt)} but its certificates end first: ${earlier.map(certificateLabel).join(', ')}; apps stop launching then.`
      : `Apps signed with ${earlier.map(certificateLabel).join(', ')} stop launching at that date, before the profile expires on ${formatUtc(profile.expiresAt)}.`,
    none
      ? 'Plan to re-sign the app with a new distribution certificate (and a profile that lists it) before the certificate expires.'
      : 'Make sure the app is signed with a certificate that outlives the profile.',
  );
};
