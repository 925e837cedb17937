// The version `provlens --version` prints. A named import from package.json: the bundler keeps only this one string.
import { version } from '../package.json';

export const VERSION: string = version;
