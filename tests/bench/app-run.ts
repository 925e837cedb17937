// `npx tsx tests/bench/app-run.ts`: only the app table of `npm run bench` (issue 9 part 4), for quick before/after runs.
// The table installs the CLI's Node primitives and the browser defaults in turn itself.
import { useWebCrypto } from '../../core/cms/crypto';
import { appTable } from './app-table';

useWebCrypto(globalThis.crypto);
await appTable();
