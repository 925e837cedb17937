// Checks JSON bodies against Microsoft Graph's own property names: ../shared/graph/beta-intune-types.json, an extract
// of microsoftgraph/msgraph-metadata (beta). That file lists each type's declared properties but not its base type, so
// the inheritance its note states is written out here (iosLobApp → mobileLobApp → mobileApp → entity;
// exclusionGroupAssignmentTarget → groupAssignmentTarget → deviceAndAppManagementAssignmentTarget). A body's
// `@odata.type` names its type and must be the expected type or one derived from it. Action parameters are not types:
// the one action ProvLens calls, iosLobAppProvisioningConfiguration `assign`, is written out from its Microsoft Learn
// page ("assign action", Graph beta).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_FIXTURES } from '../../shared-fixtures';

export const GRAPH_TYPES_FILE = join(SHARED_FIXTURES, '../graph/beta-intune-types.json');

interface TypeNames {
  properties: string[];
  navigationProperties: string[];
}

interface TypesFile {
  entityTypes: Record<string, TypeNames>;
  complexTypes: Record<string, TypeNames>;
}

/** Base types, from the file's note and the Graph beta resource pages (each "Inherits from …"). */
const BASE_TYPE: Readonly<Record<string, string>> = {
  iosLobAppProvisioningConfiguration: 'entity',
  iosLobAppProvisioningConfigurationAssignment: 'entity',
  mobileAppProvisioningConfigGroupAssignment: 'entity',
  managedDeviceMobileAppConfigurationDeviceStatus: 'entity',
  managedDeviceMobileAppConfigurationUserStatus: 'entity',
  iosLobApp: 'mobileLobApp',
  mobileLobApp: 'mobileApp',
  mobileApp: 'entity',
  mobileAppAssignment: 'entity',
  roleScopeTag: 'entity',
  group: 'directoryObject',
  directoryObject: 'entity',
  groupAssignmentTarget: 'deviceAndAppManagementAssignmentTarget',
  exclusionGroupAssignmentTarget: 'groupAssignmentTarget',
  allDevicesAssignmentTarget: 'deviceAndAppManagementAssignmentTarget',
  allLicensedUsersAssignmentTarget: 'deviceAndAppManagementAssignmentTarget',
  iosLobAppAssignmentSettings: 'mobileAppAssignmentSettings',
};

/** Where a structured property's value has a type of its own (from the same resource pages). */
const VALUE_TYPE: Readonly<Record<string, string>> = {
  'iosLobAppProvisioningConfiguration.assignments': 'iosLobAppProvisioningConfigurationAssignment',
  'iosLobAppProvisioningConfiguration.groupAssignments': 'mobileAppProvisioningConfigGroupAssignment',
  'iosLobAppProvisioningConfiguration.deviceStatuses': 'managedDeviceMobileAppConfigurationDeviceStatus',
  'iosLobAppProvisioningConfiguration.userStatuses': 'managedDeviceMobileAppConfigurationUserStatus',
  'iosLobAppProvisioningConfigurationAssignment.target': 'deviceAndAppManagementAssignmentTarget',
  'mobileApp.assignments': 'mobileAppAssignment',
  'mobileAppAssignment.target': 'deviceAndAppManagementAssignmentTarget',
  'mobileAppAssignment.settings': 'mobileAppAssignmentSettings',
  'iosLobApp.applicableDeviceType': 'iosDeviceType',
  'iosLobApp.minimumSupportedOperatingSystem': 'iosMinimumOperatingSystem',
};

/** The assign action's parameters ("assign action", iosLobAppProvisioningConfiguration, Graph beta). */
export const ASSIGN_ACTION = 'iosLobAppProvisioningConfiguration.assign';
const ACTION_PARAMETERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [ASSIGN_ACTION]: {
    appProvisioningConfigurationGroupAssignments: 'mobileAppProvisioningConfigGroupAssignment',
    iOSLobAppProvisioningConfigAssignments: 'iosLobAppProvisioningConfigurationAssignment',
  },
};

