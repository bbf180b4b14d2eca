import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { assignmentFor, callerKey, parseCaller } from "@connect-affinity/core";
import { DynamoDbAffinityStore } from "@connect-affinity/core/dynamodb";
import type { SimAgent } from "../agents/sim-agent.js";
import { simulatedTableNames } from "../instance/connect-affinity-system.js";
import type { InstanceSite } from "../instance/instance-system.js";
import { DynamoDbSeedNumberTable } from "./baseline/seed-sdk-adapters.js";
import { seedTableName } from "./baseline/seed-system.js";
import type { BenchSystem } from "./bench-result.js";
import type { HistoryEntry } from "./traffic.js";

/** How long a history assignment lives: far beyond any cell. */
const historyLifetimeSeconds = 90 * 86_400;

/**
 * Writes who served each history caller last into the system's own table, as if those calls had
 * happened: the seed's number table for the baseline, affinity records for connect-affinity.
 * Preparation, done before counting starts.
 *
 * @param agents - the floor's agents, by the traffic's agent index.
 * @param startMs - the start of the window; history entries count back from it.
 */
export async function writeHistory(
  system: BenchSystem,
  site: InstanceSite,
  history: readonly HistoryEntry[],
  agents: readonly Pick<SimAgent, "id" | "agentArn">[],
  startMs: number,
): Promise<void> {
  const agentAt = (index: number): Pick<SimAgent, "id" | "agentArn"> => {
    const agent = agents[index];
    if (agent === undefined) throw new RangeError(`No agent at index ${index}`);
    return agent;
  };
  const client = new DynamoDBClient({ endpoint: site.dynamoDbEndpoint, region: site.region });
  try {
    if (system === "baseline") {
      const table = new DynamoDbSeedNumberTable(client, seedTableName);
      await inBatches(history, (entry) => table.put(entry.number, agentAt(entry.agentIndex).id));
      return;
    }
    const store = new DynamoDbAffinityStore({ client, tableName: simulatedTableNames.affinity });
    await inBatches(history, async (entry, index) => {
      const identity = parseCaller(entry.number);
      if (identity.kind !== "known") return;
      const agent = agentAt(entry.agentIndex);
      await store.save(
        assignmentFor({
          callerKey: callerKey(identity.e164),
          agent: { id: agent.id, arn: agent.agentArn },
          contactId: `history-${index}`,
          at: startMs - entry.agoMs,
          lifetimeSeconds: historyLifetimeSeconds,
        }),
      );
    });
  } finally {
    client.destroy();
  }
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
