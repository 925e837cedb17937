// Every property name ProvLens sends to Graph or reads from it, checked against Microsoft's own metadata
// (../shared/graph/beta-intune-types.json: an extract of microsoftgraph/msgraph-metadata, Graph beta). The extract
// lists each type's declared properties without inheritance, so the inheritance Microsoft documents is spelled out
// here: entity (id) under every entity; mobileApp → mobileLobApp → iosLobApp; deviceAndAppManagementAssignmentTarget
// → groupAssignmentTarget → exclusionGroupAssignmentTarget, and → allDevicesAssignmentTarget /
// allLicensedUsersAssignmentTarget; entity → directoryObject → group.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IntuneFile } from '../../../core/export';
import { intuneJob } from '../../../core/export';
import { pushJob } from '../../../core/tenant/actions';
import { countStatuses } from '../../../core/tenant/graph-reader';
import { graphUrls } from '../../../core/tenant/graph-requests';
import { NOW, buildResult } from '../profile-builder';
import { SHARED_FIXTURES } from '../../shared-fixtures';
import { FakeGraph, allDevices, allUsers, exclude, include } from './fake-graph';

interface TypeEntry {
  properties: string[];
  navigationProperties: string[];
}
interface Metadata {
  entityTypes: Record<string, TypeEntry>;
  complexTypes: Record<string, TypeEntry>;
  enumTypes: Record<string, string[]>;
}

const PATH = join(SHARED_FIXTURES, '..', 'graph', 'beta-intune-types.json');
const present = existsSync(PATH);
if (!present) console.warn(`\n!!! ${PATH} not found: Graph property names are NOT being checked against Microsoft's metadata.\n`);

const PARENT: Readonly<Record<string, string>> = {
  iosLobAppProvisioningConfiguration: 'entity',
  iosLobAppProvisioningConfigurationAssignment: 'entity',
  managedDeviceMobileAppConfigurationDeviceStatus: 'entity',
  managedDeviceMobileAppConfigurationUserStatus: 'entity',
  roleScopeTag: 'entity',
  mobileApp: 'entity',
  mobileLobApp: 'mobileApp',
  iosLobApp: 'mobileLobApp',
  mobileAppAssignment: 'entity',
  directoryObject: 'entity',
  group: 'directoryObject',
  groupAssignmentTarget: 'deviceAndAppManagementAssignmentTarget',
  exclusionGroupAssignmentTarget: 'groupAssignmentTarget',
  allDevicesAssignmentTarget: 'deviceAndAppManagementAssignmentTarget',
  allLicensedUsersAssignmentTarget: 'deviceAndAppManagementAssignmentTarget',
};

let metadata: Metadata;

/** Every property and navigation property a type has, inherited ones included. */
function names(type: string): Set<string> {
  const own = metadata.entityTypes[type] ?? metadata.complexTypes[type];
  if (!own) throw new Error(`${type} is not in the metadata extract`);
  const parent = PARENT[type];
  return new Set([...own.properties, ...own.navigationProperties, ...(parent ? names(parent) : [])]);
}

/** The keys of a JSON object that its type does not declare ('@odata.*' annotations aside). */
function undeclared(object: Record<string, unknown>, type: string): string[] {
  const declared = names(type);
  return Object.keys(object).filter((key) => !key.startsWith('@odata.') && !declared.has(key));
}

function odataName(object: Record<string, unknown>): string {
  return String(object['@odata.type']).replace('#microsoft.graph.', '');
}

