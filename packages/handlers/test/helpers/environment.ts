/**
 * Sets environment variables for a test and restores the previous values afterwards; the
 * handlers read their configuration from `process.env` on the first invocation.
 */
export function setEnvironment(values: Readonly<Record<string, string | undefined>>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(values)) {
    previous.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** The variables every handler test needs: local endpoints, dummy credentials, a Region. */
export function localAwsEnvironment(options: {
  readonly dynamoDbEndpoint: string;
  readonly connectEndpoint: string;
  readonly tableName: string;
  readonly instanceArn: string;
}): Record<string, string> {
  return {
    AWS_REGION: "ap-northeast-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_CONNECT: options.connectEndpoint,
    AFFINITY_TABLE_NAME: options.tableName,
    CONNECT_INSTANCE_ID: options.instanceArn,
    // Powertools writes JSON lines to stdout; tests read the decisions from the answers.
    POWERTOOLS_LOG_LEVEL: "SILENT",
  };
}
