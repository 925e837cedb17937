// `npx tsx tests/fuzz/openssl-diff.ts [--per 100] [--seed 14]`: the issue-14 experiment, repeatable. Seeded random
// mutants (bit flips, length corruption, the CMS shapes) of every genuine profile in ../shared/fixtures, judged by
// ProvLens (decodeProfile's outer signature) and by `openssl cms -verify -attime <signing time>`; prints agreement and
// every disagreement. The shapes' documented differences (tests/fixtures/cms-shapes.ts) are counted apart.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { parseSignedData } from '../../core/cms/cms';
import { useWebCrypto } from '../../core/cms/crypto';
import { decodeProfile } from '../../core/profile/profile';
import { SHAPES, applyShape } from '../fixtures/cms-shapes';
import { listShared, readShared, readSharedJson } from '../shared-fixtures';
import { mutate } from './mutations';
import { casePrng } from './prng';
import { signedLayout } from './tlv';

useWebCrypto(webcrypto as unknown as Crypto);
const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1] ?? fallback) || fallback;
const perProfile = arg('--per', 100);
const seed = arg('--seed', 14);

const dir = mkdtempSync(join(tmpdir(), 'provlens-openssl-diff-'));
const caFile = join(dir, 'apple.pem');
const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
writeFileSync(caFile, ['certs/applers_AppleIncRootCertificate.cer', 'certs/applers_AppleRootCA-G3.cer'].map((f) => pem(readShared(f))).join(''));

function openssl(bytes: Uint8Array, attime: number): boolean {
  const file = join(dir, 'mutant.der');
  writeFileSync(file, bytes);
  const args = ['cms', '-verify', '-inform', 'DER', '-in', file, '-CAfile', caFile, '-purpose', 'any', '-binary', '-out', '/dev/null', '-attime', String(attime)];
  return spawnSync('openssl', args).status === 0;
}

async function provlens(bytes: Uint8Array): Promise<boolean> {
  try {
    return (await decodeProfile(bytes)).signature.status === 'valid';
  } catch {
    return false;
  }
}

const expectations = readSharedJson<Record<string, { signature: string[] }>>('expectations.json');
const profiles = listShared('profiles').filter((file) => expectations[file]?.signature.join() === 'valid');
const counts = { cases: 0, agree: 0, documented: 0, provlensOnly: 0, opensslOnly: 0 };
const disagreements: string[] = [];
for (const [p, file] of profiles.entries()) {
  const bytes = readShared(file);
  const signingTime = parseSignedData(bytes).signers[0]?.signingTime;
  if (!signingTime) continue;
  const attime = Math.floor(Date.parse(signingTime) / 1000);
  const source = { bytes, layout: signedLayout(bytes) };
  for (let i = 0; i < perProfile; i++) {
    const rng = casePrng(seed, p * perProfile + i);
    const shape = i % 5 === 0 ? SHAPES[(i / 5) % SHAPES.length]! : null;
    let mutant: Uint8Array;
    let operator: string;
    if (shape) {
      try {
        mutant = applyShape(bytes, shape);
      } catch {
        continue;
      }
      operator = `shape/${shape.name}`;
    } else {
      const m = mutate(rng, source, bytes);
      if (m.operator === 'random-bytes' || m.operator === 'splice' || m.operator === 'cms-shape' || m.operator.startsWith('cms-shape/')) continue;
      mutant = m.bytes;
      operator = m.operator;
    }
    counts.cases++;
    const ours = await provlens(mutant);
    const theirs = openssl(mutant, attime);
    if (ours === theirs) counts.agree++;
    else if (shape && (shape.provlens === 'accept') === ours && (shape.openssl === 'accept') === theirs) counts.documented++;
    else {
      if (ours) counts.provlensOnly++;
      else counts.opensslOnly++;
      disagreements.push(`${file} #${i} ${operator}: ProvLens ${ours ? 'valid' : 'refused'}, openssl ${theirs ? 'verified' : 'refused'}`);
    }
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`openssl differential, seed ${seed}, ${profiles.length} genuine profiles:`);
console.log(`  ${counts.cases} mutants; agree ${counts.agree}; documented shape differences ${counts.documented}`);
console.log(`  ProvLens valid where openssl refuses: ${counts.provlensOnly}; ProvLens refuses where openssl verifies: ${counts.opensslOnly}`);
for (const line of disagreements.slice(0, 60)) console.log(`  ${line}`);
