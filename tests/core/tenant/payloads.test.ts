import { describe, expect, it } from 'vitest';
import { decodePayloads } from '../../../core/tenant/payloads';
import type { GraphConfiguration } from '../../../core/tenant/types';
import { hasSharedFixtures, warnIfSharedFixturesMissing } from '../../shared-fixtures';
import { NOW } from './jwt';
import { REAL, realBase64, tamperedBase64 } from './real-profiles';

warnIfSharedFixturesMissing();

function configuration(id: string, payload: string | null, payloadFileName: string | null = `${id}.mobileprovision`): GraphConfiguration {
  return {
    id, displayName: `Configuration ${id}`, description: null, payloadFileName, payload, expirationDateTime: null, roleScopeTagIds: ['0'],
    createdDateTime: null, lastModifiedDateTime: null, version: 1, assignments: [], deviceStatuses: null, userStatuses: null,
  };
}

describe('decodePayloads', () => {
  it('gives an absent, a non-base64 and a non-profile payload a not-ok result with its reason', async () => {
    const results = await decodePayloads([configuration('none', null, null), configuration('text', 'this is *not* base64!'), configuration('junk', Buffer.from('hello, world').toString('base64'))], { now: NOW });
    expect(results.none).toMatchObject({ ok: false, file: 'Configuration none.mobileprovision', error: { code: 'empty', message: 'Graph returned no payload for this configuration, so the file Intune pushes cannot be checked.' } });
    expect(results.text).toMatchObject({ ok: false, file: 'text.mobileprovision', error: { code: 'not-a-profile', message: 'The payload Graph returned is not base64, so it is not the signed file Intune pushes.' } });
    expect(results.junk).toMatchObject({ ok: false, error: { code: 'not-a-profile' } });
  });

  it.runIf(hasSharedFixtures)('decodes real in-house payloads with the core, and sees a tampered copy', async () => {
    const results = await decodePayloads([configuration('fireup', realBase64(REAL.fireup)), configuration('edited', tamperedBase64(REAL.iconthemer))], { now: NOW });
    expect(results.fireup).toMatchObject({ ok: true, file: 'fireup.mobileprovision', signature: { status: 'valid' } });
    expect(results.fireup?.profile).toMatchObject({ uuid: '5d032766-4146-44db-8d26-60a593452977', applicationIdentifier: '65YG889FGF.com.yitong.*', type: 'enterprise', expiresAt: '2020-07-03T02:02:07.000Z' });
    expect(results.fireup?.findings.map((finding) => finding.code)).toContain('expires-soon');
    expect(results.edited).toMatchObject({ ok: true, signature: { status: 'invalid' } });
    expect(results.edited?.profile?.uuid).toBe('cf4ee639-8bef-43c6-8eb1-8e326275d295');
  });
});
