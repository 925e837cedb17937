// Seed inputs for the fuzzer: every real file in ../shared/fixtures/profiles (signed, odd, tampered) when present,
// plus synthetic profiles from the fixture factory in every encoding, so the run is meaningful without the shared
// folder too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProfile, sharedTestPki, signCms, type ProfileSpec } from '../fixtures/factory';
import { HOSTILE_KINDS, hostileCase } from './hostile';
import { prng } from './prng';
import { SHARED_FIXTURES, hasSharedFixtures } from '../shared-fixtures';

export interface Seed {
  name: string;
  bytes: Uint8Array;
  /** Trust pins to decode with (the test CA for synthetic seeds); undefined = Apple's. */
  trustedCaSha256: readonly string[] | undefined;
  /** A hostile plist validly signed by the test CA: decoded as is (never mutated), through the signed path. */
  signedHostile?: boolean;
}

const SYNTHETIC: readonly [string, ProfileSpec][] = [
  ['in-house-der', { type: 'enterprise', derCopy: 'consistent' }],
  ['development-ber', { type: 'development', devices: ['00008101-000A1B2C3D4E5F60'], encoding: 'cms-ber-indefinite' }],
  ['adhoc', { type: 'adhoc', devices: ['00008030-001122334455667A', '00008030-001122334455667B'] }],
  ['appstore-der', { type: 'appstore', derCopy: 'consistent' }],
  ['macos-developer-id', { type: 'developer-id', platform: ['OSX'] }],
  ['xml-plist', { encoding: 'xml-plist' }],
  ['binary-plist', { encoding: 'binary-plist' }],
  ['wrong-root', { signWith: 'wrong-root' }],
  // A DER copy that uses every ASN.1 string type (a held-out Apple profile carries a NumericString there).
  ['der-all-string-types', {
    type: 'enterprise', teamId: '0123456789', derCopy: 'consistent',
    derStringTypes: {
      TeamIdentifier: 'numeric', ApplicationIdentifierPrefix: 'printable', Name: 'universal', AppIDName: 'teletex',
      UUID: 'ia5', ProfileDistributionType: 'visible', TeamName: 'bmp', Platform: 'utf8',
    },
  }],
];

export async function loadCorpus(options: { real?: boolean } = {}): Promise<Seed[]> {
  const seeds: Seed[] = [];
  if (options.real !== false && hasSharedFixtures) {
    for (const folder of ['profiles', 'profiles/odd']) {
      const directory = join(SHARED_FIXTURES, folder);
      if (!existsSync(directory)) continue;
      for (const name of readdirSync(directory).sort()) {
        const path = join(directory, name);
        if (!/\.(mobileprovision|provisionprofile|plist)$/.test(name)) continue;
        seeds.push({ name: `${folder}/${name}`, bytes: new Uint8Array(readFileSync(path)), trustedCaSha256: undefined });
      }
    }
  }
  const pki = await sharedTestPki();
  for (const [name, spec] of SYNTHETIC) {
    seeds.push({ name: `synthetic/${name}`, bytes: await makeProfile(pki, spec), trustedCaSha256: pki.trustedCaSha256 });
  }
  // The hostile plists again, inside a CMS the test CA really signed: the signature holds, so only the plist reader
  // stands between them and the result.
  const signer = { chain: [pki.iphoneSigner.der, pki.iphoneCa.der, pki.root.der], privateKey: pki.iphoneSigner.privateKey };
  for (let kind = 0; kind < HOSTILE_KINDS; kind += 1) {
    const hostile = hostileCase(prng(kind), kind);
    const bytes = await signCms(signer, hostile.bytes);
    seeds.push({ name: `signed-hostile/${hostile.name}`, bytes, trustedCaSha256: pki.trustedCaSha256, signedHostile: true });
  }
  return seeds;
}
