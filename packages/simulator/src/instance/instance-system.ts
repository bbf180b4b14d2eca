import type { FlowDocument } from "@connect-affinity/flow-builder";
import type { LambdaFunction } from "../interpreter/lambda-function.js";
import type { ContactEventType } from "./connected-to-agent-event.js";

/**
 * The simulated instance a system is installed on: where its AWS services answer and the names
 * of what Connect already has (the instance, its two standard queues).
 */
export interface InstanceSite {
  readonly region: string;
  readonly accountId: string;
  readonly instanceId: string;
  readonly instanceArn: string;
  /** `http://127.0.0.1:PORT` of the embedded DynamoDB. */
  readonly dynamoDbEndpoint: string;
  /** `http://127.0.0.1:PORT` of the Connect API emulator. */
  readonly connectEndpoint: string;
  readonly standardQueueArn: string;
  readonly fallbackQueueArn: string;
  /** The ARN of a Lambda function of this account and Region. */
  lambdaArn(functionName: string): string;
}

/**
 * How the instance invokes a function: from the flow (by ARN), with the EventBridge
 * `CONNECTED_TO_AGENT` event when an agent answers, with the agent event stream's Kinesis
 * batches, on a schedule (EventBridge Scheduler, see {@link ScheduledFunction}), or not at all
 * (deployed, but nothing in this run triggers it).
 */
export type FunctionTrigger = "flow" | "contact-events" | "agent-events" | "schedule" | "none";

/** What every function of a system has. */
interface FunctionBase {
  /** Its name in reports: `route`, `next-agent`, `seed-lookup`. */
  readonly name: string;
  readonly arn: string;
  readonly handler: LambdaFunction;
}

/** A function invoked by the flow, by an event source, or not at all. */
export interface TriggeredFunction extends FunctionBase {
  readonly trigger: Exclude<FunctionTrigger, "schedule">;
}

/**
 * A function an EventBridge Scheduler schedule invokes at a fixed rate (`rate(…)`), on the
 * simulated clock: at the start of the run (a deployed schedule has been running for a while)
 * and every `everyMs` after. Each invocation gets the schedule's `input` (the target's `Input`
 * JSON; `{}` when absent) with Scheduler's context attributes replaced, as Scheduler does:
 * `<aws.scheduler.schedule-arn>`, `<aws.scheduler.scheduled-time>` (ISO 8601, whole seconds),
 * `<aws.scheduler.execution-id>` and `<aws.scheduler.attempt-number>` (always 1: a failed
 * invocation is counted, not retried; the next one comes at the next period).
 */
export interface ScheduledFunction extends FunctionBase {
  readonly trigger: "schedule";
  /** The schedule's rate (ms of simulated time, > 0). */
  readonly everyMs: number;
  /** The target's `Input`, JSON text that may hold context-attribute keywords. */
  readonly input?: string;
}

/** One Lambda function of a system. */
export type SystemFunction = TriggeredFunction | ScheduledFunction;

/** A system once installed: the contact flow, its functions, and how to take it down. */
export interface InstalledSystem {
  readonly flow: FlowDocument;
  /** At most one function each for `contact-events` and `agent-events`. */
  readonly functions: readonly SystemFunction[];
  /** Flows the main flow may transfer to (`TransferToFlow`), by ARN. */
  readonly linkedFlows?: Readonly<Record<string, FlowDocument>>;
  /**
   * The contact event types its EventBridge rule subscribes to, delivered to its
   * `contact-events` function; default `CONNECTED_TO_AGENT` alone.
   */
  readonly contactEventTypes?: readonly ContactEventType[];
  /** Undoes what installing did (environment, clients); the instance calls it once, last. */
  readonly uninstall: () => void | Promise<void>;
}

/**
 * A system under simulation: what is deployed on the instance (tables, functions, the flow).
 * connect-affinity itself and the bench's seed baseline are the two.
 */
export type InstanceSystem = (site: InstanceSite) => Promise<InstalledSystem>;
