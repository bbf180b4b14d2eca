import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { ConfigurationError, SecretUnavailableError } from "../errors.js";
import {
  describeSecretReference,
  minManagedSecretBytes,
  type SecretReference,
} from "../manifest/secret-reference.js";

export { minManagedSecretBytes };

/** Reads a secret's value: one call to SSM or Secrets Manager. Injected in tests. */
export type SecretReader = (reference: SecretReference) => Promise<SecretValue>;

/** What a secret store answered. */
export interface SecretValue {
  readonly value: string;
  /** SSM only: the parameter's type (`String`, `StringList`, `SecureString`). */
  readonly parameterType?: string;
}

/**
 * Fetches and checks the secret `reference` names, for the environment variable `variable`:
 * an SSM parameter must be a `SecureString`, and the value at least
 * {@link minManagedSecretBytes} bytes.
 *
 * @throws ConfigurationError naming `variable` for a plaintext or short secret.
 * @throws SecretUnavailableError when the store cannot be read (missing, access denied,
 *   throttled), with what to check.
 * @example
 * ```ts
 * const key = await fetchSecret("CALLER_KEY_SECRET_REF", { service: "ssm", id: "/prod/caller-key" });
 * ```
 */
export async function fetchSecret(
  variable: string,
  reference: SecretReference,
  read: SecretReader = readSecret,
): Promise<string> {
  let answer: SecretValue;
  try {
    answer = await read(reference);
  } catch (error) {
    throw new SecretUnavailableError(variable, describeSecretReference(reference), error);
  }
  if (answer.parameterType !== undefined && answer.parameterType !== "SecureString") {
    throw new ConfigurationError([
      {
        variable,
        problem: `names ${describeSecretReference(reference)}, a ${answer.parameterType} parameter stored in plain text: store the key as a SecureString (aws ssm put-parameter --type SecureString --overwrite …)`,
      },
    ]);
  }
  const bytes = Buffer.byteLength(answer.value, "utf8");
  if (bytes < minManagedSecretBytes) {
    throw new ConfigurationError([
      {
        variable,
        problem: `names ${describeSecretReference(reference)}, which holds ${bytes} bytes: a caller-key secret needs at least ${minManagedSecretBytes} (e.g. openssl rand -base64 48)`,
      },
    ]);
  }
  return answer.value;
}

/**
 * The production reader: a short-lived client of the service (the secret is read once per
 * container, so the client is not kept), with bounded timeouts and retries like core's clients.
 */
export async function readSecret(reference: SecretReference): Promise<SecretValue> {
  const config = {
    ...(reference.region === undefined ? {} : { region: reference.region }),
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 2_000 }),
  };
  if (reference.service === "ssm") {
    const client = new SSMClient(config);
    try {
      const { Parameter } = await client.send(
        new GetParameterCommand({ Name: reference.id, WithDecryption: true }),
      );
      return { value: Parameter?.Value ?? "", parameterType: Parameter?.Type ?? "String" };
    } finally {
      client.destroy();
    }
  }
  const client = new SecretsManagerClient(config);
  try {
    const { SecretString } = await client.send(
      new GetSecretValueCommand({ SecretId: reference.id }),
    );
    return { value: SecretString ?? "" };
  } finally {
    client.destroy();
  }
}
