import type { FlowVariant } from "@connect-affinity/flow-builder";

/** The five Lambda functions, by the names `@connect-affinity/handlers/bundles` uses. */
export const functionNames = [
  "route",
  "nextAgent",
  "record",
  "routingCriteria",
  "contactEvent",
] as const;

/** One of {@link functionNames}. */
export type FunctionName = (typeof functionNames)[number];

/** What a function does with the affinity table, the directory and presence. */
export interface FunctionNeeds {
  /** Resource-name suffix and log-group suffix (kebab case, as the bundle file). */
  readonly slug: string;
  /** What the function is for, as its Lambda description says. */
  readonly description: string;
  /** The table actions it calls (core's `DynamoDbAffinityStore`: `find` reads, `save` writes). */
  readonly tableActions: readonly (
    | "dynamodb:GetItem"
    | "dynamodb:UpdateItem"
    | "dynamodb:PutItem"
  )[];
  /** Whether it asks Connect who is available now (`GetCurrentUserData`). */
  readonly readsPresence: boolean;
  /**
   * Whether it reserves the agent it offers on event-stream presence (core's router does in
   * `route` and `next`, not in `routingCriteria`, which names agents without offering one).
   */
  readonly reservesAgents: boolean;
  /** Whether it computes the caller key (and so needs the caller-key secret). */
  readonly keysCallers: boolean;
  /** Whether it writes affinity records (and so needs their lifetime). */
  readonly recordsAffinity: boolean;
  /** Whether it builds routing criteria (and so needs their step expiry). */
  readonly buildsRoutingCriteria: boolean;
}

/**
 * What each function needs, read from the handlers and core's router: `route` and
 * `routing-criteria` read the caller's record, the roster and presence, and remember the
 * contact's caller in the contact index (`PutItem` of a `contact#<id>` item); `next-agent` reads
 * only the roster and presence (the cursor carries the rest); `record` writes the record
 * (`UpdateItem` conditionally, `PutItem` to repair a malformed item) after checking the agent
 * against the roster; `contact-event` does the same after reading the contact's caller back from
 * the index (`GetItem`), because contact events do not carry the number — no Connect call.
 */
export const functionCatalog: { readonly [F in FunctionName]: FunctionNeeds } = {
  route: {
    slug: "route",
    description: "Sticky-agent routing: the first agent for a contact",
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
    readsPresence: true,
    reservesAgents: true,
    keysCallers: true,
    recordsAffinity: false,
    buildsRoutingCriteria: false,
  },
  nextAgent: {
    slug: "next-agent",
    description: "Sticky-agent routing: the next agent after a busy one",
    tableActions: [],
    readsPresence: true,
    reservesAgents: true,
    keysCallers: false,
    recordsAffinity: false,
    buildsRoutingCriteria: false,
  },
  record: {
    slug: "record",
    description: "Sticky-agent routing: remembers the agent a caller was sent to",
    tableActions: ["dynamodb:UpdateItem", "dynamodb:PutItem"],
    readsPresence: false,
    reservesAgents: false,
    keysCallers: true,
    recordsAffinity: true,
    buildsRoutingCriteria: false,
  },
  routingCriteria: {
    slug: "routing-criteria",
    description: "Sticky-agent routing: preferred-agent routing criteria for a contact",
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
    readsPresence: true,
    reservesAgents: false,
    keysCallers: true,
    recordsAffinity: false,
    buildsRoutingCriteria: true,
  },
  contactEvent: {
    slug: "contact-event",
    description: "Sticky-agent routing: remembers the agent who answered (CONNECTED_TO_AGENT)",
    tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"],
    readsPresence: false,
    reservesAgents: false,
    keysCallers: true,
    recordsAffinity: true,
    buildsRoutingCriteria: false,
  },
};

/**
 * The functions the flow of `variant` invokes: each gets Connect's invoke permission and an
 * association with the instance. The contact-event function is invoked by EventBridge instead.
 */
export function flowFunctions(variant: FlowVariant): readonly FunctionName[] {
  switch (variant) {
    case "agent-queue":
      return ["route", "nextAgent", "record"];
    case "routing-criteria":
      return ["routingCriteria"];
  }
}
