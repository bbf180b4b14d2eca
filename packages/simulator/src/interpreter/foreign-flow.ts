import type { FlowDocument } from "@connect-affinity/flow-builder";
import type { QueueDefinition } from "./contact.js";
import type { LambdaFunction, LambdaFunctions } from "./lambda-function.js";

/**
 * Binds the Lambda ARNs a flow names to the simulated functions: an ARN whose function name is
 * `connect-affinity-<name>` (as `synth` and `splice` write them, placeholder or deployed) runs
 * the handler `<name>` (`route`, `next-agent`, `record`, `routing-criteria`). Other functions of
 * the flow stay unbound, so invoking them takes the block's error branch as an unknown function.
 *
 * @param functions - the simulated handlers by kebab-case name.
 */
export function bindFlowLambdas(
  flow: FlowDocument,
  functions: Readonly<Record<string, LambdaFunction>>,
): LambdaFunctions {
  const bound: Record<string, LambdaFunction> = {};
  for (const action of flow.Actions) {
    if (action.Type !== "InvokeLambdaFunction") continue;
    const arn = action.Parameters.LambdaFunctionARN;
    const name =
      /^arn:aws[a-z-]*:lambda:[^:]+:\d{12}:function:connect-affinity-([a-z-]+)(?::.+)?$/.exec(
        arn,
      )?.[1];
    const lambda = name === undefined ? undefined : functions[name];
    if (lambda !== undefined) bound[arn] = lambda;
  }
  return bound;
}

/**
 * The standard queues a flow names statically (`QueueId` of "Set working queue", staffing and
 * callback blocks) that the simulated instance does not have yet, so an existing flow's own
 * queue can take its calls: named as the console's metadata shows it, else by its ID.
 */
export function queuesOfFlow(
  flow: FlowDocument,
  known: readonly QueueDefinition[],
): readonly QueueDefinition[] {
  const found: QueueDefinition[] = [];
  const seen = new Set(known.flatMap((queue) => [queue.id, queue.arn]));
  for (const action of flow.Actions) {
    const parameters = action.Parameters as { readonly QueueId?: unknown } | undefined;
    const reference = parameters?.QueueId;
    if (typeof reference !== "string" || reference.includes("$.") || seen.has(reference)) continue;
    const match = /^(arn:aws[a-z-]*:connect:[^:]+:\d{12}:instance\/[^/]+)\/queue\/([^/]+)$/.exec(
      reference,
    );
    const id = match?.[2] ?? reference;
    const displayName = flow.Metadata?.ActionMetadata?.[action.Identifier]?.parameters?.["QueueId"];
    const name =
      typeof displayName === "object" &&
      displayName !== null &&
      "displayName" in displayName &&
      typeof displayName.displayName === "string"
        ? displayName.displayName
        : id;
    found.push({ id, arn: reference, name, role: "standard" });
    seen.add(reference);
  }
  return found;
}
