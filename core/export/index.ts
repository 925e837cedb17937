// Exports: JSON (lossless), CSV (spreadsheets), iCalendar (expiry reminders) and the Intune job (Graph requests and a
// PowerShell script, for every Microsoft cloud). Pure functions from results to text or plain data; saving or sending
// them is the caller's business.
export { toJsonExport, JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION } from './json';
export type { JsonExport, JudgedProfileResult } from './json';
export { toCsv, CSV_COLUMNS } from './csv';
export type { CsvOptions } from './csv';
export { toIcs, icsCalendar, DEFAULT_OFFSETS } from './ics';
export type { IcsCalendar, IcsOptions } from './ics';
export { intuneJob, isGuid, isScopeTagId, baseName, GRAPH_PATH, GRAPH_SCOPE, DEFAULT_SCOPE_TAG, CREATED_ID } from './graph';
export type { IntuneFile, IntuneJob, IntuneJobOptions, GraphRequest, ConfigurationBody, AssignBody, AssignmentTarget, Refusal } from './graph';
export { toPowerShell, asciiJson, POWERSHELL_MODULE } from './powershell';
export { CLOUDS, CLOUD_NAMES, isCloudName } from './clouds';
export type { Cloud, CloudName } from './clouds';
export { toBase64 } from '../base64';
export { profileEntries, entryStatus } from './entries';
export type { ExportOptions, ProfileEntry, EntryStatus } from './entries';
