import {
  contactAttributes,
  type LambdaParameter,
  type OptionalLambdaParameter,
} from "@connect-affinity/core/contract";
import type { ComparisonOperator, Condition } from "../model/action-shape.js";
import type { QueueOrAgent } from "../model/actions/contact-actions.js";
import type { MetricType, StaticRoutingStep } from "../model/actions/flow-control-actions.js";
import type { MessageContent } from "../model/actions/participant-actions.js";
import type { FlowAction } from "../model/flow-action.js";
import {
  type ActionMetadataEntry,
  type FlowDocument,
  flowLanguageVersion,
} from "../model/flow-document.js";
import { flowEdges } from "../model/flow-edges.js";
import { identifierProblem } from "../model/identifier.js";
import type { ContactAttributeKey, LambdaName } from "../model/json-path.js";
import { consoleMetadata } from "./console-metadata.js";
import { FlowBuildError } from "./flow-build-error.js";
import { layoutFlow } from "./layout.js";

/** Where an action goes when it succeeds, and when it fails. */
export interface Branches {
  readonly next: string;
  readonly onError: string;
}

/** A message as plain text, or as SSML (`<speak>…</speak>`). */
export type Message = string | { readonly ssml: string };

/** Options of {@link FlowBuilder.invokeLambda}. */
export interface InvokeLambdaOptions<L extends LambdaName> extends Branches {
  /** The contract name of the Lambda: it types `parameters`. */
  readonly lambda: L;
  readonly functionArn: string;
  /** Whole seconds, 1 to 8. */
  readonly timeLimitSeconds: number;
  readonly responseType: "STRING_MAP" | "JSON";
  /**
   * Exactly the parameters the contract declares for this Lambda, and any of its optional ones
   * (`customerKey`).
   */
  readonly parameters: { readonly [P in LambdaParameter<L>]: string } & {
    readonly [P in OptionalLambdaParameter<L>]?: string;
  };
}

/** One case of {@link FlowBuilder.compare}: when the value `operator`s `operand`, go `next`. */
export interface CompareCase {
  readonly operator?: ComparisonOperator;
  readonly operand: string;
  readonly next: string;
}

/** Options of {@link FlowBuilder}: what the console editor shows as the flow's name and description. */
export interface FlowBuilderOptions {
  readonly name?: string;
  readonly description?: string;
}

/** A queue or an agent (that agent's personal queue), never both. */
export type QueueTarget =
  | { readonly queue: string; readonly agent?: never }
  | { readonly agent: string; readonly queue?: never };

/**
 * Builds a {@link FlowDocument} that reads like the flow it makes: one call per action, named by
 * a readable identifier, its branches named by the identifiers they lead to. Actions keep the
 * order they were added in; `build()` checks the identifiers and targets and lays the actions
 * out for the console editor, so the same calls always give the same document.
 *
 * @example
 * ```ts
 * const flow = new FlowBuilder("say-hello")
 *   .playMessage("say-hello", { message: "Hello", next: "bye", onError: "bye" })
 *   .disconnect("bye")
 *   .build();
 * ```
 */
export class FlowBuilder {
  readonly #startAction: string;
  readonly #options: FlowBuilderOptions;
  readonly #actions: FlowAction[] = [];

  /**
   * @param startAction - the identifier of the action the flow starts with.
   * @param options - the flow's name and description, shown by the console editor.
   */
  constructor(startAction: string, options: FlowBuilderOptions = {}) {
    this.#startAction = startAction;
    this.#options = options;
  }

  /** Adds a fully written action, for types or forms the other methods do not cover. */
  add(action: FlowAction): this {
    this.#actions.push(action);
    return this;
  }

