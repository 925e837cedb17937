// The board over a stand-in tenant whose configurations carry real Apple in-house profiles (../shared/fixtures),
// through the whole pipeline, judged with the clock inside their validity (2020-06-15).
import { beforeAll, describe, expect, it } from 'vitest';
import type { TenantBoard, TenantAppRow } from '../../../core/tenant/types';
import { hasSharedFixtures, warnIfSharedFixturesMissing } from '../../shared-fixtures';
import { CONFIG, GROUP, boardOf, realTenant } from './tenant-fixture';

warnIfSharedFixturesMissing();

describe.runIf(hasSharedFixtures)('tenantBoard over real in-house profiles', () => {
  let board: TenantBoard;
  const row = (id: string): TenantAppRow => {
    const found = board.rows.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no row ${id}`);
    return found;
  };

  beforeAll(async () => {
    board = await boardOf(realTenant());
  });

  it('puts the apps most urgent first, with state, days and action', () => {
    expect(board.rows.map((r) => [r.name, r.state, r.daysLeft, r.stopsLaunchingOn, r.stopsLaunchingBecause, r.action.kind])).toEqual([
      ['DockDoor', 'stopped', -2059, '2014-10-25T13:45:41.000Z', 'embedded-profile', 'get-renewal'],
      ['YT General', 'within', 17, '2020-07-03T02:02:07.000Z', 'pushed-profile', 'get-renewal'],
      ['ArtChat', 'ok', 193, '2020-12-25T09:55:51.000Z', 'pushed-profile', 'none'],
      ['Field Notes', 'ok', 258, '2021-03-01T00:00:00.000Z', 'embedded-profile', 'none'],
    ]);
    expect(board.counts).toEqual({ apps: 4, stopped: 1, within: 1, ok: 2, unknown: 0, configurations: 6 });
    expect(board.exitCode).toBe(2);
    expect(board.readAt).toBe('2020-06-15T09:00:00.000Z');
    expect(board.failures).toEqual([]);
  });

  it('judges the wildcard configuration that covers YT General with the live verdict, and says what to do', () => {
    const yt = row('app-yt');
    expect(yt.configurations).toEqual([
      { configurationId: CONFIG.yitong, status: 'expiring', usable: true, stopsLaunchingOn: '2020-07-03T02:02:07.000Z', reaches: 'all', missingGroups: [], excludedGroups: [] },
    ]);
    expect(yt.targets).toEqual({ include: [{ id: GROUP.field, name: 'Field Users' }], exclude: [{ id: GROUP.pilot, name: 'Pilot Devices' }], allDevices: false, allUsers: false, filtered: false });
    expect(yt.certificate).toEqual({ known: false });
    expect(yt.scopeTags).toEqual([{ id: '7', name: 'Field Ops' }]);
    expect(yt.action).toEqual({
      kind: 'get-renewal',
      message: 'Create a new in-house profile for 65YG889FGF.com.yitong.* in Apple Developer, download it and add it to the library: YT General stops launching on 2020-07-03 02:02 UTC (17 days left), and the library holds no newer profile Intune can use for it.',
      profileId: null,
      configurationId: null,
    });
    expect(yt.problems.map((p) => [p.code, p.severity])).toEqual([['stops-launching', 'warning'], ['certificate-unknown', 'info']]);
    expect(yt.problems[0]?.message).toBe('YT General stops launching on 2020-07-03 02:02 UTC (17 days left): "YT General 2019" ends then.');
    expect(yt.problems[0]?.fix).toBe(yt.action.message);
    expect(yt.problems[1]?.message).toBe("The certificate that signed YT General 3.2 is not known: the library holds no .ipa of it, so the day it stops launching is taken from the profiles' own certificates.");
  });

  it('ranks the genuine ArtChat configuration above its tampered copy, and keeps ArtChat alive with it', () => {
    const artchat = row('app-artchat');
    expect(artchat.configurations.map((c) => [c.configurationId, c.status, c.usable, c.reaches])).toEqual([
      [CONFIG.artchat, 'ok', true, 'all'],
      [CONFIG.edited, 'tampered', false, 'all'],
    ]);
    expect(artchat.action.message).toBe('Nothing to do now: "ArtChat 2020" keeps ArtChat launching until 2020-12-25 09:55 UTC (193 days left).');
  });

  it('sees DockDoor stopped years ago, its expired configuration still assigned', () => {
    const dockDoor = row('app-dockdoor');
    expect(dockDoor.configurations.map((c) => [c.status, c.usable, c.stopsLaunchingOn])).toEqual([['expired', false, '2014-10-25T13:45:41.000Z']]);
    expect(dockDoor.problems.map((p) => [p.code, p.severity])).toEqual([['stops-launching', 'error'], ['certificate-unknown', 'info']]);
    expect(dockDoor.problems[0]?.message).toBe(
      "DockDoor stopped launching on 2014-10-25 13:45 UTC (2059 days ago): the profile inside its .ipa ended then (Intune's expiry for the app), and no profile Intune pushes to all its devices lasts longer.",
    );
  });

  it('says no configuration covers Field Notes, which still runs on its own profile', () => {
    const notes = row('app-notes');
    expect(notes.configurations).toEqual([]);
    expect(notes.targets.allUsers).toBe(true);
    expect(notes.problems.map((p) => [p.code, p.severity])).toEqual([['app-not-covered', 'warning'], ['certificate-unknown', 'info']]);
    expect(notes.problems[0]?.message).toBe('No iOS app provisioning profile in Intune covers com.contoso.notes (Field Notes); it runs on the profile inside its .ipa until 2021-03-01 00:00 UTC (258 days left).');
    expect(notes.problems[0]?.fix).toBe('Before then, push an in-house profile whose App ID covers com.contoso.notes and assign it to all users.');
    expect(notes.action.message).toBe('Nothing to do now: Field Notes launches until 2021-03-01 00:00 UTC (258 days left) on the profile inside its .ipa.');
  });

  it('flags the configurations: unreadable, tampered and expired yet assigned, expiry disagreeing, several for one App ID, covering no app', () => {
    expect(board.problems.map((p) => [p.code, p.severity, p.configurationId])).toEqual([
      ['configuration-not-usable-but-assigned', 'error', CONFIG.edited],
      ['configuration-not-usable-but-assigned', 'error', CONFIG.dockDoor],
      ['configuration-unreadable', 'error', CONFIG.broken],
      ['configuration-expiry-disagrees', 'warning', CONFIG.artchat],
      ['several-configurations', 'warning', CONFIG.artchat],
      ['configuration-not-assigned', 'info', CONFIG.mix],
      ['configuration-covers-no-app', 'info', CONFIG.mix],
    ]);
    const message = (code: string, id: string) => board.problems.find((p) => p.code === code && p.configurationId === id)?.message;
    expect(message('configuration-not-usable-but-assigned', CONFIG.edited)).toBe('"ArtChat (edited)" is tampered and still assigned to all devices: The file was changed after Apple signed it, so devices refuse it.');
    expect(message('configuration-not-usable-but-assigned', CONFIG.dockDoor)).toBe(
      '"DockDoor" is expired and still assigned to "Field Users": Apps using it stopped launching on 2014-10-25 13:45 UTC; pushing an expired profile cannot revive them.',
    );
    expect(message('configuration-unreadable', CONFIG.broken)).toBe(
      '"Broken upload" (broken.mobileprovision): its payload cannot be read as a provisioning profile (empty: Graph returned no payload for this configuration, so the file Intune pushes cannot be checked.), so what Intune pushes to "Sales iPads" cannot be checked.',
    );
    expect(message('configuration-expiry-disagrees', CONFIG.artchat)).toBe(
      'Intune says "ArtChat 2020" expires on 2020-12-24 16:00 UTC (192 days left), but the file it pushes expires on 2020-12-25 09:55 UTC (193 days left).',
    );
    expect(message('several-configurations', CONFIG.artchat)).toBe(
      '2 configurations hold profiles for VX3477C4M7.com.yiqi.artchat: "ArtChat 2020" and "ArtChat (edited)", 2 of them assigned. Devices get every assigned one, and renewing one while another stays is easy to miss.',
    );
    expect(message('configuration-covers-no-app', CONFIG.mix)).toBe('"MixProject" (XFA9C6XUR7.com.redbird.company.MixProject) covers none of the tenant\'s iOS line-of-business apps.');
  });

  it('shows each configuration with its verdict, Intune\'s expiry against the file\'s, targets, scope tags, statuses and the apps it covers', () => {
    const view = (id: string) => board.configurations.find((c) => c.id === id);
    expect(view(CONFIG.yitong)).toMatchObject({
      displayName: 'YT General 2019',
      profile: { name: 'pro_Dis_generalYtID', uuid: '5d032766-4146-44db-8d26-60a593452977', applicationIdentifier: '65YG889FGF.com.yitong.*', bundleId: 'com.yitong.*', teamId: '65YG889FGF', type: 'enterprise', expiresAt: '2020-07-03T02:02:07.000Z' },
      verdict: { status: 'expiring', usableByIntune: true, daysLeft: 17, stopsLaunchingOn: '2020-07-03T02:02:07.000Z' },
      payloadError: null,
      expiry: { intune: '2020-07-03T02:02:07.000Z', file: '2020-07-03T02:02:07.000Z', agrees: true },
      assigned: true,
      scopeTags: [{ id: '7', name: 'Field Ops' }],
      deviceStatuses: { total: 3, byStatus: { compliant: 2, error: 1 } },
      covers: ['app-yt'],
    });
    expect(view(CONFIG.edited)?.verdict?.status).toBe('tampered');
    expect(view(CONFIG.edited)?.covers).toEqual(['app-artchat']);
    expect(view(CONFIG.broken)).toMatchObject({ profile: null, verdict: null, payloadError: { code: 'empty' }, expiry: { intune: null, file: null, agrees: null } });
  });
});
