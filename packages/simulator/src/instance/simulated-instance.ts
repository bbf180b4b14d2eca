import type { FlowDocument } from "@connect-affinity/flow-builder";
import { AgentFloor } from "../agents/agent-floor.js";
import type { AgentSpec } from "../agents/sim-agent.js";
import { SimulatedClock } from "../clock/simulated-clock.js";
import type { ConnectEmulatorOptions } from "../connect-emulator/connect-emulator.js";
import { ConnectEmulator } from "../connect-emulator/connect-emulator.js";
import type { FaultRule } from "../connect-emulator/fault-rule.js";
import { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from "../dynamodb/embedded-dynamodb.js";
import type { FloorAgent } from "../interpreter/agent-floor-port.js";
import type { ContactExecution } from "../interpreter/contact.js";
import { ContactQueues, type QueueLimits } from "../interpreter/contact-queues.js";
import { type CustomerProfileDirectory, FlowInterpreter } from "../interpreter/flow-interpreter.js";
import { bindFlowLambdas, queuesOfFlow } from "../interpreter/foreign-flow.js";
import type { LambdaFunction } from "../interpreter/lambda-function.js";
import { AgentEventStream, type AgentEventStreamOptions } from "./agent-event-stream.js";
import type { ContactSegment } from "./connected-to-agent-event.js";
import { ContactEventDelivery } from "./contact-event-delivery.js";
import { ConversationTimers, type EndedSegment } from "./conversation-timers.js";
import { FloorPortAdapter } from "./floor-port-adapter.js";
import { FunctionCounters, type LambdaCounters } from "./function-counters.js";
import { instanceQueues, lambdaArnOf, simulatedAccount } from "./instance-names.js";
import type {
  FunctionTrigger,
  InstanceSite,
  InstanceSystem,
  ScheduledFunction,
  SystemFunction,
} from "./instance-system.js";
import {
  useSeededRandomValues,
  useSimulatedNow,
  useSimulatedServerDates,
} from "./process-patches.js";
import { ScheduledInvocations } from "./scheduled-invocations.js";
import { type ContactResult, type SimulatedCall, simulate } from "./simulation.js";

/** A contact an agent already holds when the simulation starts. */
export interface ContactInProgress {
  /** The agent's position in {@link SimulatedInstanceSpec.agents}. */
  readonly agentIndex: number;
  readonly contactId: string;
  /** Simulated ms until the conversation ends (0: already in after-contact work). */
  readonly remainingMs: number;
  /** After-contact work once the conversation ends (default none). */
  readonly afterContactWorkMs?: number;
}

/** A window of simulated time, in ms from the start. */
export interface TimeWindow {
  readonly from: number;
  readonly until: number;
}

/** Everything a simulated instance is built from. */
export interface SimulatedInstanceSpec {
  /** The Connect instance ID; user, queue and contact ARNs derive from it. */
  readonly instanceId: string;
  /** Epoch ms at which the simulated clock starts. */
  readonly startMs: number;
  /** Seeds the emulator's fault draws and the random values the handlers draw. */
  readonly seed: number;
  readonly agents: readonly AgentSpec[];
  /**
   * Simulated ms from the start to each agent's first heartbeat (by position in `agents`): the
   * time left since their last event on a floor that starts mid-shift. Default: Connect's whole
   * interval for everyone.
   */
  readonly heartbeatOffsetMs?: (agentIndex: number) => number;
  readonly contactsInProgress?: readonly ContactInProgress[];
  readonly connect?: {
    readonly quotas?: ConnectEmulatorOptions["quotas"];
    readonly faults?: readonly FaultRule[];
  };
  readonly dynamoDb?: {
    /** Keep the data in this directory instead of memory. */
    readonly path?: string;
    /** Windows in which DynamoDB drops every connection. */
    readonly outages?: readonly TimeWindow[];
  };
  readonly queueLimits?: Partial<QueueLimits>;
  readonly timing: { readonly lambdaLatencyMs: number; readonly messageMs: number };
  /** How often the agent-events function reads the stream (default 1 s of simulated time). */
  readonly agentEventPollMs?: number;
  /**
   * The stream's batch size and delivery delay (default: every readable record in one batch,
   * readable at once; see `AgentEventStream`).
   */
  readonly agentEventStream?: Pick<AgentEventStreamOptions, "batchSize" | "deliveryDelayMs">;
  /** The instance's Customer Profiles domain; without one, "Get profile" is unsupported. */
  readonly customerProfiles?: CustomerProfileDirectory;
  /** What is deployed: the flow and the functions. */
  readonly system: InstanceSystem;
  /** Wraps every function as it is deployed, e.g. to measure each invocation. */
  readonly instrument?: (
    handler: LambdaFunction,
    fn: { readonly name: string; readonly trigger: FunctionTrigger },
    instance: InstrumentedParts,
  ) => LambdaFunction;
}

/** What an {@link SimulatedInstanceSpec.instrument | instrument} may read while a function runs. */
export interface InstrumentedParts {
  readonly clock: SimulatedClock;
  readonly emulator: ConnectEmulator;
  readonly dynamoDb: EmbeddedDynamoDb;
}

/** What a caller may observe while {@link SimulatedInstance.run} drives the calls. */
export interface RunHooks {
  /** A call arrives, before its first step. */
  readonly onArrive?: (execution: ContactExecution, at: number) => void;
  /** An agent answers, before the contact event is delivered. */
  readonly onConnected?: (execution: ContactExecution, agent: FloorAgent, at: number) => void;
  /** A contact settles (answered, abandoned, disconnected, dead end). */
  readonly onSettled?: (result: ContactResult, settled: number, total: number) => void;
  /** An agent answered a transfer of the contact (a new contact of the same chain). */
  readonly onTransferConnected?: (execution: ContactExecution, segment: ContactSegment) => void;
  /** An agent's part of a contact ended (hung up, or transferred on). */
  readonly onSegmentEnded?: (execution: ContactExecution, ended: EndedSegment) => void;
  /**
   * Stops the floor-wide background — the agent event stream (and with it heartbeats) and the
   * schedules — once the clock reaches this time (epoch ms) and no contact has a flow step left
   * (every call has arrived and is queued or settled). From then on nothing they do can change
   * where a contact goes: queues connect on the floor's own state, and contact events are still
   * delivered. Default: they run until the last contact settles.
   */
  readonly backgroundUntil?: number;
  /** Called once, when the background stops (see {@link backgroundUntil}). */
  readonly onBackgroundStopped?: (at: number) => void;
}

/**
 * A simulated Amazon Connect instance with a system deployed on it, on one simulated clock: the
 * agent floor and the Connect API emulator, an embedded DynamoDB, the system's functions invoked
 * with the events Connect, EventBridge and Kinesis would send, and the flow interpreter running
 * its contact flow. Built by {@link buildSimulatedInstance}; `pnpm start` and the bench both run
 * on it.
 *
 * While it exists it owns process-wide state, restored by {@link close}: the environment the
 * system sets, `Date.now` (the simulated clock), `crypto.webcrypto.getRandomValues` (seeded) and
 * the `Date` header of the local servers. Build one at a time in a process.
 */
export interface SimulatedInstance {
  readonly clock: SimulatedClock;
  readonly floor: AgentFloor;
  readonly emulator: ConnectEmulator;
  readonly dynamoDb: EmbeddedDynamoDb;
  readonly site: InstanceSite;
  readonly flow: FlowDocument;
  /** The agent event stream, when the system has an agent-events function. */
  readonly agentEvents: AgentEventStream | undefined;
  /** EventBridge's delivery of contact events, when the system has a contact-events function. */
  readonly contactEvents: ContactEventDelivery | undefined;
  /** The schedules of the system's scheduled functions (`trigger: "schedule"`), in its order. */
  readonly schedules: readonly ScheduledInvocations[];
  /** A function's name in reports, by ARN (the ARN's last part for an unknown one). */
  functionName(arn: string): string;
  lambdaCounters(): LambdaCounters;
  /**
   * Starts counting afresh: DynamoDB requests, the emulator's calls, throttles and quotas, the
   * function counters and the agent event stream's. For work done to prepare a run (history, a
   * first stream batch).
   */
  resetCounters(): void;
  /**
   * Drives calls through the flow until every contact settles.
   *
   * @returns one result per call, in arrival order.
   */
  run(calls: readonly SimulatedCall[], hooks?: RunHooks): Promise<readonly ContactResult[]>;
  /** Stops the servers and restores what the instance changed in the process. */
  close(): Promise<void>;
}

/**
 * Builds a simulated instance and installs `spec.system` on it. Order matters for a run to
 * repeat: the process patches (simulated `Date.now`, seeded random values, simulated `Date`
 * headers) come before the system is installed, so whatever it prepares already lives in
 * simulated time; the agent event stream is opened last, after the contacts in progress are
 * placed, so its first batch is the floor as it stands at the start.
 *
 * @throws whatever installing the system throws (a missing bundle, a flow the validator
 *   refuses), after undoing what was done.
 */
export async function buildSimulatedInstance(
  spec: SimulatedInstanceSpec,
): Promise<SimulatedInstance> {
  const clock = new SimulatedClock(spec.startMs);
  const floor = floorOf(spec, clock);
  const emulator = new ConnectEmulator({
    floor,
    clock,
    seed: spec.seed,
    ...(spec.connect?.quotas === undefined ? {} : { quotas: spec.connect.quotas }),
    ...(spec.connect?.faults === undefined ? {} : { faults: spec.connect.faults }),
  });
  const dynamoDb = await startEmbeddedDynamoDb(
    spec.dynamoDb?.path === undefined ? {} : { path: spec.dynamoDb.path },
  );
  const cleanups: (() => void | Promise<void>)[] = [() => dynamoDb.stop()];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const { endpoint: connectEndpoint } = await emulator.start();
    cleanups.push(() => emulator.stop());
    cleanups.push(
      useSimulatedNow(clock),
      useSeededRandomValues(spec.seed),
      useSimulatedServerDates(clock, [portOf(dynamoDb.endpoint), portOf(connectEndpoint)]),
    );
    const queues = instanceQueues(floor.instanceArn);
    const site: InstanceSite = {
      ...simulatedAccount,
      instanceId: spec.instanceId,
      instanceArn: floor.instanceArn,
      dynamoDbEndpoint: dynamoDb.endpoint,
      connectEndpoint,
      standardQueueArn: queues.standard.arn,
      fallbackQueueArn: queues.fallback.arn,
      lambdaArn: lambdaArnOf,
    };
    const installed = await spec.system(site);
    cleanups.push(installed.uninstall);

    const counters = new FunctionCounters(installed.functions.map((fn) => fn.name));
    const deployed = installed.functions.map((fn) => {
      const handler =
        spec.instrument?.(fn.handler, fn, { clock, emulator, dynamoDb }) ?? fn.handler;
      return { ...fn, handler: counters.counted(fn.name, handler) };
    });
    const triggered = (trigger: FunctionTrigger): LambdaFunction | undefined =>
      deployed.find((fn) => fn.trigger === trigger)?.handler;
    const floorPort = new FloorPortAdapter(floor);
    const contactQueues = new ContactQueues(floorPort, spec.queueLimits ?? {});
    const interpreter = new FlowInterpreter({
      flow: installed.flow,
      floor: floorPort,
      queues: contactQueues,
      lambdas: flowLambdas(installed.flow, deployed),
      ...(installed.linkedFlows === undefined ? {} : { linkedFlows: installed.linkedFlows }),
      instanceArn: floor.instanceArn,
      // An existing flow (`--flow`) brings its own queues; a generated one names only these two.
      queueDefinitions: [
        queues.standard,
        queues.fallback,
        ...queuesOfFlow(installed.flow, [queues.standard, queues.fallback]),
      ],
      ...(spec.customerProfiles === undefined ? {} : { customerProfiles: spec.customerProfiles }),
      timing: {
        lambdaLatencyMs: () => spec.timing.lambdaLatencyMs,
        messageMs: spec.timing.messageMs,
      },
    });

    const outages = spec.dynamoDb?.outages ?? [];
    if (outages.length > 0) cleanups.push(followOutages(clock, dynamoDb, spec.startMs, outages));
    const consumer = triggered("agent-events");
    const agentEvents =
      consumer === undefined
        ? undefined
        : new AgentEventStream({
            floor,
            consumer,
            startMs: spec.startMs,
            ...(spec.agentEventPollMs === undefined ? {} : { pollMs: spec.agentEventPollMs }),
            ...spec.agentEventStream,
          });
    if (agentEvents !== undefined) cleanups.push(() => agentEvents.stop());
    const schedules = deployed
      .filter((fn): fn is ScheduledFunction => fn.trigger === "schedule")
      .map((fn) => new ScheduledInvocations(fn, simulatedAccount, spec.startMs));
    const contactEventTarget = triggered("contact-events");
    const contactEvents =
      contactEventTarget === undefined ? undefined : new ContactEventDelivery(contactEventTarget);
    const names = new Map(deployed.map((fn) => [fn.arn, fn.name]));

    return {
      clock,
      floor,
      emulator,
      dynamoDb,
      site,
      flow: installed.flow,
      agentEvents,
      contactEvents,
      schedules,
      functionName: (arn) => names.get(arn) ?? arn.slice(arn.lastIndexOf(":") + 1),
      lambdaCounters: () => counters.snapshot(),
      resetCounters: () => {
        dynamoDb.resetCounts();
        emulator.resetStats();
        emulator.resetQuotas();
        counters.reset();
        agentEvents?.resetStats();
      },
      run: (calls, hooks = {}) => {
        const timers = new ConversationTimers({
          floor,
          instanceArn: floor.instanceArn,
          delivery: contactEvents,
          subscribed: installed.contactEventTypes ?? ["CONNECTED_TO_AGENT"],
          hooks: {
            ...(hooks.onTransferConnected === undefined
              ? {}
              : { onTransferConnected: hooks.onTransferConnected }),
            ...(hooks.onSegmentEnded === undefined ? {} : { onSegmentEnded: hooks.onSegmentEnded }),
          },
        });
        let background = true;
        return simulate(calls, {
          interpreter,
          queues: contactQueues,
          clock,
          timers,
          beforeEvent: async (at, contactsInFlow) => {
            const until = hooks.backgroundUntil;
            if (background && until !== undefined && at >= until && contactsInFlow === 0) {
              background = false;
              agentEvents?.stop();
              hooks.onBackgroundStopped?.(at);
            }
            if (background) await agentEvents?.deliverDue(at);
            await contactEvents?.deliverDue(at);
            if (background) for (const schedule of schedules) await schedule.deliverDue(at);
          },
          ...(hooks.onArrive === undefined ? {} : { onArrive: hooks.onArrive }),
          onConnected: async (execution, agent, at) => {
            hooks.onConnected?.(execution, agent, at);
            await timers.connected(execution, agent, at);
          },
          ...(hooks.onSettled === undefined ? {} : { onSettled: hooks.onSettled }),
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The agent floor, with the contacts already in progress at the start placed. */
function floorOf(spec: SimulatedInstanceSpec, clock: SimulatedClock): AgentFloor {
  const floor = new AgentFloor({
    clock,
    instanceId: spec.instanceId,
    ...simulatedAccount,
    agents: spec.agents,
    ...(spec.heartbeatOffsetMs === undefined ? {} : { heartbeatOffsetMs: spec.heartbeatOffsetMs }),
  });
  const agents = floor.list();
  for (const contact of spec.contactsInProgress ?? []) {
    const agent = agents[contact.agentIndex];
    if (agent === undefined) throw new RangeError(`No agent at index ${contact.agentIndex}`);
    floor.assign(agent.id, {
      contactId: contact.contactId,
      channel: "VOICE",
      durationMs: contact.remainingMs,
      ...(contact.afterContactWorkMs === undefined
        ? {}
        : { afterContactWorkMs: contact.afterContactWorkMs }),
    });
  }
  return floor;
}

/** DynamoDB's outages follow the simulated clock like everything else. */
function followOutages(
  clock: SimulatedClock,
  dynamoDb: EmbeddedDynamoDb,
  startMs: number,
  outages: readonly TimeWindow[],
): () => void {
  return clock.onAdvance((now) => {
    const elapsed = now - startMs;
    dynamoDb.setAvailable(
      !outages.some((outage) => elapsed >= outage.from && elapsed < outage.until),
    );
  });
}

function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}

/**
 * The functions the flow invokes, by ARN: the system's flow functions, and the
 * `connect-affinity-*` Lambdas an existing flow names by its own ARNs (`--flow`), bound to the
 * function of that name.
 */
function flowLambdas(
  flow: FlowDocument,
  deployed: readonly SystemFunction[],
): Readonly<Record<string, LambdaFunction>> {
  const flowFunctions = deployed.filter((fn) => fn.trigger === "flow");
  return {
    ...bindFlowLambdas(flow, Object.fromEntries(flowFunctions.map((fn) => [fn.name, fn.handler]))),
    ...Object.fromEntries(flowFunctions.map((fn) => [fn.arn, fn.handler])),
  };
}
