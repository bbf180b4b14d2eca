import type { Language, PresenceSource } from "@connect-affinity/core/contract";
import {
  type FunctionSettings,
  functionEnvironment,
  functionIds,
  type VariableName,
  variableNames,
} from "@connect-affinity/handlers/manifest";

/** What the simulated Lambdas' environment is built from. */
export interface LambdaEnvironmentInput {
  readonly region: string;
  readonly dynamoDbEndpoint: string;
  readonly connectEndpoint: string;
  readonly affinityTableName: string;
  readonly instanceArn: string;
  readonly maxAttempts: number;
  readonly presence: PresenceSource;
  readonly presenceTableName: string;
  /** The callers' language: `record`'s messages (the flow is generated in the same one). */
  readonly language: Language;
  /**
   * Handler variables the run sets beyond the common ones, by the manifest's names (unset when
   * `undefined`).
   */
  readonly extra?: { readonly [V in VariableName]?: string | undefined };
}

/**
 * The environment a deployed handler gets, pointed at the local stand-ins: the standard
 * `AWS_ENDPOINT_URL_*` variables send the unmodified SDK clients to the emulator and the
 * embedded DynamoDB, and the dummy credentials keep the SDK from looking for real ones. Shared
 * by `pnpm start` and the benchmark so both run the handlers alike.
 *
 * Every bundle runs in this one process, so the handlers' variables are the manifest writer's
 * environment of all the functions together; every other variable the manifest knows is unset,
 * so nothing from the developer's shell changes a run.
 */
export function lambdaEnvironment(
  input: LambdaEnvironmentInput,
): Readonly<Record<string, string | undefined>> {
  const settings: FunctionSettings<(typeof functionIds)[number]> = {
    affinityTableName: input.affinityTableName,
    connectInstance: input.instanceArn,
    maxAttempts: input.maxAttempts,
    presenceSource: input.presence,
    // The agent-events consumer needs it; the routers read it only with event-stream presence.
    presenceTableName: input.presenceTableName,
    defaultCallingCode: "81",
    // route signs the routing cursor and next-agent checks it; a simulation needs a key, not a
    // secret one.
    cursorSigningKey: "connect-affinity-simulator-cursor-key",
    recordMessageLanguage: input.language,
    // Powertools writes JSON lines to stdout; the report says what happened instead.
    logLevel: "SILENT",
  };
  const handlerVariables = Object.fromEntries(variableNames.map((name) => [name, undefined]));
  return {
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_EC2_METADATA_DISABLED: "true",
    // The bundled SDK warns that future versions need Node 22; noise in a simulation report.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_CONNECT: input.connectEndpoint,
    ...handlerVariables,
    ...functionEnvironment(functionIds, settings),
    POWERTOOLS_LOG_LEVEL: "SILENT",
    // The functions' embedded-metric lines go to stdout too; the report counts outcomes itself.
    POWERTOOLS_METRICS_DISABLED: "true",
    POWERTOOLS_DEV: undefined,
    ...input.extra,
  };
}
