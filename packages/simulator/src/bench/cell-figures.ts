import type { BenchSettings, CellResult, RateWithInterval } from "./bench-result.js";
import { costOf } from "./prices.js";
import type { CellRun } from "./run-cell.js";
import { percentage, percentile, ratio, rounded, spread, wilsonInterval } from "./statistics.js";
import { withinWaitMisses } from "./within-wait-miss.js";

/** Measurements made outside the simulation, per system and agent count. */
export interface OutsideMeasures {
  readonly decisionMs: readonly number[];
  readonly bundleBytes: number | null;
  readonly coldStartImportMs: number | null;
}

/** The stream consumer's function name (the agent-events bundle). */
const consumerTrigger = "agent-events";

/**
 * The figures of one run, as `results.json` carries them.
 *
 * - Per contact: the measured contacts' own work (their flow Lambdas and contact events,
 *   whenever they ran) plus the work that follows time within the measured interval (the
 *   stream consumer, schedules, the Kinesis shard), over the measured contacts.
 * - Last agent: returning calls judged at their route decision (see `RouteVerdict`), the share
 *   that reached that agent through any queue, with its 95 % Wilson interval.
 * - Dollars: units × the run's price list (see `prices.ts`); Lambda duration is the modelled
 *   latency of each invocation (`lambdaLatencyMs`) at the deployed memory size.
 */
