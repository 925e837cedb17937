// Exports: JSON (lossless), CSV (spreadsheets), iCalendar (expiry reminders) and the Intune Graph request / PowerShell
// command. Pure functions from results to text or plain data; saving or sending them is the caller's business.
export { toJsonExport, JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION } from './json';
export type { JsonExport, JudgedProfileResult } from './json';
export { toCsv, CSV_COLUMNS } from './csv';
export type { CsvOptions } from './csv';
export { toIcs, icsCalendar, DEFAULT_OFFSETS } from './ics';
export type { IcsCalendar, IcsOptions } from './ics';
export { toGraphRequest, toPowerShell, GRAPH_ENDPOINT } from './graph';
export { toBase64 } from '../base64';
export type { GraphRequest, GraphRequestBody } from './graph';
export { profileEntries, entryStatus } from './entries';
export type { ExportOptions, ProfileEntry, EntryStatus } from './entries';
