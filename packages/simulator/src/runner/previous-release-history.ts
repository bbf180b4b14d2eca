import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { customerIdentities, identityKey } from "@connect-affinity/core";
import { simulatedTableNames } from "../instance/connect-affinity-system.js";
import type { InstanceSite } from "../instance/instance-system.js";
import { type ScenarioPlan, uuidOf } from "../scenario/scenario-plan.js";

/** The affinity lifetime the previous release gave an item (90 days, its default). */
const lifetimeSeconds = 90 * 86_400;

/** A history entry as the ground truth of "last agent" takes it: the caller's number, the agent. */
export interface HistoryCall {
  readonly number: string;
  readonly agentId: string;
}

/**
 * Writes the scenario's `history` as the previous release stored it: one version-1 item per
 * number (`agentId`, `agentArn`, `lastContactAt`, `lastContactId`, `contactCount`,
 * `expiresAt`, no `v`), under the number in E.164 (the simulated handlers use no caller-key
 * secret). This release must read those items and upgrade them on their next save.
 * Preparation, before the run is counted. Answers the entries for the ground truth.
 */
export async function writePreviousReleaseHistory(
  plan: ScenarioPlan,
  site: InstanceSite,
  startMs: number,
): Promise<readonly HistoryCall[]> {
  const { scenario } = plan;
  if (scenario.history.length === 0) return [];
  const callers = new Map(scenario.callers.map((caller) => [caller.name, caller]));
  const agents = new Map(plan.agents.map((agent) => [agent.username, agent]));
  const client = new DynamoDBClient({ endpoint: site.dynamoDbEndpoint, region: site.region });
  const written: HistoryCall[] = [];
  try {
    for (const [index, entry] of scenario.history.entries()) {
      const number = callers.get(entry.caller)?.number;
      const agent = agents.get(entry.agent);
      const [identity] = customerIdentities(
        { channel: "VOICE", customerAddress: number },
        ["phone"],
        // As the simulated handlers read national numbers (DEFAULT_CALLING_CODE).
        { defaultCallingCode: "81" },
      );
      if (number === undefined || agent === undefined || identity === undefined) {
        throw new RangeError(`history[${index}]: no number or agent to write it for`);
      }
      const at = startMs - entry.secondsBefore * 1000;
      await client.send(
        new PutItemCommand({
          TableName: simulatedTableNames.affinity,
          Item: {
            callerKey: { S: identityKey(identity) },
            agentId: { S: agent.id },
            agentArn: { S: `${site.instanceArn}/agent/${agent.id}` },
            lastContactAt: { N: String(at) },
            lastContactId: { S: uuidOf(`history:${scenario.seed}:${index}`) },
            contactCount: { N: "1" },
            expiresAt: { N: String(Math.floor(at / 1000) + lifetimeSeconds) },
          },
        }),
      );
      written.push({ number, agentId: agent.id });
    }
  } finally {
    client.destroy();
  }
  return written;
}
