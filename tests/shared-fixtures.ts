// Real-world fixtures live outside the repository (other people's data, read-only in CI): ../shared/fixtures.
// Tests read them when present and say so loudly when they are not, instead of passing silently.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_FIXTURES = resolve(import.meta.dirname, '../../shared/fixtures');
export const hasSharedFixtures = existsSync(join(SHARED_FIXTURES, 'expectations.json'));

let warned = false;
export function warnIfSharedFixturesMissing(): void {
  if (hasSharedFixtures || warned) return;
  warned = true;
  console.warn(
    `\n!!! ../shared/fixtures not found at ${SHARED_FIXTURES}: real Apple files are NOT being checked.\n` +
      '!!! Only synthetic fixtures run. Put the shared fixtures beside the checkout to test against reality.\n',
  );
}

export function readShared(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SHARED_FIXTURES, relativePath)));
}

export function readSharedJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(SHARED_FIXTURES, relativePath), 'utf8')) as T;
}

export function listShared(folder: string): string[] {
  return readdirSync(join(SHARED_FIXTURES, folder), { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${folder}/${entry.name}`);
}
