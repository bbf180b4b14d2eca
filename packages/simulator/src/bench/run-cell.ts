import { ConnectClient } from "@aws-sdk/client-connect";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { assignmentFor, callerKey, parseCaller } from "@connect-affinity/core";
import {
  createAffinityTableInput,
  createPresenceTableInput,
  DynamoDbAffinityStore,
} from "@connect-affinity/core/dynamodb";
import { type FlowDocument, generateFlow } from "@connect-affinity/flow-builder";
import { AgentFloor } from "../agents/agent-floor.js";
import { stableId } from "../agents/connect-resource-names.js";
import { SimulatedClock } from "../clock/simulated-clock.js";
import { ConnectEmulator } from "../connect-emulator/connect-emulator.js";
import { startEmbeddedDynamoDb } from "../dynamodb/embedded-dynamodb.js";
import { ensureTable } from "../dynamodb/ensure-table.js";
import type { ContactExecution, QueueDefinition } from "../interpreter/contact.js";
import { ContactQueues } from "../interpreter/contact-queues.js";
import { FlowInterpreter } from "../interpreter/flow-interpreter.js";
import type { LambdaFunction } from "../interpreter/lambda-function.js";
import { AgentEventStream } from "../runner/agent-event-stream.js";
import { connectedToAgentEvent } from "../runner/connected-to-agent-event.js";
import { FloorPortAdapter } from "../runner/floor-port-adapter.js";
import { loadHandlerBundles } from "../runner/handler-bundles.js";
import { lambdaEnvironment } from "../runner/lambda-environment.js";
import {
  setEnvironment,
  useSeededRandomValues,
  useSimulatedNow,
  useSimulatedServerDates,
} from "../runner/process-patches.js";
import { type ContactResult, simulate } from "../runner/simulation.js";
import { seedFlow } from "./baseline/seed-flow.js";
import { seedHandlers } from "./baseline/seed-handlers.js";
import {
  ConnectSeedUserList,
  DynamoDbSeedNumberTable,
  seedTableInput,
} from "./baseline/seed-sdk-adapters.js";
import type { BenchSettings, BenchSystem } from "./bench-result.js";
import type { Traffic, TrafficCall } from "./traffic.js";

/** What one system did with one cell's traffic: raw counts, before any figure is computed. */
export interface CellRun {
  readonly system: BenchSystem;
  readonly traffic: Traffic;
  readonly contacts: readonly ContactRecord[];
  readonly connectApiCalls: number;
  readonly connectApiThrottles: number;
  readonly flowLambdaInvocations: number;
  readonly contactEventInvocations: number;
  readonly consumerInvocations: number;
  readonly dynamoDbRequests: number;
  readonly consumerDynamoDbRequests: number;
  /** Wall ms of each flow-Lambda invocation. */
  readonly handlerWallMs: readonly number[];
  /** User IDs of the agents available (status) during the run. */
  readonly availableAgentIds: ReadonlySet<string>;
  readonly wallMs: number;
}

/** What happened to one call. */
export interface ContactRecord {
  readonly call: TrafficCall;
  /** The caller's last agent when they arrived (history or an earlier call), if any. */
  readonly lastAgentId: string | undefined;
  /** Whether that agent could take a call when this one arrived. */
  readonly lastAgentAvailable: boolean;
  readonly outcome: "agent" | "fallback-queue" | "disconnected" | "abandoned" | "dead-end";
  readonly agentId: string | undefined;
  readonly timeToAgentMs: number | undefined;
  readonly throttled: boolean;
  /**
   * For a call that went to the fallback queue or was hung up on, what sent it there: the last
   * deciding step of its path (`error:<reason>`, `offers-exhausted`, `none:<reason>`,
   * `lambda:<failure>`).
   */
  readonly endCause: string | undefined;
  /** The first agent the flow's first Lambda offered, and why (for diagnosing misses). */
  readonly firstOffer:
    | { readonly agentId: string | undefined; readonly reason: string }
    | undefined;
}

