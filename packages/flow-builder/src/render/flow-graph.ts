import { actionTypeSpec } from "../model/action-catalog.js";
import type { FlowAction } from "../model/flow-action.js";
import type { FlowDocument } from "../model/flow-document.js";
import { edgeKindOrder, flowEdges, isRecord } from "../model/flow-edges.js";

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
      lines: [nameOf(action.Identifier), action.Type, ...detail(action)],
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
  const spec = actionTypeSpec(action.Type);
  if (spec?.next === "forbidden") return "end";
  if (transferTypes.has(action.Type)) return "transfer";
  const conditions: unknown = (action.Transitions as { readonly Conditions?: unknown }).Conditions;
  if (Array.isArray(conditions) && conditions.length > 0) return "decision";
  return spec !== undefined && spec.conditions.kind !== "none" && spec.conditions.kind !== "equals"
    ? "decision"
    : "action";
}

const transferTypes: ReadonlySet<string> = new Set([
  "TransferContactToQueue",
  "TransferContactToAgent",
  "TransferToFlow",
  "DequeueContactAndTransferToQueue",
  "TransferParticipantToThirdParty",
]);

const maxDetail = 48;

/** The parameters whose value best says what an action does, for types without their own line. */
const telling = [
  "Text",
  "SSML",
  "PromptId",
  "ContactFlowId",
  "FlowModuleId",
  "QueueId",
  "AgentId",
  "HoursOfOperationId",
  "CallbackNumber",
  "ThirdPartyPhoneNumber",
  "FlowLoggingBehavior",
  "CheckVoiceIdOption",
  "Name",
  "TimeLimitSeconds",
];

function detail(action: FlowAction): readonly string[] {
  const parameters: { readonly [key: string]: unknown } = isRecord(action.Parameters)
    ? action.Parameters
    : {};
  const text = (key: string): string | undefined => {
    const value = parameters[key];
    return typeof value === "string" ? value : undefined;
  };
  const keys = (key: string): string | undefined => {
    const value = parameters[key];
    return isRecord(value) ? Object.keys(value).join(", ") : undefined;
  };
  const line = ((): string | undefined => {
    switch (action.Type) {
      case "InvokeLambdaFunction": {
        const arn = text("LambdaFunctionARN") ?? "";
        return arn.startsWith("arn:") ? arn.split(":").slice(6, 7).join("") || arn : arn;
      }
      case "Compare":
        return text("ComparisonValue");
      case "CheckMetricData": {
        const agent = text("AgentId");
        return `${text("MetricType") ?? "?"}${agent !== undefined ? ` of ${agent}` : ""}`;
      }
      case "UpdateContactTargetQueue": {
        const agent = text("AgentId");
        return agent !== undefined
          ? `agent ${agent}`
          : `queue ${lastSegment(text("QueueId") ?? "")}`;
      }
      case "Loop":
        return `${text("LoopCount") ?? "?"} times`;
      case "UpdateContactAttributes":
        return keys("Attributes");
      case "UpdateFlowAttributes":
        return keys("FlowAttributes");
      case "UpdateContactEventHooks":
        return keys("EventHooks");
      case "UpdateContactRoutingCriteria":
        return text("RoutingCriteria") ?? "static steps";
      case "UpdateContactTextToSpeechVoice":
        return text("TextToSpeechVoice");
      case "ConnectParticipantWithLexBot": {
        const bot = parameters["LexV2Bot"];
        return isRecord(bot) && typeof bot["AliasArn"] === "string" ? bot["AliasArn"] : undefined;
      }
      case "ShowView": {
        const view = parameters["ViewResource"];
        return isRecord(view) && typeof view["Id"] === "string" ? view["Id"] : undefined;
      }
      default:
        return telling.map(text).find((value) => value !== undefined);
    }
  })();
  if (line === undefined || line === "") return [];
  return [line.length > maxDetail ? `${line.slice(0, maxDetail - 1)}…` : line];
}

function lastSegment(reference: string): string {
  const segments = reference.split("/");
  return segments[segments.length - 1] ?? reference;
}

/** A console UUID shortened to its first block, so the picture stays readable. */
function nameOf(identifier: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(identifier)
    ? `${identifier.slice(0, 8)}…`
    : identifier;
}
