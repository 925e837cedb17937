// The yardstick for the whole-process benchmark: what a parse-only tool does with each file named on the command line
// (or found in one folder): read it, cut the XML plist out of the CMS, parse it with the `plist` package, print a few
// fields as JSON (not the certificates' bytes, so printing does not dominate). It verifies nothing. Plain JS run by node, so its start-up is node's own.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'plist';

const files = process.argv.slice(2).flatMap((path) => (statSync(path).isDirectory() ? readdirSync(path).sort().map((name) => join(path, name)) : [path]));
const decoder = new TextDecoder();
const out = [];
for (const file of files) {
  const text = decoder.decode(readFileSync(file));
  const start = text.indexOf('<?xml');
  const end = text.indexOf('</plist>');
  try {
    const plist = start >= 0 && end > start ? parse(text.slice(start, end + '</plist>'.length)) : null;
    out.push({ file, uuid: plist?.UUID, name: plist?.Name, teamId: plist?.TeamIdentifier?.[0], expiresAt: plist?.ExpirationDate, devices: plist?.ProvisionedDevices?.length ?? 0 });
  } catch (error) {
    out.push({ file, error: String(error) });
  }
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
