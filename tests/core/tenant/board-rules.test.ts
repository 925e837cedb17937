// The board's rules on hand-built inputs (tests/core/profile-builder.ts): the cases the real and synthetic tenants do
// not show — a tampered configuration renewed in place, a stopped app revived by a renewal, a team that differs, an
// app's certificate the pushed profile does not list, and a tenant whose configurations could not be read.
import { describe, expect, it } from 'vitest';
import { tenantBoard } from '../../../core/tenant/board';
import type { Assignment, GraphConfiguration, GraphIosApp, LibraryApp, ReadFailure, TenantBoardInput, TenantSnapshot } from '../../../core/tenant/types';
import type { AppBundle, ProfileResult } from '../../../core/types';
import { NOW, TEAM, buildCertificate, buildResult } from '../profile-builder';

const GROUP = '0b5f2c1e-4d3a-4e8b-9c7d-000000000031';
const include: Assignment = { id: null, intent: 'required', target: { kind: 'include', groupId: GROUP, odataType: '#microsoft.graph.groupAssignmentTarget', filterId: null, filterType: 'none' } };

function configuration(id: string, name: string, expiration: string | null = null): GraphConfiguration {
  return { id, displayName: name, description: null, payloadFileName: `${id}.mobileprovision`, payload: 'x', expirationDateTime: expiration, roleScopeTagIds: ['0'], createdDateTime: null, lastModifiedDateTime: null, version: 1, assignments: [include], deviceStatuses: null, userStatuses: null };
}

function app(expiration: string, bundleId = 'com.example.app'): GraphIosApp {
  return { id: 'app', displayName: 'Example', bundleId, versionNumber: '1.0', buildNumber: '1', expirationDateTime: expiration, roleScopeTagIds: [], publishingState: 'published', assignments: [include] };
}

function board(configurations: GraphConfiguration[], payloads: Record<string, ProfileResult>, apps: GraphIosApp[], library: Partial<TenantBoardInput['library']> = {}, failures: ReadFailure[] = []) {
  const snapshot: TenantSnapshot = { cloud: 'global', readAt: NOW.toISOString(), configurations, apps, groups: { [GROUP]: 'Everyone' }, scopeTags: {}, failures };
  return tenantBoard({ snapshot, payloads, library: { profiles: [], apps: [], ...library } }, { now: NOW, warnDays: 30 });
}

