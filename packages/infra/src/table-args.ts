import { affinityTableDefinition, presenceTableDefinition } from "@connect-affinity/core/dynamodb";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** One global secondary index, in `aws.dynamodb.Table`'s argument names. */
export interface IndexSettings {
  readonly name: string;
  readonly keySchemas: readonly { readonly attributeName: string; readonly keyType: string }[];
  readonly projectionType: string;
  readonly nonKeyAttributes?: readonly string[];
}

/** A table's settings, in `aws.dynamodb.Table`'s argument names. */
export interface TableSettings {
  readonly billingMode: string;
  readonly hashKey: string;
  readonly attributes: readonly { readonly name: string; readonly type: string }[];
  /** The table's global secondary indexes (the presence table's per-channel agent index). */
  readonly globalSecondaryIndexes: readonly IndexSettings[];
  readonly ttl: { readonly attributeName: string; readonly enabled: true };
  readonly pointInTimeRecovery: { readonly enabled: true };
  readonly serverSideEncryption: { readonly enabled: true };
}

/** The shape core's table definitions share. */
export interface TableDefinition {
  readonly KeySchema: readonly { readonly AttributeName: string; readonly KeyType: string }[];
  readonly AttributeDefinitions: readonly {
    readonly AttributeName: string;
    readonly AttributeType: string;
  }[];
  readonly BillingMode: string;
  readonly GlobalSecondaryIndexes?: readonly {
    readonly IndexName: string;
    readonly KeySchema: readonly { readonly AttributeName: string; readonly KeyType: string }[];
    readonly Projection: {
      readonly ProjectionType: string;
      readonly NonKeyAttributes?: readonly string[];
    };
  }[];
  readonly ttlAttributeName: string;
}

/**
 * The affinity table as core defines it (key, attribute types, on-demand billing, TTL
 * attribute), plus what a deployment adds: point-in-time recovery and encryption with a KMS
 * key (`enabled: true` without a key ARN is the AWS managed key, `alias/aws/dynamodb`).
 */
export function affinityTableSettings(): TableSettings {
  return tableSettingsFrom("affinityTableDefinition", affinityTableDefinition);
}

/**
 * The presence table as core defines it (`agentId` key, on-demand, `expiresAt` TTL, one sparse
 * index per channel of the agents who can take a contact, `available-<CHANNEL>`, projecting
 * only `agentArn`), with the same deployment settings as the affinity table. Point-in-time
 * recovery is kept although the stream and the roster refresher rebuild the table within
 * minutes: it costs next to nothing on a table of one small item per agent, and the stacks
 * treat every table alike.
 */
export function presenceTableSettings(): TableSettings {
  return tableSettingsFrom("presenceTableDefinition", presenceTableDefinition);
}

/**
 * A table's settings from a definition in core's shape (`name` names it in the error).
 *
 * @throws {Error} when the definition has no HASH key.
 */
export function tableSettingsFrom(name: string, definition: TableDefinition): TableSettings {
  const [hashKey] = definition.KeySchema.filter((key) => key.KeyType === "HASH");
  if (hashKey === undefined) throw new Error(`core's ${name} has no HASH key`);
  return {
    billingMode: definition.BillingMode,
    hashKey: hashKey.AttributeName,
    attributes: definition.AttributeDefinitions.map((attribute) => ({
      name: attribute.AttributeName,
      type: attribute.AttributeType,
    })),
    globalSecondaryIndexes: (definition.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName,
      keySchemas: index.KeySchema.map((key) => ({
        attributeName: key.AttributeName,
        keyType: key.KeyType,
      })),
      projectionType: index.Projection.ProjectionType,
      ...(index.Projection.NonKeyAttributes === undefined
        ? {}
        : { nonKeyAttributes: [...index.Projection.NonKeyAttributes] }),
    })),
    ttl: { attributeName: definition.ttlAttributeName, enabled: true },
    pointInTimeRecovery: { enabled: true },
    serverSideEncryption: { enabled: true },
  };
}

/**
 * The `aws.dynamodb.Table` for `settings`, with the deployment's deletion protection and tags:
 * the affinity and presence tables are made alike.
 */
export function tableOf(
  name: string,
  settings: TableSettings,
  options: {
    readonly deletionProtection: pulumi.Input<boolean>;
    readonly tags: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>> | undefined;
    /** A customer managed key instead of the AWS managed `alias/aws/dynamodb`. */
    readonly kmsKeyArn?: pulumi.Input<string> | undefined;
  },
  parent: pulumi.Resource,
): aws.dynamodb.Table {
  return new aws.dynamodb.Table(
    name,
    {
      billingMode: settings.billingMode,
      hashKey: settings.hashKey,
      attributes: settings.attributes.map((attribute) => ({ ...attribute })),
      ...(settings.globalSecondaryIndexes.length === 0
        ? {}
        : {
            globalSecondaryIndexes: settings.globalSecondaryIndexes.map((index) => ({
              name: index.name,
              keySchemas: index.keySchemas.map((key) => ({ ...key })),
              projectionType: index.projectionType,
              ...(index.nonKeyAttributes === undefined
                ? {}
                : { nonKeyAttributes: [...index.nonKeyAttributes] }),
            })),
          }),
      ttl: { ...settings.ttl },
      pointInTimeRecovery: { ...settings.pointInTimeRecovery },
      serverSideEncryption: {
        ...settings.serverSideEncryption,
        ...(options.kmsKeyArn === undefined ? {} : { kmsKeyArn: options.kmsKeyArn }),
      },
      deletionProtectionEnabled: options.deletionProtection,
      tags: options.tags,
    },
    { parent },
  );
}
