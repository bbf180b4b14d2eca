/** The six Lambda functions, by the name infra and the simulator use. */
export type BundleName =
  | "route"
  | "nextAgent"
  | "record"
  | "routingCriteria"
  | "contactEvent"
  | "agentEvents";

/** Absolute path of each built bundle (`dist/<function>.mjs`), exporting `handler`. */
export declare const bundles: Readonly<Record<BundleName, string>>;

/** The Lambda handler setting of each bundle, e.g. `next-agent.handler`. */
export declare const bundleHandlers: Readonly<Record<BundleName, string>>;

/** Absolute path of the directory holding the bundles. */
export declare const bundleDirectory: string;
