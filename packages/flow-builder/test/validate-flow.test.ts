import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  assertValidFlow,
  type FlowProblem,
  type FlowRule,
  type FlowType,
  FlowValidationError,
  flowRuleCatalog,
  flowRules,
  type ValidationProfile,
  validateFlow,
} from "../src/index.js";
import { actionOf, asDocument, type MutableFlow, validFlow } from "./helpers/flow-factory.js";

interface BrokenFlowCase {
  readonly rule: FlowRule;
  readonly breaks: string;
  readonly actionId: string | undefined;
  /** The flow type it is validated as (default CONTACT_FLOW). */
  readonly flowType?: FlowType;
  /** Set when the case tests what the strict profile adds to a service rule. */
  readonly profile?: ValidationProfile;
  readonly mutate: (flow: MutableFlow) => void;
}

const cases: readonly BrokenFlowCase[] = [
  {
    rule: "invalid-document",
    breaks: "an action that is not an object",
    actionId: undefined,
    mutate: (flow) => {
      (flow.Actions as unknown[]).push("bye");
    },
  },
  {
    rule: "invalid-version",
    breaks: "a Version other than 2019-10-30",
    actionId: undefined,
    mutate: (flow) => {
      flow.Version = "2020-01-01";
    },
  },
  {
    rule: "unknown-start-action",
    breaks: "a StartAction naming no action",
    actionId: undefined,
    mutate: (flow) => {
      flow.StartAction = "welcome";
    },
  },
  {
    rule: "unknown-transition-target",
    breaks: "a condition leading to a missing action",
    actionId: "check",
    mutate: (flow) => {
      const condition = actionOf(flow, "check").Transitions.Conditions?.[0];
      if (condition) condition.NextAction = "set-queue";
    },
  },
  {
    rule: "duplicate-identifier",
    breaks: "two actions with one identifier",
    actionId: "bye",
    mutate: (flow) => {
      flow.Actions.push({ ...actionOf(flow, "bye") });
    },
  },
  {
    rule: "invalid-identifier",
    breaks: "an identifier with a colon",
    actionId: "say:sorry",
    mutate: (flow) => renameAction(flow, "sorry", "say:sorry"),
  },
  {
    rule: "invalid-identifier",
    breaks: "an identifier of 51 characters",
    actionId: "b".repeat(51),
    mutate: (flow) => renameAction(flow, "bye", "b".repeat(51)),
  },
  {
    rule: "unknown-action-type",
    breaks: "the documentation's spelling UpdateRoutingCriteria",
    actionId: "criteria",
    mutate: (flow) => {
      actionOf(flow, "queue").Transitions.NextAction = "criteria";
      flow.Actions.push({
        Identifier: "criteria",
        Type: "UpdateRoutingCriteria",
        Parameters: { RoutingCriteria: "$.External.routingCriteria" },
        Transitions: {
          NextAction: "staffing",
          Errors: [{ NextAction: "staffing", ErrorType: "NoMatchingError" }],
        },
      });
    },
  },
  {
    rule: "not-allowed-in-flow-type",
    breaks: "EndFlowExecution in an inbound flow",
    actionId: "bye",
    mutate: (flow) => {
      actionOf(flow, "bye").Type = "EndFlowExecution";
    },
  },
  {
    rule: "not-allowed-in-flow-type",
    breaks: "TransferContactToAgent in an inbound flow",
    actionId: "transfer",
    mutate: (flow) => {
      const transfer = actionOf(flow, "transfer");
      transfer.Type = "TransferContactToAgent";
      transfer.Transitions.Errors = [{ NextAction: "sorry", ErrorType: "NoMatchingError" }];
    },
  },
  {
    rule: "not-allowed-in-flow-type",
    breaks: "a transfer to queue in a customer queue flow",
    actionId: "transfer",
    flowType: "CUSTOMER_QUEUE",
    mutate: () => undefined,
  },
  {
    rule: "not-allowed-in-flow-type",
    breaks: "a disconnect in an agent whisper",
    actionId: "bye",
    flowType: "AGENT_WHISPER",
    mutate: () => undefined,
  },
  {
    rule: "terminal-with-transitions",
    breaks: "a disconnect with a NextAction",
    actionId: "bye",
    mutate: (flow) => {
      actionOf(flow, "bye").Transitions = { NextAction: "sorry" };
    },
  },
  {
    rule: "missing-condition",
    breaks: "a Compare without a condition",
    actionId: "check",
    mutate: (flow) => {
      actionOf(flow, "check").Transitions.Conditions = [];
    },
  },
  {
    rule: "unknown-parameter",
    breaks: "a misspelt parameter",
    actionId: "sorry",
    mutate: (flow) => {
      actionOf(flow, "sorry").Parameters["TextToSpeach"] = "Joanna";
    },
  },
  {
    rule: "unreachable-action",
    breaks: "an action no transition leads to",
    actionId: "orphan",
    mutate: (flow) => {
      flow.Actions.push({
        Identifier: "orphan",
        Type: "DisconnectParticipant",
        Parameters: {},
        Transitions: {},
      });
    },
  },
  {
    rule: "dead-end",
    breaks: "a non-terminal action with nowhere to go",
    actionId: "sorry",
    mutate: (flow) => {
      actionOf(flow, "sorry").Transitions = {};
    },
  },
  {
    rule: "unbounded-loop",
    breaks: "a retry cycle that bypasses the Loop",
    actionId: "invoke",
    mutate: (flow) => {
      const staffing = actionOf(flow, "staffing");
      staffing.Transitions.NextAction = "invoke";
      const noMatch = staffing.Transitions.Errors?.[0];
      if (noMatch) noMatch.NextAction = "invoke";
    },
  },
  {
    rule: "unbounded-loop",
    breaks: "a Loop whose DoneLooping stays in the cycle",
    actionId: "invoke",
    mutate: (flow) => {
      const retry = actionOf(flow, "retry");
      retry.Transitions.NextAction = "check";
      const done = retry.Transitions.Conditions?.[1];
      if (done) done.NextAction = "check";
    },
  },
  {
    rule: "missing-next-action",
    breaks: "a Loop without NextAction",
    actionId: "retry",
    mutate: (flow) => {
      delete actionOf(flow, "retry").Transitions.NextAction;
    },
  },
  {
    rule: "missing-error-transition",
    breaks: "a transfer without a QueueAtCapacity branch",
    profile: "strict",
    actionId: "transfer",
    mutate: (flow) => {
      actionOf(flow, "transfer").Transitions.Errors = [
        { NextAction: "sorry", ErrorType: "NoMatchingError" },
      ];
    },
  },
  {
    rule: "missing-error-transition",
    breaks: "CheckMetricData without NoMatchingCondition",
    actionId: "staffing",
    mutate: (flow) => {
      actionOf(flow, "staffing").Transitions.Errors = [
        { NextAction: "sorry", ErrorType: "NoMatchingError" },
      ];
    },
  },
  {
    rule: "missing-error-transition",
    breaks: "a Lambda invocation without an error branch",
    profile: "strict",
    actionId: "invoke",
    mutate: (flow) => {
      delete actionOf(flow, "invoke").Transitions.Errors;
    },
  },
  {
    rule: "unexpected-error-type",
    breaks: "an error type the action never raises",
    profile: "strict",
    actionId: "queue",
    mutate: (flow) => {
      actionOf(flow, "queue").Transitions.Errors?.push({
        NextAction: "sorry",
        ErrorType: "QueueAtCapacity",
      });
    },
  },
  {
    rule: "missing-error-transition",
    breaks: "a DTMF menu without the NoMatchingError branch its page requires",
    actionId: "menu",
    mutate: (flow) => {
      insertMenu(flow);
      actionOf(flow, "menu").Transitions.Errors = [
        { NextAction: "sorry", ErrorType: "NoMatchingCondition" },
      ];
    },
  },
  {
    rule: "unexpected-error-type",
    breaks: "stored input with a NoMatchingCondition branch its page forbids",
    actionId: "menu",
    mutate: (flow) => {
      insertMenu(flow);
      const menu = actionOf(flow, "menu");
      menu.Parameters["StoreInput"] = "True";
      menu.Transitions.Conditions = [];
    },
  },
  {
    rule: "unsupported-condition",
    breaks: "a DTMF condition that is not one key",
    actionId: "menu",
    mutate: (flow) => {
      insertMenu(flow);
      const condition = actionOf(flow, "menu").Transitions.Conditions?.[0];
      if (condition) condition.Condition.Operands = ["12"];
    },
  },
  {
    rule: "unsupported-condition",
    breaks: "a condition on an action that takes none",
    actionId: "sorry",
    mutate: (flow) => {
      actionOf(flow, "sorry").Transitions.Conditions = [
        { NextAction: "bye", Condition: { Operator: "Equals", Operands: ["x"] } },
      ];
    },
  },
  {
    rule: "unsupported-condition",
    breaks: "a Loop with only a ContinueLooping condition",
    actionId: "retry",
    mutate: (flow) => {
      actionOf(flow, "retry").Transitions.Conditions?.pop();
    },
  },
  {
    rule: "unsupported-condition",
    breaks: "an agent metric compared with something other than > 0",
    actionId: "staffing",
    mutate: (flow) => {
      const condition = actionOf(flow, "staffing").Transitions.Conditions?.[0];
      if (condition) condition.Condition = { Operator: "NumberGreaterThan", Operands: ["1"] };
    },
  },
  {
    rule: "missing-parameter",
    breaks: "a Lambda invocation without its ARN",
    actionId: "invoke",
    mutate: (flow) => {
      delete actionOf(flow, "invoke").Parameters["LambdaFunctionARN"];
    },
  },
  {
    rule: "conflicting-parameters",
    breaks: "a working queue with both QueueId and AgentId",
    actionId: "queue",
    mutate: (flow) => {
      actionOf(flow, "queue").Parameters["QueueId"] =
        "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q";
    },
  },
  {
    rule: "invalid-parameter",
    breaks: "a metric name the service does not know",
    actionId: "staffing",
    mutate: (flow) => {
      actionOf(flow, "staffing").Parameters["MetricType"] = "AGENTS_AVAILABLE";
    },
  },
  {
    rule: "invalid-parameter",
    breaks: "an agent given as text with an embedded path",
    actionId: "queue",
    mutate: (flow) => {
      actionOf(flow, "queue").Parameters["AgentId"] = "agent/$.External.agentId";
    },
  },
  {
    rule: "non-string-scalar",
    breaks: "a number as LoopCount",
    actionId: "retry",
    mutate: (flow) => {
      actionOf(flow, "retry").Parameters["LoopCount"] = 2;
    },
  },
  {
    rule: "non-string-scalar",
    breaks: "a number as a condition operand",
    actionId: "staffing",
    mutate: (flow) => {
      const condition = actionOf(flow, "staffing").Transitions.Conditions?.[0];
      if (condition) condition.Condition.Operands = [0];
    },
  },
  {
    rule: "empty-string",
    breaks: "an empty message",
    actionId: "sorry",
    mutate: (flow) => {
      actionOf(flow, "sorry").Parameters["Text"] = "";
    },
  },
  {
    rule: "empty-string",
    breaks: "an empty comparison operand",
    actionId: "check",
    mutate: (flow) => {
      const condition = actionOf(flow, "check").Transitions.Conditions?.[0];
      if (condition) condition.Condition.Operands = [""];
    },
  },
  {
    rule: "invalid-comparison-value",
    breaks: "a ComparisonValue with text around the path",
    actionId: "check",
    mutate: (flow) => {
      actionOf(flow, "check").Parameters["ComparisonValue"] = "status $.External.status";
    },
  },
  {
    rule: "invalid-comparison-value",
    breaks: "a ComparisonValue that is not a JSONPath",
    actionId: "check",
    mutate: (flow) => {
      actionOf(flow, "check").Parameters["ComparisonValue"] = "status";
    },
  },
  {
    rule: "invalid-loop-count",
    breaks: "a LoopCount above 100",
    actionId: "retry",
    mutate: (flow) => {
      actionOf(flow, "retry").Parameters["LoopCount"] = "101";
    },
  },
  {
    rule: "invalid-time-limit",
    breaks: "a Lambda time limit of 9 seconds",
    actionId: "invoke",
    mutate: (flow) => {
      actionOf(flow, "invoke").Parameters["InvocationTimeLimitSeconds"] = "9";
    },
  },
  {
    rule: "invalid-time-limit",
    breaks: "a Lambda time limit of 0 seconds",
    actionId: "invoke",
    mutate: (flow) => {
      actionOf(flow, "invoke").Parameters["InvocationTimeLimitSeconds"] = "0";
    },
  },
  {
    rule: "invocation-type",
    breaks: "an asynchronous Lambda invocation whose response the flow reads",
    actionId: "invoke",
    mutate: (flow) => {
      actionOf(flow, "invoke").Parameters["InvocationType"] = "ASYNCHRONOUS";
    },
  },
  {
    rule: "invocation-type",
    breaks: "a Lambda invocation without InvocationType",
    actionId: "invoke",
    mutate: (flow) => {
      delete actionOf(flow, "invoke").Parameters["InvocationType"];
    },
  },
  {
    rule: "too-many-actions",
    breaks: "251 actions",
    actionId: undefined,
    mutate: (flow) => {
      const messages = Array.from({ length: 243 }, (_, index) => ({
        Identifier: `message-${index}`,
        Type: "MessageParticipant",
        Parameters: { Text: `Message ${index}` },
        Transitions: {
          NextAction: index === 242 ? "bye" : `message-${index + 1}`,
          Errors: [{ NextAction: "bye", ErrorType: "NoMatchingError" }],
        },
      }));
      actionOf(flow, "sorry").Transitions.NextAction = "message-0";
      flow.Actions.push(...messages);
    },
  },
  {
    rule: "content-too-large",
    breaks: "a message that makes the content exceed 256,000 characters",
    actionId: undefined,
    mutate: (flow) => {
      actionOf(flow, "sorry").Parameters["Text"] = "x".repeat(256_000);
    },
  },
  {
    rule: "metadata-key-case",
    breaks: "capitalised layout keys",
    actionId: "bye",
    mutate: (flow) => {
      flow.Metadata["ActionMetadata"] = { bye: { Position: { x: 0, y: 0 } } };
    },
  },
];

