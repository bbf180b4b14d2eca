import { Command } from "commander";
import { keyParts } from "../caller-keys.js";
import { columns, isoTime, plural } from "../format.js";
import { startProgress } from "../progress.js";
import { historyExpiresAt } from "../record-view.js";
import { type CommandContext, print } from "./command-context.js";

const day = 86_400_000;

/** The age brackets of a record's last contact. */
const ageBrackets = [
  { label: "under 1 day", below: day },
  { label: "1–7 days", below: 7 * day },
  { label: "7–30 days", below: 30 * day },
  { label: "30–90 days", below: 90 * day },
  { label: "90 days or more", below: Number.POSITIVE_INFINITY },
] as const;

/** What `stats` counts. */
export interface TableStats {
  readonly records: number;
  /**
   * Records keyed by a raw identity (a phone number, `email:…` or `customer:…`, written without
   * a caller-key secret).
   */
  readonly rawNumberKeys: number;
  readonly hashedKeys: number;
  /** Records in a `queue` or `channel` scope (`<key>#queue:…`, `<key>#channel:…`). */
  readonly scopedRecords: number;
  /** Records with a pinned agent (an ended pin included). */
  readonly pinned: number;
  /** Records that exclude at least one agent. */
  readonly withExclusions: number;
  /** Records whose history has expired (no pin or exclusion holds them) not swept yet. */
  readonly expired: number;
  readonly contactEntries: number;
  readonly unreadable: number;
  readonly lastContactAge: Readonly<Record<string, number>>;
  readonly oldestContactAt: number | undefined;
  readonly newestContactAt: number | undefined;
  /** The agents with most callers, most first (at most ten). */
  readonly topAgents: readonly { readonly agentId: string; readonly callers: number }[];
}

/** `stats`: counts and ages, from one scan of the table. */
export function statsCommand(context: CommandContext): Command {
  return new Command("stats")
    .description("count records, contact index entries and their ages (one scan of the table)")
    .action(async () => {
      const workspace = context.workspace();
      const now = Date.now();
      const total = await workspace.store.approximateItemCount();
      const bar = startProgress(context.io, "stats", total, context.globals().json !== true);
      let scanned = 0;
      const counts = {
        records: 0,
        rawNumberKeys: 0,
        hashedKeys: 0,
        scopedRecords: 0,
        pinned: 0,
        withExclusions: 0,
        expired: 0,
        contactEntries: 0,
        unreadable: 0,
      };
      const ages = new Map<string, number>(ageBrackets.map(({ label }) => [label, 0]));
      const agents = new Map<string, number>();
      let oldest: number | undefined;
      let newest: number | undefined;
      for await (const entry of workspace.store.entries({
        onPage: (items) => {
          scanned += items;
          bar.update(scanned);
        },
      })) {
        if (entry.kind === "contact") counts.contactEntries += 1;
        if (entry.kind === "unreadable") counts.unreadable += 1;
        if (entry.kind !== "record") continue;
        const { record } = entry;
        counts.records += 1;
        const { base, scope } = keyParts(record.callerKey);
        if (base.startsWith("h1:")) counts.hashedKeys += 1;
        else counts.rawNumberKeys += 1;
        if (scope !== undefined) counts.scopedRecords += 1;
        if (record.pin !== undefined) counts.pinned += 1;
        if (record.excludedAgentIds.length > 0) counts.withExclusions += 1;
        const held = record.pin !== undefined || record.excludedAgentIds.length > 0;
        const expiresAt = historyExpiresAt(record);
        if (!held && expiresAt !== undefined && expiresAt * 1000 <= now) counts.expired += 1;
        const latest = record.agents[0];
        if (latest !== undefined) agents.set(latest.agentId, (agents.get(latest.agentId) ?? 0) + 1);
        const at = record.lastContact?.at;
        // A record holding only a pin or exclusions has no contact to date.
        if (at === undefined) continue;
        const age = now - at;
        const bracket = ageBrackets.find(({ below }) => age < below) ?? ageBrackets[4];
        ages.set(bracket.label, (ages.get(bracket.label) ?? 0) + 1);
        oldest = Math.min(oldest ?? at, at);
        newest = Math.max(newest ?? at, at);
      }
      bar.stop();
      const stats: TableStats = {
        ...counts,
        lastContactAge: Object.fromEntries(ages),
        oldestContactAt: oldest,
        newestContactAt: newest,
        topAgents: [...agents]
          .sort(([a, left], [b, right]) => right - left || a.localeCompare(b))
          .slice(0, 10)
          .map(([agentId, callers]) => ({ agentId, callers })),
      };
      print(
        context,
        { tableName: workspace.settings.tableName, ...stats },
        statsText(workspace.settings.tableName, stats),
      );
    });
}

function statsText(tableName: string, stats: TableStats): string {
  return [
    `${tableName}:`,
    columns([
      [
        "  callers' records",
        `${stats.records.toLocaleString("en-US")} (${stats.hashedKeys.toLocaleString("en-US")} hashed, ${stats.rawNumberKeys.toLocaleString("en-US")} raw keys)`,
      ],
      ["  in a queue or channel scope", stats.scopedRecords.toLocaleString("en-US")],
      ["  with a pinned agent", stats.pinned.toLocaleString("en-US")],
      ["  excluding agents", stats.withExclusions.toLocaleString("en-US")],
      ["  expired, not yet swept", stats.expired.toLocaleString("en-US")],
      ["  contact index entries", stats.contactEntries.toLocaleString("en-US")],
      ["  unreadable items", stats.unreadable.toLocaleString("en-US")],
      ["  oldest last contact", isoTime(stats.oldestContactAt)],
      ["  newest last contact", isoTime(stats.newestContactAt)],
    ]),
    "Last contact:",
    columns(
      Object.entries(stats.lastContactAge).map(([label, count]) => [
        `  ${label}`,
        count.toLocaleString("en-US"),
      ]),
    ),
    ...(stats.topAgents.length === 0
      ? []
      : [
          "Agents with most customers (as their latest agent):",
          columns(
            stats.topAgents.map(({ agentId, callers }) => [
              `  ${agentId}`,
              plural(callers, "caller"),
            ]),
          ),
        ]),
  ].join("\n");
}
