// @vitest-environment happy-dom
// "Prepare for Intune" over a real (fake-indexeddb) library: the wizard's steps, its outputs, its per-field ID checks,
// and the refusal for a profile Intune cannot use. Results are built by hand (tests/core/profile-builder), so the
// signature status is "valid" without an Apple-signed file.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLibrary, type Library } from '../../core/store/store';
import { App } from '../../web/app';
import { parseRoute } from '../../web/router';
import { EMPTY_FORM, formErrors, idList, jobOptions } from '../../web/views/intune/wizard-model';
import { isGuid, isScopeTagId } from '../../core/export';
import { DAY, buildCertificate, buildResult } from '../core/profile-builder';

const USABLE = '0f3c2b1a-9d8e-4c7b-a6f5-e4d3c2b1a098';
const DEVELOPMENT = '33333333-2222-4333-8444-555555555555';
const INCLUDE = '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f';
const EXCLUDE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

const root = document.createElement('div');
document.body.append(root);
let library: Library | null = null;

afterEach(() => {
  render(null, root);
  library?.close();
  library = null;
});

// The page judges with the real clock, so the stored profiles live relative to it.
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const certificates = () => [buildCertificate({ notAfter: inDays(900) })];

async function openApp(hash: string): Promise<void> {
  library = await openLibrary({ indexedDB: new IDBFactory(), name: `intune-${Math.random()}` });
  await library.putProfiles([
    { fileName: 'Payroll.mobileprovision', bytes: Uint8Array.of(9, 8, 7), result: buildResult({ name: 'Payroll', expiresAt: inDays(300), certificates: certificates() }) },
    { fileName: 'dev.mobileprovision', bytes: Uint8Array.of(1), result: buildResult({ uuid: DEVELOPMENT, type: 'development', provisionsAllDevices: false, devices: ['x'], expiresAt: inDays(300), certificates: certificates() }) },
  ]);
  location.hash = hash;
  await act(() => render(<App library={library as Library} />, root));
}

function input(label: RegExp): HTMLInputElement | HTMLSelectElement {
  const found = [...root.querySelectorAll('label')].find((element) => label.test(element.textContent ?? ''))?.querySelector('input, select');
  if (!found) throw new Error(`no field ${String(label)}`);
  return found as HTMLInputElement | HTMLSelectElement;
}

async function type(label: RegExp, value: string): Promise<void> {
  const field = input(label);
  await act(() => {
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

async function click(name: RegExp): Promise<void> {
  const button = [...root.querySelectorAll('button')].find((element) => name.test(element.textContent ?? ''));
  if (!button) throw new Error(`no button ${String(name)}`);
  await act(() => button.click());
}

describe('Prepare for Intune', () => {
  it('walks Basics, Scope tags, Assignments and Review, and writes the job for the chosen cloud', async () => {
    await openApp(`#/intune/${USABLE}`);
    await vi.waitFor(() => expect(root.querySelector('.steps')).not.toBeNull(), { timeout: 10_000 });
    expect([...root.querySelectorAll('.steps button')].map((button) => button.textContent)).toEqual(['1. Basics', '2. Scope tags', '3. Assignments', '4. Review + create']);
    expect(root.textContent).toContain('Payroll.mobileprovision');
    await type(/^Cloud/, 'usgov');
    await click(/^Next$/);
    await type(/Scope tag IDs/, '4, 9');
    await click(/^Next$/);
    await type(/Included groups/, INCLUDE);
    await type(/Excluded groups/, EXCLUDE);
    await click(/^Next$/);
    const requests = JSON.parse(root.querySelector('pre[aria-label="Graph requests"]')?.textContent ?? '[]') as { step: string; url: string; body: Record<string, unknown> }[];
    expect(requests.map((request) => request.step)).toEqual(['create', 'assign']);
    expect(requests[0]?.url).toBe('https://graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations');
    expect(requests[0]?.body).toMatchObject({ displayName: 'Payroll', roleScopeTagIds: ['4', '9'], payload: 'CQgH', payloadFileName: 'Payroll.mobileprovision' });
    expect(JSON.stringify(requests[1]?.body)).toContain(`"@odata.type":"#microsoft.graph.exclusionGroupAssignmentTarget","groupId":"${EXCLUDE}"`);
    const script = root.querySelector('pre[aria-label="PowerShell script"]')?.textContent ?? '';
    expect(script).toContain('Connect-MgGraph -Environment USGov');
    expect(script).toContain('$created0.id');
  });

  it('says which box holds a bad ID and writes nothing until it is fixed', async () => {
    await openApp(`#/intune/${USABLE}`);
    await vi.waitFor(() => expect(root.querySelector('.steps')).not.toBeNull(), { timeout: 10_000 });
    await click(/Assignments/);
    await type(/Included groups/, 'Sales team');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('"Sales" is not a group object ID (a GUID).');
    await click(/Review/);
    expect(root.querySelector('pre')).toBeNull();
  });

  it('refuses a profile Intune cannot use, with profileVerdict\'s reasons and no outputs', async () => {
    await openApp(`#/intune/${DEVELOPMENT}`);
    await vi.waitFor(() => expect(root.querySelector('#refusal-title')).not.toBeNull(), { timeout: 10_000 });
    expect(root.textContent).toContain('A development profile: Intune\'s push keeps only in-house');
    expect(root.querySelector('pre')).toBeNull();
  });
});

describe('wizard model and route', () => {
  it('routes #/intune/<id> and #/intune', () => {
    expect(parseRoute(`#/intune/${USABLE}`)).toEqual({ view: 'intune', id: USABLE });
    expect(parseRoute('#/intune')).toEqual({ view: 'intune', id: null });
  });

  it('reads pasted ID lists and turns the form into job options', () => {
    expect(idList(` ${INCLUDE},\n${EXCLUDE}; ${INCLUDE} `)).toEqual([INCLUDE, EXCLUDE]);
    const form = { ...EMPTY_FORM, cloud: 'dod' as const, name: ' Payroll 2027 ', update: ` ${INCLUDE} ` };
    expect(jobOptions(form, 14)).toMatchObject({ cloud: 'dod', displayName: 'Payroll 2027', description: null, updateConfigurationId: INCLUDE, warnDays: 14 });
    expect(formErrors(form, { isGuid, isScopeTagId }, 1)).toEqual({});
    expect(formErrors({ ...form, include: EXCLUDE }, { isGuid, isScopeTagId }, 1).update).toMatch(/keeps the existing assignments/);
  });
});
