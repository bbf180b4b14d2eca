import { affinityTableDefinition, presenceTableDefinition } from "@connect-affinity/core/dynamodb";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import {
  affinityTableSettings,
  presenceTableSettings,
  tableOf,
  tableSettingsFrom,
} from "../src/table-args.js";
import { type CapturedResource, installMocks, named, registered } from "./helpers/pulumi-mocks.js";

let captured: CapturedResource[];

beforeAll(async () => {
  captured = await installMocks();
});

/** A table definition in core's shape: a key, one keys-only index, a TTL attribute. */
const keysOnly = {
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "byDay", AttributeType: "S" },
  ],
  BillingMode: "PAY_PER_REQUEST",
  GlobalSecondaryIndexes: [
    {
      IndexName: "by-day",
      KeySchema: [{ AttributeName: "byDay", KeyType: "HASH" }],
      Projection: { ProjectionType: "KEYS_ONLY" },
    },
  ],
  ttlAttributeName: "expiresAt",
} as const;

/** A component to parent the tables to. */
class Parent extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Parent", name, {});
  }
}

describe("table settings", () => {
  it("takes the presence table's key, TTL and per-channel agent indexes from core", () => {
    // Act
    const settings = presenceTableSettings();

    // Assess
    expect(settings).toMatchObject({
      billingMode: "PAY_PER_REQUEST",
      hashKey: "agentId",
      ttl: { attributeName: presenceTableDefinition.ttlAttributeName, enabled: true },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
    });
    expect(settings.globalSecondaryIndexes).toEqual(
      presenceTableDefinition.GlobalSecondaryIndexes.map((index) => ({
        name: index.IndexName,
        keySchemas: index.KeySchema.map((key) => ({
          attributeName: key.AttributeName,
          keyType: key.KeyType,
        })),
        projectionType: "INCLUDE",
        nonKeyAttributes: ["agentArn"],
      })),
    );
  });

  it("gives the affinity table no secondary index", () => {
    // Act
    const settings = affinityTableSettings();

    // Assess
    expect(settings.hashKey).toBe(affinityTableDefinition.KeySchema[0]?.AttributeName);
    expect(settings.globalSecondaryIndexes).toEqual([]);
  });

  it("keeps a keys-only index without non-key attributes", () => {
    // Act
    const settings = tableSettingsFrom("keysOnly", keysOnly);

    // Assess
    expect(settings.globalSecondaryIndexes).toEqual([
      {
        name: "by-day",
        keySchemas: [{ attributeName: "byDay", keyType: "HASH" }],
        projectionType: "KEYS_ONLY",
      },
    ]);
  });

  it("refuses a definition without a HASH key, naming it", () => {
    // Act
    const act = () =>
      tableSettingsFrom("rangeOnly", {
        ...keysOnly,
        KeySchema: [{ AttributeName: "pk", KeyType: "RANGE" }],
      });

    // Assess
    expect(act).toThrow("core's rangeOnly has no HASH key");
  });
});

describe("tableOf", () => {
  it("creates a table with its indexes, and none when the settings have none", async () => {
    // Prepare
    const parent = new Parent("tables");

    // Act
    const indexed = tableOf(
      "indexed",
      tableSettingsFrom("keysOnly", keysOnly),
      { deletionProtection: true, tags: { team: "cc" } },
      parent,
    );
    const plain = tableOf(
      "plain",
      affinityTableSettings(),
      {
        deletionProtection: false,
        tags: undefined,
        kmsKeyArn: "arn:aws:kms:ap-northeast-1:111122223333:key/k",
      },
      parent,
    );
    await registered([indexed, plain]);

    // Assess
    expect(named(captured, "indexed").inputs).toMatchObject({
      globalSecondaryIndexes: [
        {
          name: "by-day",
          keySchemas: [{ attributeName: "byDay", keyType: "HASH" }],
          projectionType: "KEYS_ONLY",
        },
      ],
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: true,
      tags: { team: "cc" },
    });
    const [index] = named(captured, "indexed").inputs["globalSecondaryIndexes"] as object[];
    expect(index).not.toHaveProperty("nonKeyAttributes");
    expect(named(captured, "plain").inputs).not.toHaveProperty("globalSecondaryIndexes");
    expect(named(captured, "plain").inputs["serverSideEncryption"]).toEqual({
      enabled: true,
      kmsKeyArn: "arn:aws:kms:ap-northeast-1:111122223333:key/k",
    });
  });
});
