// The Microsoft clouds an Intune tenant can live in, each with its Microsoft Graph host, its Intune admin center host
// and its Microsoft Graph PowerShell environment name. Sources (Microsoft Learn):
//   - "Microsoft Graph national cloud deployments" (learn.microsoft.com/graph/deployments): service root endpoints
//     graph.microsoft.com, graph.microsoft.us (US Government L4, GCC High), dod-graph.microsoft.us (US Government L5,
//     DoD), microsoftgraph.chinacloudapi.cn (operated by 21Vianet);
//   - "Get-MgEnvironment" (Microsoft.Graph.Authentication): the built-in environments Global, USGov, USGovDoD, China
//     that `Connect-MgGraph -Environment` takes, with the same Graph endpoints;
//   - "US government endpoints for Microsoft Intune" (admin center intune.microsoft.us, for GCC High and DoD) and
//     "China endpoints for Microsoft Intune" (admin center intune.microsoftonline.cn);
//   - "National clouds" (Microsoft Entra, learn.microsoft.com/entra/identity-platform/authentication-national-cloud):
//     sign-in (authentication) endpoints login.microsoftonline.com, login.microsoftonline.us (both US Government
//     clouds) and login.partner.microsoftonline.cn (21Vianet). The older login.chinacloudapi.cn is an alias that MSAL
//     maps onto login.partner.microsoftonline.cn (its instance discovery metadata) before it sends a request.
// A tenant exists in exactly one of these: a request or script for the wrong one fails at sign-in.

export const CLOUD_NAMES = ['global', 'usgov', 'dod', 'china'] as const;

export type CloudName = (typeof CLOUD_NAMES)[number];

export interface Cloud {
  name: CloudName;
  /** How Microsoft names it. */
  label: string;
  /** The Microsoft Graph service root, without a trailing slash. */
  graphRoot: string;
  /** The Microsoft Entra sign-in (authority) host, without a trailing slash. */
  signInRoot: string;
  /** Older names of the same sign-in service that Microsoft still documents (the page's CSP allows them too, so a
   *  token request MSAL addresses to one is never blocked); empty for most clouds. */
  signInAliases: readonly string[];
  /** The Intune admin center, where the admin can check the result. */
  portalRoot: string;
  /** `Connect-MgGraph -Environment` value. */
  powerShellEnvironment: 'Global' | 'USGov' | 'USGovDoD' | 'China';
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = Object.freeze({
  global: {
    name: 'global',
    label: 'Microsoft global (commercial, including GCC)',
    graphRoot: 'https://graph.microsoft.com',
    signInRoot: 'https://login.microsoftonline.com',
    signInAliases: [],
    portalRoot: 'https://intune.microsoft.com',
    powerShellEnvironment: 'Global',
  },
  usgov: {
    name: 'usgov',
    label: 'US Government L4 (GCC High)',
    graphRoot: 'https://graph.microsoft.us',
    signInRoot: 'https://login.microsoftonline.us',
    signInAliases: [],
    portalRoot: 'https://intune.microsoft.us',
    powerShellEnvironment: 'USGov',
  },
  dod: {
    name: 'dod',
    label: 'US Government L5 (DoD)',
    graphRoot: 'https://dod-graph.microsoft.us',
    signInRoot: 'https://login.microsoftonline.us',
    signInAliases: [],
    portalRoot: 'https://intune.microsoft.us',
    powerShellEnvironment: 'USGovDoD',
  },
  china: {
    name: 'china',
    label: 'China operated by 21Vianet',
    graphRoot: 'https://microsoftgraph.chinacloudapi.cn',
    signInRoot: 'https://login.partner.microsoftonline.cn',
    signInAliases: ['https://login.chinacloudapi.cn'],
    portalRoot: 'https://intune.microsoftonline.cn',
    powerShellEnvironment: 'China',
  },
});

export function isCloudName(value: string): value is CloudName {
  return (CLOUD_NAMES as readonly string[]).includes(value);
}
