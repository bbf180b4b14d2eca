import { describe, expect, it } from "vitest";
import { functionNames } from "../src/function-catalog.js";
import {
  agentEventConsumerPolicy,
  functionPolicy,
  lambdaTrustPolicy,
  type PolicyScope,
  rosterRefreshPolicy,
  schedulerInvokePolicy,
  schedulerTrustPolicy,
} from "../src/iam-policies.js";
import { parseInstanceArn } from "../src/instance-arn.js";
import { testInstanceArn } from "./helpers/pulumi-mocks.js";

const tableArn = "arn:aws:dynamodb:ap-northeast-1:111122223333:table/affinity";
const logGroupArn = "arn:aws:logs:ap-northeast-1:111122223333:log-group:/aws/lambda/sticky-route";
const scope: PolicyScope = {
  tableArn,
  logGroupArn,
  instance: parseInstanceArn(testInstanceArn),
  directory: "list-users",
  presence: { source: "connect-api" },
};
const presenceTableArn = "arn:aws:dynamodb:ap-northeast-1:111122223333:table/presence";
const streamArn = "arn:aws:kinesis:ap-northeast-1:111122223333:stream/agent-events";
const failureQueueArn = "arn:aws:sqs:ap-northeast-1:111122223333:agent-events-failures";
const kmsKeyArn =
  "arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function grants(document: ReturnType<typeof functionPolicy>): Record<string, string[]> {
  const byAction: Record<string, string[]> = {};
  for (const statement of document.Statement) {
    for (const action of statement.Action) {
      byAction[action] = [...(byAction[action] ?? []), ...statement.Resource];
    }
  }
  return byAction;
}