/** Options of {@link runCell}. */
export interface RunCellOptions {
  readonly settings: BenchSettings;
  /** The handler bundles to load; the handlers package's build by default. */
  readonly bundlePaths?: Parameters<typeof loadHandlerBundles>[0];
  /** Called as contacts settle. */
  readonly onProgress?: (settled: number, total: number) => void;
}

const region = "ap-northeast-1";
const accountId = "123456789012";
const affinityTable = "bench-affinity";
const presenceTable = "bench-presence";
const seedTable = "bench-seed";
const start = Date.UTC(2026, 0, 5, 0, 0, 0);

/**
 * Runs one system on one cell's traffic, on a fresh simulated instance: agent floor, Connect
 * API emulator, embedded DynamoDB, the system's flow and Lambdas (the real handler bundles for
 * connect-affinity, the seed's handlers for the baseline), and for event-stream presence the
 * stream consumer. History, the presence table and the calls in progress at the start are
 * prepared first and not counted; every request after that is.
 *
 * Owns process-wide state while it runs (`process.env`, `Date.now`, random values), like
 * `runScenario`: one at a time.
 */
export async function runCell(
  system: BenchSystem,
  traffic: Traffic,
  options: RunCellOptions,
): Promise<CellRun> {
  const wallStarted = performance.now();
  const { settings } = options;
  const clock = new SimulatedClock(start);
  const location = {
    instanceId: stableId(`bench:${traffic.spec.agents}:${traffic.spec.ratePerSecond}`),
    region,
    accountId,
  };
  const floor = new AgentFloor({
    clock,
    ...location,
    agents: traffic.agents.map((agent) =>
      agent.available
        ? { username: agent.username }
        : { username: agent.username, schedule: [{ at: 0, status: "Break" }] },
    ),
  });
  const agents = floor.list();
  const agentAt = (index: number) => {
    const agent = agents[index];
    if (agent === undefined) throw new RangeError(`No agent at index ${index}`);
    return agent;
  };
  const availableAgentIds = new Set(
    traffic.agents.flatMap((agent, index) => (agent.available ? [agentAt(index).id] : [])),
  );
  traffic.warmup.forEach((contact, index) => {
    floor.assign(agentAt(contact.agentIndex).id, {
      contactId: `warmup-${index}`,
      channel: "VOICE",
      durationMs: contact.remainingMs,
    });
  });
  const emulator = new ConnectEmulator({
    floor,
    clock,
    seed: traffic.spec.seed,
    quotas: {
      ListUsers: settings.quota,
      SearchUsers: settings.quota,
      DescribeUser: settings.quota,
      GetCurrentUserData: settings.quota,
    },
  });
  const dynamo = await startEmbeddedDynamoDb();
  const cleanups: (() => void | Promise<void>)[] = [() => dynamo.stop()];
  try {
    const { endpoint: connectEndpoint } = await emulator.start();
    cleanups.push(() => emulator.stop());
    cleanups.push(
      setEnvironment(
        lambdaEnvironment({
          region,
          dynamoDbEndpoint: dynamo.endpoint,
          connectEndpoint,
          affinityTableName: affinityTable,
          instanceArn: floor.instanceArn,
          maxAttempts: settings.maxAttempts,
          presence: system === "event-stream" ? "event-stream" : "connect-api",
          presenceTableName: presenceTable,
          language: "ja-JP",
          // Every system runs with the handlers' default new-caller strategy.
          extra: { NEW_CALLER_STRATEGY: undefined },
        }),
      ),
    );
    cleanups.push(
      useSimulatedNow(clock),
      useSeededRandomValues(traffic.spec.seed),
      useSimulatedServerDates(clock, [portOf(dynamo.endpoint), portOf(connectEndpoint)]),
    );
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region });
    cleanups.push(() => client.destroy());

    // Preparation, not counted: tables, history, presence.
    if (system === "baseline") {
      await ensureTable(dynamo.endpoint, seedTableInput(seedTable));
      const table = new DynamoDbSeedNumberTable(client, seedTable);
      await inBatches(traffic.history, (entry) =>
        table.put(entry.number, agentAt(entry.agentIndex).id),
      );
    } else {
      await ensureTable(dynamo.endpoint, createAffinityTableInput(affinityTable));
      const store = new DynamoDbAffinityStore({ client, tableName: affinityTable });
      await inBatches(traffic.history, async (entry, index) => {
        const identity = parseCaller(entry.number);
        if (identity.kind !== "known") return;
        const agent = agentAt(entry.agentIndex);
        await store.save(
          assignmentFor({
            callerKey: callerKey(identity.e164),
            agent: { id: agent.id, arn: agent.agentArn },
            contactId: `history-${index}`,
            at: start - entry.agoMs,
            lifetimeSeconds: 90 * 86_400,
          }),
        );
      });
      if (system === "event-stream") {
        await ensureTable(dynamo.endpoint, createPresenceTableInput(presenceTable));
      }
    }

    const queueDefinitions: readonly QueueDefinition[] = [
      queueOf(floor.instanceArn, "Standard", "standard"),
      queueOf(floor.instanceArn, "Fallback", "fallback"),
    ];
    const [standardQueue, fallbackQueue] = queueDefinitions as [QueueDefinition, QueueDefinition];
    let throttles = (): number => sumOf(emulator.stats().throttled);
    const throttledContacts = new Set<string>();
    const handlerWallMs: number[] = [];
    let flowLambdaInvocations = 0;
    // The consumer's cost follows time, not calls: only its work while calls arrive counts,
    // not its batches while the last callers wait in queues after the window.
    const windowEnd = start + traffic.spec.durationMs;
    let counting = false;
    let consumerInvocations = 0;
    let consumerWrites = 0;
    let consumerWritesAfterWindow = 0;
    const countedConsumer =
      (fn: LambdaFunction): LambdaFunction =>
      async (event) => {
        const before = sumOf(dynamo.requestCount());
        try {
          return await fn(event);
        } finally {
          const writes = sumOf(dynamo.requestCount()) - before;
          if (counting && clock.now() <= windowEnd) {
            consumerInvocations += 1;
            consumerWrites += writes;
          } else if (counting) {
            consumerWritesAfterWindow += writes;
          }
        }
      };
    const watched = (fn: LambdaFunction, flowLambda: boolean): LambdaFunction => {
      return async (event) => {
        const before = throttles();
        const started = performance.now();
        try {
          return await fn(event);
        } finally {
          if (flowLambda) {
            flowLambdaInvocations += 1;
            handlerWallMs.push(performance.now() - started);
          }
          if (throttles() > before) {
            const contactId = contactIdOf(event);
            if (contactId !== undefined) throttledContacts.add(contactId);
          }
        }
      };
    };

    let flow: FlowDocument;
    let lambdas: Record<string, LambdaFunction>;
    let contactEvent: LambdaFunction | undefined;
    let stream: AgentEventStream | undefined;
    if (system === "baseline") {
      // One attempt per Connect call: a handler runs within one simulated instant, where the
      // token bucket cannot refill, so the SDK's retries could only be throttled again.
      const connect = new ConnectClient({ endpoint: connectEndpoint, region, maxAttempts: 1 });
      cleanups.push(() => connect.destroy());
      const seed = seedHandlers({
        table: new DynamoDbSeedNumberTable(client, seedTable),
        users: new ConnectSeedUserList(connect, location.instanceId),
      });
      const arns = {
        lookup: lambdaArnOf("seed-lookup"),
        nextAgent: lambdaArnOf("seed-next-agent"),
        register: lambdaArnOf("seed-register"),
      };
      flow = seedFlow(arns);
      lambdas = {
        [arns.lookup]: watched(seed.lookup, true),
        [arns.nextAgent]: watched(seed.nextAgent, true),
        [arns.register]: watched(seed.register, true),
      };
    } else {
      const handlers = await loadHandlerBundles(options.bundlePaths);
      const arns = {
        route: lambdaArnOf("route"),
        nextAgent: lambdaArnOf("next-agent"),
        record: lambdaArnOf("record"),
      };
      flow = generateFlow("agent-queue", {
        lambdaArns: arns,
        standardQueueArn: standardQueue.arn,
        fallbackQueueArn: fallbackQueue.arn,
        maxAttempts: settings.maxAttempts,
        lambdaTimeLimitSeconds: 3,
        language: "ja-JP",
      });
      lambdas = {
        [arns.route]: watched(handlers.functions.route, true),
        [arns.nextAgent]: watched(handlers.functions.nextAgent, true),
        [arns.record]: watched(handlers.functions.record, true),
      };
      contactEvent = watched(handlers.functions.contactEvent, false);
      if (system === "event-stream") {
        stream = new AgentEventStream({
          floor,
          consumer: countedConsumer(handlers.functions.agentEvents),
          startMs: start,
          pollMs: settings.consumerPollMs,
        });
        const started = stream;
        cleanups.push(() => started.stop());
        // The first batch (every logged-in agent's state) is what a consumer running for a
        // while has already written: preparation, not counted.
        await started.deliverDue(start);
      }
    }

    // Ground truth of "last agent": history first, then who answered each call.
    const lastAgentOf = new Map<string, string>(
      traffic.history.map((entry) => [entry.number, agentAt(entry.agentIndex).id]),
    );
    const atArrival = new Map<string, { lastAgentId: string | undefined; available: boolean }>();
    const adapter = new FloorPortAdapter(floor);
    const queues = new ContactQueues(adapter, {
      agentQueueCapacity: 1,
      queueCapacity: 1000,
      agentQueueMaxWaitMs: settings.queueMaxWaitSeconds * 1000,
      queueMaxWaitMs: settings.queueMaxWaitSeconds * 1000,
    });
    const interpreter = new FlowInterpreter({
      flow,
      floor: adapter,
      queues,
      lambdas,
      instanceArn: floor.instanceArn,
      queueDefinitions,
      timing: {
        lambdaLatencyMs: () => settings.lambdaLatencyMs,
        messageMs: settings.messageSeconds * 1000,
      },
    });

    // Counting starts here.
    dynamo.resetCounts();
    emulator.resetStats();
    emulator.resetQuotas();
    throttles = () => sumOf(emulator.stats().throttled);
    counting = true;

    const calls = traffic.calls.map((call) => ({
      at: start + call.atMs,
      input: {
        contactId: call.contactId,
        channel: "VOICE" as const,
        customerAddress: call.number,
        talkTimeMs: call.talkTimeMs,
      },
    }));
    const finalContactEvent = contactEvent;
    let contactEventInvocations = 0;
    const activeStream = stream;
    const results = await simulate(calls, {
      interpreter,
      queues,
      clock,
      ...(activeStream === undefined
        ? {}
        : { beforeEvent: (at: number) => activeStream.deliverDue(at) }),
      // Noted as each call arrives: who the caller's last agent is, and whether that agent
      // could take a call at that moment.
      onArrive: (execution) => {
        const number = execution.input.customerAddress;
        const lastAgentId = number === undefined ? undefined : lastAgentOf.get(number);
        atArrival.set(execution.input.contactId, {
          lastAgentId,
          available: lastAgentId !== undefined && floor.isAvailable(lastAgentId, "VOICE"),
        });
      },
      ...(finalContactEvent === undefined
        ? {}
        : {
            onConnected: async (execution, agent, at) => {
              contactEventInvocations += 1;
              try {
                await finalContactEvent(
                  connectedToAgentEvent(execution, agent.arn, at, floor.instanceArn),
                );
              } catch {
                // A failed record is the system's business; the bench counts the invocation.
              }
            },
          }),
      onSettled: (result, settled, total) => {
        if (
          result.outcome.kind === "agent" &&
          result.execution.input.customerAddress !== undefined
        ) {
          lastAgentOf.set(result.execution.input.customerAddress, result.outcome.agent.id);
        }
        options.onProgress?.(settled, total);
      },
    });
    const stats = emulator.stats();
    return {
      system,
      traffic,
      contacts: traffic.calls.map((call, index) =>
        contactRecord(call, results[index], atArrival.get(call.contactId), throttledContacts),
      ),
      connectApiCalls: sumOf(stats.calls),
      connectApiThrottles: sumOf(stats.throttled),
      flowLambdaInvocations,
      contactEventInvocations,
      consumerInvocations,
      dynamoDbRequests: sumOf(dynamo.requestCount()) - consumerWritesAfterWindow,
      consumerDynamoDbRequests: consumerWrites,
      handlerWallMs,
      availableAgentIds,
      wallMs: performance.now() - wallStarted,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

function contactRecord(
  call: TrafficCall,
  result: ContactResult | undefined,
  arrival: { lastAgentId: string | undefined; available: boolean } | undefined,
  throttled: ReadonlySet<string>,
): ContactRecord {
  if (result === undefined) throw new Error(`No result for contact ${call.contactId}`);
  const { outcome, execution } = result;
  const fallback =
    (outcome.kind === "agent" || outcome.kind === "abandoned") &&
    outcome.queue.kind === "queue" &&
    outcome.queue.queue.role === "fallback";
  return {
    call,
    lastAgentId: arrival?.lastAgentId,
    lastAgentAvailable: arrival?.available ?? false,
    outcome: fallback ? "fallback-queue" : outcome.kind,
    agentId: outcome.kind === "agent" ? outcome.agent.id : undefined,
    timeToAgentMs: outcome.kind === "agent" ? outcome.connectedAt - execution.arrivedAt : undefined,
    throttled: throttled.has(call.contactId),
    firstOffer: firstOfferOf(execution),
    endCause: fallback || outcome.kind === "disconnected" ? endCauseOf(execution) : undefined,
  };
}

function endCauseOf(execution: ContactExecution): string {
  for (let index = execution.trace.length - 1; index >= 0; index -= 1) {
    const step = execution.trace[index];
    if (step === undefined) continue;
    if (step.kind === "error") return `error:${step.reason}`;
    if (step.kind === "loop" && step.done) return "offers-exhausted";
    if (step.kind === "lambda") {
      if (step.result !== "ok") return `lambda:${step.result}`;
      const { status, reason } = step.response ?? {};
      if (status === "none" || status === "unavailable") {
        return `none:${typeof reason === "string" ? reason : String(status)}`;
      }
    }
  }
  return "other";
}

function firstOfferOf(
  execution: ContactExecution,
): { readonly agentId: string | undefined; readonly reason: string } | undefined {
  const first = execution.trace.find((step) => step.kind === "lambda");
  if (first === undefined || first.kind !== "lambda") return undefined;
  if (first.response === undefined) return { agentId: undefined, reason: `error:${first.result}` };
  const { agentId, user, reason, presence } = first.response;
  const offered =
    typeof agentId === "string" ? agentId : typeof user === "string" ? user : undefined;
  const why = typeof reason === "string" ? reason : "seed-lookup";
  return {
    agentId: offered === "none" ? undefined : offered,
    reason: typeof presence === "string" ? `${why}/${presence}` : why,
  };
}

async function inBatches<T>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<void>,
  concurrency = 16,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index];
      if (item !== undefined) await work(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
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

function sumOf(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

function queueOf(
  instanceArn: string,
  name: string,
  role: QueueDefinition["role"],
): QueueDefinition {
  const id = `${name.toLowerCase()}-queue`;
  return { id, arn: `${instanceArn}/queue/${id}`, name, role };
}

function lambdaArnOf(name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}
