// The tenant page's small models: progress words from the requests the reader reports, the review's folded payload,
// Push's editable groups, and the pasted token's cleanup.
import { describe, expect, it } from 'vitest';
import type { GraphRequest } from '../../core/export/graph';
import { advance, NO_PROGRESS, progressWords, readStep, type ReadProgress } from '../../web/views/tenant/read-progress';
import { addGroup, bodyText, chosenTargets, defaultChoice } from '../../web/views/tenant/review-model';

const ROOT = 'https://graph.microsoft.us';
const CONFIGS = `${ROOT}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations`;

describe('read progress', () => {
  it('names each part of the read from its URL', () => {
    expect(readStep(`${CONFIGS}?$expand=assignments`)).toBe('configurations');
    expect(readStep(`${CONFIGS}?$expand=assignments&$skiptoken=2`)).toBe('configurations');
    expect(readStep(`${CONFIGS}/a0000000-0000-4000-8000-000000000001?$expand=assignments`)).toBe('configuration');
    expect(readStep(`${CONFIGS}/a0000000-0000-4000-8000-000000000001/deviceStatuses`)).toBe('statuses');
    expect(readStep(`${ROOT}/beta/deviceAppManagement/mobileApps?$filter=isof('microsoft.graph.iosLobApp')&$expand=assignments`)).toBe('apps');
    expect(readStep(`${ROOT}/beta/deviceManagement/roleScopeTags?$select=id,displayName`)).toBe('scope-tags');
    expect(readStep(`${ROOT}/v1.0/$batch`)).toBe('groups');
  });

  it('counts pages per part, configurations (not requests) for statuses, and every request', () => {
    const seen = new Set<string>();
    const urls = [
      `${CONFIGS}?$expand=assignments`,
      `${CONFIGS}?$expand=assignments&$skiptoken=2`,
      `${CONFIGS}?$expand=assignments&$skiptoken=4`,
      `${ROOT}/beta/deviceAppManagement/mobileApps?$filter=x`,
      `${CONFIGS}/one/deviceStatuses`,
      `${CONFIGS}/two/deviceStatuses`,
      `${CONFIGS}/one/userStatuses`,
    ];
    const steps: ReadProgress[] = [];
    let progress = NO_PROGRESS;
    for (const url of urls) steps.push((progress = advance(progress, { method: 'GET', url }, seen)));
    expect(steps.map(progressWords)).toEqual([
      'Reading iOS app provisioning profiles… page 1 (1 request so far)',
      'Reading iOS app provisioning profiles… page 2 (2 requests so far)',
      'Reading iOS app provisioning profiles… page 3 (3 requests so far)',
      'Reading iOS line-of-business apps… page 1 (4 requests so far)',
      'Reading deployment statuses… configuration 1 (5 requests so far)',
      'Reading deployment statuses… configuration 2 (6 requests so far)',
      'Reading deployment statuses… configuration 2 (7 requests so far)',
    ]);
    expect(progressWords(NO_PROGRESS)).toBe('Connecting to Microsoft Graph…');
  });
});

describe('the review', () => {
  const request = {
    step: 'update',
    method: 'PATCH',
    url: `${CONFIGS}/c1`,
    file: 'Field.mobileprovision',
    body: { '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration', payloadFileName: 'Field.mobileprovision', payload: 'QUJD', expirationDateTime: '2027-03-01T00:00:00.000Z' },
  } as GraphRequest;
  const facts = { bytes: 12345, sha256: 'ab'.repeat(32) };

  it('folds the payload to its size and SHA-256 unless shown whole, and changes nothing else', () => {
    expect(JSON.parse(bodyText(request, facts, false))).toEqual({ ...request.body, payload: `<base64 of the signed file: 12,345 bytes, SHA-256 ${'ab'.repeat(32)}>` });
    expect(JSON.parse(bodyText(request, facts, true))).toEqual(request.body);
  });

  it('assigns to the app\'s own groups by default; each can be dropped, and groups added by object ID', () => {
    const targets = {
      include: [{ id: '0b5f2c1e-4d3a-4e8b-9c7d-000000000001', name: 'Field Users' }],
      exclude: [{ id: '0b5f2c1e-4d3a-4e8b-9c7d-000000000002', name: 'Pilot Devices' }],
      allDevices: false,
      allUsers: true,
      filtered: true,
    };
    const choice = defaultChoice(targets);
    expect(chosenTargets(choice)).toEqual({ ...targets, filtered: false });
    const dropped = { ...choice, exclude: choice.exclude.map((entry) => ({ ...entry, chosen: false })) };
    expect(chosenTargets(dropped).exclude).toEqual([]);
    expect(addGroup(choice, 'Sales iPads', 'include')).toBeNull();
    const added = addGroup(choice, ' 0B5F2C1E-4D3A-4E8B-9C7D-000000000003 ', 'include');
    expect(added && chosenTargets(added).include.map((group) => group.id)).toEqual(['0b5f2c1e-4d3a-4e8b-9c7d-000000000001', '0b5f2c1e-4d3a-4e8b-9c7d-000000000003']);
    // Adding a dropped group again takes it back rather than listing it twice.
    const again = addGroup(dropped, '0b5f2c1e-4d3a-4e8b-9c7d-000000000002', 'exclude');
    expect(again && chosenTargets(again).exclude.map((group) => group.name)).toEqual(['Pilot Devices']);
  });
});