const renewal = { id: 'renewal', fileName: 'Example_2027.mobileprovision', result: buildResult({ uuid: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Example 2027', expiresAt: '2027-05-01T00:00:00.000Z' }) };

describe('tenantBoard rules', () => {
  it('renews a tampered configuration in place with a newer genuine profile for the same App ID', () => {
    const tampered = buildResult({ expiresAt: '2026-06-20T00:00:00.000Z' }, { status: 'invalid', reason: 'digest mismatch' });
    const result = board([configuration('c1', 'Example (edited)')], { c1: tampered }, [app('2026-06-20T00:00:00.000Z')], { profiles: [renewal] });
    expect(result.rows[0]).toMatchObject({ state: 'within', daysLeft: 18, stopsLaunchingBecause: 'embedded-profile', action: { kind: 'renew-in-place', profileId: 'renewal', configurationId: 'c1' } });
    expect(result.rows[0]?.action.message).toContain('Renew "Example (edited)" in place with "Example 2027" (Example_2027.mobileprovision, expires 2027-05-01 00:00 UTC');
    expect(result.exitCode).toBe(2);
  });

  it('renews a tampered configuration in place with the genuine copy of the very same profile (same UUID and expiry)', () => {
    const uuid = 'aaaaaaaa-0000-4000-8000-0000000000aa';
    const tampered = buildResult({ uuid, expiresAt: '2027-02-01T00:00:00.000Z' }, { status: 'invalid', reason: 'digest mismatch' });
    const genuine = { id: 'genuine', fileName: 'Example.mobileprovision', result: buildResult({ uuid, name: 'Example', expiresAt: '2027-02-01T00:00:00.000Z' }) };
    const result = board([configuration('c1', 'Example')], { c1: tampered }, [app('2026-06-20T00:00:00.000Z')], { profiles: [genuine] });
    expect(result.rows[0]?.action).toMatchObject({ kind: 'renew-in-place', profileId: 'genuine', configurationId: 'c1' });
    // An intact configuration is not "renewed" with its own file.
    const intact = board([configuration('c1', 'Example')], { c1: buildResult({ uuid, expiresAt: '2027-02-01T00:00:00.000Z' }) }, [app('2026-06-20T00:00:00.000Z')], { profiles: [genuine] });
    expect(intact.rows[0]?.action.kind).not.toBe('renew-in-place');
  });

  it('does not renew with the configuration\'s own file, and revives a stopped app with a renewal', () => {
    const expired = buildResult({ expiresAt: '2026-05-01T00:00:00.000Z' });
    const same = { id: 'same', fileName: 'same.mobileprovision', result: buildResult({ expiresAt: '2026-05-01T00:00:00.000Z' }) };
    const stuck = board([configuration('c1', 'Example 2026')], { c1: expired }, [app('2026-05-01T00:00:00.000Z')], { profiles: [same] });
    expect(stuck.rows[0]).toMatchObject({ state: 'stopped', daysLeft: -31, action: { kind: 'get-renewal' } });
    const revived = board([configuration('c1', 'Example 2026')], { c1: expired }, [app('2026-05-01T00:00:00.000Z')], { profiles: [same, renewal] });
    expect(revived.rows[0]?.action).toMatchObject({ kind: 'renew-in-place', profileId: 'renewal', configurationId: 'c1' });
    expect(revived.rows[0]?.problems[0]).toMatchObject({ code: 'stops-launching', severity: 'error' });
  });

  it('leaves out a configuration of another team when the app\'s team is known, and one not listing the app\'s certificate is not usable', () => {
    const signer = buildCertificate({ sha256: 'bb22'.repeat(16), commonName: `iPhone Distribution: Example Corp (${TEAM})`, notAfter: '2029-01-01T00:00:00.000Z' });
    const bundle = { path: 'Payload/Example.app/', kind: 'app', bundleId: 'com.example.app', name: 'Example', version: '1.0', build: '1', signingCertificate: signer, profile: null } as unknown as AppBundle;
    const library: LibraryApp = { id: 'ipa', fileName: 'Example.ipa', result: { kind: 'app', file: 'Example.ipa', ok: true, error: null, app: { bundles: [bundle], notes: [] }, findings: [] } };
    const otherTeam = buildResult({ teamId: 'OTHERTEAM9' });
    const result = board(
      [configuration('mine', 'Example 2027'), configuration('theirs', 'Someone else\'s')],
      { mine: buildResult(), theirs: otherTeam },
      [app('2026-06-10T00:00:00.000Z')],
      { apps: [library] },
    );
    const row = result.rows[0];
    expect(row?.configurations.map((c) => [c.configurationId, c.status, c.usable])).toEqual([['mine', 'ok', false]]);
    expect(row?.certificate).toMatchObject({ known: true, notAfter: '2029-01-01T00:00:00.000Z' });
    // The pushed profile does not list the app's certificate, so only the profile inside the .ipa keeps it going.
    expect(row).toMatchObject({ state: 'within', stopsLaunchingBecause: 'embedded-profile', action: { kind: 'get-renewal' } });
    expect(row?.problems.map((p) => p.code)).toContain('app-check-failed');
    expect(result.configurations.find((c) => c.id === 'theirs')?.covers).toEqual([]);
  });

  it('exits 2 when the configurations could not be read, whatever the rest says', () => {
    const failure: ReadFailure = { part: 'configurations', request: 'GET x', status: null, code: 'network', message: 'Could not reach graph.microsoft.com.', missingScope: null, subject: null };
    const result = board([], {}, [app('2027-01-01T00:00:00.000Z')], {}, [failure]);
    expect(result.rows[0]?.state).toBe('ok');
    expect(result.exitCode).toBe(2);
    expect(board([], {}, [app('2027-01-01T00:00:00.000Z')]).exitCode).toBe(0);
  });
});
