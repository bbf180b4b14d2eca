import { createInterface } from "node:readline/promises";

/** Where the tool reads and writes: the process's streams, or a test's buffers. */
export interface Io {
  /** Results (stdout): what a script reads. */
  out(text: string): void;
  /** Progress, questions and errors (stderr). */
  err(text: string): void;
  /** Whether a person is at a terminal (stdin and stderr are TTYs): questions and bars. */
  readonly interactive: boolean;
  /** Asks a yes/no question; only called when {@link interactive}. */
  ask(question: string): Promise<boolean>;
  /** The environment the configuration falls back to. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Standard input, for `rekey --numbers -`. */
  readonly stdin: NodeJS.ReadableStream;
  /** The stream a progress bar draws on. */
  readonly progressStream: NodeJS.WritableStream;
  /** Milliseconds since the epoch: paces the progress lines written without a terminal. */
  now(): number;
}

/** The process's own streams and environment. */
export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    ask: async (question) => {
      const readline = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await readline.question(`${question} [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        readline.close();
      }
    },
    environment: process.env,
    stdin: process.stdin,
    progressStream: process.stderr,
    now: () => Date.now(),
  };
}
