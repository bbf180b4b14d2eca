#!/usr/bin/env node
// `connect-affinity`: see README.md, or `connect-affinity --help`.
import { processIo } from "./io.js";
import { runCli } from "./program.js";

// The AWS SDK warns on every client that its future versions need Node 22; on the Node 20 this
// tool supports that is a line of noise before every answer (clients are created later, so
// setting it here is in time).
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

// `pnpm affinity -- forget KEY` hands the script a literal "--" first: drop it.
const args = process.argv.slice(2);
process.exitCode = await runCli(args[0] === "--" ? args.slice(1) : args, processIo());
