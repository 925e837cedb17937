// What the benchmark measures: the real Apple-signed profiles and a real 4 MB .ipa from ../shared/fixtures when they
// are there, synthetic ones from the fixture factory otherwise (and the report says which).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { build } from 'plist';
import type { ProfileType } from '../../core/types';
import { makeProfile, sharedTestPki } from '../fixtures/factory';
import { SHARED_FIXTURES, hasSharedFixtures } from '../shared-fixtures';

export interface BenchProfile {
  name: string;
  bytes: Uint8Array;
}

export interface BenchInputs {
  source: 'real' | 'synthetic';
  profiles: BenchProfile[];
  /** Pins for synthetic profiles (the test CA); undefined means Apple's own. */
  trustedCaSha256: readonly string[] | undefined;
  ipa: { name: string; path: string | null; bytes: Uint8Array };
}

const REAL_IPAS = ['ipa/isign_SimpleSaucyApp.ipa', 'ipa/appinfo_apple-tv.ipa'];

/** `synthetic: true` forces the factory's profiles even when the real ones are there (to check the fallback). */
export async function loadInputs(options: { synthetic?: boolean } = {}): Promise<BenchInputs> {
  if (hasSharedFixtures && !options.synthetic) {
    const folder = join(SHARED_FIXTURES, 'profiles');
    const profiles = readdirSync(folder)
      .filter((name) => /\.(mobileprovision|provisionprofile)$/.test(name))
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(folder, name))) }));
    const ipaPath = REAL_IPAS.map((relative) => join(SHARED_FIXTURES, relative)).find((path) => existsSync(path));
    if (ipaPath) {
      const ipa = { name: ipaPath.split('/').pop() ?? ipaPath, path: ipaPath, bytes: new Uint8Array(readFileSync(ipaPath)) };
      return { source: 'real', profiles, trustedCaSha256: undefined, ipa };
    }
  }
  return syntheticInputs();
}

const TYPES: ProfileType[] = ['enterprise', 'development', 'adhoc', 'appstore'];

async function syntheticInputs(): Promise<BenchInputs> {
  const pki = await sharedTestPki();
  const profiles: BenchProfile[] = [];
  for (let index = 0; index < 40; index += 1) {
    const type = TYPES[index % TYPES.length] ?? 'enterprise';
    const devices = type === 'development' || type === 'adhoc' ? deviceIds(5 + index * 2) : [];
    const bytes = await makeProfile(pki, {
      type,
      name: `Bench ${type} ${index}`,
      bundleId: `com.example.bench${index}`,
      devices,
      derCopy: index % 3 === 0 ? 'consistent' : 'none',
    });
    profiles.push({ name: `synthetic-${index}-${type}.mobileprovision`, bytes });
  }
  const embedded = profiles[0]?.bytes ?? new Uint8Array();
  return { source: 'synthetic', profiles, trustedCaSha256: pki.trustedCaSha256, ipa: syntheticIpa(embedded) };
}

function deviceIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `00008101-${index.toString(16).padStart(16, '0').toUpperCase()}`);
}

// A 4 MB app of the same shape as the real one: Info.plist, the embedded profile and a large executable that does not
// compress, so the archive is as big as the real fixture.
function syntheticIpa(embedded: Uint8Array): BenchInputs['ipa'] {
  const executable = new Uint8Array(4 * 1024 * 1024);
  for (let offset = 0; offset < executable.length; offset += 65_536) {
    crypto.getRandomValues(executable.subarray(offset, offset + 65_536));
  }
  const info = build({ CFBundleIdentifier: 'com.example.bench0', CFBundleExecutable: 'Bench', CFBundleVersion: '1' });
  const bytes = zipSync({
    'Payload/Bench.app/Info.plist': new TextEncoder().encode(info),
    'Payload/Bench.app/embedded.mobileprovision': embedded,
    'Payload/Bench.app/Bench': [executable, { level: 0 }],
  });
  return { name: 'synthetic-4MB.ipa', path: null, bytes };
}
