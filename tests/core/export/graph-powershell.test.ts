// The PowerShell form of the Intune job: same requests as the JSON form, on the right cloud, runnable as written.
// No PowerShell runs here, so the script is taken apart the way PowerShell reads it: single-quoted here-strings
// (@'…'@, literal, ended only by a line starting with '@) and the statements between them.
import { describe, expect, it } from 'vitest';
import { CREATED_ID, intuneJob, toPowerShell, type IntuneFile, type IntuneJobOptions } from '../../../core/export';
import { NOW, buildResult } from '../profile-builder';

const INCLUDE = '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f';
const EXCLUDE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const CONFIG = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';

const file = (name = 'Example In-House'): IntuneFile => ({ result: buildResult({ name }), bytes: Uint8Array.of(1, 2, 3, 250), fileName: 'Example.mobileprovision' });
const job = (options: IntuneJobOptions, files = [file()]) => intuneJob(files, { now: NOW, ...options });

/** Statements outside here-strings, and the here-strings' contents, in order. */
function takeApart(script: string): { statements: string[]; hereStrings: string[] } {
  const statements: string[] = [];
  const hereStrings: string[] = [];
  let open: string[] | null = null;
  for (const line of script.split('\n')) {
    if (open) {
      if (line.startsWith("'@")) {
        hereStrings.push(open.join('\n'));
        open = null;
      } else open.push(line);
    } else {
      if (line.trim() && !line.startsWith('#')) statements.push(line);
      if (line.endsWith("@'")) open = [];
    }
  }
  expect(open, 'every here-string is closed').toBeNull();
  return { statements, hereStrings };
}

describe('toPowerShell', () => {
  it('says in its comment where the assignment goes, all devices and all users included', () => {
    expect(toPowerShell(job({ allDevices: true, excludeGroupIds: [EXCLUDE] }))).toContain('# Example_InHouse.mobileprovision: assign to all devices, 0 included and 1 excluded group(s), using the id just created');
    expect(toPowerShell(job({ includeGroupIds: [INCLUDE] }))).toContain('assign to 1 included and 0 excluded group(s), using the id just created');
  });

  it('stops on errors, signs in to the tenant\'s cloud, and sends exactly the JSON requests', () => {
    const prepared = job({ cloud: 'usgov', includeGroupIds: [INCLUDE], excludeGroupIds: [EXCLUDE], scopeTagIds: ['4'] });
    const script = toPowerShell(prepared);
    const { statements, hereStrings } = takeApart(script);
    expect(statements.slice(0, 3)).toEqual([
      "$ErrorActionPreference = 'Stop'",
      'Import-Module Microsoft.Graph.Authentication',
      "Connect-MgGraph -Environment USGov -Scopes 'DeviceManagementApps.ReadWrite.All'",
    ]);
    expect(hereStrings.map((text) => JSON.parse(text) as unknown)).toEqual(prepared.requests.map((request) => request.body));
    const url = 'https://graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations';
    expect(statements).toContain(`$created0 = Invoke-MgGraphRequest -Method POST -Uri '${url}' -ContentType 'application/json' -Body @'`);
    expect(statements).toContain(`Invoke-MgGraphRequest -Method POST -Uri ('${url}/${CREATED_ID}/assign'.Replace('${CREATED_ID}', $created0.id)) -ContentType 'application/json' -Body @'`);
    expect(script).not.toMatch(/graph\.microsoft\.com|dod-graph|chinacloudapi/);
    expect(script).toContain('https://intune.microsoft.us');
  });

  it('names each cloud\'s Connect-MgGraph environment', () => {
    const environments = (['global', 'usgov', 'dod', 'china'] as const).map((cloud) => /-Environment (\S+)/.exec(toPowerShell(job({ cloud })))?.[1]);
    expect(environments).toEqual(['Global', 'USGov', 'USGovDoD', 'China']);
  });

  it('renews in place with one PATCH on the given configuration and no assignment', () => {
    const script = toPowerShell(job({ updateConfigurationId: CONFIG }));
    const { statements, hereStrings } = takeApart(script);
    expect(statements.filter((line) => line.includes('Invoke-MgGraphRequest'))).toEqual([
      `Invoke-MgGraphRequest -Method PATCH -Uri 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG}' -ContentType 'application/json' -Body @'`,
    ]);
    expect(JSON.parse(hereStrings[0] ?? '')).toMatchObject({ payload: Buffer.from([1, 2, 3, 250]).toString('base64'), expirationDateTime: '2027-01-15T09:30:00.000Z' });
    expect(script).not.toContain('<');
  });

  it('keeps a hostile or non-ASCII profile name inside the JSON, as ASCII escapes', () => {
    const name = "x'@\n'@\nRemove-Item -Recurse C:\\ ; $(calc) \u2019@ Zürich \u2028 名前";
    const prepared = job({}, [file(name)]);
    const script = toPowerShell(prepared);
    expect(/^[\x20-\x7e\n]*$/.test(script)).toBe(true);
    const { statements, hereStrings } = takeApart(script);
    expect(statements.some((line) => line.startsWith('Remove-Item'))).toBe(false);
    expect((JSON.parse(hereStrings[0] ?? '') as { displayName: string }).displayName).toBe(name);
  });

  it('keeps 500 seeded random names (quotes, line breaks, here-string ends, surrogates) inside the JSON', () => {
    let seed = 13;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const alphabet = ["'", '"', '@', '\n', '\r', '`', '$', '#', '{', '}', '\u2019', '\u2028', '\ud83d', '\ude00', 'a', ' ', 'é', '名'];
    for (let round = 0; round < 500; round += 1) {
      const name = Array.from({ length: 1 + Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const script = toPowerShell(job({}, [file(name)]));
      expect(/^[\x20-\x7e\n]*$/.test(script), JSON.stringify(name)).toBe(true);
      const { statements, hereStrings } = takeApart(script);
      expect(statements.filter((line) => line.startsWith('Invoke-MgGraphRequest') || line.startsWith('$created')), JSON.stringify(name)).toHaveLength(1);
      expect((JSON.parse(hereStrings[0] ?? '') as { displayName: string }).displayName, JSON.stringify(name)).toBe(name);
    }
  });

  it('says why a refused file is left out, and marks a forced one', () => {
    const expired = { ...file(), result: buildResult({ expiresAt: '2026-05-01T00:00:00.000Z' }, {}, 'old.mobileprovision') };
    const refused = toPowerShell(job({}, [expired]));
    expect(refused).toContain('# Left out old.mobileprovision: Intune cannot use it.');
    expect(takeApart(refused).statements).toEqual(["$ErrorActionPreference = 'Stop'"]);
    const forced = toPowerShell(job({ force: true }, [expired]));
    expect(forced).toMatch(/# WARNING \(written anyway with --force\): Apps using it stopped launching on 2026-05-01/);
    expect(forced).toContain('Invoke-MgGraphRequest -Method POST');
  });
});
