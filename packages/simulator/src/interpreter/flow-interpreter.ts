import {
  type FlowAction,
  type FlowActionType,
  type FlowDocument,
  type FlowProblem,
  flowTypeOfConsoleName,
  validateFlow,
} from "@connect-affinity/flow-builder";
import type { AgentFloorPort } from "./agent-floor-port.js";
import { conditionHolds, type FlowCondition } from "./conditions.js";
import type {
  ActionErrorReason,
  ContactExecution,
  ContactInput,
  ContactOutcome,
  QueueDefinition,
  WorkingQueue,
} from "./contact.js";
import { contactFlowEvent } from "./contact-flow-event.js";
import { asText, type PathContext, resolveDeep, resolveParameter } from "./contact-paths.js";
import { type ContactQueues, defaultQueuePriority } from "./contact-queues.js";
import { FlowRefusedError } from "./errors.js";
import type { LambdaFunctions } from "./lambda-function.js";
import { checkLambdaResponse } from "./lambda-response.js";
import { type PercentageDraw, seededPercentage } from "./percentage-draw.js";
import { parseRoutingCriteria } from "./routing-criteria-model.js";

/** How the interpreter models time and bounds a contact. */
export interface InterpreterTiming {
  /** Simulated time one Lambda invocation takes, by function ARN (default 100 ms each). */
  readonly lambdaLatencyMs: (functionArn: string) => number;
  /** Simulated time a prompt or message takes to play (default 2 s). */
  readonly messageMs: number;
  /** Actions a contact may execute before it is stopped as a dead end (default 200). */
  readonly maxSteps: number;
}

/**
 * Whether hours of operation are open now ("Check hours of operation"): the hours named by ID
 * or ARN, or, without one, the working queue's. The simulated instance has no hours, so the
 * default answers open; a scenario that needs closed hours passes its own.
 */
export type HoursOfOperation = (
  hoursOfOperationId: string | undefined,
  workingQueue: WorkingQueue | undefined,
  now: number,
) => boolean;

/**
 * The instance's Customer Profiles domain, as "Get profile" searches it: the IDs of the
 * profiles whose field `searchBy` equals `value`.
 */
export type CustomerProfileDirectory = (searchBy: string, value: string) => readonly string[];

/** What a {@link FlowInterpreter} runs the flow against. */
export interface FlowInterpreterDeps {
  readonly flow: FlowDocument;
  readonly floor: AgentFloorPort;
  readonly queues: ContactQueues;
  /** The Lambda functions, by the ARN the flow names. */
  readonly lambdas: LambdaFunctions;
  readonly instanceArn: string;
  /** The standard queues of the instance (`QueueId` may name one by ID or ARN). */
  readonly queueDefinitions: readonly QueueDefinition[];
  readonly timing?: Partial<InterpreterTiming>;
  /**
   * Other flows a "Transfer to flow" may continue in, by the ID or ARN the flow names; a
   * transfer to any other flow stops the contact as unsupported.
   */
  readonly linkedFlows?: Readonly<Record<string, FlowDocument>>;
  /** Answers "Check hours of operation" (default: always open). */
  readonly hoursOfOperation?: HoursOfOperation;
  /** Draws "Distribute by percentage" numbers (default: seeded by contact and action). */
  readonly percentage?: PercentageDraw;
  /**
   * The Customer Profiles domain "Get profile" searches. Without one the instance has no
   * Customer Profiles, and a "Get profile" stops the contact as unsupported.
   */
  readonly customerProfiles?: CustomerProfileDirectory;
  /**
   * Flow validation; flow-builder's service profile unless a test says otherwise (the main
   * flow as an inbound flow, a linked flow as the type its `Metadata.type` names, so a
   * customer queue flow is judged as one): what Connect would accept, the interpreter runs.
   */
  readonly validate?: (flow: FlowDocument) => readonly FlowProblem[];
}

/** What one step did. */
export type StepResult =
  | { readonly kind: "continue"; readonly elapsedMs: number }
  | {
      /**
       * The contact went into a queue (from the flow, or moved by its customer queue flow);
       * {@link ContactQueues} decides the rest. With a customer queue flow set, `nextActionId`
       * is that flow's start and its steps go on while the contact waits.
       */
      readonly kind: "queued";
      readonly queue: WorkingQueue;
    }
  | {
      /**
       * The customer queue flow has nothing more to do (it ended, or loops prompts until an
       * agent answers); the contact waits in its queue.
       */
      readonly kind: "waiting";
    }
  | { readonly kind: "ended"; readonly outcome: ContactOutcome };