function rulesOf(problems: readonly FlowProblem[]): readonly string[] {
  return problems.map((problem) => problem.rule);
}

describe("validateFlow", () => {
  it("finds nothing wrong with a valid flow in either profile", () => {
    expect(validateFlow(asDocument(validFlow()))).toEqual([]);
    expect(validateFlow(asDocument(validFlow()), { profile: "strict" })).toEqual([]);
  });

  it.each(cases)("reports $rule for $breaks", (entry) => {
    // Prepare
    const { rule, actionId, flowType, mutate } = entry;
    const flow = validFlow();
    mutate(flow);
    const profile = entry.profile ?? flowRuleCatalog[rule].profile;

    // Act
    const problems = validateFlow(asDocument(flow), {
      profile,
      ...(flowType === undefined ? {} : { flowType }),
    });
    const serviceProblems = validateFlow(asDocument(flow), {
      ...(flowType === undefined ? {} : { flowType }),
    });

    // Assess
    const matching = problems.filter((problem) => problem.rule === rule);
    expect(matching, JSON.stringify(problems, null, 2)).not.toHaveLength(0);
    expect(matching.map((problem) => problem.actionId)).toContain(actionId);
    for (const problem of matching) expect(problem.message.length).toBeGreaterThan(10);
    if (profile === "strict") {
      // A house rule never rejects a flow the service would accept.
      expect(rulesOf(serviceProblems)).not.toContain(rule);
    }
  });

  it("has a broken-flow case for every rule it checks", () => {
    expect(new Set(cases.map((entry) => entry.rule))).toEqual(new Set(flowRules));
  });

  it("reports every problem at once, not just the first", () => {
    // Prepare
    const flow = validFlow();
    actionOf(flow, "invoke").Parameters["InvocationTimeLimitSeconds"] = "10";
    actionOf(flow, "sorry").Parameters["Text"] = "";
    delete actionOf(flow, "retry").Transitions.NextAction;

    // Act
    const problems = validateFlow(asDocument(flow), { profile: "strict" });

    // Assess
    expect(rulesOf(problems)).toEqual(
      expect.arrayContaining(["invalid-time-limit", "empty-string", "missing-next-action"]),
    );
  });

  it("accepts nested bounded loops", () => {
    // Prepare: an inner Loop around the staffing check, inside the outer retry cycle.
    const flow = validFlow();
    actionOf(flow, "queue").Transitions.NextAction = "inner";
    flow.Actions.push({
      Identifier: "inner",
      Type: "Loop",
      Parameters: { LoopCount: "3" },
      Transitions: {
        NextAction: "staffing",
        Conditions: [
          { NextAction: "queue", Condition: { Operator: "Equals", Operands: ["ContinueLooping"] } },
          { NextAction: "staffing", Condition: { Operator: "Equals", Operands: ["DoneLooping"] } },
        ],
      },
    });

    // Act
    const problems = validateFlow(asDocument(flow), { profile: "strict" });

    // Assess
    expect(problems).toEqual([]);
  });

  it("names the suggested spelling of a misspelt action type", () => {
    const flow = validFlow();
    actionOf(flow, "queue").Type = "UnTagContact";
    const [problem] = validateFlow(asDocument(flow)).filter(
      (entry) => entry.rule === "unknown-action-type",
    );
    expect(problem?.message).toContain('"UntagContact"');
  });

  it("accepts a flow in the console's export shape: UUID identifiers, extra metadata", async () => {
    const text = await readFile(
      new URL("./fixtures/console-shaped-flow.json", import.meta.url),
      "utf8",
    );
    expect(validateFlow(JSON.parse(text))).toEqual([]);
    expect(validateFlow(JSON.parse(text), { profile: "strict" })).toEqual([]);
  });

  it("rejects something that is not a flow without throwing", () => {
    expect(rulesOf(validateFlow(asDocument({} as MutableFlow)))).toEqual(["invalid-document"]);
  });
});

