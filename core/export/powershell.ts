// The Intune job (core/export/graph.ts) as a Microsoft Graph PowerShell script that runs as written. It sends the very
// requests `intuneJob` lists through Invoke-MgGraphRequest (module Microsoft.Graph.Authentication) rather than the
// generated beta cmdlets (New-MgBetaDeviceAppManagementiOSLobAppProvisioningConfiguration…): those have changed names
// and parameter shapes between SDK releases and need the large beta module, while Invoke-MgGraphRequest takes the
// documented body unchanged and an absolute URL on the tenant's own cloud. Connect-MgGraph -Environment picks the
// matching sign-in (Get-MgEnvironment: Global, USGov, USGovDoD, China).
//
// Safety: bodies are single-quoted here-strings (nothing inside is expanded; they end only at a line starting with
// '@, which pretty-printed JSON never has), and the whole script is ASCII (JSON \u escapes; comments lose other
// characters), because Windows PowerShell 5.1 reads a BOM-less .ps1 as ANSI and would garble a UTF-8 profile name.
import type { AssignBody, GraphRequest, IntuneJob } from './graph';
import { CREATED_ID } from './graph';

export const POWERSHELL_MODULE = 'Microsoft.Graph.Authentication';

export function toPowerShell(job: IntuneJob): string {
  const { cloud } = job;
  const lines = [
    `# Intune > Apps > iOS app provisioning profiles, prepared by ProvLens for ${cloud.label}.`,
    '# ProvLens sent nothing: review this script, then run it in PowerShell 7 or Windows PowerShell 5.1.',
    `# Needs the Microsoft Graph PowerShell SDK: Install-Module ${POWERSHELL_MODULE} -Scope CurrentUser`,
    ...refusalComments(job),
    '$ErrorActionPreference = \'Stop\'',
  ];
  if (job.requests.length === 0) return [...lines, '# Nothing to send: every file was refused.', ''].join('\n');
  lines.push(
    `Import-Module ${POWERSHELL_MODULE}`,
    `Connect-MgGraph -Environment ${cloud.powerShellEnvironment} -Scopes '${job.scope}'`,
  );
  job.requests.forEach((request, index) => {
    lines.push('', ...requestLines(request, index));
    if (request.step === 'create' && job.requests[index + 1]?.step !== 'assign') {
      lines.push(comment(`Not assigned to any group yet: assign it in Intune (${cloud.portalRoot}) or prepare it again with groups.`));
    }
  });
  lines.push('', `Write-Host 'Done. Check it in ${cloud.portalRoot} > Apps > iOS app provisioning profiles.'`, '');
  return lines.join('\n');
}

function requestLines(request: GraphRequest, index: number): string[] {
  const warning = (request.notUsable ?? []).map((reason) => comment(`WARNING (written anyway with --force): ${reason.message} ${reason.fix}`));
  const send = (uri: string) => `Invoke-MgGraphRequest -Method ${request.method} -Uri ${uri} -ContentType 'application/json' -Body @'`;
  const body = [asciiJson(request.body), "'@"];
  switch (request.step) {
    case 'create':
      return [
        comment(`${request.file}: create "${request.body.displayName ?? ''}" (expires ${request.body.expirationDateTime})`),
        ...warning,
        `$created${index} = ${send(quote(request.url))}`,
        ...body,
        `Write-Host "Created iOS app provisioning profile $($created${index}.id)"`,
      ];
    case 'assign': {
      return [
        comment(`${request.file}: assign to ${assignmentWords(request.body)}, using the id just created`),
        send(`(${quote(request.url)}.Replace('${CREATED_ID}', $created${request.idFrom}.id))`),
        ...body,
        "Write-Host 'Assigned.'",
      ];
    }
    case 'update':
      return [
        comment(`${request.file}: renew configuration in place (new payload and expiry ${request.body.expirationDateTime}; assignments stay)`),
        ...warning,
        send(quote(request.url)),
        ...body,
        "Write-Host 'Renewed.'",
      ];
  }
}

function assignmentWords(body: AssignBody): string {
  const types = body.iOSLobAppProvisioningConfigAssignments.map((item) => item.target['@odata.type']);
  const count = (type: string) => types.filter((candidate) => candidate === type).length;
  return [
    ...(count('#microsoft.graph.allDevicesAssignmentTarget') > 0 ? ['all devices'] : []),
    ...(count('#microsoft.graph.allLicensedUsersAssignmentTarget') > 0 ? ['all users'] : []),
    `${count('#microsoft.graph.groupAssignmentTarget')} included and ${count('#microsoft.graph.exclusionGroupAssignmentTarget')} excluded group(s)`,
  ].join(', ');
}

function refusalComments(job: IntuneJob): string[] {
  return job.refused.flatMap(({ file, reasons }) => [
    comment(`Left out ${file}: Intune cannot use it.`),
    ...reasons.map((reason) => comment(`  ${reason.message} ${reason.fix}`)),
  ]);
}

/** A one-line, ASCII-only comment: nothing in it can end the comment or change the script. */
function comment(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters could end the line comment
  return `# ${text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[^\x20-\x7e]/g, '?')}`;
}

/** URLs are built from fixed hosts, GUIDs and the path, but quote them as literals all the same. */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Pretty JSON with every non-ASCII character as a \u escape: the same value, safe in any script encoding. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