const defaultTiming: InterpreterTiming = {
  lambdaLatencyMs: () => 100,
  messageMs: 2000,
  maxSteps: 200,
};

/**
 * Actions the simulation does not model because they do not change where the contact goes:
 * logging, recording, streaming and analytics settings, contact data and tags, tasks, cases,
 * callbacks and profiles created beside the contact. Each is traced and taken as succeeded.
 * (Event hooks other than the customer queue flow, such as whisper and hold flows, are passed
 * the same way inside `UpdateContactEventHooks`.)
 */
export const passThroughTypes: ReadonlySet<FlowActionType> = new Set<FlowActionType>([
  "UpdateFlowLoggingBehavior",
  "UpdateContactRecordingBehavior",
  "UpdateContactRecordingAndAnalyticsBehavior",
  "UpdateContactMediaStreamingBehavior",
  "UpdateContactMediaProcessing",
  "UpdateContactData",
  "UpdatePreviousContactParticipantState",
  "TagContact",
  "UntagContact",
  "CreateTask",
  "CreateCase",
  "UpdateCase",
  "CreateWisdomSession",
  "StartVoiceIdStream",
  "CreateCallbackContact",
  "CreateCustomerProfile",
  "UpdateCustomerProfile",
  "AssociateContactToCustomerProfile",
  "StartOutboundChatContact",
  "ResumeContact",
]);

/**
 * Actions whose result decides the path but that the simulation cannot produce: a Lex bot's
 * intent, a view's button, Voice ID, profile and case lookups, queue metrics loaded for a later
 * comparison, modules, outbound call progress, transfers out of the instance and to an agent.
 * A contact reaching one stops as a dead end with the reason `unsupported-action`, never on a
 * guessed branch.
 */
export const unsupportedTypes: ReadonlySet<FlowActionType> = new Set<FlowActionType>([
  "ConnectParticipantWithLexBot",
  "ShowView",
  "CheckVoiceId",
  "GetCustomerProfile",
  "GetCustomerProfileObject",
  "GetCalculatedAttributesForCustomerProfile",
  "GetCase",
  "GetMetricData",
  "InvokeFlowModule",
  "EndFlowModuleExecution",
  "CheckOutboundCallStatus",
  "CompleteOutboundCall",
  "TransferParticipantToThirdParty",
  "TransferContactToAgent",
]);

type Branch =
  | { readonly kind: "next"; readonly elapsedMs?: number }
  | { readonly kind: "goto"; readonly actionId: string; readonly elapsedMs?: number }
  | {
      readonly kind: "error";
      readonly errorType: string;
      readonly reason: ActionErrorReason;
      readonly elapsedMs?: number;
    }
  | { readonly kind: "no-match"; readonly elapsedMs?: number }
  | { readonly kind: "queued"; readonly queue: WorkingQueue }
  | { readonly kind: "waiting" }
  | { readonly kind: "switch-flow"; readonly flow: string }
  | { readonly kind: "disconnect" }
  | { readonly kind: "unsupported" };

/** The key of the flow a contact enters first. */
const mainFlow = "";

/**
 * Executes an Amazon Connect flow document, one action per {@link FlowInterpreter.step}, with
 * the flow language's semantics: `$.External` replaced by each Lambda response, contact and
 * flow attributes, conditions tried in order, error branches, loop counters per action and
 * contact, the working queue, staffing and queue checks answered by the agent floor and the
 * queues, routing criteria, hours of operation, percentage splits, caller input, waits, the
 * transfer to a queue and to a linked flow. Actions that do not change where the contact goes
 * are traced and passed ({@link passThroughTypes}); actions whose result it cannot produce stop
 * the contact as unsupported ({@link unsupportedTypes}): it never guesses a branch.
 *
 * @example
 * ```ts
 * const interpreter = new FlowInterpreter({ flow, floor, queues, lambdas, instanceArn, queueDefinitions: [] });
 * const contact = interpreter.begin({ contactId: "c1", channel: "VOICE", customerAddress: "+819012345678", talkTimeMs: 60_000 }, now);
 * let result = await interpreter.step(contact, now);
 * ```
 */
export class FlowInterpreter {
  readonly #deps: FlowInterpreterDeps;
  readonly #timing: InterpreterTiming;
  /** The actions of the main flow and of each linked flow, by flow key and identifier. */
  readonly #flows: ReadonlyMap<string, ReadonlyMap<string, FlowAction>>;
  readonly #starts: ReadonlyMap<string, string>;
  readonly #context: PathContext;

