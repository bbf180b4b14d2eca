import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";

/**
 * The affinity item format of release 0.1.0 (version 1), frozen here so the tests can fill a
 * table exactly as that release did and read it with this one. This is a copy of that release's
 * `DynamoDbAffinityStore.save` (its two conditional updates) and `parseAffinityItem`, not of
 * anything current: do not change it when the store changes.
 */
export interface Version1Assignment {
  readonly callerKey: string;
  readonly agentId: string;
  readonly agentArn: string;
  readonly contactId: string;
  readonly at: number;
  readonly expiresAt: number;
}

/** The record release 0.1.0 read from an item. */
export interface Version1Record {
  readonly callerKey: string;
  readonly agentId: string;
  readonly agentArn: string;
  readonly lastContactAt: number;
  readonly lastContactId: string;
  readonly contactCount: number;
  readonly expiresAt: number;
}

/** Saves as release 0.1.0 did: a new contact, else the same contact again; else nothing. */
export async function saveAsVersion1(
  client: DynamoDBClient,
  tableName: string,
  assignment: Version1Assignment,
): Promise<"created-or-updated" | "superseded"> {
  const values: Record<string, AttributeValue> = {
    ":agentId": { S: assignment.agentId },
    ":agentArn": { S: assignment.agentArn },
    ":at": { N: String(assignment.at) },
    ":contactId": { S: assignment.contactId },
    ":expiresAt": { N: String(assignment.expiresAt) },
  };
  const tried = async (command: UpdateItemCommand): Promise<boolean> => {
    try {
      await client.send(command);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  const key = { callerKey: { S: assignment.callerKey } };
  if (
    await tried(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression:
          "SET agentId = :agentId, agentArn = :agentArn, lastContactAt = :at, " +
          "lastContactId = :contactId, expiresAt = :expiresAt, " +
          "contactCount = if_not_exists(contactCount, :zero) + :one",
        ConditionExpression:
          "attribute_not_exists(callerKey) OR (attribute_type(contactCount, :numberType) " +
          "AND lastContactAt < :at AND NOT lastContactId = :contactId)",
        ExpressionAttributeValues: {
          ...values,
          ":zero": { N: "0" },
          ":one": { N: "1" },
          ":numberType": { S: "N" },
        },
      }),
    )
  ) {
    return "created-or-updated";
  }
  const again = await tried(
    new UpdateItemCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression:
        "SET agentId = :agentId, agentArn = :agentArn, lastContactAt = :at, expiresAt = :expiresAt",
      ConditionExpression:
        "lastContactId = :contactId AND lastContactAt <= :at AND attribute_type(contactCount, :numberType)",
      ExpressionAttributeValues: { ...values, ":numberType": { S: "N" } },
    }),
  );
  return again ? "created-or-updated" : "superseded";
}

/** Reads an item as release 0.1.0 did: every field required, else no record. */
export function parseAsVersion1(
  item: Readonly<Record<string, AttributeValue>> | undefined,
): Version1Record | undefined {
  if (item === undefined) return undefined;
  const text = (name: string): string | undefined => {
    const value = item[name]?.S;
    return value !== undefined && value.length > 0 ? value : undefined;
  };
  const number = (name: string): number | undefined => {
    const value = item[name]?.N;
    return value === undefined || !Number.isFinite(Number(value)) ? undefined : Number(value);
  };
  const record = {
    callerKey: text("callerKey"),
    agentId: text("agentId"),
    agentArn: text("agentArn"),
    lastContactAt: number("lastContactAt"),
    lastContactId: text("lastContactId"),
    contactCount: number("contactCount"),
    expiresAt: number("expiresAt"),
  };
  return Object.values(record).some((value) => value === undefined)
    ? undefined
    : (record as Version1Record);
}
