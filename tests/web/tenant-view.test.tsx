// @vitest-environment happy-dom
// The tenant board (#/tenant) inside the whole App, on a real (fake-indexeddb) library, against a fake Graph at the
// real host (tests/web/tenant-fixture.ts) and a fake Sign in with Microsoft. The clock (Date only) is 2020-06-15 09:00
// UTC, inside the real in-house profiles' validity. Asserts what the admin sees and what is sent, when, and that the
// token is found nowhere it could stay.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { formatLocal } from '../../core/dates';
import { DEFAULT_SETTINGS, openLibrary, type Library } from '../../core/store';
import { App, type TenantViewProps } from '../../web/app';
import { BOARD_NARROW } from '../../web/views/apps/app-parts';
import type { SignIn, SignInFactory } from '../../web/views/tenant/sign-in';
import { TenantView } from '../../web/views/TenantView';
import { on, type FakeGraph } from '../core/tenant/fake-graph';
import { sharedTestPki } from '../fixtures/factory';
import { hasSharedFixtures, warnIfSharedFixturesMissing } from '../shared-fixtures';
import { CONFIG, FIREUP_ID, GROUP, ICONTHEMER_ID, NOW, READ_TOKEN, WRITE_TOKEN, fixtureTenant, stockLibrary } from './tenant-fixture';

warnIfSharedFixturesMissing();

const root = document.createElement('div');
document.body.append(root);
let library: Library | null = null;
let graph: FakeGraph;
let signIn: SignInFactory = async () => {
  throw new Error('no sign-in in this test');
};
let fetcher: typeof fetch;

function Tenant(props: TenantViewProps) {
  return <TenantView {...props} fetch={fetcher} sleep={async () => undefined} signIn={signIn} />;
}

beforeAll(async () => {
  if (!hasSharedFixtures) throw new Error('These tests read real profiles from ../shared/fixtures, which is missing');
  // The test CA behind the re-signed configuration takes a while to make once; each test's tenant reuses it.
  await sharedTestPki();
}, 120_000);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  graph = await fixtureTenant();
  fetcher = graph.fetch;
});

afterEach(() => {
  render(null, root);
  library?.close();
  library = null;
  vi.useRealTimers();
});

async function openTenant(options: { signIn?: boolean } = {}): Promise<Library> {
  library = await openLibrary({ indexedDB: new IDBFactory(), name: `tenant-${Math.random()}` });
  await stockLibrary(library);
  if (options.signIn) {
    await library.putSettings({ ...DEFAULT_SETTINGS, signIn: { global: { clientId: '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f', tenantId: 'contoso.onmicrosoft.com' } } });
  }
  location.hash = '#/tenant';
  await act(() => render(<App library={library as Library} tenantView={Tenant} />, root));
  // The core (the token reader among it) loads with the page; until then the panel waits.
  await waitFor(() => root.querySelector('textarea:not([disabled])'));
  return library;
}

function screen(kind: 'narrow' | 'wide') {
  const media = vi.spyOn(window, 'matchMedia').mockImplementation((query) => ({
    media: query,
    matches: kind === 'narrow' && query === BOARD_NARROW,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }));
  onTestFinished(() => media.mockRestore());
}

async function waitFor<T>(find: () => T | null | undefined, timeout = 15_000): Promise<T> {
  let found: T | null | undefined;
  await vi.waitFor(() => {
    found = find();
    expect(found).toBeTruthy();
  }, { timeout });
  return found as T;
}

function button(name: string | RegExp, scope: ParentNode = root): HTMLButtonElement | undefined {
  return [...scope.querySelectorAll('button')].find((element) => (typeof name === 'string' ? element.textContent === name : name.test(element.textContent ?? ''))) as HTMLButtonElement | undefined;
}

function field(label: string): HTMLTextAreaElement | HTMLInputElement | HTMLSelectElement {
  const found = [...root.querySelectorAll('label')].find((element) => element.firstChild?.textContent?.trim() === label)?.querySelector('textarea, input, select');
  if (!found) throw new Error(`no field ${label}`);
  return found as HTMLTextAreaElement;
}

