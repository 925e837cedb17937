// The synthetic files the web e2e imports, written to a temp dir: made by the fixture factory (a throwaway test CA,
// so the site honestly reports them as not signed by Apple) relative to the real clock, since the built site
// judges expiry against the browser's own "now".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useWebCrypto } from '../../core/cms/crypto';
import { codeSigningIdentity, makeApp } from '../fixtures/app-factory';
import { makeDeveloperCertificate, makeProfile, sharedTestPki } from '../fixtures/factory';

export const TEAM = 'CONTOSO123';
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const DAY = 86_400_000;

export interface WebFixture {
  path: string;
  fileName: string;
  uuid: string;
  name: string;
  expiresAt: string;
}

export interface WebFixtures {
  dir: string;
  inHouse: WebFixture;
  renewal: WebFixture;
  development: WebFixture;
  hostile: WebFixture;
  /** Not a profile at all: must land in the per-file error list. */
  broken: { path: string; fileName: string };
  /** An .ipa whose one bundle embeds `inHouse`. */
  app: { path: string; fileName: string; bundleId: string };
}

/** Whole seconds: plist dates carry no milliseconds. */
function daysFromNow(days: number): Date {
  return new Date(Math.floor((Date.now() + days * DAY) / 1000) * 1000);
}

export async function writeWebFixtures(): Promise<WebFixtures> {
  useWebCrypto(globalThis.crypto);
  const dir = mkdtempSync(join(tmpdir(), 'provlens-web-e2e-'));
  const pki = await sharedTestPki();
  const developer = await makeDeveloperCertificate(pki, {
    commonName: `iPhone Distribution: Contoso Ltd (${TEAM})`,
    teamId: TEAM,
    notBefore: daysFromNow(-300),
    notAfter: daysFromNow(800),
  });
  const base = { teamId: TEAM, teamName: 'Contoso Ltd', developerCertificates: [developer], createdAt: daysFromNow(-1) };

  const profile = async (
    fileName: string,
    spec: { uuid: string; name: string; type: 'enterprise' | 'development'; bundleId: string; expiresIn: number },
  ): Promise<{ fixture: WebFixture; bytes: Uint8Array }> => {
    const expiresAt = daysFromNow(spec.expiresIn);
    const bytes = await makeProfile(pki, { ...base, ...spec, expiresAt, derCopy: 'consistent' });
    const path = join(dir, fileName);
    writeFileSync(path, bytes);
    return { fixture: { path, fileName, uuid: spec.uuid, name: spec.name, expiresAt: expiresAt.toISOString() }, bytes };
  };

  const inHouse = await profile('Contoso_Field_InHouse.mobileprovision', {
    uuid: 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa',
    name: 'Contoso Field In-House',
    type: 'enterprise',
    bundleId: 'com.contoso.field',
    expiresIn: 200,
  });
  const renewal = await profile('Contoso_Field_InHouse_2.mobileprovision', {
    uuid: 'bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb',
    name: 'Contoso Field In-House 2',
    type: 'enterprise',
    bundleId: 'com.contoso.field',
    expiresIn: 560,
  });
  const development = await profile('Contoso_Scanner_Dev.mobileprovision', {
    uuid: 'cccccccc-3333-4333-8333-cccccccccccc',
    name: 'Contoso Scanner Development',
    type: 'development',
    bundleId: 'com.contoso.scanner',
    expiresIn: 10,
  });
  const hostile = await profile('hostile.mobileprovision', {
    uuid: 'dddddddd-4444-4444-8444-dddddddddddd',
    name: HOSTILE_NAME,
    type: 'enterprise',
    bundleId: 'com.contoso.hostile',
    expiresIn: 120,
  });

  const broken = { fileName: 'notes.mobileprovision', path: join(dir, 'notes.mobileprovision') };
  writeFileSync(broken.path, 'this is not a provisioning profile\n');

  const bundleId = 'com.contoso.field';
  const ipa = await makeApp({
    bundles: [
      {
        path: 'Payload/Field.app/',
        bundleId,
        executable: 'Field',
        profile: inHouse.bytes,
        executableContent: {
          slices: ['arm64'],
          signature: { signer: codeSigningIdentity(pki, developer), identifier: bundleId, teamId: TEAM },
        },
      },
    ],
  });
  const app = { fileName: 'ContosoField.ipa', path: join(dir, 'ContosoField.ipa'), bundleId };
  writeFileSync(app.path, ipa);

  return {
    dir,
    inHouse: inHouse.fixture,
    renewal: renewal.fixture,
    development: development.fixture,
    hostile: hostile.fixture,
    broken,
    app,
  };
}