describe("functionPolicy", () => {
  it.each(functionNames)("names specific actions and resources for %s, never *", (name) => {
    // Act
    const document = functionPolicy(name, scope);

    // Assess
    for (const statement of document.Statement) {
      expect(statement.Effect).toBe("Allow");
      expect(statement.Action.length).toBeGreaterThan(0);
      for (const action of statement.Action) expect(action).toMatch(/^[a-z]+:[A-Z][A-Za-z]+$/);
      for (const resource of statement.Resource) {
        expect(resource).not.toBe("*");
        expect(resource).toMatch(/^arn:aws:(dynamodb|logs|connect):ap-northeast-1:111122223333:/);
      }
    }
  });

  it("lets route read the table (every key of a customer at once), remember the contact's caller, list the agents and ask who is available", () => {
    // Act
    const granted = grants(functionPolicy("route", scope));

    // Assess
    expect(granted).toEqual({
      "logs:CreateLogStream": [`${logGroupArn}:*`],
      "logs:PutLogEvents": [`${logGroupArn}:*`],
      "connect:ListUsers": [testInstanceArn],
      "dynamodb:GetItem": [tableArn],
      "dynamodb:BatchGetItem": [tableArn],
      "dynamodb:PutItem": [tableArn],
      "connect:GetCurrentUserData": [`${testInstanceArn}/agent/*`],
    });
  });

  it("gives next-agent no access to the table", () => {
    // Act
    const granted = grants(functionPolicy("nextAgent", scope));

    // Assess
    expect(Object.keys(granted).filter((action) => action.startsWith("dynamodb:"))).toEqual([]);
    expect(granted["connect:GetCurrentUserData"]).toEqual([`${testInstanceArn}/agent/*`]);
  });

  it("lets record write the table (reading it for a whole-item rewrite) but not read presence", () => {
    // Act
    const granted = grants(functionPolicy("record", scope));

    // Assess
    expect(granted["dynamodb:UpdateItem"]).toEqual([tableArn]);
    expect(granted["dynamodb:PutItem"]).toEqual([tableArn]);
    expect(granted["dynamodb:GetItem"]).toEqual([tableArn]);
    expect(granted["dynamodb:BatchGetItem"]).toBeUndefined();
    expect(granted["connect:GetCurrentUserData"]).toBeUndefined();
  });

  it("lets contact-event describe contacts only when outbound contacts are credited", () => {
    // Act
    const without = grants(functionPolicy("contactEvent", scope));
    const withOutbound = grants(functionPolicy("contactEvent", { ...scope, creditOutbound: true }));
    const route = grants(functionPolicy("route", { ...scope, creditOutbound: true }));

    // Assess
    expect(without["connect:DescribeContact"]).toBeUndefined();
    expect(withOutbound["connect:DescribeContact"]).toEqual([`${testInstanceArn}/contact/*`]);
    expect(route["connect:DescribeContact"]).toBeUndefined();
  });

  it("lets contact-event read the contact index and write the record, with no Connect contact access", () => {
    // Act
    const granted = grants(functionPolicy("contactEvent", scope));

    // Assess
    expect(granted).toEqual({
      "logs:CreateLogStream": [`${logGroupArn}:*`],
      "logs:PutLogEvents": [`${logGroupArn}:*`],
      "connect:ListUsers": [testInstanceArn],
      "dynamodb:GetItem": [tableArn],
      "dynamodb:UpdateItem": [tableArn],
      "dynamodb:PutItem": [tableArn],
    });
  });

  it("grants SearchUsers instead of ListUsers when agents are filtered by routing profile", () => {
    // Act
    const granted = grants(functionPolicy("route", { ...scope, directory: "search-users" }));

    // Assess
    expect(granted["connect:SearchUsers"]).toEqual([testInstanceArn]);
    expect(granted["connect:ListUsers"]).toBeUndefined();
  });

  it("drops GetCurrentUserData when presence is not read from Connect", () => {
    // Act
    const granted = grants(
      functionPolicy("routingCriteria", { ...scope, presence: { source: "none" } }),
    );

    // Assess
    expect(granted["connect:GetCurrentUserData"]).toBeUndefined();
  });

  it.each(["route", "nextAgent"] as const)(
    "lets %s read the shared roster, query the agent index and reserve agents, and nothing of Connect, with event-stream presence",
    (name) => {
      // Act
      const granted = grants(
        functionPolicy(name, {
          ...scope,
          presence: { source: "event-stream", tableArn: presenceTableArn },
        }),
      );

      // Assess
      expect(granted["dynamodb:GetItem"]).toContain(presenceTableArn);
      expect(granted["dynamodb:Query"]).toEqual([`${presenceTableArn}/index/available-*`]);
      expect(granted["dynamodb:UpdateItem"]).toEqual([presenceTableArn]);
      expect(Object.keys(granted).filter((action) => action.startsWith("connect:"))).toEqual([]);
    },
  );

  it.each(["route", "nextAgent"] as const)(
    "lets %s update the presence table only on the reservation's attributes and the index keys it removes, never presence itself",
    (name) => {
      // Act
      const document = functionPolicy(name, {
        ...scope,
        presence: { source: "event-stream", tableArn: presenceTableArn },
      });

      // Assess
      const updates = document.Statement.filter((statement) =>
        statement.Action.includes("dynamodb:UpdateItem"),
      );
      expect(updates).toEqual([
        {
          Sid: "ReserveAgents",
          Effect: "Allow",
          Action: ["dynamodb:UpdateItem"],
          Resource: [presenceTableArn],
          Condition: {
            "ForAllValues:StringEquals": {
              "dynamodb:Attributes": [
                "agentId",
                "reservedUntil",
                "reservedBy",
                "reservedAt",
                "availVOICE",
                "availCHAT",
                "availTASK",
                "availEMAIL",
              ],
            },
            StringEqualsIfExists: { "dynamodb:ReturnValues": ["NONE"] },
          },
        },
      ]);
    },
  );

  it("lets routing-criteria read the roster and the index but not write them: it names agents without reserving one", () => {
    // Act
    const granted = grants(
      functionPolicy("routingCriteria", {
        ...scope,
        presence: { source: "event-stream", tableArn: presenceTableArn },
      }),
    );

    // Assess
    expect(granted["dynamodb:GetItem"]).toEqual([tableArn, presenceTableArn]);
    expect(granted["dynamodb:Query"]).toEqual([`${presenceTableArn}/index/available-*`]);
    // BatchGetItem on the affinity table only: a customer's several keys at once.
    expect(granted["dynamodb:BatchGetItem"]).toEqual([tableArn]);
    expect(granted["dynamodb:UpdateItem"] ?? []).not.toContain(presenceTableArn);
    expect(Object.keys(granted).filter((action) => action.startsWith("connect:"))).toEqual([]);
  });

  it.each(["record", "contactEvent"] as const)(
    "lets %s read one agent's roster entry, and neither query the index nor reserve",
    (name) => {
      // Act
      const granted = grants(
        functionPolicy(name, {
          ...scope,
          presence: { source: "event-stream", tableArn: presenceTableArn },
        }),
      );

      // Assess
      expect(granted["dynamodb:GetItem"]).toContain(presenceTableArn);
      expect(granted["dynamodb:Query"]).toBeUndefined();
      expect(granted["dynamodb:UpdateItem"] ?? []).not.toContain(presenceTableArn);
      expect(granted["connect:ListUsers"]).toBeUndefined();
    },
  );

  it.each(["record", "contactEvent"] as const)(
    "gives %s no GetCurrentUserData with Connect's presence: it never asks who is available",
    (name) => {
      // Act
      const granted = grants(functionPolicy(name, scope));

      // Assess
      expect(granted["connect:GetCurrentUserData"]).toBeUndefined();
      expect(granted["connect:ListUsers"]).toEqual([testInstanceArn]);
    },
  );
});

