// Every Microsoft Graph URL the tenant board reads, built for the admin's cloud. Paths as Microsoft Learn documents
// them (Graph beta, where the configurations exist only there): "List iosLobAppProvisioningConfigurations" (with the
// assignments relationship expanded), "Get iosLobAppProvisioningConfiguration", the configuration's deviceStatuses
// and userStatuses relationships, "List mobileApps" filtered by isof('microsoft.graph.iosLobApp'), "List
// roleScopeTags", "Get group" ($select=id,displayName) and JSON batching (POST /v1.0/$batch, relative URLs inside).
// Ids are path-encoded: they come from Graph's own answers, but a URL is no place to trust them.
import { CLOUDS, type CloudName } from '../export/clouds';
import { GRAPH_PATH } from '../export/graph';

const APPS_PATH = '/beta/deviceAppManagement/mobileApps';
const SCOPE_TAGS_PATH = '/beta/deviceManagement/roleScopeTags';

/** The most requests one $batch may carry (Microsoft Graph JSON batching). */
export const BATCH_LIMIT = 20;

function root(cloud: CloudName): string {
  return CLOUDS[cloud].graphRoot;
}

const segment = encodeURIComponent;

export const graphUrls = {
  configurations: (cloud: CloudName) => `${root(cloud)}${GRAPH_PATH}?$expand=assignments`,
  configuration: (cloud: CloudName, id: string) => `${root(cloud)}${GRAPH_PATH}/${segment(id)}?$expand=assignments`,
  deviceStatuses: (cloud: CloudName, id: string) => `${root(cloud)}${GRAPH_PATH}/${segment(id)}/deviceStatuses`,
  userStatuses: (cloud: CloudName, id: string) => `${root(cloud)}${GRAPH_PATH}/${segment(id)}/userStatuses`,
  iosLobApps: (cloud: CloudName) => `${root(cloud)}${APPS_PATH}?$filter=isof('microsoft.graph.iosLobApp')&$expand=assignments`,
  appAssignments: (cloud: CloudName, id: string) => `${root(cloud)}${APPS_PATH}/${segment(id)}/assignments`,
  scopeTags: (cloud: CloudName) => `${root(cloud)}${SCOPE_TAGS_PATH}?$select=id,displayName`,
  batch: (cloud: CloudName) => `${root(cloud)}/v1.0/$batch`,
  /** Relative to the $batch endpoint's version, as batching requires. */
  group: (id: string) => `/groups/${segment(id)}?$select=id,displayName`,
};

/** The Graph host of a cloud, for sentences ("Could not reach graph.microsoft.com"). */
export function graphHost(cloud: CloudName): string {
  return new URL(root(cloud)).host;
}

/** Is this URL on the cloud's Graph? An @odata.nextLink elsewhere must not receive the token. */
export function isGraphUrl(cloud: CloudName, url: string): boolean {
  try {
    return new URL(url).origin === new URL(root(cloud)).origin;
  } catch {
    return false;
  }
}
