import {
  type BenchResults,
  type BenchSystem,
  benchSystems,
  type CellResult,
  systemLabels,
} from "./bench-result.js";
import type { Price } from "./prices.js";
import { evaluateTargets } from "./targets.js";

const dash = "—";

/** A number for a table cell; `null` (no sample, or does not apply) as a dash. */
export function cellText(value: number | null, digits = 2): string {
  if (value === null) return dash;
  return value.toLocaleString("en-US", {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}

/** `91.5 % [81.6–96.3] (59)`: a rate, its 95 % Wilson interval and n. */
function rateText(rate: CellResult["lastAgent"]): string {
  if (rate.n === 0) return `${dash} (0)`;
  return `${cellText(rate.percent, 1)} [${cellText(rate.low, 1)}–${cellText(rate.high, 1)}] (${rate.n})`;
}

/** The table of one agent count: a row per system and rate, a column per figure. */
export function agentTable(results: readonly CellResult[], agents: number): string {
  const rows = rowsOf(results, agents);
  const header = [
    "Rate/s",
    "System",
    "Contacts",
    "Talk + ACW mean s (scale)",
    "Lost to directory",
    "Connect API calls / throttles per contact",
    "Throttled %",
    "Lambda inv./contact (flow)",
    "RCU / WCU per contact",
    "WCU: index / consumer; heartbeats per contact",
    "$ / 1,000 contacts",
    "Last agent % [95 % CI] (n judged)",
    "Decision p50 / p99 ms",
    "Time to agent p50 / p99 s",
    "Agent / fallback / disconnected / abandoned",
  ];
  const lines = [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, index) => (index < 2 ? "---" : "---:")).join("|")}|`,
  ];
  for (const row of rows) {
    const { dynamoDb, load } = row;
    lines.push(
      `| ${[
        String(row.ratePerSecond),
        systemLabels[row.system],
        String(row.contacts),
        `${cellText(load.meanTalkMs / 1000, 1)} + ${cellText(load.meanAfterContactWorkMs / 1000, 1)} (${cellText(load.handleTimeScale, 3)})`,
        String(row.lostToDirectory),
        `${cellText(row.connectApiCallsPerContact, 3)} / ${cellText(row.connectApiThrottlesPerContact, 3)}`,
        cellText(row.throttledContactsPercent, 1),
        `${cellText(row.lambdaInvocationsPerContact)} (${cellText(row.flowLambdaInvocationsPerContact)})`,
        `${cellText(dynamoDb.readUnitsPerContact)} / ${cellText(dynamoDb.writeUnitsPerContact)}`,
        `${cellText(dynamoDb.indexWriteUnitsPerContact)} / ${cellText(dynamoDb.consumerWriteUnitsPerContact)}; ${cellText(dynamoDb.heartbeatsPerContact)}`,
        cellText(row.costPerThousandContacts.total, 4),
        rateText(row.lastAgent),
        `${cellText(row.decisionP50Ms, 3)} / ${cellText(row.decisionP99Ms, 3)}`,
        `${cellText(row.timeToAgentP50Seconds)} / ${cellText(row.timeToAgentP99Seconds)}`,
        `${row.outcomes.agent} / ${row.outcomes.fallbackQueue} / ${row.outcomes.disconnected} / ${row.outcomes.abandoned}`,
      ].join(" | ")} |`,
    );
  }
  lines.push(...details(rows));
  return lines.join("\n");
}

function rowsOf(results: readonly CellResult[], agents: number): CellResult[] {
  return results
    .filter((result) => result.agents === agents)
    .sort(
      (a, b) =>
        a.ratePerSecond - b.ratePerSecond ||
        benchSystems.indexOf(a.system) - benchSystems.indexOf(b.system) ||
        a.preferredWaitSeconds - b.preferredWaitSeconds,
    );
}

/**
 * The bounded wait, a row per connect-affinity run: the last-agent rate at the decision and
 * within the wait, who waited in vain, who hung up waiting, the longest personal-queue stay,
 * new callers' time to agent beside the same cell and system without the wait, and the flow's
 * Lambda invocations per contact.
 */
export function waitTable(results: readonly CellResult[]): string {
  const rows = results
    .filter((row) => row.system !== "baseline")
    .sort(
      (a, b) =>
        a.agents - b.agents ||
        a.ratePerSecond - b.ratePerSecond ||
        benchSystems.indexOf(a.system) - benchSystems.indexOf(b.system) ||
        a.preferredWaitSeconds - b.preferredWaitSeconds,
    );
  const header = [
    "Cell",
    "System",
    "Wait s",
    "Last agent at decision % [95 % CI] (n)",
    "Last agent, free within the wait % [95 % CI] (n)",
    "Its misses, by cause",
    "Also behind the contacts ahead % [95 % CI] (n)",
    "Waited in vain: n, p50 / p99 / max s",
    "Hung up waiting",
    "Longest personal-queue stay s",
    "New callers' time to agent p50 s (wait 0)",
    "Flow Lambda inv./contact",
  ];
  const lines = [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, index) => (index < 2 ? "---" : "---:")).join("|")}|`,
  ];
  for (const row of rows) {
    const { wait } = row;
    const unwaited = results.find(
      (other) =>
        other.agents === row.agents &&
        other.ratePerSecond === row.ratePerSecond &&
        other.system === row.system &&
        other.preferredWaitSeconds === 0,
    );
    const vain = wait.waitedInVain;
    lines.push(
      `| ${[
        `${row.agents.toLocaleString("en-US")} × ${row.ratePerSecond}/s`,
        systemLabels[row.system],
        String(row.preferredWaitSeconds),
        rateText(row.lastAgent),
        rateText(wait.lastAgentWithinWait),
        causesText(wait.lastAgentWithinWaitMisses ?? {}),
        // Rows written before this judgement existed have none.
        wait.lastAgentWithinWaitBehindClaims === undefined
          ? "—"
          : rateText(wait.lastAgentWithinWaitBehindClaims),
        `${vain.count}, ${cellText(vain.p50Seconds, 1)} / ${cellText(vain.p99Seconds, 1)} / ${cellText(vain.maxSeconds, 1)}`,
        String(wait.hungUpWaiting),
        cellText(wait.longestPersonalQueueSeconds, 1),
        `${cellText(wait.newCallerTimeToAgentP50Seconds)} (${cellText(unwaited?.wait.newCallerTimeToAgentP50Seconds ?? null)})`,
        cellText(row.flowLambdaInvocationsPerContact),
      ].join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

/** Causes and counts, the most frequent first (`—` for none). */
function causesText(causes: Readonly<Record<string, number>>): string {
  const entries = Object.entries(causes).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? "—" : entries.map(([why, count]) => `${why} ${count}`).join(", ");
}

/** Where the units went, why judged calls missed, what ended calls elsewhere. */
function details(rows: readonly CellResult[]): string[] {
  const lines: string[] = [];
  const listing = (title: string, pick: (row: CellResult) => Readonly<Record<string, number>>) => {
    const listed = rows.filter((row) => Object.keys(pick(row)).length > 0);
    if (listed.length === 0) return;
    lines.push("", title);
    for (const row of listed) {
      const detail = Object.entries(pick(row))
        .sort((a, b) => b[1] - a[1])
        .map(([why, count]) => `${why} ${count}`)
        .join(", ");
      lines.push(`- ${row.ratePerSecond}/s, ${systemLabels[row.system]}: ${detail}`);
    }
  };
  const units = rows.filter((row) => Object.keys(row.dynamoDb.byFunction).length > 0);
  if (units.length > 0) {
    lines.push("", "DynamoDB read / write units per contact, by function and by table/index:");
    for (const row of units) {
      const part = (record: CellResult["dynamoDb"]["byFunction"]): string =>
        Object.entries(record)
          .filter(([, value]) => (value.readUnits ?? 0) > 0 || (value.writeUnits ?? 0) > 0)
          .map(
            ([name, value]) => `${name} ${cellText(value.readUnits)}/${cellText(value.writeUnits)}`,
          )
          .join(", ");
      lines.push(
        `- ${row.ratePerSecond}/s, ${systemLabels[row.system]}: ${part(row.dynamoDb.byFunction)} — ${part(row.dynamoDb.byTarget)}`,
      );
    }
  }
  listing(
    "Judged returning callers who missed their last agent, by what the first Lambda did:",
    (row) => row.lastAgentMisses,
  );
  listing(
    "Returning callers judged free at the decision or within the wait who missed their last agent, by cause:",
    // Rows written before the breakdown existed have none.
    (row) => row.wait.lastAgentWithinWaitMisses ?? {},
  );
  listing("Returning calls not judged, by why:", (row) => row.notJudged);
  listing("What sent calls to the fallback queue or hung up on them:", (row) => row.endCauses);
  return lines;
}

function priceLine(name: string, price: Price): string {
  return `| ${name} | $${price.usd} per ${price.per.toLocaleString("en-US")} ${price.unit} | ${price.checked} | ${price.source} |`;
}

/** `out/bench/report.md`: settings, targets, the 1,000-agent table first, then the others. */
export function reportMarkdown(results: BenchResults): string {
  const agentCounts = [...new Set(results.results.map((result) => result.agents))].sort((a, b) =>
    a === 1000 ? -1 : b === 1000 ? 1 : a - b,
  );
  const { settings } = results;
  const { traffic, prices } = settings;
  const seconds = (ms: number): string => cellText(ms / 1000, 1);
  const sections = [
    `# connect-affinity benchmark (${results.grid})`,
    "",
    `Generated ${results.generatedAt} on Node ${results.node}, seed ${results.seed}, ` +
      `${results.wallSeconds.toFixed(0)} s of wall time, peak RSS ${Math.round(results.peakRssKb / 1024)} MB.`,
    "",
    `Traffic: ${Math.round(traffic.returningShare * 100)} % returning callers (each from a history ` +
      `${seconds(traffic.previousCallAgo.minMs)} s to ${Math.round(traffic.previousCallAgo.maxMs / 86_400_000)} days back, calling once), ` +
      `talk ${traffic.talkTime.kind} mean ${seconds("meanMs" in traffic.talkTime ? traffic.talkTime.meanMs : 0)} s, ` +
      `after-contact work ${traffic.afterContactWork.kind} mean ${seconds("meanMs" in traffic.afterContactWork ? traffic.afterContactWork.meanMs : 0)} s ` +
      `(load \`${traffic.load}\`: scaled where the floor cannot carry them at ${Math.round(traffic.targetOccupancy * 100)} % occupancy), ` +
      `${Math.round(traffic.onShiftShare * 100)} % of agents on shift with breaks, stream delay ${traffic.streamDelay.kind}, ` +
      `redials ${traffic.redialShare}, warm-up ${seconds(traffic.warmupMs)} s. Connect quota ${settings.quota.ratePerSecond}/s burst ${settings.quota.burst} per API, ` +
      `${settings.lambdaLatencyMs} ms per Lambda invocation at ${settings.lambdaMemoryMb} MB, ${settings.messageSeconds} s per message, ` +
      `stream read every ${settings.consumerPollMs} ms in batches of ${settings.streamBatchSize}, at least ${settings.kinesisShards} shard (more where a cell's stream needs them: \`kinesisShards\` in results.json). ` +
      "baseline = the seed's behaviour, for comparison, never shipped. See BENCH.md for the method.",
    "",
    `Prices (${prices.region}, looked up ${prices.asOf}):`,
    "",
    "| Item | Price | Checked | Source |",
    "|---|---|---|---|",
    priceLine("DynamoDB reads", prices.dynamoDbReadRequestUnit),
    priceLine("DynamoDB writes", prices.dynamoDbWriteRequestUnit),
    priceLine("Lambda requests", prices.lambdaRequest),
    priceLine("Lambda duration", prices.lambdaGbSecond),
    priceLine("Kinesis shard", prices.kinesisShardHour),
    priceLine("Kinesis PUTs", prices.kinesisPutPayloadUnit),
    "",
  ];
  const targets = evaluateTargets(results.results);
  sections.push(
    "## Targets (event-stream presence)",
    "",
    "| Cell | Target | Measured | Verdict |",
    "|---|---|---:|---|",
    ...targets.map(
      (target) =>
        `| ${target.cell.agents.toLocaleString("en-US")} × ${target.cell.ratePerSecond}/s | ${target.name} | ${target.measured} | ${target.verdict} |`,
    ),
    "",
  );
  for (const agents of agentCounts) {
    sections.push(
      `## ${agents.toLocaleString("en-US")} agents`,
      "",
      agentTable(results.results, agents),
      "",
    );
  }
  if (results.results.some((row) => row.system !== "baseline")) {
    sections.push(
      "## The preferred wait (connect-affinity)",
      "",
      `Preferred wait: ${settings.preferredWaitSeconds} s unless the row says otherwise. See BENCH.md, "The preferred wait", for the judge.`,
      "",
      waitTable(results.results),
      "",
    );
  }
  sections.push(
    "## Bundles",
    "",
    "| Bundle | Size | Gzipped | Cold-start import (median) |",
    "|---|---:|---:|---:|",
  );
  for (const bundle of results.bundles) {
    sections.push(
      `| ${bundle.name} | ${(bundle.bytes / 1024).toFixed(0)} KB | ${(bundle.gzipBytes / 1024).toFixed(0)} KB | ${bundle.importMedianMs.toFixed(1)} ms |`,
    );
  }
  sections.push(
    "",
    "The baseline is not bundled: the seed shipped Python source, and this rewrite is never deployed.",
    "",
  );
  return sections.join("\n");
}

/** The systems a report must hold for every cell it ran. */
export function missingEntries(
  results: BenchResults,
  systems: readonly BenchSystem[] = benchSystems,
): string[] {
  const cells = new Set(
    results.results.map((result) => `${result.agents}x${result.ratePerSecond}`),
  );
  const missing: string[] = [];
  for (const cell of cells) {
    for (const system of systems) {
      const found = results.results.some(
        (result) => `${result.agents}x${result.ratePerSecond}` === cell && result.system === system,
      );
      if (!found) missing.push(`${system} @ ${cell}`);
    }
  }
  return missing;
}

export type { BenchSystem };