describe("rosterRefreshPolicy and the schedule's role", () => {
  it("lets the refresher list the directory and keep the roster on the presence table, nothing more", () => {
    // Act
    const granted = grants(
      rosterRefreshPolicy({
        logGroupArn,
        presenceTableArn,
        instance: parseInstanceArn(testInstanceArn),
        directory: "search-users",
      }),
    );

    // Assess
    expect(granted).toEqual({
      "logs:CreateLogStream": [`${logGroupArn}:*`],
      "logs:PutLogEvents": [`${logGroupArn}:*`],
      "connect:SearchUsers": [testInstanceArn],
      "dynamodb:GetItem": [presenceTableArn],
      "dynamodb:Scan": [presenceTableArn],
      "dynamodb:BatchGetItem": [presenceTableArn],
      "dynamodb:PutItem": [presenceTableArn],
      "dynamodb:UpdateItem": [presenceTableArn],
    });
  });

  it("lets the refresher use the stack's customer managed key only through Lambda and DynamoDB", () => {
    // Act
    const document = rosterRefreshPolicy({
      logGroupArn,
      presenceTableArn,
      instance: parseInstanceArn(testInstanceArn),
      directory: "list-users",
      kmsKeyArn,
    });

    // Assess
    expect(grants(document)["connect:ListUsers"]).toEqual([testInstanceArn]);
    expect(document.Statement.filter((statement) => statement.Sid === "UseStackKey")).toEqual([
      expect.objectContaining({
        Resource: [kmsKeyArn],
        Condition: {
          StringLike: { "kms:ViaService": ["lambda.*.amazonaws.com", "dynamodb.*.amazonaws.com"] },
        },
      }),
    ]);
  });

  it("lets EventBridge Scheduler of this account only assume a role that invokes the one function", () => {
    // Prepare
    const functionArn = "arn:aws:lambda:ap-northeast-1:111122223333:function:sticky-roster-refresh";

    // Act
    const trust = schedulerTrustPolicy("111122223333");
    const invoke = grants(schedulerInvokePolicy(functionArn));

    // Assess
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "scheduler.amazonaws.com" },
        Action: ["sts:AssumeRole"],
        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
      },
    ]);
    expect(invoke).toEqual({ "lambda:InvokeFunction": [functionArn] });
  });
});

describe("functionPolicy with a customer managed key", () => {
  it.each(functionNames)("lets %s use the key only through Lambda and DynamoDB", (name) => {
    // Act
    const document = functionPolicy(name, { ...scope, kmsKeyArn });

    // Assess
    expect(document.Statement.filter((statement) => statement.Sid === "UseStackKey")).toEqual([
      expect.objectContaining({
        Resource: [kmsKeyArn],
        Condition: {
          StringLike: { "kms:ViaService": ["lambda.*.amazonaws.com", "dynamodb.*.amazonaws.com"] },
        },
      }),
    ]);
    expect(functionPolicy(name, scope).Statement.map((statement) => statement.Sid)).not.toContain(
      "UseStackKey",
    );
  });
});

describe("agentEventConsumerPolicy", () => {
  it("lets the consumer read only its stream, update only the presence table, send failed batches to its queue and write its own logs", () => {
    // Act
    const granted = grants(
      agentEventConsumerPolicy({ logGroupArn, presenceTableArn, streamArn, failureQueueArn }),
    );

    // Assess
    expect(granted).toEqual({
      "logs:CreateLogStream": [`${logGroupArn}:*`],
      "logs:PutLogEvents": [`${logGroupArn}:*`],
      "kinesis:DescribeStream": [streamArn],
      "kinesis:DescribeStreamSummary": [streamArn],
      "kinesis:GetRecords": [streamArn],
      "kinesis:GetShardIterator": [streamArn],
      "kinesis:ListShards": [streamArn],
      "dynamodb:UpdateItem": [presenceTableArn],
      "dynamodb:GetItem": [presenceTableArn],
      "sqs:SendMessage": [failureQueueArn],
    });
  });

  it("may use the stack's customer managed key only through its stream, table, queue and environment", () => {
    // Act
    const document = agentEventConsumerPolicy({
      logGroupArn,
      presenceTableArn,
      streamArn,
      failureQueueArn,
      kmsKeyArn,
    });

    // Assess
    expect(document.Statement.filter((statement) => statement.Sid === "UseStackKey")).toEqual([
      {
        Sid: "UseStackKey",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
        Resource: [kmsKeyArn],
        Condition: {
          StringLike: {
            "kms:ViaService": [
              "lambda.*.amazonaws.com",
              "dynamodb.*.amazonaws.com",
              "kinesis.*.amazonaws.com",
              "sqs.*.amazonaws.com",
            ],
          },
        },
      },
    ]);
  });

  it("names specific actions and resources in every statement, never *", () => {
    // Act
    const document = agentEventConsumerPolicy({
      logGroupArn,
      presenceTableArn,
      streamArn,
      failureQueueArn,
    });

    // Assess
    for (const statement of document.Statement) {
      expect(statement.Effect).toBe("Allow");
      for (const action of statement.Action) expect(action).toMatch(/^[a-z]+:[A-Z][A-Za-z]+$/);
      for (const resource of statement.Resource) {
        expect(resource).toMatch(
          /^arn:aws:(dynamodb|logs|kinesis|sqs):ap-northeast-1:111122223333:/,
        );
      }
    }
  });
});

describe("lambdaTrustPolicy", () => {
  it("lets only the Lambda service assume the role", () => {
    // Assess
    expect(lambdaTrustPolicy.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: ["sts:AssumeRole"],
      },
    ]);
  });
});
