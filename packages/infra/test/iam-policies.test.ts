import { describe, expect, it } from "vitest";
import { functionNames } from "../src/function-catalog.js";
import { functionPolicy, lambdaTrustPolicy, type PolicyScope } from "../src/iam-policies.js";
import { parseInstanceArn } from "../src/instance-arn.js";
import { testInstanceArn } from "./helpers/pulumi-mocks.js";

const tableArn = "arn:aws:dynamodb:ap-northeast-1:111122223333:table/affinity";
const logGroupArn = "arn:aws:logs:ap-northeast-1:111122223333:log-group:/aws/lambda/sticky-route";
const scope: PolicyScope = {
  tableArn,
  logGroupArn,
  instance: parseInstanceArn(testInstanceArn),
  directory: "list-users",
  presence: "connect-api",
};

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

  it("lets route read the table, list the agents and ask who is available", () => {
    // Act
    const granted = grants(functionPolicy("route", scope));

    // Assess
    expect(granted).toEqual({
      "logs:CreateLogStream": [`${logGroupArn}:*`],
      "logs:PutLogEvents": [`${logGroupArn}:*`],
      "connect:ListUsers": [testInstanceArn],
      "dynamodb:GetItem": [tableArn],
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

  it("lets record write the table but not read presence", () => {
    // Act
    const granted = grants(functionPolicy("record", scope));

    // Assess
    expect(granted["dynamodb:UpdateItem"]).toEqual([tableArn]);
    expect(granted["dynamodb:PutItem"]).toEqual([tableArn]);
    expect(granted["dynamodb:GetItem"]).toBeUndefined();
    expect(granted["connect:GetCurrentUserData"]).toBeUndefined();
  });

  it("lets contact-event read a contact's caller of this instance only", () => {
    // Act
    const granted = grants(functionPolicy("contactEvent", scope));

    // Assess
    expect(granted["connect:DescribeContact"]).toEqual([`${testInstanceArn}/contact/*`]);
    expect(granted["dynamodb:UpdateItem"]).toEqual([tableArn]);
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
    const granted = grants(functionPolicy("routingCriteria", { ...scope, presence: "none" }));

    // Assess
    expect(granted["connect:GetCurrentUserData"]).toBeUndefined();
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
