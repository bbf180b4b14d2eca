import { performance } from "node:perf_hooks";
import type { FaultRule } from "../connect-emulator/fault-rule.js";
import { connectAffinitySystem } from "../instance/connect-affinity-system.js";
import type { InstanceSystem, SystemFunction } from "../instance/instance-system.js";
import { buildSimulatedInstance, type SimulatedInstance } from "../instance/simulated-instance.js";
import { availableAgentEvent, connectedEvent, flowEvent, kinesisBatch } from "./chaos-events.js";
import type { BadEvent, ChaosCase, ChaosFault, ChaosHandler } from "./chaos-matrix.js";
import { type DynamoDbFaultProxy, startDynamoDbFaultProxy } from "./dynamodb-fault-proxy.js";

/** One row of the matrix: a handler invoked under a fault, and what became of it. */
export interface ChaosRow {
  readonly fault: string;
  readonly handler: ChaosHandler;
  /** What the invocation was given, when it is not the handler's usual event. */
  readonly event?: BadEvent;
  /** Wall-clock time the invocation took. */
  readonly ms: number;
  readonly budgetMs: number;
  readonly withinBudget: boolean;
  /** What it answered (`agent new-caller unverified`), or the error it threw. */
  readonly outcome: string;
  /** What, if anything, the contact center lost: `nothing`, or how it comes back, or LOST. */
  readonly lost: string;
  /** Answered within budget and nothing lost. */
  readonly ok: boolean;
}

/** The time each function has to answer: the flow's 4 s, and the consumer's Lambda timeout. */
const budgets: Readonly<Record<ChaosHandler, number>> = {
  route: 4_000,
  "next-agent": 4_000,
  "routing-criteria": 4_000,
  record: 4_000,
  "contact-event": 4_000,
  "agent-events": 28_000,
};

const returningCaller = "+819011110001";
const otherCaller = "+819011110002";
const oneMegabyte = "c".repeat(1_048_576);
/** Where the Connect faults start, in simulated time after the preparation. */
const faultStartMs = 60_000;

/**
 * Runs the real handler bundles on a simulated instance under each fault of `faults` and
 * reports one row per invocation. Each fault gets a fresh instance: prepared while everything
 * works (presence from a first stream batch, a returning caller recorded, a cursor issued),
 * then the fault is switched on and each case invoked directly, its wall time measured.
 */
export async function runChaos(
  faults: readonly ChaosFault[],
  onRow: (row: ChaosRow) => void = () => undefined,
): Promise<readonly ChaosRow[]> {
  const rows: ChaosRow[] = [];
  for (const fault of faults) {
    for (const row of await runFault(fault)) {
      rows.push(row);
      onRow(row);
    }
  }
  return rows;
}

async function runFault(fault: ChaosFault): Promise<readonly ChaosRow[]> {
  let proxy: DynamoDbFaultProxy | undefined;
  let functions: readonly SystemFunction[] = [];
  const deployed = connectAffinitySystem({
    flow: "agent-queue",
    fallbackQueue: true,
    maxAttempts: 5,
    lambdaTimeLimitSeconds: 5,
    language: "en-US",
    presence: fault.presence,
    // As a deployed stack: the caller-key secret fetched from a secret store, the cursor's key
    // derived from it.
    callerKeySecret: "managed",
  });
  // connect-affinity as deployed, but with DynamoDB reached through the fault proxy.
  const system: InstanceSystem = async (site) => {
    proxy = await startDynamoDbFaultProxy(site.dynamoDbEndpoint, () => Date.now());
    const installed = await deployed({ ...site, dynamoDbEndpoint: proxy.endpoint });
    functions = installed.functions;
    return installed;
  };
  const instance = await buildSimulatedInstance({
    instanceId: "c4a05000-0000-4000-8000-000000000017",
    startMs: Date.now(),
    seed: 17,
    agents: Array.from({ length: 6 }, (_, index) => ({ username: `agent${index + 1}` })),
    connect: { faults: connectFaults(fault.connect) },
    timing: { lambdaLatencyMs: 100, messageMs: 2_000 },
    system,
  });
  try {
    const invoke = (name: ChaosHandler, event: unknown): Promise<unknown> => {
      const fn = functions.find((candidate) => candidate.name === name);
      if (fn === undefined) throw new Error(`No ${name} function is deployed`);
      return fn.handler(event);
    };
    const context = await prepare(instance, fault, invoke);
    if (fault.dynamoDb !== undefined && proxy !== undefined) proxy.mode = fault.dynamoDb;
    if (fault.connect !== undefined) instance.clock.advanceBy(faultStartMs);
    const rows: ChaosRow[] = [];
    for (const [index, chaosCase] of fault.cases.entries()) {
      rows.push(await runCase(fault, chaosCase, index, context, invoke));
    }
    return rows;
  } finally {
    await proxy?.close();
    await instance.close();
  }
}