async function type(label: string, value: string): Promise<void> {
  const element = field(label);
  await act(() => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(name: string | RegExp, scope?: ParentNode): Promise<void> {
  const target = await waitFor(() => button(name, scope));
  await act(() => target.click());
}

async function connectWith(token: string): Promise<void> {
  await type('Access token', token);
  await press('Connect');
  await waitFor(() => root.querySelector('.tenant-table tbody tr, .app-cards li'));
}

const rowOf = (id: string) => root.querySelector(`.tenant-table tr[data-id="${id}"]`);
const cells = (row: Element | null | undefined) => [...(row?.children ?? [])].map((cell) => cell.textContent ?? '');

describe('#/tenant before connecting', () => {
  it('offers the cloud, the token field and Sign in, and asks no server anything until Connect', async () => {
    await openTenant();
    expect(root.querySelector('nav a[aria-current="page"]')?.textContent).toBe('Tenant');
    expect([...(field('Cloud') as HTMLSelectElement).options].map((option) => option.textContent)).toEqual([
      'Microsoft global (commercial, including GCC)',
      'US Government L4 (GCC High)',
      'US Government L5 (DoD)',
      'China operated by 21Vianet',
    ]);
    const token = field('Access token');
    // spellcheck={false} is a DOM property happy-dom lacks; the built page's e2e (web-privacy) checks the attribute.
    expect([token.tagName, token.getAttribute('autocomplete'), token.getAttribute('autocapitalize')]).toEqual(['TEXTAREA', 'off', 'off']);
    expect(button('Connect')?.disabled).toBe(true);
    // No app registration for this cloud yet: Sign in is off and says where to add one.
    expect(button('Sign in with Microsoft')?.disabled).toBe(true);
    expect(root.querySelector('#sign-in-hint')?.textContent).toBe('Needs your own app registration for this cloud: add its client ID and tenant ID in Settings.');
    await type('Access token', READ_TOKEN);
    expect(button('Connect')?.disabled).toBe(false);
    expect(graph.requests).toEqual([]);
  });

  it('refuses what is not a token, an expired token and another cloud\'s token, before sending anything', async () => {
    await openTenant();
    await type('Access token', 'hello');
    await press('Connect');
    expect(root.querySelector('.connect [role="alert"]')?.textContent).toBe(
      'That is not an access token: tokens are long strings of letters, digits and - _ . characters (most start with "eyJ").',
    );
    const { delegatedToken } = await import('../core/tenant/jwt');
    await type('Access token', delegatedToken({ exp: Math.floor(NOW.getTime() / 1000) - 60 }));
    await press('Connect');
    expect(root.querySelector('.connect [role="alert"]')?.textContent).toBe(
      'This token expired on 2020-06-15 08:59 UTC; get a new one (Graph Explorer issues tokens that last about an hour).',
    );
    await type('Access token', delegatedToken({ aud: 'https://graph.microsoft.us' }));
    await press('Connect');
    expect(root.querySelector('.connect [role="alert"]')?.textContent).toBe(
      'This token is for US Government L4 (GCC High) (graph.microsoft.us), not Microsoft global (commercial, including GCC) (graph.microsoft.com): pick that cloud or get a token for this one.',
    );
    expect((field('Access token') as HTMLTextAreaElement).value).toBe('');
    expect(graph.requests).toEqual([]);
  });
});

describe('#/tenant with a pasted token', () => {
  it('says what the token allows and when it was read, and lists the apps most urgent first with their configurations', async () => {
    screen('wide');
    await openTenant();
    await connectWith(READ_TOKEN);
    const summary = root.querySelector('.token-summary')?.textContent ?? '';
    expect(summary).toContain('Token foradmin@contoso.onmicrosoft.com (through Graph Explorer)');
    expect(root.querySelector('.token-access')?.textContent).toBe('read only');
    expect(summary).toContain(`Expires${formatLocal('2020-06-15T10:00:00.000Z')}`);
    expect(summary).toContain('Microsoft Graph verifies the token; ProvLens only reads what it says.');
    expect([...root.querySelectorAll('.token-warnings li')].map((item) => item.textContent)).toEqual([
      'The token lacks DeviceManagementApps.ReadWrite.All: the board can be read, but Push to Intune and Renew in place need that permission.',
    ]);
    // The field forgot the token once connected.
    expect(root.querySelector('textarea')).toBeNull();
    await waitFor(() => root.querySelector('.read-status [role="status"]')?.textContent?.startsWith('Read at'));
    expect(root.querySelector('.read-status [role="status"]')?.textContent).toBe(`Read at ${formatLocal(NOW.toISOString())} (your time zone). `);

    expect([...root.querySelectorAll('.tenant-table tbody tr')].map((row) => row.getAttribute('data-id'))).toEqual(['app-dockdoor', 'app-yt', 'app-artchat', 'app-notes']);
    // The page's status line says what was read once the board is there, not "reading it" forever.
    await waitFor(() => root.querySelector('.status-line')?.textContent?.startsWith('Tenant read'));
    expect(root.querySelector('.status-line')?.textContent).toBe(
      'Tenant read: 4 apps: 1 stopped launching, 2 stop within 30 days, 1 keep launching, 0 unknown; 3 iOS app provisioning profiles in Intune.',
    );
    const [status, app, configurations, groups, until, todo] = cells(rowOf('app-yt'));
    expect(status).toBe('! Stops soon');
    expect(app).toContain('YT Generalcom.yitong.generalversion 3.2 (320)');
    expect(app).toContain("Signing certificate unknown: import the app's .ipa to check it.");
    expect(configurations).toContain('✕ Not signed by Apple YT 2020 (re-signed)');
    expect(configurations).toContain('Intune cannot use it:');
    expect(configurations).toContain('Included: Field Users');
    expect(configurations).toContain('Excluded: Pilot Devices');
    expect(configurations).toContain('Devices: 2 succeeded, 1 failed, 1 pending');
    expect(groups).toBe('Included: Field UsersExcluded: Pilot Devices');
    expect(until).toContain(`${formatLocal('2020-06-30T00:00:00.000Z')} (14 days left)`);
    expect(todo).toContain('Renew "YT 2020 (re-signed)" in place with "pro_Dis_generalYtID"');
    expect(rowOf('app-yt')?.querySelector('a[href="#/import"]')).not.toBeNull();

    const [dockStatus, , dockConfigurations, , dockUntil, dockTodo] = cells(rowOf('app-dockdoor'));
    expect(dockStatus).toBe('✕ Stopped launching');
    expect(dockConfigurations).toContain('✕ Expired DockDoor');
    expect(dockUntil).toContain('days ago');
    expect(dockTodo).toContain('Create a new in-house profile for F2RA56U293.com.mccrearymodern.DockDoor in Apple Developer');
    expect(cells(rowOf('app-notes'))[0]).toBe('✓ Keeps launching');
    expect(cells(rowOf('app-notes'))[2]).toBe('none covers this app');

    const problems = [...root.querySelectorAll('.tenant-problems li')].map((item) => item.textContent ?? '');
    expect(problems.some((text) => text.includes('"MixProject"'))).toBe(true);
    expect(problems.some((text) => text.includes('"DockDoor"'))).toBe(true);
    expect(root.querySelector('.tenant-board .count')?.textContent).toBe(
      '4 apps: 1 stopped launching, 2 stop within 30 days, 1 keep launching, 0 unknown; 3 iOS app provisioning profiles in Intune.',
    );
  });

  it('shows the same rows as cards on a phone', async () => {
    screen('narrow');
    await openTenant();
    await connectWith(READ_TOKEN);
    expect(root.querySelector('.tenant-table')).toBeNull();
    const card = root.querySelector('.app-card[data-id="app-artchat"]');
    expect(card?.querySelector('.app-card-head')?.textContent).toBe(`! Stops soon ${formatLocal('2020-07-01T00:00:00.000Z')} (15 days left)when the profile inside the uploaded .ipa expiressigning certificate unknown`);
    expect(card?.querySelector('h3')?.textContent).toBe('ArtChatcom.yiqi.artchatversion 1.4 (14)');
  });

  it('explains the missing write scope instead of offering the actions a read-only token cannot do', async () => {
    screen('wide');
    await openTenant();
    await connectWith(READ_TOKEN);
    const renew = button(/^Renew in place/, rowOf('app-yt') ?? undefined);
    const push = button(/^Push to Intune/, rowOf('app-artchat') ?? undefined);
    expect([renew?.disabled, push?.disabled]).toEqual([true, true]);
    const note = root.querySelector(`#${renew?.getAttribute('aria-describedby') ?? 'none'}`);
    expect(note?.textContent?.trim()).toBe('Needs DeviceManagementApps.ReadWrite.All, which this token does not carry.');
    expect(button('Ask for write access')).toBeUndefined();
  });

  it('names each part Graph refused and still shows the rest', async () => {
    screen('wide');
    graph.fail(on('GET', '/beta/deviceManagement/roleScopeTags'), { kind: 'status', status: 403, message: 'Application is not authorized to perform this operation.' });
    graph.fail(on('POST', '/v1.0/$batch'), { kind: 'status', status: 403 });
    await openTenant();
    await connectWith(READ_TOKEN);
    const failures = [...root.querySelectorAll('.read-failures li')].map((item) => item.textContent ?? '');
    expect(failures).toHaveLength(2);
    expect(failures.join('\n')).toContain('roleScopeTags');
    expect(failures.join('\n')).toContain('$batch');
    // Groups unread: shown by id, the board still complete.
    expect(cells(rowOf('app-yt'))[3]).toBe(`Included: group ${GROUP.field}Excluded: group ${GROUP.pilot}`);
    expect(root.querySelectorAll('.tenant-table tbody tr')).toHaveLength(4);
  });

  it('on a 401 drops the connection and asks to connect again', async () => {
    graph.fail(on('GET', '/beta/deviceAppManagement/mobileApps'), { kind: 'status', status: 401 });
    await openTenant();
    await type('Access token', READ_TOKEN);
    await press('Connect');
    await waitFor(() => root.querySelector('.connect [role="alert"]'));
    expect(root.querySelector('.connect [role="alert"]')?.textContent).toBe('Your token has expired or was revoked: connect again.');
    expect(root.querySelector('.tenant-table')).toBeNull();
    expect(field('Access token').value).toBe('');
  });

  it('cancels a read in progress', async () => {
    let release: () => void = () => undefined;
    fetcher = (input, init) =>
      new Promise((resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        release = () => resolve(graph.fetch(input, init));
      });
    await openTenant();
    await type('Access token', READ_TOKEN);
    await press('Connect');
    const progress = await waitFor(() => root.querySelector('.read-status [role="status"]'));
    expect(progress.textContent).toBe('Reading iOS app provisioning profiles… page 1 (1 request so far)');
    await press('Cancel');
    await waitFor(() => root.querySelector('.read-status')?.textContent?.includes('Reading was cancelled.'));
    release();
    expect(button('Read the tenant')).toBeDefined();
    expect(root.querySelector('.tenant-table')).toBeNull();
  });

  it('renews in place only after the review and Send to Intune, shows the new verdict, and keeps an audit trail without the token', async () => {
    screen('wide');
    const lib = await openTenant();
    await connectWith(WRITE_TOKEN);
    expect(root.querySelector('.token-access')?.textContent).toBe('read and write');
    const reads = graph.requests.length;
    await press(/^Renew in place/, rowOf('app-yt') ?? undefined);
    const review = await waitFor(() => root.querySelector('section.review .requests'));
    const url = `https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIG.resigned}`;
    expect(review.querySelector('.request-line')?.textContent).toBe(`PATCH ${url}`);
    const body = JSON.parse(review.querySelector('pre')?.textContent ?? '{}') as Record<string, unknown>;
    expect(body).toEqual({
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      payloadFileName: 'fireup_enterprise_2019_wildcard_embedded.mobileprovision',
      payload: expect.stringMatching(/^<base64 of the signed file: [\d,]+ bytes, SHA-256 [0-9a-f]{64}>$/) as unknown,
      expirationDateTime: '2020-07-03T02:02:07.000Z',
    });
    // Nothing left yet: the review is only a review.
    expect(graph.requests.length).toBe(reads);
    await act(() => (review.parentElement?.querySelector('input[type="checkbox"]') as HTMLInputElement).click());
    const whole = JSON.parse(root.querySelector('section.review pre')?.textContent ?? '{}') as { payload: string };
    const stored = await lib.getProfile(FIREUP_ID);
    expect(whole.payload).toBe(Buffer.from(stored?.bytes ?? []).toString('base64'));

    await press('Send to Intune');
    await waitFor(() => root.querySelector('.new-verdict'));
    const sent = graph.requests.slice(reads);
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      `PATCH ${url}`,
      `GET ${url}?$expand=assignments`,
      `GET ${url}/deviceStatuses`,
      `GET ${url}/deviceStatuses?%24skiptoken=2`,
      `GET ${url}/userStatuses`,
    ]);
    expect((sent[0]?.body as { payload: string }).payload).toBe(whole.payload);
    // (happy-dom's Headers keeps the name's case, so the fake's lowercase lookup misses it here.)
    expect(Object.entries(sent[0]?.headers ?? {}).filter(([name]) => name.toLowerCase() === 'authorization')).toEqual([['Authorization', `Bearer ${WRITE_TOKEN}`]]);
    expect(root.querySelector('.sent li')?.textContent).toBe(`PATCH ${url} → 204 OK`);
    expect(root.querySelector('.new-verdict')?.textContent).toBe(
      `Intune now pushes YT 2020 (re-signed): ! Expiring soon Intune can use it, until ${formatLocal('2020-07-03T02:02:07.000Z')}`,
    );
    // The row judges the new file in place.
    expect(cells(rowOf('app-yt'))[2]).toContain('! Expiring soon YT 2020 (re-signed)');
    expect(cells(rowOf('app-yt'))[2]).toContain('Intune can use it');

    const trail = await lib.listAuditEntries();
    expect(trail.map((entry) => [entry.action, entry.method, entry.url, entry.status, entry.ok, entry.profile?.uuid])).toEqual([
      ['renew-in-place', 'PATCH', url, 204, true, FIREUP_ID],
    ]);
    expect(trail[0]?.body).toMatchObject({ payload: { bytes: stored?.bytes.length, sha256: trail[0]?.profile?.sha256 } });
    await waitFor(() => root.querySelector('.audit-entries li'));
    expect(root.querySelector('.audit-entries li')?.textContent).toContain(`Renew in place: PATCH ${url} → 204`);

    // The token is nowhere it could stay: not in the library's stores, not in Web Storage, not in the page.
    const everything = JSON.stringify([await lib.listAuditEntries(), await lib.getSettings(), await lib.listProfiles(), await lib.listApps()]);
    expect(everything).not.toContain(WRITE_TOKEN.slice(40, 80));
    expect(JSON.stringify({ ...localStorage })).not.toContain('eyJ');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('eyJ');
    expect(new XMLSerializer().serializeToString(root)).not.toContain(WRITE_TOKEN.slice(40, 80));
  });

  it('pushes to the app\'s groups by default, with the groups editable, and exports the audit trail as JSON', async () => {
    screen('wide');
    const lib = await openTenant();
    await connectWith(WRITE_TOKEN);
    await press(/^Push to Intune/, rowOf('app-artchat') ?? undefined);
    await waitFor(() => root.querySelector('section.review .requests'));
    const lines = () => [...root.querySelectorAll('section.review .request-line')].map((line) => line.textContent);
    const base = 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations';
    expect(lines()).toEqual([`POST ${base}`, `POST ${base}/{id}/assign`]);
    const assign = () => JSON.parse([...root.querySelectorAll('section.review pre')][1]?.textContent ?? '{}') as { iOSLobAppProvisioningConfigAssignments: { target: { groupId?: string } }[] };
    expect(assign().iOSLobAppProvisioningConfigAssignments.map((entry) => entry.target.groupId)).toEqual([GROUP.sales]);
    // Add a group by ID, as the admin may.
    await type('Group object ID', GROUP.pilot);
    await press('Add the group');
    expect(assign().iOSLobAppProvisioningConfigAssignments.map((entry) => entry.target.groupId)).toEqual([GROUP.sales, GROUP.pilot]);

    const before = graph.requests.length;
    await press('Send to Intune');
    await waitFor(() => root.querySelector('.new-verdict'));
    const created = graph.configurations.at(-1);
    expect(graph.requests.slice(before).map((request) => request.method)).toEqual(['POST', 'POST', 'GET', 'GET', 'GET']);
    expect(created?.assignments.map((entry) => entry.target.groupId)).toEqual([GROUP.sales, GROUP.pilot]);
    expect(created?.payload).toBe(Buffer.from((await lib.getProfile(ICONTHEMER_ID))?.bytes ?? []).toString('base64'));
    expect(root.querySelector('.new-verdict')?.textContent).toContain('✓ OK Intune can use it');
    // The pushed configuration now covers ArtChat on the board.
    expect(cells(rowOf('app-artchat'))[2]).toContain('✓ OK');

    // Closing the review brings keyboard focus back to the board.
    await press('Close the review');
    await waitFor(() => document.activeElement?.id === 'board-title');
    expect(root.querySelector('section.review')).toBeNull();

    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:audit';
    });
    onTestFinished(() => create.mockRestore());
    await waitFor(() => button('Export the audit trail (JSON)'));
    await press('Export the audit trail (JSON)');
    const exported = JSON.parse(await (blobs[0] as Blob).text()) as { method: string; url: string; status: number }[];
    expect(exported.map((entry) => [entry.method, entry.status])).toEqual([
      ['POST', 201],
      ['POST', 204],
    ]);
    expect(JSON.stringify(exported)).not.toContain('eyJ');

  });
});

