import { consoleMetadata } from "../builder/console-metadata.js";
import { layoutFlow, layoutGrid } from "../builder/layout.js";
import { type FlowOptions, resolveFlowOptions } from "../generators/flow-options.js";
import { FlowOptionsError } from "../generators/flow-options-error.js";
import type { FlowVariant } from "../generators/generate-flow.js";
import {
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
} from "../generators/placeholder-arns.js";
import { actionCatalog, isAllowedIn } from "../model/action-catalog.js";
import type { FlowAction } from "../model/flow-action.js";
import type { ActionMetadataEntry, FlowDocument, Position } from "../model/flow-document.js";
import { isRecord } from "../model/flow-edges.js";
import type { FlowType } from "../model/flow-type.js";
import type { FlowProblem } from "../validation/flow-problem.js";
import { validateFlow } from "../validation/validate-flow.js";
import { SpliceError } from "./splice-error.js";
import {
  agentQueueSection,
  routingCriteriaSection,
  type Section,
  transferToFlowSection,
} from "./sticky-sections.js";

/**
 * The options of the generators that a splice uses: Lambda ARNs, attempts, time limit,
 * messages, and the bounded wait (with its customer queue flow's ARN).
 */
export type SpliceFlowOptions = Pick<
  FlowOptions,
  | "maxAttempts"
  | "lambdaTimeLimitSeconds"
  | "language"
  | "messages"
  | "preferredWaitSeconds"
  | "binding"
  | "requiredWaitSeconds"
  | "customerQueueFlowArn"
  | "preferredAgentExpirySeconds"
> & { readonly lambdaArns?: Partial<FlowOptions["lambdaArns"]> };

/** Options of {@link spliceStickyRouting}. */
export interface SpliceOptions {
  /** The identifier of the host's action to put sticky routing in front of (its transfer). */
  readonly at: string;
  /** Which routing to splice in (default `agent-queue`); ignored with `transferToFlow`. */
  readonly variant?: FlowVariant;
  /**
   * Instead of splicing the routing in, wire a `TransferToFlow` to the deployed sticky flow
   * with this ID or ARN (`placeholderStickyFlowArn` until it is deployed).
   */
  readonly transferToFlow?: string;
  /** ARNs (placeholders unless given), attempts, time limit and language of the spliced routing. */
  readonly flowOptions?: SpliceFlowOptions;
  /** The host's flow type (default `CONTACT_FLOW`): the result is validated as one. */
  readonly flowType?: FlowType;
  /** Prepended to the identifiers the splice adds (default `affinity-`, numbered if taken). */
  readonly prefix?: string;
}

/** What {@link spliceStickyRouting} made. */
export interface SpliceResult {
  /** The host flow with sticky routing in front of the chosen action. */
  readonly flow: FlowDocument;
  /** The first spliced action: every transition that led to `at` now leads here. */
  readonly entry: string;
  /** The identifiers of the actions the splice added. */
  readonly added: readonly string[];
  /** How many transitions (and the start, if it was `at`) were redirected to `entry`. */
  readonly redirected: number;
  /** What the `service` profile finds wrong with the result (empty when Connect would accept it). */
  readonly problems: readonly FlowProblem[];
}

/**
 * Puts connect-affinity's sticky routing into an existing flow in front of the action `at`
 * (typically its `TransferContactToQueue`): every transition that led to `at` leads to the
 * sticky routing instead, and whenever sticky routing cannot place the caller the contact
 * continues at `at`, so the host's queue, its transfer and the transfer's own error paths stay
 * as they were. Nothing of the host is removed or changed but those transitions; the spliced
 * actions get console metadata below the host's blocks. The result is validated with the
 * `service` profile as the host's flow type, and the problems are returned, not thrown.
 *
 * - `agent-queue`: remember the working queue (`$.Queue.ARN`) in a flow attribute, route to
 *   the caller's last agent's personal queue (or the next agents, bounded by a `Loop`), and
 *   restore the host's working queue before falling back to `at`.
 * - `routing-criteria`: set the contact's routing criteria from the `routing-criteria` Lambda
 *   and go on to `at`: the host's transfer then offers the contact to the preferred agent
 *   first (criteria act on standard queues the agent serves).
 * - `transferToFlow`: one `TransferToFlow` to the deployed sticky flow, falling back to `at`.
 *
 * @throws SpliceError when `at` is not an action of the flow, when the flow's type cannot run
 *   the routing, or when the options are invalid.
 *
 * @example
 * ```ts
 * const { flow, problems } = spliceStickyRouting(readFlow(text).flow, {
 *   at: "Transfer to queue",
 *   flowOptions: { lambdaArns: { route, nextAgent, record } },
 * });
 * ```
 */