  /** Invokes a Lambda synchronously and continues with its response in `$.External`. */
  invokeLambda<L extends LambdaName>(id: string, options: InvokeLambdaOptions<L>): this {
    const attributes = options.parameters as { readonly [name: string]: string };
    return this.add({
      Identifier: id,
      Type: "InvokeLambdaFunction",
      Parameters: {
        LambdaFunctionARN: options.functionArn,
        InvocationTimeLimitSeconds: String(options.timeLimitSeconds),
        InvocationType: "SYNCHRONOUS",
        ...(Object.keys(attributes).length > 0 ? { LambdaInvocationAttributes: attributes } : {}),
        ResponseValidation: { ResponseType: options.responseType },
      },
      Transitions: {
        NextAction: options.next,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /**
   * Compares `value` (one JSONPath) with each case in turn; with none true, goes `otherwise`
   * (written, like the console does, as `NextAction` plus the `NoMatchingCondition` error).
   */
  compare(
    id: string,
    options: {
      readonly value: string;
      readonly cases: readonly CompareCase[];
      readonly otherwise: string;
    },
  ): this {
    return this.add({
      Identifier: id,
      Type: "Compare",
      Parameters: { ComparisonValue: options.value },
      Transitions: {
        NextAction: options.otherwise,
        Conditions: options.cases.map(
          (entry): { readonly NextAction: string; readonly Condition: Condition } => ({
            NextAction: entry.next,
            Condition: { Operator: entry.operator ?? "Equals", Operands: [entry.operand] },
          }),
        ),
        Errors: [{ NextAction: options.otherwise, ErrorType: "NoMatchingCondition" }],
      },
    });
  }

  /** Stores values as the contract's contact attributes on the current contact. */
  setContactAttributes(
    id: string,
    options: Branches & { readonly values: { readonly [K in ContactAttributeKey]?: string } },
  ): this {
    const Attributes: { [name: string]: string } = {};
    for (const key of Object.keys(contactAttributes) as ContactAttributeKey[]) {
      const value = options.values[key];
      if (value !== undefined) Attributes[contactAttributes[key]] = value;
    }
    return this.add({
      Identifier: id,
      Type: "UpdateContactAttributes",
      Parameters: { Attributes, TargetContact: "Current" },
      Transitions: {
        NextAction: options.next,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /** Sets the working queue that the next transfer uses: a queue, or an agent's own queue. */
  setWorkingQueue(id: string, options: Branches & QueueTarget): this {
    return this.add({
      Identifier: id,
      Type: "UpdateContactTargetQueue",
      Parameters: queueOrAgent(options),
      Transitions: {
        NextAction: options.next,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /**
   * Checks an agent metric (of an agent, a queue, or the working queue): more than zero goes
   * `whenAvailable`, zero goes `otherwise`, a failure goes `onError`.
   */
  checkStaffing(
    id: string,
    options: {
      readonly metric: Extract<MetricType, `NumberOfAgents${string}`>;
      readonly whenAvailable: string;
      readonly otherwise: string;
      readonly onError: string;
    } & (QueueTarget | { readonly queue?: never; readonly agent?: never }),
  ): this {
    const target =
      options.queue !== undefined || options.agent !== undefined ? queueOrAgent(options) : {};
    return this.add({
      Identifier: id,
      Type: "CheckMetricData",
      Parameters: { MetricType: options.metric, ...target },
      Transitions: {
        NextAction: options.otherwise,
        Conditions: [
          {
            NextAction: options.whenAvailable,
            Condition: { Operator: "NumberGreaterThan", Operands: ["0"] },
          },
        ],
        Errors: [
          { NextAction: options.otherwise, ErrorType: "NoMatchingCondition" },
          { NextAction: options.onError, ErrorType: "NoMatchingError" },
        ],
      },
    });
  }

  /**
   * Counts passes: the first `times` passes go `continue`, the next goes `done` (and the count
   * starts over).
   */
  loop(
    id: string,
    options: { readonly times: number; readonly continue: string; readonly done: string },
  ): this {
    return this.add({
      Identifier: id,
      Type: "Loop",
      Parameters: { LoopCount: String(options.times) },
      Transitions: {
        NextAction: options.done,
        Conditions: [
          {
            NextAction: options.continue,
            Condition: { Operator: "Equals", Operands: ["ContinueLooping"] },
          },
          {
            NextAction: options.done,
            Condition: { Operator: "Equals", Operands: ["DoneLooping"] },
          },
        ],
      },
    });
  }

  /** Plays (voice) or sends (chat) a message: text, which may embed references, or SSML. */
  playMessage(id: string, options: Branches & { readonly message: Message }): this {
    const content: MessageContent =
      typeof options.message === "string"
        ? { Text: options.message }
        : { SSML: options.message.ssml };
    return this.add({
      Identifier: id,
      Type: "MessageParticipant",
      Parameters: content,
      Transitions: {
        NextAction: options.next,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /** Sets the contact's routing criteria: one JSONPath to a Lambda's JSON response, or static steps. */
  setRoutingCriteria(
    id: string,
    options: Branches & {
      readonly criteria: string | { readonly Steps: readonly StaticRoutingStep[] };
    },
  ): this {
    return this.add({
      Identifier: id,
      Type: "UpdateContactRoutingCriteria",
      Parameters: { RoutingCriteria: options.criteria },
      Transitions: {
        NextAction: options.next,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /** Sets the text-to-speech voice for the rest of the contact. */
  setVoice(
    id: string,
    options: Branches & { readonly voice: string; readonly engine?: "neural" | "standard" },
  ): this {
    return this.add({
      Identifier: id,
      Type: "UpdateContactTextToSpeechVoice",
      // Connect's exported flows spell the engine "Neural"; without it the standard one speaks.
      Parameters: {
        TextToSpeechVoice: options.voice,
        ...(options.engine === "neural" ? { TextToSpeechEngine: "Neural" as const } : {}),
      },
      Transitions: {
        NextAction: options.next,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /**
   * Sets flow attributes (`$.FlowAttributes.<name>`): values that live while this flow runs,
   * invisible to Lambdas and to later flows.
   */
  setFlowAttributes(
    id: string,
    options: Branches & { readonly values: { readonly [name: string]: string } },
  ): this {
    return this.add({
      Identifier: id,
      Type: "UpdateFlowAttributes",
      Parameters: {
        FlowAttributes: Object.fromEntries(
          Object.entries(options.values).map(([name, value]) => [name, { Value: value }]),
        ),
      },
      Transitions: {
        NextAction: options.next,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /**
   * Continues in another flow (by ID or ARN), which ends this one. Like a transfer to a queue,
   * the service expects a `NextAction` that success never follows; it points where `onError`
   * does.
   */
  transferToFlow(id: string, options: { readonly flow: string; readonly onError: string }): this {
    return this.add({
      Identifier: id,
      Type: "TransferToFlow",
      Parameters: { ContactFlowId: options.flow },
      Transitions: {
        NextAction: options.onError,
        Errors: [{ NextAction: options.onError, ErrorType: "NoMatchingError" }],
      },
    });
  }

  /**
   * Transfers the contact to its working queue, which ends the flow. The service requires a
   * `NextAction` although success never follows it; it points where `onError` does.
   */
  transferToQueue(
    id: string,
    options: { readonly onAtCapacity: string; readonly onError: string },
  ): this {
    return this.add({
      Identifier: id,
      Type: "TransferContactToQueue",
      Parameters: {},
      Transitions: {
        NextAction: options.onError,
        Errors: [
          { NextAction: options.onAtCapacity, ErrorType: "QueueAtCapacity" },
          { NextAction: options.onError, ErrorType: "NoMatchingError" },
        ],
      },
    });
  }

  /** Ends the contact. */
  disconnect(id: string): this {
    return this.add({
      Identifier: id,
      Type: "DisconnectParticipant",
      Parameters: {},
      Transitions: {},
    });
  }

  /**
   * Assembles the document. Throws {@link FlowBuildError} naming every duplicate or invalid
   * identifier and every transition to an action that was not added. The metadata lays the
   * actions out for the console editor and names each block (see {@link consoleMetadata}).
   */
  build(): FlowDocument {
    const problems = this.#identityProblems(new Set());
    if (!this.#actions.some((action) => action.Identifier === this.#startAction)) {
      problems.push(`the start action "${this.#startAction}" was not added`);
    }
    problems.push(...this.#transitionProblems(new Set()));
    if (problems.length > 0) throw new FlowBuildError([...new Set(problems)]);
    const actions = [...this.#actions];
    const layout = layoutFlow(this.#startAction, actions);
    const ActionMetadata: { [identifier: string]: ActionMetadataEntry } = {};
    for (const action of actions) {
      const position = layout.ActionMetadata?.[action.Identifier]?.position;
      ActionMetadata[action.Identifier] = {
        ...(position === undefined ? {} : { position }),
        ...consoleMetadata(action),
      };
    }
    const { name, description } = this.#options;
    return {
      Version: flowLanguageVersion,
      StartAction: this.#startAction,
      Metadata: {
        entryPointPosition: layout.entryPointPosition ?? { x: 0, y: 0 },
        ActionMetadata,
        ...(name === undefined ? {} : { name }),
        ...(description === undefined ? {} : { description }),
        type: "contactFlow",
      },
      Actions: actions,
    };
  }

  /**
   * The actions added so far, checked like {@link FlowBuilder.build} checks them; transitions
   * may also lead to the identifiers in `external` (actions of a flow these will be spliced
   * into). Throws {@link FlowBuildError} naming every problem.
   */
  actions(external: ReadonlySet<string> = new Set()): readonly FlowAction[] {
    const problems = [...this.#identityProblems(external), ...this.#transitionProblems(external)];
    if (problems.length > 0) throw new FlowBuildError([...new Set(problems)]);
    return [...this.#actions];
  }

  #identityProblems(external: ReadonlySet<string>): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const action of this.#actions) {
      const problem = identifierProblem(action.Identifier);
      if (problem !== undefined) problems.push(`identifier "${action.Identifier}" ${problem}`);
      if (seen.has(action.Identifier) || external.has(action.Identifier)) {
        problems.push(`identifier "${action.Identifier}" is used twice`);
      }
      seen.add(action.Identifier);
    }
    return problems;
  }

  #transitionProblems(external: ReadonlySet<string>): string[] {
    const problems: string[] = [];
    const seen = new Set(this.#actions.map((action) => action.Identifier));
    for (const action of this.#actions) {
      for (const edge of flowEdges(action)) {
        if (!seen.has(edge.to) && !external.has(edge.to)) {
          problems.push(`"${action.Identifier}" leads to "${edge.to}", which was not added`);
        }
      }
    }
    return problems;
  }
}

function queueOrAgent(target: QueueTarget): QueueOrAgent {
  return target.queue !== undefined ? { QueueId: target.queue } : { AgentId: target.agent };
}
