// The store keeps each app bundle's embedded.mobileprovision as its own profile record, so the raw bytes are taken
// out of the .ipa here. fflate's filter inflates only the matching members, not the (large) binaries.
import { unzipSync } from 'fflate';
import type { DecodedApp } from '../../core/types';

export function embeddedProfiles(ipa: Uint8Array, app: DecodedApp): { bundlePath: string; bytes: Uint8Array }[] {
  const wanted = new Map(
    app.bundles.filter((bundle) => bundle.profile).map((bundle) => [`${bundle.path}embedded.mobileprovision`, bundle.path]),
  );
  if (wanted.size === 0) return [];
  const members = unzipSync(ipa, { filter: (file) => wanted.has(file.name) });
  return Object.entries(members).flatMap(([name, bytes]) => {
    const bundlePath = wanted.get(name);
    return bundlePath ? [{ bundlePath, bytes }] : [];
  });
}
