/**
 * The CLI's terminal: the streams and environment a run reads and writes, passed in so tests run
 * the commands in memory. Commands and cli.ts import it; it imports nothing of the CLI.
 */
/** stdout or stderr: a terminal (isTTY) gets a progress bar redrawn in place, a pipe plain lines. */
export interface TerminalStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: TerminalStream;
  readonly stderr: TerminalStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A file's text in chunks, read as it is consumed (the import never holds a file whole). */
  openFile(path: string): AsyncIterable<string>;
}
