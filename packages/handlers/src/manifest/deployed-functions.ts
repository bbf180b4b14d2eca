import { join } from "node:path";
import { bundleDirectory } from "../bundle-directory.js";

/**
 * What starts a function: the contact flow, an EventBridge rule, a Kinesis stream, or a
 * schedule (EventBridge Scheduler).
 */
export type FunctionTrigger = "contact-flow" | "eventbridge" | "kinesis" | "schedule";

/** One deployed Lambda function, as the bundle build, infra and the simulator know it. */
export interface DeployedFunction<Name extends string = string> {
  /**
   * The function's name in kebab case: its source file (`src/<name>.ts`), its bundle, and the
   * suffix of its resources and log group.
   */
  readonly name: Name;
  /** What it is for, as its Lambda description says. */
  readonly description: string;
  readonly trigger: FunctionTrigger;
  /** The bundle's file name in the build folder, `<name>.mjs`. */
  readonly bundleFile: `${Name}.mjs`;
  /** Absolute path of the built bundle (exists after the package's `build`). */
  readonly bundlePath: string;
  /** The Lambda handler setting when the bundle is deployed under its own file name. */
  readonly handler: `${Name}.handler`;
}

function deployed<const Name extends string>(
  name: Name,
  trigger: FunctionTrigger,
  description: string,
): DeployedFunction<Name> {
  return Object.freeze({
    name,
    description,
    trigger,
    bundleFile: `${name}.mjs` as const,
    bundlePath: join(bundleDirectory, `${name}.mjs`),
    handler: `${name}.handler` as const,
  });
}

/**
 * Every function this package builds and infra deploys, keyed by the identifier the other
 * packages use (`nextAgent`, not `next-agent`, so it can be a property name). This object is the
 * only list of them: the bundle build's entries, infra's functions and the simulator's loaded
 * bundles are all derived from it.
 *
 * @example
 * ```ts
 * import { deployedFunctions } from "@connect-affinity/handlers/manifest";
 * deployedFunctions.nextAgent.handler; // "next-agent.handler"
 * ```
 */
export const deployedFunctions = Object.freeze({
  route: deployed("route", "contact-flow", "Sticky-agent routing: the first agent for a contact"),
  nextAgent: deployed(
    "next-agent",
    "contact-flow",
    "Sticky-agent routing: the next agent after a busy one",
  ),
  record: deployed(
    "record",
    "contact-flow",
    "Sticky-agent routing: remembers the agent a caller was sent to",
  ),
  routingCriteria: deployed(
    "routing-criteria",
    "contact-flow",
    "Sticky-agent routing: preferred-agent routing criteria for a contact",
  ),
  contactEvent: deployed(
    "contact-event",
    "eventbridge",
    "Sticky-agent routing: remembers the agent who answered (CONNECTED_TO_AGENT)",
  ),
  agentEvents: deployed(
    "agent-events",
    "kinesis",
    "Sticky-agent routing: agent presence from the agent event stream",
  ),
  rosterRefresh: deployed(
    "roster-refresh",
    "schedule",
    "Sticky-agent routing: reconciles the shared agent roster with the Connect directory",
  ),
});

/** A deployed function's identifier; see {@link deployedFunctions}. */
export type FunctionId = keyof typeof deployedFunctions;

/** A deployed function's kebab-case name, e.g. `next-agent`. */
export type FunctionName = (typeof deployedFunctions)[FunctionId]["name"];

/** Every function's identifier, in build and deployment order. */
export const functionIds = Object.freeze(Object.keys(deployedFunctions) as FunctionId[]);

/** The functions that keep the shared roster rather than route: the consumer and the refresher. */
export type RosterFunctionId = "agentEvents" | "rosterRefresh";

/** A function that runs core's `StickyRouter`: every one but the roster's two. */
export type RouterFunctionId = Exclude<FunctionId, RosterFunctionId>;

/**
 * The functions that run core's `StickyRouter`. They share one configuration loader and one
 * container; the agent-event consumer and the roster refresher have their own.
 */
export const routerFunctionIds = Object.freeze(
  functionIds.filter(
    (id): id is RouterFunctionId => id !== "agentEvents" && id !== "rosterRefresh",
  ),
);

/**
 * The absolute path of each function's built bundle, by identifier (each entry's `bundlePath`).
 *
 * @example
 * ```ts
 * import { bundlePaths } from "@connect-affinity/handlers/manifest";
 * await import(pathToFileURL(bundlePaths.route).href); // { handler }
 * ```
 */
export const bundlePaths: Readonly<Record<FunctionId, string>> = Object.freeze(
  Object.fromEntries(functionIds.map((id) => [id, deployedFunctions[id].bundlePath])) as Record<
    FunctionId,
    string
  >,
);
