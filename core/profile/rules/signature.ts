// Rules about who signed the profile: the outer CMS SignedData (RFC 5652) and Apple's DER-Encoded-Profile copy (TN3125).
import { formatUtc } from '../../dates';
import { finding, type Rule } from './rule';

// Every fixture profile created since 2022 carries a DER copy and none before mid-2021 does; Apple started adding it
// with the iOS 15 toolchain (TN3125), so its absence only means something for profiles made after that settled.
const DER_EXPECTED_SINCE = Date.parse('2022-01-01T00:00:00Z');
const APPLE_NAMED = /\bapple\b/i;

export const signatureInvalid: Rule = ({ signature }) =>
  signature.status !== 'invalid'
    ? null
    : finding(
        'signature-invalid',
        'error',
        `The signature does not match the content: the file was altered after Apple signed it${signature.reason ? ` (${signature.reason})` : ''}.`,
        'Do not push or install this file; download the profile again from Apple Developer.',
      );

export const notAppleSigned: Rule = ({ signature }) => {
  if (signature.status === 'untrusted') {
    // A forger can put any name in a certificate: a signer named like Apple's is named as a claim, never as Apple.
    const signer = signature.signer;
    const who = !signer
      ? 'Signed by an unknown signer, not by Apple'
      : APPLE_NAMED.test(signer)
        ? `Signed by a certificate that claims to be Apple's "${signer}" but does not chain to Apple's certificate authorities`
        : `Signed by "${signer}", not by Apple`;
    return finding(
      'not-apple-signed',
      'error',
      `${who}${signature.reason ? ` (${signature.reason})` : ''}; devices will refuse it.`,
      'Download the profile from Apple Developer; a profile re-signed by anyone else is not a valid profile.',
    );
  }
  if (signature.status === 'unsigned') {
    return finding(
      'not-apple-signed',
      'warning',
      'This is a bare plist with no signature: nothing proves its contents, and devices will not install it.',
      'Use the signed .mobileprovision downloaded from Apple Developer, not a decoded copy.',
    );
  }
  return null;
};

export const derMissing: Rule = ({ profile }) => {
  if (profile.derProfile.present) return null;
  const created = profile.createdAt ? Date.parse(profile.createdAt) : Number.NaN;
  const expected = created >= DER_EXPECTED_SINCE;
  return finding(
    'der-missing',
    expected ? 'warning' : 'info',
    expected
      ? `No DER-Encoded-Profile, although Apple adds one to every profile made since 2022 (this one: ${formatUtc(profile.createdAt ?? '')}).`
      : 'No DER-Encoded-Profile: normal for a profile made before 2022, so only the plist copy can be checked.',
    expected
      ? 'The file may have been rebuilt by a tool; download the profile again from Apple Developer.'
      : 'Nothing to do; a profile renewed in Apple Developer today carries one.',
  );
};

export const derMismatch: Rule = ({ profile }) => {
  const der = profile.derProfile;
  if (!der.present) return null;
  const badSignature = der.signature === 'invalid' || der.signature === 'untrusted';
  const disagrees = der.consistent === false;
  if (!disagrees && !badSignature) return null;
  // Two different failures share the code: the copy's own signature, and fields that differ from the plist.
  const problems = [
    ...(badSignature ? [`its own signature is ${der.signature === 'invalid' ? 'broken' : 'not from Apple'}`] : []),
    ...(disagrees ? [`it disagrees with the plist (${der.mismatches.join('; ') || 'fields differ'})`] : []),
  ];
  return finding(
    'der-mismatch',
    'error',
    `The DER-Encoded-Profile (Apple's source of truth) cannot vouch for this file: ${problems.join(', and ')}.`,
    disagrees
      ? 'The plist was edited after Apple made the profile; download the profile again from Apple Developer.'
      : 'Only Apple signs the DER copy; download the profile again from Apple Developer.',
  );
};

export const signerExpiredNow: Rule = ({ signature }) =>
  signature.status !== 'valid' || signature.signerValidNow !== false
    ? null
    : finding(
        'signer-expired-now',
        'info',
        `Apple's signing certificate (${signature.signer ?? 'unknown'}) has expired since; the profile was validly signed${signature.signedAt ? ` on ${formatUtc(signature.signedAt)}` : ''}.`,
        'Nothing to do: devices check profiles against the signing time.',
      );