describe("assertValidFlow", () => {
  it("throws a FlowValidationError carrying every problem", () => {
    // Prepare
    const flow = validFlow();
    flow.StartAction = "nowhere";

    // Act
    const thrown = (() => {
      try {
        assertValidFlow(asDocument(flow));
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(thrown).toBeInstanceOf(FlowValidationError);
    const error = thrown as FlowValidationError;
    expect(error.name).toBe("FlowValidationError");
    expect(error.code).toBe("FLOW_INVALID");
    expect(rulesOf(error.problems)).toContain("unknown-start-action");
  });

  it("returns quietly for a valid flow", () => {
    expect(() => assertValidFlow(asDocument(validFlow()))).not.toThrow();
  });
});

/** Puts a DTMF menu ("press 1 to retry") between the Lambda's status check and the queue. */
function insertMenu(flow: MutableFlow): void {
  const condition = actionOf(flow, "check").Transitions.Conditions?.[0];
  if (condition) condition.NextAction = "menu";
  flow.Actions.push({
    Identifier: "menu",
    Type: "GetParticipantInput",
    Parameters: {
      Text: "Press 1 to reach your agent.",
      StoreInput: "False",
      InputTimeLimitSeconds: "5",
    },
    Transitions: {
      NextAction: "sorry",
      Conditions: [{ NextAction: "queue", Condition: { Operator: "Equals", Operands: ["1"] } }],
      Errors: [
        { NextAction: "sorry", ErrorType: "NoMatchingCondition" },
        { NextAction: "sorry", ErrorType: "NoMatchingError" },
      ],
    },
  });
}

function renameAction(flow: MutableFlow, from: string, to: string): void {
  const text = JSON.stringify(flow).replaceAll(`"${from}"`, `"${to}"`);
  Object.assign(flow, JSON.parse(text));
}
