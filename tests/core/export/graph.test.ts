import { describe, expect, it } from 'vitest';
import { isProvlensError } from '../../../core/errors';
import { GRAPH_ENDPOINT, toBase64, toGraphRequest, toPowerShell } from '../../../core/export';
import { powerShellString } from '../../../core/export/graph';
import type { ProfileResult } from '../../../core/types';
import { buildResult } from '../profile-builder';

function bytesOf(length: number): Uint8Array {
  // A fixed pseudo-random pattern covering all 256 byte values, so a wrong chunk boundary or sign bug shows.
  return Uint8Array.from({ length }, (_, index) => (index * 131 + (index >> 8) * 7) & 0xff);
}

describe('toBase64', () => {
  it('matches RFC 4648 test vectors, padding included', () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((text) => toBase64(ascii(text)))).toEqual([
      '', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy',
    ]);
  });

  it('decodes back to the same bytes across chunk boundaries', () => {
    for (const length of [1, 0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 2, 200_003]) {
      const bytes = bytesOf(length);
      const encoded = toBase64(bytes);
      expect(encoded, String(length)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(encoded, 'base64').equals(bytes), String(length)).toBe(true);
    }
  });
});

describe('toGraphRequest', () => {
  const file = bytesOf(7_001);

  it('builds the iosLobAppProvisioningConfiguration body from the profile and the whole file', () => {
    const request = toGraphRequest(buildResult(), file, 'C:\\Users\\admin\\Downloads\\Example_InHouse.mobileprovision');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations');
    expect(request.url).toBe(GRAPH_ENDPOINT);
    expect(request.scope).toBe('DeviceManagementApps.ReadWrite.All');
    const { payload, ...rest } = request.body;
    expect(rest).toEqual({
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      displayName: 'Example In-House',
      description:
        'ABCDE12345.com.example.app, Example Corp (ABCDE12345), expires 2027-01-15 09:30 UTC, UUID 0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098. Prepared with ProvLens.',
      payloadFileName: 'Example_InHouse.mobileprovision',
      expirationDateTime: '2027-01-15T09:30:00.000Z',
    });
    expect(new Uint8Array(Buffer.from(payload, 'base64'))).toEqual(file);
    // The body is what gets POSTed: it must survive JSON unchanged.
    expect(JSON.parse(JSON.stringify(request.body))).toEqual(request.body);
  });

  it('falls back to the file name for a profile without a Name', () => {
    expect(toGraphRequest(buildResult({ name: null }), file, 'renewal/2027.mobileprovision').body.displayName).toBe('2027.mobileprovision');
  });

  it('refuses a result with no readable profile or no expiry, with a stable code', () => {
    const failed: ProfileResult = { ...buildResult(), ok: false, profile: null, signature: null, error: { code: 'malformed-cms', message: 'x' } };
    for (const result of [failed, buildResult({ expiresAt: null })]) {
      let caught: unknown = null;
      try {
        toGraphRequest(result, file, 'x.mobileprovision');
      } catch (error) {
        caught = error;
      }
      expect(isProvlensError(caught) && caught.code).toBe('not-a-profile');
    }
  });
});

describe('toPowerShell', () => {
  it('writes the Graph PowerShell command with the same values', () => {
    const script = toPowerShell(buildResult(), './profiles/Example_InHouse.mobileprovision');
    expect(script).toContain('Import-Module Microsoft.Graph.Beta.Devices.CorporateManagement\n');
    expect(script).toContain("Connect-MgGraph -Scopes 'DeviceManagementApps.ReadWrite.All'\n");
    expect(script).toContain(
      [
        'New-MgBetaDeviceAppManagementiOSLobAppProvisioningConfiguration `',
        "  -DisplayName 'Example In-House' `",
        "  -Description 'ABCDE12345.com.example.app, Example Corp (ABCDE12345), expires 2027-01-15 09:30 UTC, UUID 0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098. Prepared with ProvLens.' `",
        "  -PayloadFileName 'Example_InHouse.mobileprovision' `",
        "  -PayloadInputFile './profiles/Example_InHouse.mobileprovision' `",
        "  -ExpirationDateTime ([datetime]'2027-01-15T09:30:00.000Z')",
      ].join('\n'),
    );
  });

  it('keeps a hostile profile name inside one single-quoted literal', () => {
    const name = "x' ; Remove-Item -Recurse C:\\ ; '\u2019; $(calc) `n\r\nWrite-Host pwned";
    const script = toPowerShell(buildResult({ name }), 'p.mobileprovision');
    const line = script.split('\n').find((text) => text.startsWith('  -DisplayName '));
    expect(line).toBe(`  -DisplayName 'x'' ; Remove-Item -Recurse C:\\ ; ''\u2019\u2019; $(calc) \`n Write-Host pwned' \``);
    expect(script.split('\n').some((text) => text.startsWith('Write-Host'))).toBe(false);
    expect(powerShellString('\u2018a\u201b')).toBe("'\u2018\u2018a\u201b\u201b'");
  });
});
