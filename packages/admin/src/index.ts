/**
 * `connect-affinity`, the operator's tool, as a library: `runCli` runs it with any arguments
 * and streams (the `connect-affinity` bin is `runCli(process.argv.slice(2), processIo())`).
 *
 * @packageDocumentation
 */
export { AdminError } from "./admin-error.js";
export { type ExitCode, exitCodes } from "./exit-codes.js";
export { type Io, processIo } from "./io.js";
export { runCli } from "./program.js";
export type { AdminSettings, GlobalOptions } from "./settings.js";
