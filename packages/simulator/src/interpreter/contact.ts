import type { Channel } from "@connect-affinity/core";
import type { FloorAgent } from "./agent-floor-port.js";
import type { RoutingCriteriaModel } from "./routing-criteria-model.js";

/** A contact arriving at the flow. */
export interface ContactInput {
  readonly contactId: string;
  readonly channel: Channel;
  /** The caller's number as Connect reports it (`anonymous` for a withheld one); absent for chats. */
  readonly customerAddress?: string;
  /** How long the caller talks once an agent answers. */
  readonly talkTimeMs: number;
  /** The agent's after-contact work once the call ends (default none). */
  readonly afterContactWorkMs?: number;
  /** Contact attributes set before the flow starts. */
  readonly attributes?: Readonly<Record<string, string>>;
  /**
   * The agent who first answers transfers the contact to another agent after `afterMs` of talk
   * (a quick connect to `toAgentId`): a new contact of the same chain, which that agent answers
   * for the rest of `talkTimeMs`.
   */
  readonly transfer?: { readonly afterMs: number; readonly toAgentId: string };
  /**
   * What the caller enters at each "Get customer input" in turn (DTMF digits such as `"1"`, or
   * a number to store). Once they are used up the caller enters nothing and the block times out.
   */
  readonly participantInputs?: readonly string[];
}

/** Where "Transfer to queue" sends the contact: an agent's personal queue or a named queue. */
export type WorkingQueue =
  | { readonly kind: "agent"; readonly agent: FloorAgent }
  | { readonly kind: "queue"; readonly queue: QueueDefinition };

/** A standard queue the simulated instance has. */
export interface QueueDefinition {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** `fallback` marks the queue a contact reaches when the preferred route failed. */
  readonly role: "standard" | "fallback";
}

/** Why an action took an error branch. */
export type ActionErrorReason =
  | "lambda-error"
  | "lambda-timeout"
  | "lambda-unknown-function"
  | "response-not-string-map"
  | "response-too-large"
  | "response-not-json"
  | "missing-value"
  | "unknown-agent"
  | "unknown-queue"
  | "no-working-queue"
  | "invalid-routing-criteria"
  | "queue-at-capacity"
  | "empty-message"
  | "input-timeout"
  | "invalid-callback-number"
  | "not-queued"
  | "profile-not-found"
  | "profile-ambiguous";

/** What one executed action did, for the contact's path through the flow. */
export type TraceStep =
  | {
      readonly kind: "lambda";
      readonly actionId: string;
      readonly functionArn: string;
      readonly result: "ok" | ActionErrorReason;
      /** The response that became `$.External`, for a successful invocation. */
      readonly response?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly kind: "compare";
      readonly actionId: string;
      readonly value: string;
      readonly matched: boolean;
    }
  | {
      readonly kind: "metric";
      readonly actionId: string;
      readonly value: number;
      readonly matched: boolean;
    }
  | {
      readonly kind: "loop";
      readonly actionId: string;
      readonly count: number;
      readonly done: boolean;
    }
  | { readonly kind: "queue"; readonly actionId: string; readonly queue: WorkingQueue }
  | { readonly kind: "message"; readonly actionId: string; readonly text: string }
  | { readonly kind: "transfer"; readonly actionId: string; readonly queue: WorkingQueue }
  | {
      readonly kind: "error";
      readonly actionId: string;
      readonly type: string;
      readonly reason: ActionErrorReason;
    }
  | {
      readonly kind: "other";
      readonly actionId: string;
      readonly type: string;
      /**
       * What the simulation did with an action it does not model: `passed` (taken as succeeded,
       * no effect on where the contact goes), `unsupported` (the contact stopped here), or a
       * short description of what it decided (`hours:open`, `input:1`, `flow:…`).
       */
      readonly note?: string;
    };

/** How a contact left the simulation. */
export type ContactOutcome =
  | {
      readonly kind: "agent";
      readonly agent: FloorAgent;
      /** The queue the agent answered from. */
      readonly queue: WorkingQueue;
      readonly connectedAt: number;
    }
  | {
      /** The caller waited in a queue longer than the simulation's bound and hung up. */
      readonly kind: "abandoned";
      readonly queue: WorkingQueue;
      readonly at: number;
    }
  | {
      /** The flow reached "Disconnect"; `messages` is what the caller heard before. */
      readonly kind: "disconnected";
      readonly at: number;
    }
  | {
      /** The flow could not go on: a missing transition, an unsupported action, or the step bound. */
      readonly kind: "dead-end";
      readonly actionId: string;
      readonly reason: "step-bound" | "no-transition" | "unsupported-action";
      readonly at: number;
    };

/** A contact while the flow runs it; owned by the interpreter, read by the runner. */
export interface ContactExecution {
  readonly input: ContactInput;
  readonly arrivedAt: number;
  /** The next action to execute; undefined once the flow has ended. */
  nextActionId: string | undefined;
  steps: number;
  attributes: Record<string, string>;
  /** The latest Lambda response (`$.External`); only the latest survives. */
  external: Readonly<Record<string, unknown>>;
  workingQueue: WorkingQueue | undefined;
  routingCriteria: RoutingCriteriaModel | undefined;
  voice: string | undefined;
  /** `$.FlowAttributes`: set by "Set flow attributes", cleared when the contact changes flow. */
  flowAttributes: Record<string, string>;
  /** `$.Customer`: what a Customer Profiles "Get profile" found (`ProfileId`). */
  customer: Record<string, string>;
  /** `$.StoredCustomerInput`: the last input "Store customer input" kept. */
  storedInput: string | undefined;
  /** The number "Set callback number" set. */
  callbackNumber: string | undefined;
  /** How many of `input.participantInputs` the contact has used. */
  inputsUsed: number;
  /** The flow the contact is in: empty for the main flow, else the ID or ARN it was transferred to. */
  currentFlow: string;
  /**
   * The customer queue flow "Set customer queue flow" named (`UpdateContactEventHooks`,
   * `CustomerQueue`), by the ID or ARN it was given; it runs while the contact waits in a queue.
   */
  customerQueueFlow: string | undefined;
  /** The queue the contact waits in now; undefined before it is queued and once it leaves. */
  queued: WorkingQueue | undefined;
  /** Its routing priority ("Set routing priority / age"): lower is served first (default 5). */
  queuePriority: number;
  /** Seconds "Set routing priority / age" added to its age in queue (default 0). */
  queueTimeAdjustmentSeconds: number;
  /**
   * Milliseconds spent waiting in agents' personal queues, summed over every stay that has
   * ended (taken by the agent, moved on, hung up or disconnected).
   */
  agentQueueWaitMs: number;
  /** Passes through each `Loop`, by flow and identifier. */
  readonly loopCounts: Map<string, number>;
  readonly trace: TraceStep[];
  /** What the caller heard or read, in order. */
  readonly transcript: string[];
}
