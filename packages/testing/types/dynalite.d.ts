// dynalite ships no types; this declares the one function this package calls.
declare module "dynalite" {
  import type { Server } from "node:http";

  interface DynaliteOptions {
    /** LevelDB directory; in memory when absent. */
    readonly path?: string;
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
    readonly maxItemSizeKb?: number;
  }

  /** An HTTP server speaking the DynamoDB API, not yet listening. */
  function dynalite(options?: DynaliteOptions): Server;
  export default dynalite;
}
