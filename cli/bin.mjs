#!/usr/bin/env node
// The `provlens` bin for `npm install -g .` (which links this checkout): the CLI is TypeScript, run through tsx's
// loader so there is no build step to forget. tsx resolves from the checkout's node_modules.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./provlens.ts');
await run(process.argv.slice(2));
