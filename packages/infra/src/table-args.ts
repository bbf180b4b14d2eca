import { affinityTableDefinition } from "@connect-affinity/core/dynamodb";

/** The affinity table's settings, in `aws.dynamodb.Table`'s argument names. */
export interface AffinityTableSettings {
  readonly billingMode: string;
  readonly hashKey: string;
  readonly attributes: readonly { readonly name: string; readonly type: string }[];
  readonly ttl: { readonly attributeName: string; readonly enabled: true };
  readonly pointInTimeRecovery: { readonly enabled: true };
  readonly serverSideEncryption: { readonly enabled: true };
}

/**
 * The affinity table as core defines it (key, attribute types, on-demand billing, TTL
 * attribute), plus what a deployment adds: point-in-time recovery and encryption with a KMS
 * key (`enabled: true` without a key ARN is the AWS managed key, `alias/aws/dynamodb`).
 */
export function affinityTableSettings(): AffinityTableSettings {
  const [hashKey] = affinityTableDefinition.KeySchema.filter((key) => key.KeyType === "HASH");
  if (hashKey === undefined) throw new Error("core's affinityTableDefinition has no HASH key");
  return {
    billingMode: affinityTableDefinition.BillingMode,
    hashKey: hashKey.AttributeName,
    attributes: affinityTableDefinition.AttributeDefinitions.map((attribute) => ({
      name: attribute.AttributeName,
      type: attribute.AttributeType,
    })),
    ttl: { attributeName: affinityTableDefinition.ttlAttributeName, enabled: true },
    pointInTimeRecovery: { enabled: true },
    serverSideEncryption: { enabled: true },
  };
}