export function spliceStickyRouting(host: FlowDocument, options: SpliceOptions): SpliceResult {
  const flowType = options.flowType ?? "CONTACT_FLOW";
  const target = host.Actions.find((action) => action.Identifier === options.at);
  if (target === undefined) {
    throw new SpliceError(
      `The flow has no action "${options.at}"; name the Identifier of the action to route in front of (its TransferContactToQueue: ${transferIds(host) || "none found"})`,
    );
  }
  const variant = options.variant ?? "agent-queue";
  const sectionTypes =
    options.transferToFlow !== undefined
      ? (["TransferToFlow"] as const)
      : variant === "agent-queue"
        ? (["UpdateContactTargetQueue", "TransferContactToQueue", "CheckMetricData"] as const)
        : (["UpdateContactRoutingCriteria", "InvokeLambdaFunction"] as const);
  const forbidden = sectionTypes.filter((type) => !isAllowedIn(actionCatalog[type], flowType));
  if (forbidden.length > 0) {
    throw new SpliceError(
      `A ${flowType} flow cannot run ${forbidden.join(", ")}: splice into an inbound or transfer flow`,
    );
  }
  const prefix = freePrefix(host, options.prefix ?? "affinity-");
  const resolved = resolve(
    options.flowOptions ?? {},
    options.transferToFlow === undefined && variant === "agent-queue",
  );
  const context = { prefix, resume: options.at, options: resolved };
  const section: Section =
    options.transferToFlow !== undefined
      ? transferToFlowSection(context, options.transferToFlow)
      : variant === "agent-queue"
        ? agentQueueSection(context)
        : routingCriteriaSection(context);

  const hostIds = new Set(host.Actions.map((action) => action.Identifier));
  const added = section.builder.actions(hostIds);
  let redirected = 0;
  const redirect = (to: string): string => {
    if (to !== options.at) return to;
    redirected += 1;
    return section.entry;
  };
  const hostActions = host.Actions.map((action) => redirectAction(action, redirect));
  const startAction = redirect(host.StartAction);
  const flow: FlowDocument = {
    ...host,
    StartAction: startAction,
    ...(host.Metadata === undefined
      ? {}
      : { Metadata: withSectionMetadata(host, options.at, section.entry, added) }),
    Actions: [...hostActions, ...added],
  };
  return {
    flow,
    entry: section.entry,
    added: added.map((action) => action.Identifier),
    redirected,
    problems: validateFlow(flow, { flowType }),
  };
}

/** A copy of `action` whose transitions go through `redirect`; everything else kept as is. */
function redirectAction(action: FlowAction, redirect: (to: string) => string): FlowAction {
  const transitions: unknown = action.Transitions;
  if (!isRecord(transitions)) return action;
  const copy: { [key: string]: unknown } = { ...transitions };
  if (typeof copy["NextAction"] === "string") copy["NextAction"] = redirect(copy["NextAction"]);
  for (const key of ["Errors", "Conditions"]) {
    const list = copy[key];
    if (!Array.isArray(list)) continue;
    copy[key] = list.map((entry: unknown) =>
      isRecord(entry) && typeof entry["NextAction"] === "string"
        ? { ...entry, NextAction: redirect(entry["NextAction"]) }
        : entry,
    );
  }
  return { ...action, Transitions: copy } as unknown as FlowAction;
}

/**
 * The host's metadata plus the spliced actions' entries: laid out as their own small flow and
 * placed below the host's lowest block, starting at the column of the action they stand in
 * front of, so no block covers another.
 */
function withSectionMetadata(
  host: FlowDocument,
  at: string,
  entry: string,
  added: readonly FlowAction[],
): NonNullable<FlowDocument["Metadata"]> {
  const metadata = host.Metadata ?? {};
  const existing = isRecord(metadata.ActionMetadata) ? metadata.ActionMetadata : {};
  const positions = Object.values(existing)
    .map((value) => (isRecord(value) ? value["position"] : undefined))
    .filter(isPosition);
  const lowest = Math.max(0, ...positions.map((position) => position.y));
  const anchor = existing[at]?.position;
  const origin = {
    x: isPosition(anchor) ? anchor.x : layoutGrid.originX,
    y: lowest + layoutGrid.rowHeight,
  };
  const layout = layoutFlow(entry, added);
  const ActionMetadata: { [identifier: string]: ActionMetadataEntry } = { ...existing };
  for (const action of added) {
    const position = layout.ActionMetadata?.[action.Identifier]?.position;
    ActionMetadata[action.Identifier] = {
      ...(position === undefined
        ? {}
        : {
            position: {
              x: origin.x + position.x - layoutGrid.originX - layoutGrid.columnWidth,
              y: origin.y + position.y - layoutGrid.originY,
            },
          }),
      ...consoleMetadata(action),
    };
  }
  return { ...metadata, ActionMetadata };
}

function isPosition(value: unknown): value is Position {
  return isRecord(value) && typeof value["x"] === "number" && typeof value["y"] === "number";
}

/** `prefix`, or `prefix` numbered (`affinity2-`) when the host already uses identifiers with it. */
function freePrefix(host: FlowDocument, prefix: string): string {
  const taken = (candidate: string): boolean =>
    host.Actions.some((action) => action.Identifier.startsWith(candidate));
  if (!taken(prefix)) return prefix;
  const stem = prefix.replace(/-$/, "");
  for (let index = 2; ; index += 1) {
    const candidate = `${stem}${index}-`;
    if (!taken(candidate)) return candidate;
  }
}

/** The options with placeholder ARNs for any Lambda not given, checked like the generators'. */
function resolve(
  options: SpliceFlowOptions,
  agentQueue: boolean,
): ReturnType<typeof resolveFlowOptions> {
  const withDefaults = {
    ...options,
    lambdaArns: { ...placeholderLambdaArns, ...options.lambdaArns },
    // As for the Lambdas: a placeholder until the deployed customer queue flow's ARN is given.
    ...(agentQueue && options.customerQueueFlowArn === undefined
      ? { customerQueueFlowArn: placeholderCustomerQueueFlowArn }
      : {}),
  };
  try {
    return resolveFlowOptions(withDefaults, "splice", []);
  } catch (error) {
    if (error instanceof FlowOptionsError) throw new SpliceError(error.message);
    throw error;
  }
}

function transferIds(host: FlowDocument): string {
  return host.Actions.filter((action) => action.Type === "TransferContactToQueue")
    .map((action) => `"${action.Identifier}"`)
    .join(", ");
}
