import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { contactKeyPrefix, createAffinityTableInput } from "@connect-affinity/core/dynamodb";
import { bundlePaths } from "@connect-affinity/handlers/manifest";
import {
  type HandlerHarness,
  type HandlerHarnessSetup,
  startHandlerHarness,
} from "@connect-affinity/testing/handlers";
import type { Io } from "../src/io.js";

/** The handlers' record function as Lambda runs it: its built bundle. */
export type RecordHandler = (event: unknown) => Promise<{ readonly status: string }>;

let instance = 0;

/**
 * A fresh instance of the `record` bundle (its own container, configured from the environment
 * on its first invocation), so a test can store callers with or without a caller-key secret.
 */
export async function recordBundle(): Promise<RecordHandler> {
  instance += 1;
  const url = `${pathToFileURL(bundlePaths.record).href}?instance=${instance}`;
  return ((await import(url)) as { handler: RecordHandler }).handler;
}

const setup: HandlerHarnessSetup = {
  table: createAffinityTableInput,
  environment: ({ tableName, instanceArn }) => ({
    AFFINITY_TABLE_NAME: tableName,
    CONNECT_INSTANCE_ID: instanceArn,
    POWERTOOLS_LOG_LEVEL: "SILENT",
    POWERTOOLS_METRICS_DISABLED: "true",
    // route signs the routing cursor; a test-only key for a run without a caller-key secret.
    CURSOR_SIGNING_KEY: "test-cursor-signing-key-of-32-characters",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  }),
  // The bundles keep their containers; each test takes a new bundle instance instead.
  reset: () => undefined,
  isRecord: (item) =>
    !String((item["callerKey"] as { S?: string } | undefined)?.S).startsWith(contactKeyPrefix),
};

/** DynamoDB, Connect and the secret stores on loopback, with the handlers' environment. */
export function startHarness(): Promise<HandlerHarness> {
  return startHandlerHarness(setup);
}

/** What a run of the tool printed. */
export interface Captured {
  readonly io: Io;
  readonly out: string[];
  readonly err: string[];
  /** Everything printed on stdout, as one text. */
  stdout(): string;
  /** Everything the progress bar drew (terminal control sequences included). */
  progress(): string;
}

/** Streams for an in-process run: a terminal that answers `answer`, or none. */
export function captureIo(
  options: {
    readonly interactive?: boolean;
    readonly answer?: boolean;
    readonly environment?: Readonly<Record<string, string | undefined>>;
    readonly stdin?: string;
    /** The clock progress lines are paced by; by default a stopped one (no progress lines). */
    readonly now?: () => number;
  } = {},
): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  // A terminal for the progress bar (cli-progress draws only on one), kept as text.
  const progressStream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  const progress: string[] = [];
  progressStream.on("data", (chunk: Buffer) => progress.push(chunk.toString("utf8")));
  stdin.end(options.stdin ?? "");
  const io: Io = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    interactive: options.interactive === true,
    ask: async (question) => {
      err.push(question);
      return options.answer === true;
    },
    environment: options.environment ?? {},
    stdin,
    progressStream,
    now: options.now ?? (() => 0),
  };
  return { io, out, err, stdout: () => out.join("\n"), progress: () => progress.join("") };
}
