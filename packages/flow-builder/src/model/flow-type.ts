/**
 * The types of flow Amazon Connect runs, as `CreateContactFlow`'s `Type` names them, plus
 * `MODULE` for flow modules (`CreateContactFlowModule`). What an action may do depends on the
 * type: a whisper cannot queue a contact, an inbound flow cannot end with `EndFlowExecution`.
 *
 * Source: API Reference, `CreateContactFlow` (`Type`: CONTACT_FLOW | CUSTOMER_QUEUE |
 * CUSTOMER_HOLD | CUSTOMER_WHISPER | AGENT_HOLD | AGENT_WHISPER | OUTBOUND_WHISPER |
 * AGENT_TRANSFER | QUEUE_TRANSFER | CAMPAIGN),
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html
 */
export const flowTypes = [
  "CONTACT_FLOW",
  "CUSTOMER_QUEUE",
  "CUSTOMER_HOLD",
  "CUSTOMER_WHISPER",
  "AGENT_HOLD",
  "AGENT_WHISPER",
  "OUTBOUND_WHISPER",
  "AGENT_TRANSFER",
  "QUEUE_TRANSFER",
  "MODULE",
  "CAMPAIGN",
] as const;

/** A flow type of {@link flowTypes}. */
export type FlowType = (typeof flowTypes)[number];

/**
 * Groups of flow types as the action reference names them in each action's "Restrictions"
 * ("inbound flows", "transfer flows", "whisper flows", "hold flows", "customer queue flows").
 */
export const flowTypeGroups = {
  /** "Inbound flows" / "contact flows". */
  inbound: ["CONTACT_FLOW"],
  /** "Transfer flows": to an agent and to a queue. */
  transfer: ["AGENT_TRANSFER", "QUEUE_TRANSFER"],
  /** "Whisper flows". */
  whisper: ["CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER"],
  /** "Hold flows". */
  hold: ["CUSTOMER_HOLD", "AGENT_HOLD"],
  /** "Customer queue flows". */
  customerQueue: ["CUSTOMER_QUEUE"],
} as const satisfies { readonly [group: string]: readonly FlowType[] };

/** A group of {@link flowTypeGroups}. */
export type FlowTypeGroup = keyof typeof flowTypeGroups;

/**
 * The flow types the action reference does not name but that run like another: a module runs
 * inside the inbound flow that invokes it ("Invoke module": inbound flows only), and a campaign
 * flow is an outbound contact's flow, so both accept what an inbound flow accepts.
 */
export const flowTypeLike: { readonly [T in FlowType]?: FlowType } = {
  MODULE: "CONTACT_FLOW",
  CAMPAIGN: "CONTACT_FLOW",
};

/** Whether `value` is one of {@link flowTypes}. */
export function isFlowType(value: unknown): value is FlowType {
  return typeof value === "string" && (flowTypes as readonly string[]).includes(value);
}

/**
 * The flow type a console export's `Metadata.type` names (`contactFlow`, `agentWhisper`…), or
 * `undefined` for anything else.
 *
 * @example
 * ```ts
 * flowTypeOfConsoleName("customerQueue"); // "CUSTOMER_QUEUE"
 * ```
 */
export function flowTypeOfConsoleName(name: unknown): FlowType | undefined {
  if (typeof name !== "string") return undefined;
  const upper = name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  if (upper === "CONTACT_FLOW_MODULE" || upper === "FLOW_MODULE") return "MODULE";
  return isFlowType(upper) ? upper : undefined;
}
