/** What the simulated Lambdas' environment is built from. */
export interface LambdaEnvironmentInput {
  readonly region: string;
  readonly dynamoDbEndpoint: string;
  readonly connectEndpoint: string;
  readonly affinityTableName: string;
  readonly instanceArn: string;
  readonly maxAttempts: number;
  readonly presence: "connect-api" | "event-stream" | "none";
  readonly presenceTableName: string;
  readonly language: "ja-JP" | "en-US";
  /** Handler settings the run sets beyond the common ones (unset when `undefined`). */
  readonly extra?: Readonly<Record<string, string | undefined>>;
}

/**
 * The environment a deployed handler gets, pointed at the local stand-ins: the standard
 * `AWS_ENDPOINT_URL_*` variables send the unmodified SDK clients to the emulator and the
 * embedded DynamoDB, and the dummy credentials keep the SDK from looking for real ones. Shared
 * by `pnpm start` and the benchmark so both run the handlers alike.
 */
export function lambdaEnvironment(
  input: LambdaEnvironmentInput,
): Readonly<Record<string, string | undefined>> {
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
    AFFINITY_TABLE_NAME: input.affinityTableName,
    CONNECT_INSTANCE_ID: input.instanceArn,
    MAX_ATTEMPTS: String(input.maxAttempts),
    PRESENCE_SOURCE: input.presence,
    PRESENCE_TABLE_NAME: input.presence === "event-stream" ? input.presenceTableName : undefined,
    DEFAULT_CALLING_CODE: "81",
    RECORD_MESSAGE_LANGUAGE: input.language === "ja-JP" ? "ja" : "en",
    // Powertools writes JSON lines to stdout; the report says what happened instead.
    LOG_LEVEL: "SILENT",
    POWERTOOLS_LOG_LEVEL: "SILENT",
    POWERTOOLS_DEV: undefined,
    ...input.extra,
  };
}
