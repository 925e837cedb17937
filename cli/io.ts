// What a command writes to and knows of its terminal: kept apart so each command module can take it without
// importing the entry point (cli/provlens.ts), which imports them.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the human output (stdout is a TTY and NO_COLOR is unset). */
  colour: boolean;
  /** The terminal's width, for wrapping human output; undefined when stdout is not a terminal. */
  columns?: number | undefined;
  /** The environment (default process.env): `provlens tenant` reads PROVLENS_GRAPH_TOKEN from it. */
  env?: Readonly<Record<string, string | undefined>>;
  /** All of standard input as text, or null when it is a terminal (nothing piped); default: the process's. */
  readStdin?: () => Promise<string | null>;
  /** The network (default: Node's global fetch); tests hand in a stand-in Graph. */
  fetch?: typeof fetch;
}
