import { fileURLToPath } from "node:url";

const bundle = (name) => fileURLToPath(new URL(`./dist/${name}.mjs`, import.meta.url));

/**
 * Absolute paths of the built Lambda bundles (`pnpm --filter @connect-affinity/handlers
 * build` writes them). Each is one ESM file whose export `handler` is the function's entry
 * point, so a Lambda's handler setting is `<file name without .mjs>.handler`.
 */
export const bundles = Object.freeze({
  route: bundle("route"),
  nextAgent: bundle("next-agent"),
  record: bundle("record"),
  routingCriteria: bundle("routing-criteria"),
  contactEvent: bundle("contact-event"),
  agentEvents: bundle("agent-events"),
});

/** The Lambda handler setting of each bundle, e.g. `next-agent.handler`. */
export const bundleHandlers = Object.freeze({
  route: "route.handler",
  nextAgent: "next-agent.handler",
  record: "record.handler",
  routingCriteria: "routing-criteria.handler",
  contactEvent: "contact-event.handler",
  agentEvents: "agent-events.handler",
});

/** The directory holding every bundle. */
export const bundleDirectory = fileURLToPath(new URL("./dist/", import.meta.url));
