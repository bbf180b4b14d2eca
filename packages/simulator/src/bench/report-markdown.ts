import {
  type BenchResults,
  type BenchSystem,
  benchSystems,
  type CellResult,
  systemLabels,
} from "./bench-result.js";

const dash = "—";

/** A number for a table cell; `null` (no sample, or does not apply) as a dash. */
export function cellText(value: number | null, digits = 2): string {
  if (value === null) return dash;
  return value.toLocaleString("en-US", {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  });
}

/**
 * The table of one agent count: a row per system and rate, a column per figure.
 */
export function agentTable(results: readonly CellResult[], agents: number): string {
  const rows = results
    .filter((result) => result.agents === agents)
    .sort(
      (a, b) =>
        a.ratePerSecond - b.ratePerSecond ||
        benchSystems.indexOf(a.system) - benchSystems.indexOf(b.system),
    );
  const header = [
    "Rate/s",
    "System",
    "Contacts",
    "Connect API calls/contact",
    "Throttled contacts %",
    "Lambda inv./contact (flow + consumer + contact-event)",
    "DynamoDB req./contact (consumer)",
    "Last agent reached % (judged)",
    "New-caller spread max/mean (coverage %)",
    "Time to agent p50 / p99 s",
    "Decision p50 / p99 ms",
    "Handler wall p50 / p99 ms",
    "Agent / fallback / disconnected / abandoned",
  ];
  const lines = [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, index) => (index < 2 ? "---" : "---:")).join("|")}|`,
  ];
  for (const row of rows) {
    lines.push(
      `| ${[
        String(row.ratePerSecond),
        systemLabels[row.system],
        String(row.contacts),
        cellText(row.connectApiCallsPerContact, 3),
        cellText(row.throttledContactsPercent, 1),
        `${cellText(row.lambdaInvocationsPerContact)} (${cellText(row.flowLambdaInvocationsPerContact)} + ${cellText(row.consumerInvocationsPerContact)} + ${cellText(contactEventShare(row))})`,
        `${cellText(row.dynamoDbRequestsPerContact)} (${cellText(row.consumerDynamoDbRequestsPerContact)})`,
        `${cellText(row.reachedLastAgentPercent, 1)} (${row.lastAgentAvailableContacts})`,
        `${cellText(row.newCallerSpread)} (${cellText(row.newCallerCoveragePercent, 0)})`,
        `${cellText(row.timeToAgentP50Seconds)} / ${cellText(row.timeToAgentP99Seconds)}`,
        `${cellText(row.decisionP50Ms, 3)} / ${cellText(row.decisionP99Ms, 3)}`,
        `${cellText(row.handlerWallP50Ms, 1)} / ${cellText(row.handlerWallP99Ms, 1)}`,
        `${row.outcomes.agent} / ${row.outcomes.fallbackQueue} / ${row.outcomes.disconnected} / ${row.outcomes.abandoned}`,
      ].join(" | ")} |`,
    );
  }
  const misses = rows.filter((row) => Object.keys(row.lastAgentMisses).length > 0);
  if (misses.length > 0) {
    lines.push(
      "",
      "Returning callers who missed their available last agent, by what the first Lambda did:",
    );
    for (const row of misses) {
      const detail = Object.entries(row.lastAgentMisses)
        .sort((a, b) => b[1] - a[1])
        .map(([why, count]) => `${why} ${count}`)
        .join(", ");
      lines.push(`- ${row.ratePerSecond}/s, ${systemLabels[row.system]}: ${detail}`);
    }
  }
  const ended = rows.filter((row) => Object.keys(row.endCauses).length > 0);
  if (ended.length > 0) {
    lines.push("", "What sent calls to the fallback queue or hung up on them:");
    for (const row of ended) {
      const detail = Object.entries(row.endCauses)
        .sort((a, b) => b[1] - a[1])
        .map(([why, count]) => `${why} ${count}`)
        .join(", ");
      lines.push(`- ${row.ratePerSecond}/s, ${systemLabels[row.system]}: ${detail}`);
    }
  }
  return lines.join("\n");
}

function contactEventShare(row: CellResult): number | null {
  const {
    lambdaInvocationsPerContact,
    flowLambdaInvocationsPerContact,
    consumerInvocationsPerContact,
  } = row;
  if (
    lambdaInvocationsPerContact === null ||
    flowLambdaInvocationsPerContact === null ||
    consumerInvocationsPerContact === null
  ) {
    return null;
  }
  const share =
    lambdaInvocationsPerContact - flowLambdaInvocationsPerContact - consumerInvocationsPerContact;
  return Math.round(Math.max(0, share) * 1000) / 1000;
}

/** `out/bench/report.md`: settings, the 1,000-agent table first, then the others, then bundles. */
export function reportMarkdown(results: BenchResults): string {
  const agentCounts = [...new Set(results.results.map((result) => result.agents))].sort((a, b) =>
    a === 1000 ? -1 : b === 1000 ? 1 : a - b,
  );
  const { settings } = results;
  const sections = [
    `# connect-affinity benchmark (${results.grid} grid)`,
    "",
    `Generated ${results.generatedAt} on Node ${results.node}, seed ${results.seed}, ` +
      `${results.wallSeconds.toFixed(0)} s of wall time.`,
    "",
    `Every cell: ${pct(settings.returningShare)} returning callers, ${pct(settings.availableShare)} ` +
      `of agents available, talk times scaled for ${pct(settings.occupancy)} occupancy, Connect ` +
      `quota ${settings.quota.ratePerSecond}/s burst ${settings.quota.burst} per API, ` +
      `${settings.lambdaLatencyMs} ms per Lambda invocation, ${settings.messageSeconds} s per ` +
      `message, stream consumer polled every ${settings.consumerPollMs} ms. ` +
      "baseline = the seed's behaviour, for comparison, never shipped. See BENCH.md for the method.",
    "",
  ];
  for (const agents of agentCounts) {
    sections.push(
      `## ${agents.toLocaleString("en-US")} agents`,
      "",
      agentTable(results.results, agents),
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

/** The systems a report must hold for every cell. */
export function missingEntries(results: BenchResults): string[] {
  const cells = new Set(
    results.results.map((result) => `${result.agents}x${result.ratePerSecond}`),
  );
  const missing: string[] = [];
  for (const cell of cells) {
    for (const system of benchSystems) {
      const found = results.results.some(
        (result) => `${result.agents}x${result.ratePerSecond}` === cell && result.system === system,
      );
      if (!found) missing.push(`${system} @ ${cell}`);
    }
  }
  return missing;
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export type { BenchSystem };
