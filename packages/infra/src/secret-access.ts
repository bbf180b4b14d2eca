import { parseSecretReference } from "@connect-affinity/handlers/manifest";
import type { InstanceArn } from "./instance-arn.js";

/** What a function needs to read one caller-key secret: the reference it is given, and IAM's. */
export interface SecretAccess {
  /** What the function's environment says (`ssm:NAME`, `secretsmanager:NAME` or an ARN). */
  readonly reference: string;
  readonly service: "ssm" | "secretsmanager";
  /** The resource its role may read. */
  readonly resourceArn: string;
  /** A customer managed key that encrypts it, which the role may decrypt with (through the service only). */
  readonly kmsKeyArn?: string;
}

/**
 * The IAM resource of a secret reference. An ARN is its own resource; a name is resolved in the
 * instance's account and Region, where the functions run (Connect invokes functions of its own
 * Region): an SSM parameter's ARN spells its name without the leading `/`, and a Secrets
 * Manager secret named without its random six-character suffix is matched with `-??????`, as
 * the Secrets Manager user guide recommends for policies.
 *
 * @throws Error for a reference the functions could not read either (the stack config
 *   validates references before this).
 * @example
 * ```ts
 * secretAccessOf("ssm:/connect-affinity/prod/caller-key", instance);
 * // { reference, service: "ssm", resourceArn: "arn:aws:ssm:R:A:parameter/connect-affinity/prod/caller-key" }
 * ```
 */
export function secretAccessOf(
  reference: string,
  instance: InstanceArn,
  kmsKeyArn?: string,
): SecretAccess {
  const parsed = parseSecretReference(reference);
  if (parsed === undefined) throw new Error(`Not a secret reference: ${reference}`);
  const { partition, region, accountId } = instance;
  const kms = kmsKeyArn === undefined ? {} : { kmsKeyArn };
  if (parsed.id.startsWith("arn:")) {
    return { reference, service: parsed.service, resourceArn: parsed.id, ...kms };
  }
  if (parsed.service === "ssm") {
    const name = parsed.id.replace(/^\//, "");
    return {
      reference,
      service: "ssm",
      resourceArn: `arn:${partition}:ssm:${region}:${accountId}:parameter/${name}`,
      ...kms,
    };
  }
  return {
    reference,
    service: "secretsmanager",
    resourceArn: `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${parsed.id}-??????`,
    ...kms,
  };
}