describe('#/tenant with Sign in with Microsoft', () => {
  function fakeSignIn() {
    const calls: string[] = [];
    let scopes: string[] = [];
    const session: SignIn = {
      signIn: async (cloud, more) => {
        calls.push(`signIn ${cloud} ${more.join(' ')}`);
        scopes = [...scopes, ...more];
        return scopes.includes('DeviceManagementApps.ReadWrite.All') ? WRITE_TOKEN : READ_TOKEN;
      },
      token: async () => {
        calls.push('token');
        return scopes.includes('DeviceManagementApps.ReadWrite.All') ? WRITE_TOKEN : READ_TOKEN;
      },
      signOut: async () => {
        calls.push('signOut');
      },
    };
    const apps: unknown[] = [];
    signIn = async (registered) => {
      apps.push(registered);
      return session;
    };
    return { calls, apps };
  }

  it('signs in with the read scopes, asks for write access only when the admin chooses to act, and signs out', async () => {
    screen('wide');
    const fake = fakeSignIn();
    await openTenant({ signIn: true });
    await waitFor(() => !button('Sign in with Microsoft')?.disabled);
    expect(root.querySelector('#sign-in-hint')?.textContent).toBe(
      'With your app registration 0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f in contoso.onmicrosoft.com: a Microsoft window asks you to sign in.',
    );
    expect(fake.calls).toEqual([]);
    await press('Sign in with Microsoft');
    await waitFor(() => root.querySelector('.tenant-table tbody tr'));
    expect(fake.apps).toEqual([{ global: { clientId: '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f', tenantId: 'contoso.onmicrosoft.com' } }]);
    expect(fake.calls[0]).toBe('signIn global DeviceManagementApps.Read.All GroupMember.Read.All DeviceManagementRBAC.Read.All');
    expect(fake.calls.slice(1).every((call) => call === 'token')).toBe(true);
    expect(root.querySelector('.token-summary dt:nth-of-type(2)')?.textContent).toBe('Signed in as');

    expect(button(/^Renew in place/, rowOf('app-yt') ?? undefined)?.disabled).toBe(true);
    await press('Ask for write access', rowOf('app-yt') ?? undefined);
    await waitFor(() => button(/^Renew in place/, rowOf('app-yt') ?? undefined)?.disabled === false);
    expect(fake.calls.filter((call) => call.startsWith('signIn'))).toEqual([
      'signIn global DeviceManagementApps.Read.All GroupMember.Read.All DeviceManagementRBAC.Read.All',
      'signIn global DeviceManagementApps.ReadWrite.All',
    ]);
    expect(root.querySelector('.token-access')?.textContent).toBe('read and write');

    await press('Sign out');
    await waitFor(() => button('Connect'));
    expect(fake.calls.at(-1)).toBe('signOut');
    expect(root.querySelector('.tenant-table')).toBeNull();
  });

  it('says why signing in did not work, in the board\'s words', async () => {
    const { SignInError } = await import('../../web/views/tenant/sign-in');
    let ended = 0;
    signIn = async () => ({
      signIn: async () => {
        throw new SignInError('popup-blocked', 'The browser blocked the sign-in window: allow pop-ups for this site, then press Sign in with Microsoft again.');
      },
      token: async () => '',
      signOut: async () => {
        ended += 1;
      },
    });
    await openTenant({ signIn: true });
    await waitFor(() => !button('Sign in with Microsoft')?.disabled);
    await press('Sign in with Microsoft');
    await waitFor(() => root.querySelector('.connect [role="alert"]'));
    expect(root.querySelector('.connect [role="alert"]')?.textContent).toBe(
      'The browser blocked the sign-in window: allow pop-ups for this site, then press Sign in with Microsoft again.',
    );
    // A sign-in that did not end in a connection leaves nothing behind in MSAL either.
    expect(ended).toBe(1);
    expect(graph.requests).toEqual([]);
  });
});

describe('#/tenant in a host without the board (the extension)', () => {
  it('says the board runs in the web app and offers no way to connect', async () => {
    library = await openLibrary({ indexedDB: new IDBFactory(), name: `tenant-${Math.random()}` });
    location.hash = '#/tenant';
    await act(() => render(<App library={library as Library} />, root));
    await waitFor(() => root.querySelector('h1'));
    expect(root.querySelector('h1')?.textContent).toBe('Tenant');
    expect(root.textContent).toContain('The tenant board runs in the ProvLens web app, not in the extension');
    expect(button('Connect')).toBeUndefined();
    expect(root.querySelector('footer')?.textContent).toContain('the page makes no network requests.');
  });
});