  /** @throws FlowRefusedError when the flow (or a linked flow) fails validation. */
  constructor(deps: FlowInterpreterDeps) {
    const documents: [string, FlowDocument][] = [
      [mainFlow, deps.flow],
      ...Object.entries(deps.linkedFlows ?? {}),
    ];
    for (const [key, flow] of documents) {
      const problems =
        deps.validate?.(flow) ??
        validateFlow(flow, {
          flowType:
            key === mainFlow
              ? "CONTACT_FLOW"
              : (flowTypeOfConsoleName(flow.Metadata?.type) ?? "CONTACT_FLOW"),
        });
      if (problems.length > 0) throw new FlowRefusedError(problems);
    }
    this.#deps = deps;
    this.#timing = { ...defaultTiming, ...deps.timing };
    this.#flows = new Map(
      documents.map(([key, flow]) => [
        key,
        new Map(flow.Actions.map((action) => [action.Identifier, action])),
      ]),
    );
    this.#starts = new Map(documents.map(([key, flow]) => [key, flow.StartAction]));
    this.#context = { instanceArn: deps.instanceArn };
  }

  /** A contact entering the flow at `now`. */
  begin(input: ContactInput, now: number): ContactExecution {
    return {
      input,
      arrivedAt: now,
      nextActionId: this.#deps.flow.StartAction,
      steps: 0,
      attributes: { ...input.attributes },
      external: {},
      workingQueue: undefined,
      routingCriteria: undefined,
      voice: undefined,
      flowAttributes: {},
      customer: {},
      storedInput: undefined,
      callbackNumber: undefined,
      inputsUsed: 0,
      currentFlow: mainFlow,
      customerQueueFlow: undefined,
      queued: undefined,
      queuePriority: defaultQueuePriority,
      queueTimeAdjustmentSeconds: 0,
      agentQueueWaitMs: 0,
      loopCounts: new Map(),
      trace: [],
      transcript: [],
    };
  }

  /** Executes the contact's next action at `now`. */
  async step(contact: ContactExecution, now: number): Promise<StepResult> {
    const actionId = contact.nextActionId;
    if (actionId === undefined) {
      throw new RangeError(`Contact ${contact.input.contactId} has already left the flow`);
    }
    if (contact.steps >= this.#timing.maxSteps) {
      return this.#end(contact, { kind: "dead-end", actionId, reason: "step-bound", at: now });
    }
    const action = this.#flows.get(contact.currentFlow)?.get(actionId);
    if (action === undefined) {
      return this.#end(contact, { kind: "dead-end", actionId, reason: "no-transition", at: now });
    }
    contact.steps += 1;
    const branch = await this.#execute(action, contact, now);
    return this.#follow(action, branch, contact, now);
  }

  #follow(action: FlowAction, branch: Branch, contact: ContactExecution, now: number): StepResult {
    const transitions = action.Transitions as {
      readonly NextAction?: string;
      readonly Errors?: readonly { readonly NextAction: string; readonly ErrorType: string }[];
    };
    let target: string | undefined;
    switch (branch.kind) {
      case "queued":
        return this.#queued(contact, branch.queue);
      case "waiting":
        contact.nextActionId = undefined;
        return { kind: "waiting" };
      case "disconnect":
        return this.#end(contact, { kind: "disconnected", at: now });
      case "unsupported":
        return this.#end(contact, {
          kind: "dead-end",
          actionId: action.Identifier,
          reason: "unsupported-action",
          at: now,
        });
      case "switch-flow":
        contact.currentFlow = branch.flow;
        // Flow attributes live only while their flow runs.
        contact.flowAttributes = {};
        target = this.#starts.get(branch.flow);
        break;
      case "next":
        target = transitions.NextAction;
        break;
      case "goto":
        target = branch.actionId;
        break;
      case "no-match":
        // The console writes the else branch as NoMatchingCondition, NextAction, or both.
        target =
          transitions.Errors?.find((error) => error.ErrorType === "NoMatchingCondition")
            ?.NextAction ?? transitions.NextAction;
        break;
      case "error":
        contact.trace.push({
          kind: "error",
          actionId: action.Identifier,
          type: action.Type,
          reason: branch.reason,
        });
        target = (
          transitions.Errors?.find((error) => error.ErrorType === branch.errorType) ??
          transitions.Errors?.find((error) => error.ErrorType === "NoMatchingError")
        )?.NextAction;
        break;
    }
    if (target === undefined) {
      return this.#end(contact, {
        kind: "dead-end",
        actionId: action.Identifier,
        reason: "no-transition",
        at: now,
      });
    }
    contact.nextActionId = target;
    return { kind: "continue", elapsedMs: "elapsedMs" in branch ? (branch.elapsedMs ?? 0) : 0 };
  }

  /** The contact is in `queue`: its customer queue flow, if one is set, starts over. */
  #queued(contact: ContactExecution, queue: WorkingQueue): StepResult {
    const hook = contact.customerQueueFlow;
    const start = hook === undefined ? undefined : this.#starts.get(hook);
    if (hook === undefined || start === undefined || hook === mainFlow) {
      contact.nextActionId = undefined;
    } else {
      contact.currentFlow = hook;
      contact.flowAttributes = {};
      contact.nextActionId = start;
    }
    return { kind: "queued", queue };
  }

  /**
   * "Get profile": searches the domain by each request field (all must match), puts the one
   * profile found in `$.Customer.ProfileId`, or takes `NoneFoundError` / `MultipleFoundError`.
   */
  #customerProfile(
    action: Extract<FlowAction, { Type: "GetCustomerProfile" }>,
    contact: ContactExecution,
    directory: CustomerProfileDirectory,
  ): Branch {
    const request = Object.entries(action.Parameters.ProfileRequestData ?? {});
    let found: readonly string[] | undefined;
    for (const [searchBy, raw] of request) {
      const resolved = resolveParameter(String(raw), contact, this.#context);
      const matches = resolved.ok ? directory(searchBy, asText(resolved.value)) : [];
      found = found === undefined ? matches : found.filter((id) => matches.includes(id));
    }
    const [only, ...others] = found ?? [];
    if (only === undefined) {
      this.#other(contact, action, "profile:none");
      return { kind: "error", errorType: "NoneFoundError", reason: "profile-not-found" };
    }
    if (others.length > 0) {
      this.#other(contact, action, "profile:several");
      return { kind: "error", errorType: "MultipleFoundError", reason: "profile-ambiguous" };
    }
    Object.assign(contact.customer, { ProfileId: only });
    this.#other(contact, action, "profile:found");
    return { kind: "next" };
  }

  #end(contact: ContactExecution, outcome: ContactOutcome): StepResult {
    contact.nextActionId = undefined;
    return { kind: "ended", outcome };
  }

  #other(contact: ContactExecution, action: FlowAction, note?: string): void {
    contact.trace.push({
      kind: "other",
      actionId: action.Identifier,
      type: action.Type,
      ...(note === undefined ? {} : { note }),
    });
  }

  async #execute(action: FlowAction, contact: ContactExecution, now: number): Promise<Branch> {
    if (action.Type === "GetCustomerProfile" && this.#deps.customerProfiles !== undefined) {
      return this.#customerProfile(action, contact, this.#deps.customerProfiles);
    }
    if (passThroughTypes.has(action.Type)) {
      this.#other(contact, action, "passed");
      return { kind: "next" };
    }
    if (unsupportedTypes.has(action.Type)) {
      this.#other(contact, action, "unsupported");
      return { kind: "unsupported" };
    }
    switch (action.Type) {
      case "InvokeLambdaFunction":
        return this.#invokeLambda(action.Identifier, action.Parameters, contact);
      case "UpdateContactAttributes": {
        if (action.Parameters.TargetContact === "Related") {
          // The related contact is not simulated; the current contact's attributes stay.
          this.#other(contact, action, "passed");
          return { kind: "next" };
        }
        const updates: Record<string, string> = {};
        for (const [name, value] of Object.entries(action.Parameters.Attributes)) {
          const resolved = resolveParameter(value, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          updates[name] = asText(resolved.value);
        }
        Object.assign(contact.attributes, updates);
        this.#other(contact, action);
        return { kind: "next" };
      }
      case "UpdateFlowAttributes": {
        const updates: Record<string, string> = {};
        for (const [name, entry] of Object.entries(action.Parameters.FlowAttributes)) {
          const resolved = resolveParameter(entry.Value, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          updates[name] = asText(resolved.value);
        }
        Object.assign(contact.flowAttributes, updates);
        this.#other(contact, action);
        return { kind: "next" };
      }
      case "Compare": {
        const resolved = resolveParameter(
          action.Parameters.ComparisonValue,
          contact,
          this.#context,
        );
        const value = resolved.ok ? asText(resolved.value) : undefined;
        const match = firstMatch(action.Transitions.Conditions, value);
        contact.trace.push({
          kind: "compare",
          actionId: action.Identifier,
          value: value ?? "(absent)",
          matched: match !== undefined,
        });
        return match === undefined ? { kind: "no-match" } : { kind: "goto", actionId: match };
      }
      case "Loop": {
        const resolved = resolveParameter(action.Parameters.LoopCount, contact, this.#context);
        if (!resolved.ok) return error("missing-value");
        const limit = Number(asText(resolved.value));
        const key = `${contact.currentFlow}/${action.Identifier}`;
        const count = contact.loopCounts.get(key) ?? 0;
        const done = !(count < limit);
        // Connect resets the counter once the loop is done, so a later pass loops again.
        contact.loopCounts.set(key, done ? 0 : count + 1);
        contact.trace.push({ kind: "loop", actionId: action.Identifier, count: count + 1, done });
        const outcome = done ? "DoneLooping" : "ContinueLooping";
        const target = action.Transitions.Conditions?.find(
          (condition) => condition.Condition.Operands[0] === outcome,
        )?.NextAction;
        return target === undefined ? { kind: "next" } : { kind: "goto", actionId: target };
      }
      case "UpdateContactTargetQueue": {
        const queue = this.#workingQueue(action.Parameters, contact);
        if ("reason" in queue) return error(queue.reason);
        contact.workingQueue = queue;
        contact.trace.push({ kind: "queue", actionId: action.Identifier, queue });
        return { kind: "next" };
      }
      case "CheckMetricData":
        return this.#checkMetric(action, contact, now);
      case "CheckHoursOfOperation": {
        const id = action.Parameters.HoursOfOperationId;
        let hours: string | undefined;
        if (id !== undefined) {
          const resolved = resolveParameter(id, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          hours = asText(resolved.value);
        }
        const open = (this.#deps.hoursOfOperation ?? alwaysOpen)(hours, contact.workingQueue, now);
        this.#other(contact, action, open ? "hours:open" : "hours:closed");
        const match = firstMatch(action.Transitions.Conditions, open ? "True" : "False");
        return match === undefined ? { kind: "no-match" } : { kind: "goto", actionId: match };
      }
      case "DistributeByPercentage": {
        const key = `${contact.currentFlow}/${action.Identifier}#draws`;
        const pass = (contact.loopCounts.get(key) ?? 0) + 1;
        contact.loopCounts.set(key, pass);
        const drawn = (this.#deps.percentage ?? seededPercentage)(
          contact.input.contactId,
          action.Identifier,
          pass,
        );
        this.#other(contact, action, `percentage:${drawn}`);
        const match = firstMatch(action.Transitions.Conditions, String(drawn));
        return match === undefined ? { kind: "no-match" } : { kind: "goto", actionId: match };
      }
      case "GetParticipantInput":
        return this.#participantInput(action, contact);
      case "Wait": {
        const raw = action.Parameters.TimeLimitSeconds ?? action.Parameters.TimeoutSeconds;
        const resolved =
          raw === undefined ? undefined : resolveParameter(raw, contact, this.#context);
        if (resolved === undefined || !resolved.ok) return error("missing-value");
        const seconds = Number(asText(resolved.value));
        // The simulated customer never returns early: the wait runs out.
        this.#other(contact, action, "wait:completed");
        const match = firstMatch(action.Transitions.Conditions, "WaitCompleted");
        const elapsedMs = Number.isFinite(seconds) ? seconds * 1000 : 0;
        return match === undefined
          ? { kind: "no-match", elapsedMs }
          : { kind: "goto", actionId: match, elapsedMs };
      }
      case "UpdateContactCallbackNumber": {
        const resolved = resolveParameter(action.Parameters.CallbackNumber, contact, this.#context);
        if (!resolved.ok) return error("missing-value");
        const number = asText(resolved.value);
        if (!/^\+[1-9]\d{1,14}$/.test(number)) {
          return {
            kind: "error",
            errorType: "InvalidCallbackNumber",
            reason: "invalid-callback-number",
          };
        }
        contact.callbackNumber = number;
        this.#other(contact, action);
        return { kind: "next" };
      }
      case "UpdateContactRoutingCriteria": {
        const raw = action.Parameters.RoutingCriteria;
        let value: unknown;
        if (typeof raw === "string") {
          const resolved = resolveParameter(raw, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          value = typeof resolved.value === "string" ? parseJson(resolved.value) : resolved.value;
        } else {
          // Static steps may hold JSONPaths (the agents a Lambda returned): resolve them.
          const resolved = resolveDeep(raw, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          value = resolved.value;
        }
        const criteria = parseRoutingCriteria(value);
        if (criteria === undefined) return error("invalid-routing-criteria");
        contact.routingCriteria = criteria;
        this.#other(contact, action);
        return { kind: "next" };
      }
      case "UpdateContactEventHooks": {
        const notes: string[] = [];
        for (const [event, value] of Object.entries(action.Parameters.EventHooks)) {
          // Whisper, hold and disconnect flows do not change where the contact goes.
          if (event !== "CustomerQueue") continue;
          const resolved = resolveParameter(value, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          const flow = asText(resolved.value);
          // A flow the simulation does not hold plays Connect's default music: no effect.
          contact.customerQueueFlow = this.#flows.has(flow) ? flow : undefined;
          notes.push(`CustomerQueue:${this.#flows.has(flow) ? flow : "not simulated"}`);
        }
        this.#other(contact, action, notes.length === 0 ? "passed" : notes.join(" "));
        return { kind: "next" };
      }
      case "UpdateContactRoutingBehavior": {
        const { QueuePriority, QueueTimeAdjustmentSeconds } = action.Parameters;
        for (const [raw, apply] of [
          [QueuePriority, (value: number) => (contact.queuePriority = value)],
          [
            QueueTimeAdjustmentSeconds,
            (value: number) => (contact.queueTimeAdjustmentSeconds = value),
          ],
        ] as const) {
          if (raw === undefined) continue;
          const resolved = resolveParameter(raw, contact, this.#context);
          const value = resolved.ok ? Number(asText(resolved.value)) : Number.NaN;
          // The action has no error branch: a value Connect could not read changes nothing.
          if (Number.isInteger(value)) apply(value);
        }
        this.#other(
          contact,
          action,
          `priority:${contact.queuePriority} age+${contact.queueTimeAdjustmentSeconds}s`,
        );
        return { kind: "next" };
      }
      case "MessageParticipantIteratively": {
        const first = action.Parameters.Messages[0];
        const content = first?.Text ?? first?.SSML ?? first?.PromptId;
        if (content === undefined) return error("empty-message");
        const resolved = resolveParameter(content, contact, this.#context);
        if (!resolved.ok) return error("missing-value");
        const text = asText(resolved.value);
        contact.transcript.push(text);
        contact.trace.push({ kind: "message", actionId: action.Identifier, text });
        const raw = action.Parameters.InterruptFrequencySeconds;
        const seconds = raw === undefined ? Number.NaN : Number(raw);
        const interrupted = firstMatch(action.Transitions.Conditions, "MessagesInterrupted");
        if (!Number.isFinite(seconds) || seconds <= 0 || interrupted === undefined) {
          // The prompts loop until an agent answers (or the caller gives up).
          return { kind: "waiting" };
        }
        return { kind: "goto", actionId: interrupted, elapsedMs: seconds * 1000 };
      }
      case "DequeueContactAndTransferToQueue": {
        const queue = this.#workingQueue(action.Parameters, contact);
        if ("reason" in queue) return error(queue.reason);
        contact.trace.push({ kind: "transfer", actionId: action.Identifier, queue });
        const moved = this.#deps.queues.move(contact, queue, now);
        if (moved === "not-queued") return error("not-queued");
        if (moved === "at-capacity") {
          return { kind: "error", errorType: "QueueAtCapacity", reason: "queue-at-capacity" };
        }
        return { kind: "queued", queue };
      }
      case "MessageParticipant": {
        const parameters = action.Parameters as {
          readonly Text?: unknown;
          readonly SSML?: unknown;
          readonly PromptId?: unknown;
          readonly Media?: { readonly Uri?: unknown };
        };
        const content =
          parameters.Text ??
          parameters.SSML ??
          parameters.PromptId ??
          (typeof parameters.Media?.Uri === "string" ? `media ${parameters.Media.Uri}` : undefined);
        if (typeof content !== "string") return error("empty-message");
        const resolved = resolveParameter(content, contact, this.#context);
        if (!resolved.ok) return error("missing-value");
        const text = asText(resolved.value);
        if (text.trim() === "") return error("empty-message");
        contact.transcript.push(text);
        contact.trace.push({ kind: "message", actionId: action.Identifier, text });
        return { kind: "next", elapsedMs: this.#timing.messageMs };
      }
      case "UpdateContactTextToSpeechVoice":
        contact.voice = action.Parameters.TextToSpeechVoice;
        this.#other(contact, action);
        return { kind: "next" };
      case "TransferContactToQueue": {
        const queue = contact.workingQueue;
        if (queue === undefined) return error("no-working-queue");
        contact.trace.push({ kind: "transfer", actionId: action.Identifier, queue });
        if (this.#deps.queues.enqueue(contact, queue, now) === "at-capacity") {
          return { kind: "error", errorType: "QueueAtCapacity", reason: "queue-at-capacity" };
        }
        return { kind: "queued", queue };
      }
      case "TransferToFlow": {
        const resolved = resolveParameter(action.Parameters.ContactFlowId, contact, this.#context);
        if (!resolved.ok) return error("missing-value");
        const target = asText(resolved.value);
        if (!this.#flows.has(target) || target === mainFlow) {
          this.#other(contact, action, "unsupported");
          return { kind: "unsupported" };
        }
        this.#other(contact, action, `flow:${target}`);
        return { kind: "switch-flow", flow: target };
      }
      case "DisconnectParticipant":
        this.#other(contact, action);
        this.#deps.queues.remove(contact, now);
        return { kind: "disconnect" };
      case "EndFlowExecution":
        this.#other(contact, action);
        // In a customer queue flow the contact stays in its queue; ending the flow before the
        // contact is queued ends the contact (EndFlowExecution page).
        return contact.queued === undefined ? { kind: "disconnect" } : { kind: "waiting" };
      default:
        this.#other(contact, action, "unsupported");
        return { kind: "unsupported" };
    }
  }

  #participantInput(
    action: Extract<FlowAction, { Type: "GetParticipantInput" }>,
    contact: ContactExecution,
  ): Branch {
    const parameters = action.Parameters;
    const inputs = contact.input.participantInputs ?? [];
    const entered = contact.inputsUsed < inputs.length ? inputs[contact.inputsUsed] : undefined;
    const promptMs = this.#timing.messageMs;
    if (entered === undefined) {
      // The simulated caller presses nothing: the block waits out its time limit.
      const limitSeconds = Number(parameters.InputTimeLimitSeconds);
      this.#other(contact, action, "input:none");
      return {
        kind: "error",
        errorType: "InputTimeLimitExceeded",
        reason: "input-timeout",
        elapsedMs: promptMs + (Number.isFinite(limitSeconds) ? limitSeconds * 1000 : 0),
      };
    }
    contact.inputsUsed += 1;
    this.#other(contact, action, `input:${entered}`);
    if (parameters.StoreInput === "True") {
      contact.storedInput = entered;
      return { kind: "next", elapsedMs: promptMs };
    }
    const match = firstMatch(action.Transitions.Conditions, entered);
    return match === undefined
      ? { kind: "no-match", elapsedMs: promptMs }
      : { kind: "goto", actionId: match, elapsedMs: promptMs };
  }

  async #invokeLambda(
    actionId: string,
    parameters: Extract<FlowAction, { Type: "InvokeLambdaFunction" }>["Parameters"],
    contact: ContactExecution,
  ): Promise<Branch> {
    const arn = resolveParameter(parameters.LambdaFunctionARN, contact, this.#context);
    const functionArn = arn.ok ? asText(arn.value) : parameters.LambdaFunctionARN;
    const seconds = Number(parameters.InvocationTimeLimitSeconds);
    const limitMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : 8) * 1000;
    const latencyMs = this.#timing.lambdaLatencyMs(functionArn);
    const failed = (reason: ActionErrorReason): Branch => {
      contact.trace.push({ kind: "lambda", actionId, functionArn, result: reason });
      // $.External holds only a successful response; a failure leaves nothing to read.
      contact.external = {};
      return {
        kind: "error",
        errorType: "NoMatchingError",
        reason,
        elapsedMs: Math.min(latencyMs, limitMs),
      };
    };
    if (!arn.ok) return failed("missing-value");
    const lambda = this.#deps.lambdas[functionArn];
    if (lambda === undefined) return failed("lambda-unknown-function");
    const eventParameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(parameters.LambdaInvocationAttributes ?? {})) {
      const resolved = resolveParameter(value, contact, this.#context);
      // Connect sends a reference to a missing value as an empty string.
      eventParameters[name] = resolved.ok ? asText(resolved.value) : "";
    }
    const event = contactFlowEvent(contact, this.#deps.instanceArn, eventParameters);
    if (parameters.InvocationType === "ASYNCHRONOUS") {
      // The flow does not wait and reads no response; a failure is the function's own affair.
      lambda(event).catch(() => undefined);
      contact.trace.push({ kind: "lambda", actionId, functionArn, result: "ok" });
      return { kind: "next" };
    }
    const settled = await settleWithin(lambda(event), limitMs);
    if (settled.kind === "timeout" || latencyMs > limitMs) return failed("lambda-timeout");
    if (settled.kind === "rejected") return failed("lambda-error");
    const checked = checkLambdaResponse(
      settled.value,
      parameters.ResponseValidation?.ResponseType ?? "STRING_MAP",
    );
    if (!checked.ok) return failed(checked.reason);
    contact.external = checked.external;
    contact.trace.push({
      kind: "lambda",
      actionId,
      functionArn,
      result: "ok",
      response: checked.external,
    });
    return { kind: "next", elapsedMs: latencyMs };
  }

  #workingQueue(
    parameters: { readonly QueueId?: string; readonly AgentId?: string },
    contact: ContactExecution,
  ): WorkingQueue | { readonly reason: ActionErrorReason } {
    if (parameters.AgentId !== undefined) {
      const resolved = resolveParameter(parameters.AgentId, contact, this.#context);
      if (!resolved.ok) return { reason: "missing-value" };
      const agent = this.#deps.floor.find(asText(resolved.value));
      return agent === undefined ? { reason: "unknown-agent" } : { kind: "agent", agent };
    }
    if (parameters.QueueId !== undefined) {
      const resolved = resolveParameter(parameters.QueueId, contact, this.#context);
      if (!resolved.ok) return { reason: "missing-value" };
      const reference = asText(resolved.value);
      const queue = this.#deps.queueDefinitions.find(
        (candidate) => candidate.id === reference || candidate.arn === reference,
      );
      if (queue !== undefined) return { kind: "queue", queue };
      // An agent's queue named as a queue (as $.Queue.ARN reads it back) is that agent's.
      const agent = this.#deps.floor.find(reference);
      return agent === undefined ? { reason: "unknown-queue" } : { kind: "agent", agent };
    }
    return { reason: "missing-value" };
  }

  #checkMetric(
    action: Extract<FlowAction, { Type: "CheckMetricData" }>,
    contact: ContactExecution,
    now: number,
  ): Branch {
    const parameters = action.Parameters as {
      readonly MetricType: string;
      readonly QueueId?: string;
      readonly AgentId?: string;
    };
    const target =
      parameters.AgentId === undefined && parameters.QueueId === undefined
        ? contact.workingQueue
        : this.#workingQueue(parameters, contact);
    if (target === undefined) return error("no-working-queue");
    if ("reason" in target) return error(target.reason);
    const { floor } = this.#deps;
    const channel = contact.input.channel;
    const agents = target.kind === "agent" ? [target.agent] : floor.agents();
    let value: number;
    switch (parameters.MetricType) {
      case "NumberOfAgentsAvailable":
        value = agents.filter((agent) => floor.isAvailable(agent.id, channel)).length;
        break;
      case "NumberOfAgentsStaffed":
        value = agents.filter((agent) => floor.isStaffed(agent.id)).length;
        break;
      case "NumberOfAgentsOnline":
        value = agents.filter((agent) => floor.isOnline(agent.id)).length;
        break;
      case "NumberOfContactsInQueue":
        value = this.#deps.queues.waitingIn(target).count;
        break;
      case "OldestContactInQueueAgeSeconds": {
        const oldest = this.#deps.queues.waitingIn(target).oldestQueuedAt;
        value = oldest === undefined ? 0 : Math.floor((now - oldest) / 1000);
        break;
      }
      default:
        return { kind: "unsupported" };
    }
    const match = firstMatch(action.Transitions.Conditions, String(value));
    contact.trace.push({
      kind: "metric",
      actionId: action.Identifier,
      value,
      matched: match !== undefined,
    });
    return match === undefined ? { kind: "no-match" } : { kind: "goto", actionId: match };
  }
}

const alwaysOpen: HoursOfOperation = () => true;

function error(reason: ActionErrorReason): Branch {
  return { kind: "error", errorType: "NoMatchingError", reason };
}

function firstMatch(
  conditions:
    | readonly { readonly NextAction: string; readonly Condition: FlowCondition }[]
    | undefined,
  value: string | undefined,
): string | undefined {
  return conditions?.find((condition) => conditionHolds(condition.Condition, value))?.NextAction;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Settled =
  | { readonly kind: "fulfilled"; readonly value: unknown }
  | { readonly kind: "rejected"; readonly error: unknown }
  | { readonly kind: "timeout" };

/**
 * Waits for an invocation, but no longer than its time limit in wall time: a function that
 * never answers must not hang the simulation.
 */
async function settleWithin(invocation: Promise<unknown>, limitMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout" }), limitMs);
  });
  try {
    return await Promise.race([
      invocation.then(
        (value): Settled => ({ kind: "fulfilled", value }),
        (reason: unknown): Settled => ({ kind: "rejected", error: reason }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
