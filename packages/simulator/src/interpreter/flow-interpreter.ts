import {
  type FlowAction,
  type FlowDocument,
  type FlowProblem,
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
import { asText, type PathContext, resolveParameter } from "./contact-paths.js";
import type { ContactQueues } from "./contact-queues.js";
import { FlowRefusedError } from "./errors.js";
import type { LambdaFunctions } from "./lambda-function.js";
import { checkLambdaResponse } from "./lambda-response.js";
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
  /** Flow validation; flow-builder's validator unless a test says otherwise. */
  readonly validate?: (flow: FlowDocument) => readonly FlowProblem[];
}

/** What one step did. */
export type StepResult =
  | { readonly kind: "continue"; readonly elapsedMs: number }
  | {
      /** The contact left the flow for its working queue; {@link ContactQueues} decides the rest. */
      readonly kind: "queued";
      readonly queue: WorkingQueue;
    }
  | { readonly kind: "ended"; readonly outcome: ContactOutcome };

const defaultTiming: InterpreterTiming = {
  lambdaLatencyMs: () => 100,
  messageMs: 2000,
  maxSteps: 200,
};

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
  | { readonly kind: "disconnect" }
  | { readonly kind: "unsupported" };

/**
 * Executes an Amazon Connect flow document, one action per {@link FlowInterpreter.step}, with
 * the flow language's semantics: `$.External` replaced by each Lambda response, contact
 * attributes, conditions tried in order, error branches, loop counters per action and
 * contact, the working queue, staffing checks answered by the agent floor, routing criteria,
 * and the transfer to a queue.
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
  readonly #actions: ReadonlyMap<string, FlowAction>;
  readonly #context: PathContext;

  /** @throws FlowRefusedError when the flow fails validation. */
  constructor(deps: FlowInterpreterDeps) {
    const problems = (deps.validate ?? validateFlow)(deps.flow);
    if (problems.length > 0) throw new FlowRefusedError(problems);
    this.#deps = deps;
    this.#timing = { ...defaultTiming, ...deps.timing };
    this.#actions = new Map(deps.flow.Actions.map((action) => [action.Identifier, action]));
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
    const action = this.#actions.get(actionId);
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
        contact.nextActionId = undefined;
        return { kind: "queued", queue: branch.queue };
      case "disconnect":
        return this.#end(contact, { kind: "disconnected", at: now });
      case "unsupported":
        return this.#end(contact, {
          kind: "dead-end",
          actionId: action.Identifier,
          reason: "unsupported-action",
          at: now,
        });
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

  #end(contact: ContactExecution, outcome: ContactOutcome): StepResult {
    contact.nextActionId = undefined;
    return { kind: "ended", outcome };
  }

  async #execute(action: FlowAction, contact: ContactExecution, now: number): Promise<Branch> {
    switch (action.Type) {
      case "InvokeLambdaFunction":
        return this.#invokeLambda(action.Identifier, action.Parameters, contact);
      case "UpdateContactAttributes": {
        const updates: Record<string, string> = {};
        for (const [name, value] of Object.entries(action.Parameters.Attributes)) {
          const resolved = resolveParameter(value, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          updates[name] = asText(resolved.value);
        }
        Object.assign(contact.attributes, updates);
        contact.trace.push({ kind: "other", actionId: action.Identifier, type: action.Type });
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
        const limit = Number(action.Parameters.LoopCount);
        const count = contact.loopCounts.get(action.Identifier) ?? 0;
        const done = !(count < limit);
        // Connect resets the counter once the loop is done, so a later pass loops again.
        contact.loopCounts.set(action.Identifier, done ? 0 : count + 1);
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
        return this.#checkMetric(action, contact);
      case "UpdateContactRoutingCriteria": {
        const raw = action.Parameters.RoutingCriteria;
        let value: unknown = raw;
        if (typeof raw === "string") {
          const resolved = resolveParameter(raw, contact, this.#context);
          if (!resolved.ok) return error("missing-value");
          value = typeof resolved.value === "string" ? parseJson(resolved.value) : resolved.value;
        }
        const criteria = parseRoutingCriteria(value);
        if (criteria === undefined) return error("invalid-routing-criteria");
        contact.routingCriteria = criteria;
        contact.trace.push({ kind: "other", actionId: action.Identifier, type: action.Type });
        return { kind: "next" };
      }
      case "MessageParticipant": {
        const parameters = action.Parameters as {
          readonly Text?: unknown;
          readonly SSML?: unknown;
          readonly PromptId?: unknown;
        };
        const content = parameters.Text ?? parameters.SSML ?? parameters.PromptId;
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
        contact.trace.push({ kind: "other", actionId: action.Identifier, type: action.Type });
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
      case "DisconnectParticipant":
        contact.trace.push({ kind: "other", actionId: action.Identifier, type: action.Type });
        return { kind: "disconnect" };
      default:
        contact.trace.push({ kind: "other", actionId: action.Identifier, type: action.Type });
        return { kind: "unsupported" };
    }
  }

  async #invokeLambda(
    actionId: string,
    parameters: Extract<FlowAction, { Type: "InvokeLambdaFunction" }>["Parameters"],
    contact: ContactExecution,
  ): Promise<Branch> {
    const functionArn = parameters.LambdaFunctionARN;
    const limitMs = Number(parameters.InvocationTimeLimitSeconds) * 1000;
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
    const lambda = this.#deps.lambdas[functionArn];
    if (lambda === undefined) return failed("lambda-unknown-function");
    const eventParameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(parameters.LambdaInvocationAttributes ?? {})) {
      const resolved = resolveParameter(value, contact, this.#context);
      // Connect sends a reference to a missing value as an empty string.
      eventParameters[name] = resolved.ok ? asText(resolved.value) : "";
    }
    const event = contactFlowEvent(contact, this.#deps.instanceArn, eventParameters);
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
      return queue === undefined ? { reason: "unknown-queue" } : { kind: "queue", queue };
    }
    return { reason: "missing-value" };
  }

  #checkMetric(
    action: Extract<FlowAction, { Type: "CheckMetricData" }>,
    contact: ContactExecution,
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
      case "NumberOfAgentsOnline":
        value = agents.filter((agent) => floor.isStaffed(agent.id)).length;
        break;
      default:
        // Queue metrics (contacts in queue, oldest contact) are not modelled.
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