export function cellFigures(
  run: CellRun,
  settings: BenchSettings,
  outside: OutsideMeasures,
): CellResult {
  const { contacts, functions } = run;
  const total = contacts.length;
  const perContact = (value: number, digits = 3): number | null =>
    rounded(ratio(value, total), digits);
  const fns = Object.entries(functions);
  const sum = (pick: (fn: (typeof fns)[number][1]) => number): number =>
    fns.reduce((acc, [, fn]) => acc + pick(fn), 0);

  const judged = contacts.filter((contact) => contact.verdict?.judged === true);
  const reached = judged.filter(
    (contact) =>
      contact.verdict?.judged === true && contact.agentId === contact.verdict.lastAgentId,
  );
  const notJudged: Record<string, number> = {};
  for (const contact of contacts) {
    if (contact.call.kind === "new" || contact.verdict?.judged === true) continue;
    const why = contact.verdict === undefined ? "no-route-decision" : contact.verdict.reason;
    notJudged[why] = (notJudged[why] ?? 0) + 1;
  }
  const lastAgentMisses: Record<string, number> = {};
  for (const contact of judged) {
    if (contact.verdict?.judged !== true || contact.agentId === contact.verdict.lastAgentId)
      continue;
    const offer = contact.firstOffer;
    const key =
      offer === undefined
        ? "no-offer"
        : offer.agentId === contact.verdict.lastAgentId
          ? "offered-then-lost"
          : `offered-elsewhere:${offer.reason}`;
    lastAgentMisses[key] = (lastAgentMisses[key] ?? 0) + 1;
  }
  const withinWait = contacts.filter(
    (contact) => contact.verdict?.judged === true || contact.freeWithinWait,
  );
  const reachedWithinWait = withinWait.filter(
    (contact) =>
      contact.verdict !== undefined &&
      "lastAgentId" in contact.verdict &&
      contact.agentId === contact.verdict.lastAgentId,
  );
  const behindClaims = contacts.filter(
    (contact) =>
      contact.verdict?.judged === true || contact.freeWithinWait || contact.freeBehindClaims,
  );
  const reachedBehindClaims = behindClaims.filter(
    (contact) =>
      contact.verdict !== undefined &&
      "lastAgentId" in contact.verdict &&
      contact.agentId === contact.verdict.lastAgentId,
  );
  const inVain = contacts
    .filter((contact) => contact.call.kind !== "new" && contact.waitedInVain)
    .map((contact) => contact.personalQueueMs / 1000);
  const personalStays = contacts.map((contact) => contact.personalQueueMs / 1000);
  const newCallerTimes = contacts.flatMap((contact) =>
    contact.call.kind === "new" && contact.timeToAgentMs !== undefined
      ? [contact.timeToAgentMs / 1000]
      : [],
  );
  const newCallerCounts = new Map<string, number>();
  for (const contact of contacts) {
    if (contact.call.kind !== "new" || contact.agentId === undefined) continue;
    newCallerCounts.set(contact.agentId, (newCallerCounts.get(contact.agentId) ?? 0) + 1);
  }
  const endCauses: Record<string, number> = {};
  for (const contact of contacts) {
    if (contact.endCause !== undefined) {
      endCauses[contact.endCause] = (endCauses[contact.endCause] ?? 0) + 1;
    }
  }
  const times = contacts.flatMap((contact) =>
    contact.timeToAgentMs === undefined ? [] : [contact.timeToAgentMs / 1000],
  );
  const count = (outcome: CellRun["contacts"][number]["outcome"]): number =>
    contacts.filter((contact) => contact.outcome === outcome).length;

  // Units, by function and by table/index.
  const readUnits = sum((fn) => fn.readUnits);
  const writeUnits = sum((fn) => fn.writeUnits);
  const byFunction = Object.fromEntries(
    fns.map(([name, fn]) => [
      name,
      { readUnits: perContact(fn.readUnits), writeUnits: perContact(fn.writeUnits) },
    ]),
  );
  const targets = new Map<string, { readUnits: number; writeUnits: number }>();
  for (const [, fn] of fns) {
    for (const [target, units] of Object.entries(fn.byTarget)) {
      const sums = targets.get(target) ?? { readUnits: 0, writeUnits: 0 };
      sums.readUnits += units.readUnits;
      sums.writeUnits += units.writeUnits;
      targets.set(target, sums);
    }
  }
  const byTarget = Object.fromEntries(
    [...targets].map(([target, units]) => [
      target,
      { readUnits: perContact(units.readUnits), writeUnits: perContact(units.writeUnits) },
    ]),
  );
  const indexWrites = [...targets]
    .filter(([target]) => target.includes("/"))
    .reduce((acc, [, units]) => acc + units.writeUnits, 0);
  const consumerWrites = fns
    .filter(([, fn]) => fn.trigger === consumerTrigger)
    .reduce((acc, [, fn]) => acc + fn.writeUnits, 0);

  // Lambda, Kinesis and dollars.
  const invocations = sum((fn) => fn.invocations);
  const flowInvocations = fns
    .filter(([, fn]) => fn.trigger === "flow")
    .reduce((acc, [, fn]) => acc + fn.invocations, 0);
  const gbSeconds =
    (invocations * settings.lambdaLatencyMs * settings.lambdaMemoryMb) / 1000 / 1024;
  const hasStream = fns.some(([, fn]) => fn.trigger === consumerTrigger);
  const shards = hasStream ? shardsNeeded(run, settings.kinesisShards) : 0;
  const shardHours = (shards * run.windowMs) / 3_600_000;
  const { prices } = settings;
  const dynamoDbUsd =
    costOf(readUnits, prices.dynamoDbReadRequestUnit) +
    costOf(writeUnits, prices.dynamoDbWriteRequestUnit);
  const lambdaUsd =
    costOf(invocations, prices.lambdaRequest) + costOf(gbSeconds, prices.lambdaGbSecond);
  const kinesisUsd =
    costOf(shardHours, prices.kinesisShardHour) +
    costOf(run.stream.putPayloadUnits, prices.kinesisPutPayloadUnit);
  const perThousand = (usd: number): number | null => rounded(ratio(usd * 1000, total), 4);

  return {
    system: run.system,
    agents: run.spec.agents,
    ratePerSecond: run.spec.ratePerSecond,
    durationSeconds: run.spec.durationMs / 1000,
    warmupSeconds: run.spec.model.warmupMs / 1000,
    preferredWaitSeconds: run.system === "baseline" ? 0 : settings.preferredWaitSeconds,
    wait: {
      lastAgentWithinWait: rateWithInterval(reachedWithinWait.length, withinWait.length),
      lastAgentWithinWaitMisses: withinWaitMisses(contacts),
      lastAgentWithinWaitBehindClaims: rateWithInterval(
        reachedBehindClaims.length,
        behindClaims.length,
      ),
      waitedInVain: {
        count: inVain.length,
        p50Seconds: rounded(percentile(inVain, 50), 1),
        p99Seconds: rounded(percentile(inVain, 99), 1),
        maxSeconds: inVain.length === 0 ? null : rounded(Math.max(...inVain), 1),
      },
      hungUpWaiting: contacts.filter((contact) => contact.hungUpInPersonalQueue).length,
      longestPersonalQueueSeconds:
        personalStays.length === 0 ? null : rounded(Math.max(...personalStays), 1),
      newCallerTimeToAgentP50Seconds: rounded(percentile(newCallerTimes, 50), 2),
    },
    load: {
      ...run.load,
      routableAgents: Math.round(run.load.routableAgents),
      offeredErlangs: rounded(run.load.offeredErlangs, 1) ?? 0,
      handleTimeScale: rounded(run.load.handleTimeScale, 4) ?? 0,
      meanTalkMs: Math.round(run.load.meanTalkMs),
      meanAfterContactWorkMs: Math.round(run.load.meanAfterContactWorkMs),
      occupancy: rounded(run.load.occupancy, 3) ?? 0,
    },
    contacts: total,
    returningContacts: contacts.filter((contact) => contact.call.kind !== "new").length,
    newContacts: contacts.filter((contact) => contact.call.kind === "new").length,
    lostToDirectory: contacts.filter((contact) => contact.lostToDirectory).length,
    connectApiCallsPerContact: perContact(sum((fn) => fn.connectCalls)),
    connectApiThrottlesPerContact: perContact(sum((fn) => fn.connectThrottles)),
    throttledContactsPercent: rounded(
      percentage(contacts.filter((contact) => contact.throttled).length, total),
      1,
    ),
    lambdaInvocationsPerContact: perContact(invocations),
    flowLambdaInvocationsPerContact: perContact(flowInvocations),
    invocationsByFunction: Object.fromEntries(
      fns.map(([name, fn]) => [name, perContact(fn.invocations)]),
    ),
    lambdaGbSecondsPerContact: perContact(gbSeconds, 5),
    dynamoDbRequestsPerContact: perContact(sum((fn) => fn.dynamoDbRequests)),
    dynamoDb: {
      readUnitsPerContact: perContact(readUnits),
      writeUnitsPerContact: perContact(writeUnits),
      byFunction,
      byTarget,
      indexWriteUnitsPerContact: perContact(indexWrites),
      consumerWriteUnitsPerContact: perContact(consumerWrites),
      heartbeatsPerContact: perContact(run.stream.heartbeats),
    },
    kinesisRecordsPerContact: perContact(run.stream.records),
    kinesisPutPayloadUnitsPerContact: perContact(run.stream.putPayloadUnits),
    kinesisShards: hasStream ? shards : null,
    kinesisShardHoursPerContact: perContact(shardHours, 7),
    costPerThousandContacts: {
      total: perThousand(dynamoDbUsd + lambdaUsd + kinesisUsd),
      dynamoDb: perThousand(dynamoDbUsd),
      lambda: perThousand(lambdaUsd),
      kinesis: perThousand(kinesisUsd),
    },
    lastAgent: rateWithInterval(reached.length, judged.length),
    notJudged,
    lastAgentMisses,
    newCallerSpread: rounded(spread(newCallerCounts), 2),
    timeToAgentP50Seconds: rounded(percentile(times, 50), 2),
    timeToAgentP99Seconds: rounded(percentile(times, 99), 2),
    decisionP50Ms: rounded(percentile(outside.decisionMs, 50), 3),
    decisionP99Ms: rounded(percentile(outside.decisionMs, 99), 3),
    handlerWallP50Ms: rounded(
      percentile(
        fns.flatMap(([, fn]) => fn.wallMs),
        50,
      ),
      2,
    ),
    handlerWallP99Ms: rounded(
      percentile(
        fns.flatMap(([, fn]) => fn.wallMs),
        99,
      ),
      2,
    ),
    bundleBytes: outside.bundleBytes,
    coldStartImportMs: outside.coldStartImportMs,
    endCauses,
    outcomes: {
      agent: count("agent"),
      fallbackQueue: count("fallback-queue"),
      disconnected: count("disconnected"),
      abandoned: count("abandoned"),
      deadEnd: count("dead-end"),
    },
    wallSeconds: rounded(run.wallMs / 1000, 1) ?? 0,
  };
}

/** A rate in percent with n and its 95 % Wilson interval. */
export function rateWithInterval(successes: number, n: number): RateWithInterval {
  const interval = wilsonInterval(successes, n);
  return {
    n,
    successes,
    percent: rounded(percentage(successes, n), 1),
    low: interval === undefined ? null : rounded(interval.low * 100, 1),
    high: interval === undefined ? null : rounded(interval.high * 100, 1),
  };
}

/** A provisioned shard takes up to 1,000 records and 1 MB per second of writes (Kinesis quotas). */
const shardRecordsPerSecond = 1000;
const shardBytesPerSecond = 1024 * 1024;

/**
 * The shards the agent event stream needs to carry what the measured interval wrote, at its
 * mean rate (no headroom for bursts), and never fewer than the settings deploy: a large floor
 * outgrows one shard (20,000 agents write about 170 heartbeats a second before any call).
 */
function shardsNeeded(run: CellRun, configured: number): number {
  const seconds = run.windowMs / 1000;
  if (!(seconds > 0)) return configured;
  return Math.max(
    configured,
    Math.ceil(run.stream.records / seconds / shardRecordsPerSecond),
    Math.ceil(run.stream.bytes / seconds / shardBytesPerSecond),
  );
}
