import type { Io } from "../io.js";
import type { GlobalOptions } from "../settings.js";
import type { Workspace } from "../workspace.js";

/** What every command gets: the streams, the global options, and the workspace on demand. */
export interface CommandContext {
  readonly io: Io;
  globals(): GlobalOptions;
  /** Opens the workspace (once); commands that need no table never call it. */
  workspace(): Workspace;
}

/** Prints a result: JSON with `--json`, the text otherwise. */
export function print(context: CommandContext, json: unknown, text: string): void {
  context.io.out(context.globals().json === true ? JSON.stringify(json, null, 2) : text);
}
