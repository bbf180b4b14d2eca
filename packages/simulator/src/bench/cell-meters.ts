import type { FunctionTrigger } from "../instance/instance-system.js";
import type { InstrumentedParts } from "../instance/simulated-instance.js";
import type { LambdaFunction } from "../interpreter/lambda-function.js";

/** What the meters counted once counting started. */
export interface CellMeterReadings {
  /** Wall ms of each flow-Lambda invocation. */
  readonly flowLambdaWallMs: readonly number[];
  /** Invocations of the contact-event function (EventBridge's redeliveries included). */
  readonly contactEventInvocations: number;
  /** Contacts during one of whose invocations the Connect API throttled a request. */
  readonly throttledContacts: ReadonlySet<string>;
  /** Agent-events invocations within the arrival window. */
  readonly consumerInvocations: number;
  /** DynamoDB requests those invocations made. */
  readonly consumerDynamoDbRequests: number;
  /**
   * DynamoDB requests the consumer made after the window, while the last callers waited: left
   * out of the cell's DynamoDB figure, since the consumer's cost follows time, not calls.
   */
  readonly consumerDynamoDbRequestsAfterWindow: number;
}

/**
 * The bench's measurements around each function of a cell: the wall time of every flow-Lambda
 * invocation, which contacts met a throttled Connect API, and the agent-events consumer's work
 * within the arrival window. Nothing counts before {@link startCounting}.
 */
export class CellMeters {
  readonly #windowEndMs: number;
  readonly #flowLambdaWallMs: number[] = [];
  readonly #throttledContacts = new Set<string>();
  #counting = false;
  #contactEventInvocations = 0;
  #consumerInvocations = 0;
  #consumerRequests = 0;
  #consumerRequestsAfterWindow = 0;

  /** @param windowEndMs - epoch ms at which calls stop arriving. */
  constructor(windowEndMs: number) {
    this.#windowEndMs = windowEndMs;
  }

  /** The instance's `instrument`. */
  readonly instrument = (
    handler: LambdaFunction,
    fn: { readonly trigger: FunctionTrigger },
    instance: InstrumentedParts,
  ): LambdaFunction =>
    fn.trigger === "agent-events"
      ? this.#consumer(handler, instance)
      : this.#watched(handler, fn.trigger, instance);

  startCounting(): void {
    this.#counting = true;
  }

  readings(): CellMeterReadings {
    return {
      flowLambdaWallMs: [...this.#flowLambdaWallMs],
      contactEventInvocations: this.#contactEventInvocations,
      throttledContacts: new Set(this.#throttledContacts),
      consumerInvocations: this.#consumerInvocations,
      consumerDynamoDbRequests: this.#consumerRequests,
      consumerDynamoDbRequestsAfterWindow: this.#consumerRequestsAfterWindow,
    };
  }

  #watched(
    handler: LambdaFunction,
    trigger: FunctionTrigger,
    instance: InstrumentedParts,
  ): LambdaFunction {
    const throttles = (): number => sumOf(instance.emulator.stats().throttled);
    return async (event) => {
      const before = throttles();
      const started = performance.now();
      try {
        return await handler(event);
      } finally {
        if (this.#counting && trigger === "flow") {
          this.#flowLambdaWallMs.push(performance.now() - started);
        }
        if (this.#counting && trigger === "contact-events") this.#contactEventInvocations += 1;
        if (throttles() > before) {
          const contactId = contactIdOf(event);
          if (contactId !== undefined) this.#throttledContacts.add(contactId);
        }
      }
    };
  }

  #consumer(handler: LambdaFunction, instance: InstrumentedParts): LambdaFunction {
    return async (event) => {
      const before = sumOf(instance.dynamoDb.requestCount());
      try {
        return await handler(event);
      } finally {
        const requests = sumOf(instance.dynamoDb.requestCount()) - before;
        if (this.#counting && instance.clock.now() <= this.#windowEndMs) {
          this.#consumerInvocations += 1;
          this.#consumerRequests += requests;
        } else if (this.#counting) {
          this.#consumerRequestsAfterWindow += requests;
        }
      }
    };
  }
}

function contactIdOf(event: unknown): string | undefined {
  const details = field(event, "Details");
  const fromFlow = field(field(details, "ContactData"), "ContactId");
  if (typeof fromFlow === "string") return fromFlow;
  const fromEventBridge = field(field(event, "detail"), "contactId");
  return typeof fromEventBridge === "string" ? fromEventBridge : undefined;
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Readonly<Record<string, unknown>>)[key];
}

/** The total of per-operation counts. */
export function sumOf(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
