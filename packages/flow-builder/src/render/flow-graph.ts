import { actionTypeSpec } from "../model/action-catalog.js";
import type { FlowAction } from "../model/flow-action.js";
import type { FlowDocument } from "../model/flow-document.js";
import { edgeKindOrder, flowEdges } from "../model/flow-edges.js";

/** A node of a rendered flow. */
export interface GraphNode {
  readonly id: string;
  readonly type: string;
  /** Lines of the node's label: the identifier, the type, a key parameter. */
  readonly lines: readonly string[];
  readonly shape: "start" | "action" | "decision" | "transfer" | "end";
}

/** An edge of a rendered flow: transitions to the same target merged, labels joined. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** The id of the synthetic entry node every rendering starts from. */
export const entryNodeId = "start";

/**
 * The flow as nodes and labelled edges, the common ground of the Mermaid and DOT renderers.
 * Several transitions to the same target become one edge with their labels joined by ` / `.
 * A `NextAction` beside labelled branches reads `ok`; on a decision it is the no-match branch;
 * on a `Loop` it repeats `DoneLooping`, and on a transfer success never follows it, so there
 * it adds no label.
 */
export function flowGraph(flow: FlowDocument): {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
} {
  const nodes: GraphNode[] = [{ id: entryNodeId, type: "", lines: ["start"], shape: "start" }];
  const edges: GraphEdge[] = [{ from: entryNodeId, to: flow.StartAction, label: "" }];
  for (const action of flow.Actions) {
    nodes.push({
      id: action.Identifier,
      type: action.Type,
      lines: [action.Identifier, action.Type, ...detail(action)],
      shape: shapeOf(action),
    });
    const all = [...flowEdges(action)].sort(
      (a, b) => edgeKindOrder.indexOf(a.kind) - edgeKindOrder.indexOf(b.kind),
    );
    const silentNext = action.Type === "Loop" || actionTypeSpec(action.Type)?.endsFlow === true;
    const decision = all.some((edge) => edge.kind === "condition");
    const labelled = all.some((edge) => edge.kind !== "next");
    const byTarget = new Map<string, string[]>();
    for (const edge of all) {
      const nextLabel = silentNext || !labelled ? "" : decision ? "no match" : "ok";
      const label = edge.kind === "next" ? nextLabel : edge.label;
      const labels = byTarget.get(edge.to) ?? [];
      if (label !== "" && !labels.includes(label)) labels.push(label);
      byTarget.set(edge.to, labels);
    }
    for (const [to, labels] of byTarget) {
      edges.push({ from: action.Identifier, to, label: labels.join(" / ") });
    }
  }
  return { nodes, edges };
}

function shapeOf(action: FlowAction): GraphNode["shape"] {
  switch (action.Type) {
    case "Compare":
    case "CheckMetricData":
    case "Loop":
      return "decision";
    case "TransferContactToQueue":
    case "TransferContactToAgent":
      return "transfer";
    case "DisconnectParticipant":
    case "EndFlowExecution":
      return "end";
    default:
      return "action";
  }
}

const maxDetail = 48;

function detail(action: FlowAction): readonly string[] {
  const text = ((): string | undefined => {
    switch (action.Type) {
      case "InvokeLambdaFunction":
        return action.Parameters.LambdaFunctionARN.split(":").slice(6, 7).join("") || undefined;
      case "Compare":
        return action.Parameters.ComparisonValue;
      case "CheckMetricData":
        return `${action.Parameters.MetricType}${action.Parameters.AgentId !== undefined ? ` of ${action.Parameters.AgentId}` : ""}`;
      case "UpdateContactTargetQueue":
        return action.Parameters.AgentId !== undefined
          ? `agent ${action.Parameters.AgentId}`
          : `queue ${lastSegment(action.Parameters.QueueId ?? "")}`;
      case "Loop":
        return `${action.Parameters.LoopCount} times`;
      case "MessageParticipant":
        return action.Parameters.Text ?? action.Parameters.SSML ?? action.Parameters.PromptId;
      case "UpdateContactAttributes":
        return Object.keys(action.Parameters.Attributes).join(", ");
      case "UpdateContactRoutingCriteria":
        return typeof action.Parameters.RoutingCriteria === "string"
          ? action.Parameters.RoutingCriteria
          : "static steps";
      case "UpdateContactTextToSpeechVoice":
        return action.Parameters.TextToSpeechVoice;
      default:
        return undefined;
    }
  })();
  if (text === undefined || text === "") return [];
  return [text.length > maxDetail ? `${text.slice(0, maxDetail - 1)}…` : text];
}

function lastSegment(reference: string): string {
  const segments = reference.split("/");
  return segments[segments.length - 1] ?? reference;
}
