// The Microsoft Graph (beta) request that creates Intune's "iOS app provisioning profile" from a profile file, and
// the equivalent Microsoft Graph PowerShell command: resource iosLobAppProvisioningConfiguration, created with
// POST /beta/deviceAppManagement/iosLobAppProvisioningConfigurations (permission DeviceManagementApps.ReadWrite.All);
// `payload` is the base64 of the whole signed file (RFC 4648 §4). ProvLens only writes these out; it never sends them.
import { toBase64 } from '../base64';
import { ProvlensError } from '../errors';
import { formatUtc } from '../dates';
import type { Profile, ProfileResult } from '../types';

export const GRAPH_ENDPOINT = 'https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations';
export const POWERSHELL_MODULE = 'Microsoft.Graph.Beta.Devices.CorporateManagement';

export interface GraphRequestBody {
  '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration';
  displayName: string;
  description: string;
  payloadFileName: string;
  /** Base64 of the whole signed .mobileprovision. */
  payload: string;
  expirationDateTime: string;
}

export interface GraphRequest {
  method: 'POST';
  url: typeof GRAPH_ENDPOINT;
  /** The permission the caller's token needs. */
  scope: 'DeviceManagementApps.ReadWrite.All';
  body: GraphRequestBody;
}

/** The last path segment: a browser File name is bare, a CLI path is not, and Graph wants the bare name. */
function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

function readableProfile(result: ProfileResult): Profile & { expiresAt: string } {
  const profile = result.profile;
  if (!profile) {
    throw new ProvlensError('not-a-profile', `${result.file} could not be read as a provisioning profile, so there is nothing to upload`);
  }
  if (!profile.expiresAt) {
    throw new ProvlensError('not-a-profile', `${result.file} has no ExpirationDate, which Intune requires`);
  }
  return { ...profile, expiresAt: profile.expiresAt };
}

function describeProfile(profile: Profile): string {
  const team = profile.teamName ? `${profile.teamName} (${profile.teamId ?? '?'})` : (profile.teamId ?? 'unknown team');
  return `${profile.applicationIdentifier ?? 'unknown app ID'}, ${team}, expires ${formatUtc(profile.expiresAt ?? '')}, UUID ${profile.uuid ?? 'unknown'}. Prepared with ProvLens.`;
}

/** The Graph request that uploads this profile to Intune; throws `not-a-profile` for a result with no readable profile. */
export function toGraphRequest(result: ProfileResult, fileBytes: Uint8Array, fileName: string): GraphRequest {
  const profile = readableProfile(result);
  return {
    method: 'POST',
    url: GRAPH_ENDPOINT,
    scope: 'DeviceManagementApps.ReadWrite.All',
    body: {
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      displayName: profile.name ?? baseName(fileName),
      description: describeProfile(profile),
      payloadFileName: baseName(fileName),
      payload: toBase64(fileBytes),
      expirationDateTime: profile.expiresAt,
    },
  };
}

/** A single-quoted PowerShell literal. PowerShell also ends such strings at the typographic quotes U+2018–U+201B, so
 *  those are doubled too; line breaks become spaces because a profile name is one line. */
export function powerShellString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters have no place in a one-line argument
  const oneLine = value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `'${oneLine.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/** The Microsoft Graph PowerShell commands that do what toGraphRequest's body does, reading the file from disk. */
export function toPowerShell(result: ProfileResult, fileName: string): string {
  const profile = readableProfile(result);
  return [
    '# Uploads a provisioning profile to Intune (Apps > iOS app provisioning profiles). ProvLens prepared this and sent',
    '# nothing: review it, run it, then assign the new profile to groups in Intune.',
    `Import-Module ${POWERSHELL_MODULE}`,
    "Connect-MgGraph -Scopes 'DeviceManagementApps.ReadWrite.All'",
    'New-MgBetaDeviceAppManagementiOSLobAppProvisioningConfiguration `',
    `  -DisplayName ${powerShellString(profile.name ?? baseName(fileName))} \``,
    `  -Description ${powerShellString(describeProfile(profile))} \``,
    `  -PayloadFileName ${powerShellString(baseName(fileName))} \``,
    `  -PayloadInputFile ${powerShellString(fileName)} \``,
    `  -ExpirationDateTime ([datetime]${powerShellString(profile.expiresAt)})`,
    '',
  ].join('\n');
}
