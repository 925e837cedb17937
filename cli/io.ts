// What a command writes to and knows of its terminal: kept apart so each command module can take it without
// importing the entry point (cli/provlens.ts), which imports them.
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the human output (stdout is a TTY and NO_COLOR is unset). */
  colour: boolean;
  /** The terminal's width, for wrapping human output; undefined when stdout is not a terminal. */
  columns?: number | undefined;
}
