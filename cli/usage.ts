// Help texts. Exit codes are part of the interface (scheduled jobs alert on them), so every page states them.
export const EXIT = Object.freeze({
  ok: 0,
  /** Some file carries a warning finding (e.g. expires within --warn-days). */
  warning: 1,
  /** Some file failed to decode or carries an error finding (expired, bad signature, …). */
  error: 2,
  /** Bad command line (unknown command or flag, missing argument): BSD sysexits EX_USAGE. */
  usage: 64,
});

const EXIT_CODES = `Exit codes:
  0   every file decoded and nothing needs attention
  1   a warning (e.g. a profile expires within --warn-days)
  2   an error (a file failed to decode, expired, bad or non-Apple signature, …)
  64  usage error (unknown command or flag, missing argument)`;

const COMMON = `  --now ISO         judge expiry at this time instead of now (e.g. 2026-01-01T00:00:00Z)
  --warn-days N     days before expiry that count as "expires soon" (default 30, as Intune)
  --trust-ca SHA256 trust this CA (SHA-256 fingerprint) INSTEAD of Apple's pinned CAs; repeatable. For test
                    CAs only: profiles signed by anyone else then verify as "untrusted"
  -h, --help        show this help`;

export const USAGE: Readonly<Record<'main' | 'inspect' | 'check' | 'diff' | 'export' | 'tenant', string>> = Object.freeze({
  main: `provlens — read Apple provisioning profiles and iOS apps: contents, Apple signature, expiry, Intune renewal.
Nothing leaves this machine.

Usage:
  provlens inspect [--json] [--devices] [--now ISO] [--warn-days N] FILE|DIR|-...
  provlens check --app APP.ipa [--json] [--now ISO] [--warn-days N] PROFILE...
  provlens diff [--json] OLD NEW
  provlens export --format json|csv|ics [--offsets 30,7,1] [--bom] [--now ISO] [--warn-days N] FILE|DIR|-...
  provlens export --format graph [--json] [--cloud global|usgov|dod|china] [--name TEXT] [--description TEXT]
                  [--scope-tag ID]... [--include-group ID]... [--exclude-group ID]... [--update CONFIG_ID]
                  [--force] [--now ISO] PROFILE...
  provlens tenant [--json] [--cloud global|usgov|dod|china] [--warn-days N] [--now ISO] [FILE|DIR...]
  provlens COMMAND --help
  provlens --version

Commands:
  inspect   decode profiles and apps, verify Apple's signature, list findings
  check     can Intune's "iOS app provisioning profiles" push keep an in-house app launching?
  diff      what changed between two profiles (a renewal)
  export    JSON, CSV, iCalendar reminders or the Intune Graph request for a batch of files
  tenant    read your Intune tenant through Microsoft Graph: which in-house apps stop launching when, and what to do

Directories expand to the .mobileprovision, .provisionprofile and .ipa files inside them (recursively; macOS "._*"
files and "__MACOSX" folders are skipped). "-" reads one file from standard input. A file or folder that cannot be
read is reported as that entry's error (exit 2) and the rest are still processed.
Colour: on a terminal, unless NO_COLOR is set or TERM=dumb; FORCE_COLOR=1 forces it, FORCE_COLOR=0 turns it off.
Only "tenant" contacts a server (Microsoft Graph, with the token you give it).

${EXIT_CODES}
`,
  inspect: `Usage: provlens inspect [--json] [--devices] [--now ISO] [--warn-days N] FILE|DIR|-...

Decodes each profile or .ipa, verifies Apple's signature and lists findings. "-" reads standard input.

  --json            one JSON array, one object per file ({file, kind, ok, error, profile|app, signature, findings});
                    an empty folder gives []
  --devices         list every device UDID, not only the count
${COMMON}

${EXIT_CODES}
`,
  check: `Usage: provlens check --app APP.ipa [--json] [--now ISO] [--warn-days N] PROFILE...

Can pushing PROFILE through Intune's "iOS app provisioning profiles" keep APP.ipa launching? A verdict per profile
and, with several (an app with extensions needs one per bundle unless a wildcard covers them), for all together.

  --app APP.ipa     the in-house app already on devices
  --json            {app, candidates: [{profile, ok, error, verdict}], combined}
${COMMON}

Exit codes (from the combined verdict):
  0   the profiles keep the app alive
  1   they do, with warnings (e.g. expires soon)
  2   they cannot keep the app alive, or a file failed to decode
  64  usage error
`,
  diff: `Usage: provlens diff [--json] OLD NEW

What changed between two profiles (a renewal): app ID, team, type, dates, certificates, devices, entitlements.

  --json            {old, new, diff}
  -h, --help        show this help

Exit codes: 0 compared (whether or not anything changed), 2 a file failed to decode, 64 usage error.
`,
  export: `Usage: provlens export --format json|csv|ics|graph [options] FILE|DIR...

  --format json     the inspect results as one JSON document
  --format csv      one row per profile (formula-safe for spreadsheets)
  --bom             start the CSV with a UTF-8 byte order mark (for Excel on Windows)
  --format ics      iCalendar reminders before each expiry; --offsets 30,7,1 sets the days before
  --format graph    the whole Intune job for "iOS app provisioning profiles": per profile, the Microsoft Graph (beta)
                    request that creates it and the one that assigns it to groups, as HTTP calls plus a PowerShell
                    script that runs as written (Microsoft.Graph.Authentication, Invoke-MgGraphRequest)
${COMMON}

With --format graph:
  --json                 the ordered requests as a JSON array of {step, method, url, body, file}; an assign
                         request's url holds {id}, to fill with the "id" returned by request number idFrom
  --cloud NAME           global (default; commercial and GCC), usgov (GCC High, graph.microsoft.us), dod
                         (dod-graph.microsoft.us) or china (21Vianet, microsoftgraph.chinacloudapi.cn)
  --name TEXT            the name shown in Intune (default: the profile's Name)
  --description TEXT     the description (default: app ID, team, expiry and UUID)
  --scope-tag ID         an Intune scope tag ID (a whole number); repeatable; default 0 (Default)
  --include-group ID     assign to this Entra ID group (a GUID); repeatable
  --exclude-group ID     exclude this group (a GUID); repeatable
  --update CONFIG_ID     renew the existing configuration CONFIG_ID in place (one profile): replaces its payload,
                         file name and expiry, keeps its assignments; no group flags
  --force                write requests for a profile Intune cannot use too, its reasons as comments (a
                         "notUsable" field in --json)

A profile Intune's push cannot use (not in-house, not iOS, expired, not signed by Apple, tampered) is refused with
its reasons on stderr and no request.

Nothing is sent anywhere: output goes to stdout. Exit codes: 0 exported, 2 a file failed to decode or was refused,
64 usage error (unknown flag, a group or configuration ID that is not a GUID, a bad --cloud).
`,
  tenant: `Usage: PROVLENS_GRAPH_TOKEN=… provlens tenant [--json] [--cloud NAME] [--warn-days N] [--now ISO] [FILE|DIR...]
       … | provlens tenant [options] [FILE|DIR...]

Reads your Intune tenant through Microsoft Graph (beta) — the iOS app provisioning profiles with their assignments,
deployment statuses and the very file each pushes, the iOS line-of-business apps, group names and scope tags — checks
every pushed profile with the same verdict as "inspect", and prints the board: each app, most urgent first, with
when it stops launching and what to do (push a renewal, renew a profile in place, assign it, re-sign the app, get a
renewal from Apple). It only reads: nothing in the tenant is changed.

The access token comes from PROVLENS_GRAPH_TOKEN or standard input, never from an argument, and is never printed.
It needs DeviceManagementApps.Read.All, GroupMember.Read.All and DeviceManagementRBAC.Read.All (delegated, with an
Intune role that may read apps, or as application permissions with admin consent).

  FILE|DIR          the library: renewal profiles to offer, and the apps' .ipa files (their signing certificate
                    decides when they stop launching, and they get Intune's full app check)
  --json            {token, board}: what the token allows (never the token) and the whole board
  --cloud NAME      global (default; commercial and GCC), usgov (GCC High, graph.microsoft.us), dod
                    (dod-graph.microsoft.us) or china (21Vianet, microsoftgraph.chinacloudapi.cn)
${COMMON}

Exit codes:
  0   every app keeps launching past the window
  1   an app stops launching within --warn-days
  2   an app has stopped launching, an assigned profile is tampered, not signed by Apple or expired, the
      profiles or apps could not be read, or the token is unusable (expired, for another cloud, refused: 401)
  64  usage error (unknown flag, no token given, a bad --cloud)
`,
});