/** The Connect faults: every API, from `faultStartMs` on. */
function connectFaults(kind: ChaosFault["connect"]): readonly FaultRule[] {
  if (kind === undefined) return [];
  const apis = ["ListUsers", "SearchUsers", "DescribeUser", "GetCurrentUserData"] as const;
  return apis.map((api) => connectFault(api, kind));
}

function connectFault(api: FaultRule["api"], kind: NonNullable<ChaosFault["connect"]>): FaultRule {
  switch (kind) {
    case "throttle":
      return { api, from: faultStartMs, kind: "throttle" };
    case "error":
      return { api, from: faultStartMs, kind: "error" };
    case "hang":
      return { api, from: faultStartMs, kind: "latency", latencyMs: 20_000 };
  }
}

/** What the cases need from the preparation. */
interface Prepared {
  readonly instanceArn: string;
  readonly agentArns: readonly string[];
  readonly agentIds: readonly string[];
  /** A cursor `route` issued for contact `c-next`. */
  readonly cursor: string;
  readonly now: () => number;
}

async function prepare(
  instance: SimulatedInstance,
  fault: ChaosFault,
  invoke: (name: ChaosHandler, event: unknown) => Promise<unknown>,
): Promise<Prepared> {
  const { instanceArn } = instance.site;
  const agents = instance.floor.list();
  const now = (): number => instance.clock.now();
  if (fault.presence === "event-stream") {
    await invoke(
      "agent-events",
      kinesisBatch(agents.map((agent) => availableAgentEvent(agent.agentArn, now()))),
    );
  }
  const first = agents[0];
  if (first === undefined) throw new Error("the chaos instance has agents");
  await invoke("route", flowEvent(instanceArn, "c-prepare", returningCaller));
  await invoke(
    "record",
    flowEvent(instanceArn, "c-prepare", returningCaller, { agentId: first.id }),
  );
  const routed = (await invoke("route", flowEvent(instanceArn, "c-next", otherCaller))) as {
    readonly cursor?: string;
  };
  return {
    instanceArn,
    agentArns: agents.map((agent) => agent.agentArn),
    agentIds: agents.map((agent) => agent.id),
    cursor: routed.cursor ?? "none",
    now,
  };
}

async function runCase(
  fault: ChaosFault,
  chaosCase: ChaosCase,
  index: number,
  prepared: Prepared,
  invoke: (name: ChaosHandler, event: unknown) => Promise<unknown>,
): Promise<ChaosRow> {
  const event =
    chaosCase.kind === "normal"
      ? normalEvent(chaosCase.handler, index, prepared)
      : badEvent(chaosCase.handler, chaosCase.event, prepared);
  const started = performance.now();
  let settled: { readonly answer: unknown } | { readonly error: unknown };
  try {
    settled = { answer: await invoke(chaosCase.handler, event) };
  } catch (error) {
    settled = { error };
  }
  const ms = Math.round(performance.now() - started);
  const budgetMs = budgets[chaosCase.handler];
  const judged = judge(chaosCase, settled);
  return {
    fault: fault.name,
    handler: chaosCase.handler,
    ...(chaosCase.kind === "bad-event" ? { event: chaosCase.event } : {}),
    ms,
    budgetMs,
    withinBudget: ms <= budgetMs,
    outcome: judged.outcome,
    lost: judged.lost,
    ok: ms <= budgetMs && !judged.lost.startsWith("LOST"),
  };
}

function normalEvent(handler: ChaosHandler, index: number, prepared: Prepared): unknown {
  const { instanceArn } = prepared;
  const contactId = `c-chaos-${index}`;
  switch (handler) {
    case "route":
    case "routing-criteria":
      return flowEvent(instanceArn, contactId, returningCaller);
    case "next-agent":
      return flowEvent(instanceArn, "c-next", otherCaller, { cursor: prepared.cursor });
    case "record":
      return flowEvent(instanceArn, contactId, returningCaller, {
        agentId: prepared.agentIds[1] ?? "",
      });
    case "contact-event":
      return connectedEvent(instanceArn, "c-prepare", prepared.agentArns[1] ?? "", prepared.now());
    case "agent-events":
      return kinesisBatch(
        prepared.agentArns.map((arn) => availableAgentEvent(arn, prepared.now())),
      );
  }
}

