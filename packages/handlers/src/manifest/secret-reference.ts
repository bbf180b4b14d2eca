/**
 * Where a secret lives: an SSM Parameter Store parameter (read with decryption, and refused
 * unless it is a `SecureString`) or a Secrets Manager secret. `id` is what the service's read
 * call takes (a name, or the full ARN); `region` is the ARN's, when an ARN was given.
 */
export type SecretReference =
  | { readonly service: "ssm"; readonly id: string; readonly region?: string }
  | { readonly service: "secretsmanager"; readonly id: string; readonly region?: string };

/** The word that, as a previous caller key, means "records filed under the raw number". */
export const rawNumberReference = "raw-number";

const ssmArn = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):\d{12}:parameter\/[A-Za-z0-9_.\-/]{1,1011}$/;
const secretArn =
  /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;
const ssmName = /^\/?[A-Za-z0-9_.\-/]{1,1011}$/;
const secretName = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/**
 * Reads a secret reference: `ssm:NAME` (e.g. `ssm:/connect-affinity/prod/caller-key`), an SSM
 * parameter ARN, `secretsmanager:NAME` or a Secrets Manager secret ARN. Answers `undefined` for
 * anything else, so the caller can name the variable in its message.
 *
 * @example
 * ```ts
 * parseSecretReference("ssm:/connect-affinity/prod/caller-key");
 * // { service: "ssm", id: "/connect-affinity/prod/caller-key" }
 * ```
 */
export function parseSecretReference(text: string): SecretReference | undefined {
  const value = text.trim();
  const ssm = ssmArn.exec(value);
  if (ssm?.[1] !== undefined) return { service: "ssm", id: value, region: ssm[1] };
  const secret = secretArn.exec(value);
  if (secret?.[1] !== undefined) return { service: "secretsmanager", id: value, region: secret[1] };
  if (value.startsWith("ssm:")) {
    const name = value.slice("ssm:".length);
    return ssmName.test(name) ? { service: "ssm", id: name } : undefined;
  }
  if (value.startsWith("secretsmanager:")) {
    const name = value.slice("secretsmanager:".length);
    return secretName.test(name) ? { service: "secretsmanager", id: name } : undefined;
  }
  return undefined;
}

/** The reference as a person reads it in a message (never the secret). */
export function describeSecretReference(reference: SecretReference): string {
  return reference.service === "ssm"
    ? `SSM parameter ${reference.id}`
    : `Secrets Manager secret ${reference.id}`;
}

/**
 * The fewest bytes a deployed caller-key secret may have: the key turns phone numbers, a small
 * space to search, into HMACs, so it must be as strong as the HMAC itself (32 bytes for
 * SHA-256). Infra refuses a shorter one at `pulumi preview`; the functions, at run time.
 */
export const minManagedSecretBytes = 32;
