import type { FlowDocument } from "../model/flow-document.js";
import { agentQueueFlow } from "./agent-queue-flow.js";
import type { FlowOptions } from "./flow-options.js";
import { routingCriteriaFlow } from "./routing-criteria-flow.js";

/** The flows this package generates. */
export const flowVariants = ["agent-queue", "routing-criteria"] as const;

/** A variant of {@link flowVariants}. */
export type FlowVariant = (typeof flowVariants)[number];

/**
 * The flow of `variant`. The routing-criteria variant needs `lambdaArns.routingCriteria` and
 * `standardQueueArn`; a missing one is a {@link FlowOptionsError}.
 *
 * @example
 * ```ts
 * for (const variant of flowVariants) console.log(flowToJson(generateFlow(variant, options)));
 * ```
 */
export function generateFlow(variant: FlowVariant, options: FlowOptions): FlowDocument {
  switch (variant) {
    case "agent-queue":
      return agentQueueFlow(options);
    case "routing-criteria":
      // The options are checked at run time: a missing standard queue is a FlowOptionsError.
      return routingCriteriaFlow(options as Parameters<typeof routingCriteriaFlow>[0]);
  }
}