const file: IntuneFile = { result: buildResult(), bytes: Uint8Array.of(1, 2, 3), fileName: 'Example.mobileprovision' };
const GROUP = '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f';
const OTHER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe.runIf(present)('Graph shapes against Microsoft\'s metadata', () => {
  beforeAll(() => {
    metadata = JSON.parse(readFileSync(PATH, 'utf8')) as Metadata;
  });

  it('create, update and assign bodies use only declared properties and target types', () => {
    const push = pushJob({ targets: { include: [{ id: GROUP, name: null }], exclude: [{ id: OTHER, name: null }], allDevices: true, allUsers: true, filtered: false }, scopeTags: [{ id: '7', name: null }] }, file, { now: NOW });
    const update = intuneJob([file], { now: NOW, updateConfigurationId: GROUP });
    const bodies = [push.requests[0]?.body, update.requests[0]?.body] as unknown as Record<string, unknown>[];
    for (const body of bodies) {
      expect(odataName(body)).toBe('iosLobAppProvisioningConfiguration');
      expect(undeclared(body, 'iosLobAppProvisioningConfiguration')).toEqual([]);
    }
    const assign = push.requests[1];
    if (assign?.step !== 'assign') throw new Error('an assign request expected');
    // The action's parameter name is the assign action's own (Microsoft Learn, "assign action"), not a property.
    expect(Object.keys(assign.body)).toEqual(['iOSLobAppProvisioningConfigAssignments']);
    const items = assign.body.iOSLobAppProvisioningConfigAssignments as unknown as Record<string, unknown>[];
    expect(items.map((item) => odataName(item))).toEqual(Array(4).fill('iosLobAppProvisioningConfigurationAssignment'));
    for (const item of items) {
      expect(undeclared(item, 'iosLobAppProvisioningConfigurationAssignment')).toEqual([]);
      const target = item.target as Record<string, unknown>;
      expect(undeclared(target, odataName(target)), odataName(target)).toEqual([]);
    }
    expect(items.map((item) => odataName(item.target as Record<string, unknown>))).toEqual(['allDevicesAssignmentTarget', 'allLicensedUsersAssignmentTarget', 'groupAssignmentTarget', 'exclusionGroupAssignmentTarget']);
  });

  it('the reads ask only for declared relationships and properties', () => {
    const expand = (url: string) => new URL(url).searchParams.get('$expand');
    const select = (url: string) => (new URL(url.startsWith('/') ? `https://x${url}` : url).searchParams.get('$select') ?? '').split(',');
    expect(names('iosLobAppProvisioningConfiguration').has(expand(graphUrls.configurations('global')) ?? '')).toBe(true);
    expect(names('iosLobApp').has(expand(graphUrls.iosLobApps('global')) ?? '')).toBe(true);
    expect(select(graphUrls.scopeTags('global')).filter((name) => !names('roleScopeTag').has(name))).toEqual([]);
    expect(select(graphUrls.group(GROUP)).filter((name) => !names('group').has(name))).toEqual([]);
    expect(names('iosLobAppProvisioningConfiguration')).toContain('deviceStatuses');
    expect(names('iosLobAppProvisioningConfiguration')).toContain('userStatuses');
  });

  it('the fake Graph the tests read serves only declared properties and documented enum values', () => {
    const graph = new FakeGraph();
    const configuration = { id: GROUP, displayName: 'X', payloadFileName: 'x.mobileprovision', payload: 'AA==', expirationDateTime: null, roleScopeTagIds: ['0'], version: 1, assignments: [{ id: 'a', target: include(GROUP) }] };
    graph.configurations = [{ ...configuration, deviceStatuses: [{ status: 'compliant', deviceDisplayName: 'iPad' }], userStatuses: [{ status: 'error', userPrincipalName: 'pat@contoso.com' }] }];
    const served = graph.configurationJson(graph.configurations[0]!, true);
    expect(undeclared(served, 'iosLobAppProvisioningConfiguration')).toEqual([]);
    for (const target of [include(GROUP, { id: 'f', type: 'include' }), exclude(GROUP), allDevices(), allUsers()]) expect(undeclared(target, odataName(target))).toEqual([]);
    const app = { id: 'a', displayName: 'A', bundleId: 'com.a', versionNumber: '1', buildNumber: '1', expirationDateTime: null, roleScopeTagIds: ['0'], publishingState: 'published', assignments: [] };
    expect(undeclared(app, 'iosLobApp')).toEqual([]);
    expect(undeclared({ id: 'x', intent: 'required', target: {} }, 'mobileAppAssignment')).toEqual([]);
    expect(undeclared({ id: 'x', status: 'compliant', deviceDisplayName: 'iPad' }, 'managedDeviceMobileAppConfigurationDeviceStatus')).toEqual([]);
    expect(undeclared({ id: 'x', status: 'error', userPrincipalName: 'p' }, 'managedDeviceMobileAppConfigurationUserStatus')).toEqual([]);
    const statuses = metadata.enumTypes.complianceStatus ?? [];
    expect(countStatuses(statuses.map((status) => ({ status }))).byStatus).toEqual(Object.fromEntries(statuses.map((status) => [status, 1])));
    expect(metadata.enumTypes.deviceAndAppManagementAssignmentFilterType).toEqual(['exclude', 'include', 'none']);
    expect(metadata.enumTypes.installIntent).toContain('uninstall');
  });
});
