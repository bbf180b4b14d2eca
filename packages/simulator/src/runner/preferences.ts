import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { customerIdentities, type IdentitySource, identityKey } from "@connect-affinity/core";
import { DynamoDbAffinityStore } from "@connect-affinity/core/dynamodb";
import { simulatedTableNames } from "../instance/connect-affinity-system.js";
import type { InstanceSite } from "../instance/instance-system.js";
import type { ScenarioPlan } from "../scenario/scenario-plan.js";

const allSources: readonly IdentitySource[] = ["customer-key", "phone", "email"];

/**
 * Writes the scenario's `preferences` (pins and exclusions) as the operations tool would: with
 * core's `DynamoDbAffinityStore`, under each caller's identity key, the first their identities
 * yield by the scenario's identity sources (a customer key, else the number, else the email
 * address). Preparation, before the run is counted. The simulated handlers use no caller-key
 * secret, so neither does this.
 */
export async function writePreferences(
  plan: ScenarioPlan,
  site: InstanceSite,
  startMs: number,
): Promise<void> {
  const { scenario } = plan;
  if (scenario.preferences.length === 0) return;
  const callers = new Map(scenario.callers.map((caller) => [caller.name, caller]));
  const agents = new Map(plan.agents.map((agent) => [agent.username, agent]));
  const sources = scenario.options.identitySources ?? allSources;
  const client = new DynamoDBClient({ endpoint: site.dynamoDbEndpoint, region: site.region });
  const store = new DynamoDbAffinityStore({ client, tableName: simulatedTableNames.affinity });
  try {
    for (const preference of scenario.preferences) {
      const caller = callers.get(preference.caller);
      // The key the flow passes: the caller's own, or the profile their number finds.
      const passedKey =
        scenario.options.customerKeyAttribute !== undefined
          ? caller?.customerKey
          : scenario.options.customerProfiles
            ? caller?.profileId
            : undefined;
      const [identity] = customerIdentities(
        {
          channel: caller?.number === undefined && caller?.email !== undefined ? "EMAIL" : "VOICE",
          customerAddress: caller?.number ?? caller?.email,
          customerKey: passedKey,
        },
        sources,
        // As the simulated handlers read national numbers (DEFAULT_CALLING_CODE).
        { defaultCallingCode: "81" },
      );
      if (identity === undefined) {
        throw new RangeError(
          `preferences: caller ${preference.caller} has no identity to file it under`,
        );
      }
      const key = identityKey(identity);
      if (preference.pin !== undefined) {
        const agent = agents.get(preference.pin.agent);
        if (agent === undefined) throw new RangeError(`No agent ${preference.pin.agent}`);
        await store.pin(key, {
          agentId: agent.id,
          agentArn: `${site.instanceArn}/agent/${agent.id}`,
          pinnedAt: startMs,
          ...(preference.pin.until === undefined
            ? {}
            : { until: startMs + preference.pin.until * 1000 }),
        });
      }
      const blocked = (preference.block ?? []).map((username) => agents.get(username)?.id);
      if (blocked.length > 0) {
        await store.block(
          key,
          blocked.filter((id): id is string => id !== undefined),
        );
      }
    }
  } finally {
    client.destroy();
  }
}