function badEvent(handler: ChaosHandler, kind: BadEvent, prepared: Prepared): unknown {
  const { instanceArn } = prepared;
  const agentArn = prepared.agentArns[0] ?? "";
  const now = prepared.now();
  const farFuture = Date.parse("2999-01-01T00:00:00.000Z");
  switch (kind) {
    case "malformed":
      return handler === "contact-event"
        ? { source: "aws.connect", "detail-type": "Amazon Connect Contact Event", detail: {} }
        : { Details: { ContactData: { ContactId: "c-bad", Channel: "FAX" } } };
    case "oversized-contact-id":
      return handler === "contact-event"
        ? connectedEvent(instanceArn, oneMegabyte, agentArn, now)
        : flowEvent(instanceArn, oneMegabyte, returningCaller, {
            agentId: prepared.agentIds[0] ?? "",
          });
    case "forged-cursor":
      return flowEvent(instanceArn, "c-next", otherCaller, {
        cursor: Buffer.from(JSON.stringify({ v: 1, s: 42, n: 1 })).toString("base64url"),
      });
    case "future-time":
      return handler === "contact-event"
        ? connectedEvent(instanceArn, "c-prepare", agentArn, farFuture)
        : kinesisBatch([availableAgentEvent(agentArn, farFuture)]);
    case "poison-record":
      return kinesisBatch(["not json", availableAgentEvent(agentArn, now)]);
    case "oversized-agent-arn":
      return kinesisBatch([
        availableAgentEvent(`${instanceArn}/agent/${"+819012345678".repeat(16_000)}`, now),
      ]);
    case "watermark-agent-arn":
      return kinesisBatch([availableAgentEvent(`${instanceArn}/agent/#stream`, farFuture)]);
    case "large-batch":
      return kinesisBatch(
        Array.from({ length: 1_000 }, (_, index) =>
          availableAgentEvent(prepared.agentArns[index % prepared.agentArns.length] ?? "", now),
        ),
      );
  }
}

/** What an answer or an error means for the contact center. */
function judge(
  chaosCase: ChaosCase,
  settled: { readonly answer: unknown } | { readonly error: unknown },
): { readonly outcome: string; readonly lost: string } {
  const { handler } = chaosCase;
  if ("error" in settled) {
    const code = codeOf(settled.error);
    const outcome = `error ${code}`;
    if (chaosCase.kind === "bad-event") {
      return { outcome, lost: "nothing: refused, the flow's error branch falls back" };
    }
    switch (handler) {
      case "record":
        return { outcome, lost: "nothing yet: the flow transfers; contact-event records it" };
      case "contact-event":
        return { outcome, lost: "nothing yet: EventBridge retries the event" };
      case "agent-events":
        return { outcome, lost: "nothing: Kinesis retries the batch" };
      default:
        return { outcome, lost: "LOST: the flow's error branch instead of an answer" };
    }
  }
  const { status, reason, presence, batchItemFailures } = settled.answer as {
    readonly status?: unknown;
    readonly reason?: unknown;
    readonly presence?: unknown;
    readonly batchItemFailures?: readonly unknown[];
  };
  switch (handler) {
    case "route":
    case "next-agent":
      return { outcome: [status, reason, presence].join(" "), lost: "nothing" };
    case "routing-criteria":
    case "record":
      return { outcome: [status, reason].join(" "), lost: "nothing" };
    case "contact-event":
      return {
        outcome: [status, reason].join(" "),
        lost: status === "rejected" ? "nothing: invalid, refused without retry" : "nothing",
      };
    case "agent-events": {
      const failures = batchItemFailures?.length ?? 0;
      return failures > 0
        ? { outcome: `${failures} batch item failure`, lost: "nothing: Kinesis retries the batch" }
        : { outcome: "batch done", lost: "nothing" };
    }
  }
}

function codeOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error) {
    return String((error as { readonly code: unknown }).code);
  }
  return error instanceof Error ? error.name : "UNEXPECTED";
}
