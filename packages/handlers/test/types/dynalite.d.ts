declare module "dynalite" {
  import type { Server } from "node:http";

  interface DynaliteOptions {
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
    /** LevelDB directory; in memory when absent. */
    readonly path?: string;
  }

  /** An HTTP server speaking the DynamoDB API. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
