/**
 * BASELINE: the seed's behaviour, for comparison, never shipped.
 *
 * The seed deployed on a simulated instance: its number table, its three Lambdas over the real
 * AWS SDK pointed at the local servers, and its flow.
 */
import { ConnectClient } from "@aws-sdk/client-connect";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ensureTable } from "../../dynamodb/ensure-table.js";
import { simulatedTableNames } from "../../instance/connect-affinity-system.js";
import type { InstanceSystem } from "../../instance/instance-system.js";
import { setEnvironment } from "../../instance/process-patches.js";
import { lambdaEnvironment } from "../../runner/lambda-environment.js";
import { seedFlow } from "./seed-flow.js";
import { seedHandlers } from "./seed-handlers.js";
import {
  ConnectSeedUserList,
  DynamoDbSeedNumberTable,
  seedTableInput,
} from "./seed-sdk-adapters.js";

/** The seed's table of numbers and their last agent. */
export const seedTableName = "connect-affinity-simulator-seed";

/**
 * The seed's system. Its Lambdas get the same Lambda environment as connect-affinity's (the
 * Region, local credentials and endpoints; the connect-affinity settings in it go unread).
 */
export function seedBaselineSystem(): InstanceSystem {
  return async (site) => {
    const restoreEnvironment = setEnvironment(
      lambdaEnvironment({
        region: site.region,
        dynamoDbEndpoint: site.dynamoDbEndpoint,
        connectEndpoint: site.connectEndpoint,
        affinityTableName: simulatedTableNames.affinity,
        instanceArn: site.instanceArn,
        maxAttempts: 1,
        presence: "connect-api",
        presenceTableName: simulatedTableNames.presence,
        language: "ja-JP",
      }),
    );
    const dynamoDb = new DynamoDBClient({ endpoint: site.dynamoDbEndpoint, region: site.region });
    // One attempt per Connect call: a handler runs within one simulated instant, where the
    // token bucket cannot refill, so the SDK's retries could only be throttled again.
    const connect = new ConnectClient({
      endpoint: site.connectEndpoint,
      region: site.region,
      maxAttempts: 1,
    });
    const uninstall = (): void => {
      connect.destroy();
      dynamoDb.destroy();
      restoreEnvironment();
    };
    try {
      await ensureTable(site.dynamoDbEndpoint, seedTableInput(seedTableName));
      const seed = seedHandlers({
        table: new DynamoDbSeedNumberTable(dynamoDb, seedTableName),
        users: new ConnectSeedUserList(connect, site.instanceId),
      });
      const functions = [
        { name: "seed-lookup", handler: seed.lookup },
        { name: "seed-next-agent", handler: seed.nextAgent },
        { name: "seed-register", handler: seed.register },
      ].map((fn) => ({ ...fn, arn: site.lambdaArn(fn.name), trigger: "flow" as const }));
      const [lookup, nextAgent, register] = functions.map((fn) => fn.arn) as [
        string,
        string,
        string,
      ];
      return { flow: seedFlow({ lookup, nextAgent, register }), functions, uninstall };
    } catch (error) {
      uninstall();
      throw error;
    }
  };
}
