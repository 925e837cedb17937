// A profile's distribution type (Apple TN3125). The DER copy's ProfileDistributionType is authoritative; without it
// the type is inferred the way Xcode's UI describes it: devices listed → development (get-task-allow) or ad hoc;
// ProvisionsAllDevices → in-house, or Developer ID on macOS; neither → App Store. macOS development profiles carry
// no get-task-allow and macOS has no ad hoc distribution, so the platform decides those cases.
import type { ProfileType } from '../types';

const DISTRIBUTION_TYPES: Readonly<Record<string, ProfileType>> = Object.freeze({
  LIMITED: 'development',
  ADHOC: 'adhoc',
  STORE: 'appstore',
  IN_HOUSE: 'enterprise',
  DIRECT: 'developer-id',
});

export interface TypeEvidence {
  /** ProfileDistributionType from the DER copy, as Apple wrote it. */
  distributionType: string | null;
  platforms: string[] | null;
  deviceCount: number;
  provisionsAllDevices: boolean;
  getTaskAllow: boolean | null;
}

export function isMacPlatform(platforms: string[] | null): boolean {
  return platforms?.some((p) => p === 'OSX' || p === 'macOS') ?? false;
}

export function profileType(evidence: TypeEvidence): ProfileType {
  const declared = evidence.distributionType ? DISTRIBUTION_TYPES[evidence.distributionType] : undefined;
  if (declared) return declared;
  const mac = isMacPlatform(evidence.platforms);
  if (evidence.provisionsAllDevices) return mac ? 'developer-id' : 'enterprise';
  if (evidence.deviceCount > 0) return mac || evidence.getTaskAllow === true ? 'development' : 'adhoc';
  return evidence.getTaskAllow === true ? 'development' : 'appstore';
}