let loaded: TypesFile | null = null;

function typesFile(): TypesFile {
  loaded ??= JSON.parse(readFileSync(GRAPH_TYPES_FILE, 'utf8')) as TypesFile;
  return loaded;
}

/** `entity` is the root of every entity type and has only `id`; the file leaves it empty. */
function ownNames(type: string): TypeNames | null {
  if (type === 'entity') return { properties: ['id'], navigationProperties: [] };
  const file = typesFile();
  return file.entityTypes[type] ?? file.complexTypes[type] ?? null;
}

function ancestry(type: string): string[] {
  const chain: string[] = [];
  for (let current: string | undefined = type; current; current = BASE_TYPE[current]) chain.push(current);
  return chain;
}

export function isKnownType(type: string): boolean {
  return ownNames(type) !== null;
}

/** Every property and navigation property name of a type, inherited ones included. */
export function propertyNames(type: string): Set<string> {
  const names = new Set<string>();
  for (const link of ancestry(type)) {
    const own = ownNames(link);
    for (const name of [...(own?.properties ?? []), ...(own?.navigationProperties ?? [])]) names.add(name);
  }
  return names;
}

export function derivesFrom(type: string, base: string): boolean {
  return ancestry(type).includes(base);
}

function valueType(type: string, property: string): string | null {
  for (const link of ancestry(type)) {
    const found = VALUE_TYPE[`${link}.${property}`];
    if (found) return found;
  }
  return null;
}

/** `#microsoft.graph.iosLobApp` → `iosLobApp`; null when it names no microsoft.graph type. */
export function odataTypeName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^#?microsoft\.graph\.([A-Za-z0-9]+)$/.exec(value);
  return match?.[1] ?? null;
}

/**
 * Every name in `value` that Graph does not know for `expected` (or for the derived type its `@odata.type` names),
 * as readable problems with a JSON path. Instance annotations (`@odata.*`, `name@odata.*`) are allowed where OData
 * allows them; a body may not carry any other name.
 */
export function unknownProperties(value: unknown, expected: string, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => unknownProperties(item, expected, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  let type = expected;
  if ('@odata.type' in record) {
    const named = odataTypeName(record['@odata.type']);
    if (!named || !isKnownType(named)) {
      problems.push(`${path}: @odata.type ${JSON.stringify(record['@odata.type'])} names no type Graph knows here`);
      return problems;
    }
    if (!derivesFrom(named, expected)) problems.push(`${path}: @odata.type ${named} is not a ${expected}`);
    type = named;
  }
  if (!isKnownType(type)) return [`${path}: no type ${type} in ${GRAPH_TYPES_FILE}`];
  const names = propertyNames(type);
  for (const [key, child] of Object.entries(record)) {
    if (key === '@odata.type') continue;
    const annotation = /^([^@]*)@odata\.[A-Za-z]+$/.exec(key);
    if (annotation) {
      if (annotation[1] && !names.has(annotation[1])) problems.push(`${path}: annotation ${key} on unknown property ${annotation[1]}`);
      continue;
    }
    if (!names.has(key)) {
      problems.push(`${path}.${key}: not a property of ${type}`);
      continue;
    }
    const childType = valueType(type, key);
    if (childType) problems.push(...unknownProperties(child, childType, `${path}.${key}`));
  }
  return problems;
}

/** The same check for an action's parameters. */
export function unknownActionParameters(value: unknown, action: string): string[] {
  const parameters = ACTION_PARAMETERS[action];
  if (!parameters) return [`no action ${action} is written out in graph-types.ts`];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['$: an action takes a JSON object of parameters'];
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const type = parameters[key];
    if (!type) problems.push(`$.${key}: not a parameter of ${action}`);
    else problems.push(...unknownProperties(child, type, `$.${key}`));
  }
  return problems;
}
