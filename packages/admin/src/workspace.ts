import { createDynamoDbClient, DynamoDbAffinityStore } from "@connect-affinity/core/dynamodb";
import { type CallerKeys, loadCallerKeys } from "@connect-affinity/handlers/secrets";
import type { Io } from "./io.js";
import { type AdminSettings, type GlobalOptions, resolveSettings } from "./settings.js";

/** What a command works on: the settings, the table's store, and the functions' caller keys. */
export interface Workspace {
  readonly settings: AdminSettings;
  readonly store: DynamoDbAffinityStore;
  /** Loads the caller-key secrets as the functions do (once; only commands that hash call it). */
  callerKeys(): Promise<CallerKeys>;
  close(): void;
}

/**
 * Opens the workspace: core's DynamoDB client and store on the configured table (strongly
 * consistent reads: an operator checks what they just changed), aimed at `--endpoint` when
 * given. An operator's scan pages take longer than a contact's reads, so the client waits up to
 * 10 s per attempt instead of the functions' 1 s.
 */
export function openWorkspace(options: GlobalOptions, io: Io): Workspace {
  const settings = resolveSettings(options, io.environment);
  // The SDK reads these itself, for the DynamoDB client and the secret stores' clients alike.
  if (settings.region !== undefined) process.env["AWS_REGION"] = settings.region;
  if (settings.endpoint !== undefined) {
    process.env["AWS_ENDPOINT_URL_DYNAMODB"] = settings.endpoint;
    // A local DynamoDB accepts any credentials, but the SDK insists on having some.
    process.env["AWS_ACCESS_KEY_ID"] ??= "local";
    process.env["AWS_SECRET_ACCESS_KEY"] ??= "local";
    process.env["AWS_REGION"] ??= "us-east-1";
  }
  const client = createDynamoDbClient({
    ...(settings.region === undefined ? {} : { region: settings.region }),
    requestTimeoutMs: 10_000,
    connectionTimeoutMs: 3_000,
    maxAttempts: 5,
  });
  const store = new DynamoDbAffinityStore({
    client,
    tableName: settings.tableName,
    consistentRead: true,
  });
  let keys: Promise<CallerKeys> | undefined;
  return {
    settings,
    store,
    callerKeys: () => {
      keys ??= loadCallerKeys(settings.callerKeys);
      return keys;
    },
    close: () => client.destroy(),
  };
}
