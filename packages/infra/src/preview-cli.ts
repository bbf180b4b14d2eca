// `pnpm --filter @connect-affinity/infra preview [-- --stack dev|prod]`: what `pulumi preview`
// would create for a committed stack, offline (see offline-preview.ts).
import { StackConfigError } from "./errors.js";
import { offlinePreview } from "./offline-preview.js";

const args = process.argv.slice(2).filter((arg) => arg !== "--");
const flag = args.indexOf("--stack");
const stack = flag === -1 ? "dev" : args[flag + 1];
if (stack === undefined || stack.startsWith("-")) {
  process.stderr.write("usage: preview [--stack dev|prod]\n");
  process.exit(2);
}
try {
  process.stdout.write(`${await offlinePreview(stack, new URL("../", import.meta.url))}\n`);
} catch (error) {
  // The same message `pulumi preview` prints for the stack's configuration.
  process.stderr.write(`${error instanceof StackConfigError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
