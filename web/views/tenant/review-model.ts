// The review step's data: the exact requests an action will send, shown as the admin will audit them — method, full
// URL, JSON body — with the payload (the whole signed file in base64) folded to its size and SHA-256 unless asked for.
import { isGuid, type GraphRequest, type IntuneFile } from '../../../core/export/graph';
import { toHex } from '../../../core/bytes';
import type { GroupRef, Targets } from '../../../core/tenant/types';

export interface PayloadFacts {
  bytes: number;
  sha256: string;
}

export async function payloadFacts(file: IntuneFile): Promise<PayloadFacts> {
  const digest = await crypto.subtle.digest('SHA-256', file.bytes as Uint8Array<ArrayBuffer>);
  return { bytes: file.bytes.length, sha256: toHex(digest) };
}

/** What stands in for the payload while folded. */
export function foldedPayload(facts: PayloadFacts): string {
  return `<base64 of the signed file: ${facts.bytes.toLocaleString('en')} bytes, SHA-256 ${facts.sha256}>`;
}

/** The body exactly as it will be sent, or with its payload folded. */
export function bodyText(request: GraphRequest, facts: PayloadFacts, showPayload: boolean): string {
  const body = request.body as unknown as Record<string, unknown>;
  const shown = !showPayload && typeof body.payload === 'string' ? { ...body, payload: foldedPayload(facts) } : body;
  return JSON.stringify(shown, null, 2);
}

/** Push's editable assignment: the app's own groups by default, each kept or dropped, plus groups added by ID. */
export interface GroupChoice {
  include: { group: GroupRef; chosen: boolean }[];
  exclude: { group: GroupRef; chosen: boolean }[];
  allDevices: boolean;
  allUsers: boolean;
}

export function defaultChoice(targets: Targets): GroupChoice {
  return {
    include: targets.include.map((group) => ({ group, chosen: true })),
    exclude: targets.exclude.map((group) => ({ group, chosen: true })),
    allDevices: targets.allDevices,
    allUsers: targets.allUsers,
  };
}

/** The targets Push to Intune assigns to, from the admin's choice. */
export function chosenTargets(choice: GroupChoice): Targets {
  return {
    include: choice.include.filter((entry) => entry.chosen).map((entry) => entry.group),
    exclude: choice.exclude.filter((entry) => entry.chosen).map((entry) => entry.group),
    allDevices: choice.allDevices,
    allUsers: choice.allUsers,
    filtered: false,
  };
}

/** Adds a group by its object ID to the include (or exclude) list; null when the text is not a GUID. */
export function addGroup(choice: GroupChoice, id: string, list: 'include' | 'exclude'): GroupChoice | null {
  const trimmed = id.trim().toLowerCase();
  if (!isGuid(trimmed)) return null;
  if (choice[list].some((entry) => entry.group.id.toLowerCase() === trimmed)) {
    return { ...choice, [list]: choice[list].map((entry) => (entry.group.id.toLowerCase() === trimmed ? { ...entry, chosen: true } : entry)) };
  }
  return { ...choice, [list]: [...choice[list], { group: { id: trimmed, name: null }, chosen: true }] };
}
