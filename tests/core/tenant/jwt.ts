// Unsigned JWTs shaped like Microsoft identity platform access tokens, for tests that read claims (ProvLens never
// verifies the signature, Graph does). The signature segment is filler.
export const NOW = new Date('2020-06-15T09:00:00.000Z');

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function makeJwt(claims: Record<string, unknown>, header: Record<string, unknown> = { typ: 'JWT', alg: 'RS256', kid: 'test-key' }): string {
  return `${base64url(header)}.${base64url(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

/** A delegated Graph Explorer token for the global cloud, valid an hour after NOW, with the board's three read scopes. */
export function delegatedToken(overrides: Record<string, unknown> = {}): string {
  return makeJwt({
    aud: 'https://graph.microsoft.com',
    iss: 'https://sts.windows.net/8d3f1c2e-5b4a-4c6d-9e8f-0a1b2c3d4e5f/',
    tid: '8d3f1c2e-5b4a-4c6d-9e8f-0a1b2c3d4e5f',
    exp: Math.floor(NOW.getTime() / 1000) + 3600,
    scp: 'DeviceManagementApps.Read.All GroupMember.Read.All DeviceManagementRBAC.Read.All openid profile',
    upn: 'admin@contoso.onmicrosoft.com',
    app_displayname: 'Graph Explorer',
    ...overrides,
  });
}
