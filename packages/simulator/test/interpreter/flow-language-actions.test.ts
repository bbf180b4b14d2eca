import type { FlowAction, FlowDocument } from "@connect-affinity/flow-builder";
import { describe, expect, it } from "vitest";
import { passThroughTypes, unsupportedTypes } from "../../src/interpreter/flow-interpreter.js";
import {
  fallbackQueue,
  flowOf,
  hangUp,
  harness,
  say,
  setQueue,
  standardQueue,
  transfer,
} from "../helpers/flows.js";

const action = (value: unknown): FlowAction => value as FlowAction;

const next = (id: string, type: string, parameters: unknown, to: string): FlowAction =>
  action({
    Identifier: id,
    Type: type,
    Parameters: parameters,
    Transitions: {
      NextAction: to,
      Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
    },
  });

const equals = (operand: string, to: string) => ({
  NextAction: to,
  Condition: { Operator: "Equals", Operands: [operand] },
});

/** Set the standard queue, transfer; on failure apologise and hang up. */
const tail = [
  setQueue("to-standard", { QueueId: standardQueue.arn }, "transfer", "sorry"),
  transfer("transfer", "sorry", "sorry"),
  say("sorry", "Sorry.", "bye"),
  hangUp("bye"),
];

describe("actions that do not change where the contact goes", () => {
  it("are traced as passed and the contact goes on", async () => {
    // Prepare
    const flow = flowOf("logging", [
      next("logging", "UpdateFlowLoggingBehavior", { FlowLoggingBehavior: "Enabled" }, "recording"),
      next(
        "recording",
        "UpdateContactRecordingBehavior",
        { RecordingBehavior: { RecordedParticipants: ["Agent", "Customer"] } },
        "hooks",
      ),
      next(
        "hooks",
        "UpdateContactEventHooks",
        { EventHooks: { AgentWhisper: "whisper-flow" } },
        "tags",
      ),
      next("tags", "TagContact", { Tags: { campaign: "spring" } }, "to-standard"),
      ...tail,
    ]);
    const { run } = harness(flow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({ kind: "agent" });
    expect(
      result?.execution.trace.filter((step) => step.kind === "other").map((step) => step.note),
    ).toEqual(["passed", "passed", "passed", "passed"]);
  });
});

describe("actions whose result the simulation cannot produce", () => {
  it("stop the contact as unsupported instead of guessing a branch", async () => {
    // Prepare
    const flow = flowOf("bot", [
      action({
        Identifier: "bot",
        Type: "ConnectParticipantWithLexBot",
        Parameters: { Text: "How can I help?", LexV2Bot: { AliasArn: "arn:aws:lex:x" } },
        Transitions: {
          NextAction: "to-standard",
          Conditions: [equals("Billing", "to-standard")],
          Errors: [
            { NextAction: "sorry", ErrorType: "NoMatchingCondition" },
            { NextAction: "sorry", ErrorType: "NoMatchingError" },
          ],
        },
      }),
      ...tail,
    ]);
    const { run } = harness(flow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.outcome).toMatchObject({
      kind: "dead-end",
      actionId: "bot",
      reason: "unsupported-action",
    });
    expect(result?.execution.trace).toEqual([
      { kind: "other", actionId: "bot", type: "ConnectParticipantWithLexBot", note: "unsupported" },
    ]);
  });

  it("are never also passed through", () => {
    for (const type of unsupportedTypes) expect(passThroughTypes.has(type)).toBe(false);
  });
});

describe("flow attributes", () => {
  it("keep the working queue while another is set, and give it back (a spliced flow's fallback)", async () => {
    // Prepare
    const flow = flowOf("to-fallback", [
      setQueue("to-fallback", { QueueId: fallbackQueue.arn }, "remember", "sorry"),
      next(
        "remember",
        "UpdateFlowAttributes",
        { FlowAttributes: { host: { Value: "$.Queue.ARN" } } },
        "elsewhere",
      ),
      setQueue("elsewhere", { QueueId: standardQueue.arn }, "restore", "sorry"),
      setQueue("restore", { QueueId: "$.FlowAttributes.host" }, "transfer", "sorry"),
      transfer("transfer", "sorry", "sorry"),
      say("sorry", "Sorry.", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.flowAttributes).toEqual({ host: fallbackQueue.arn });
    expect(result?.outcome).toMatchObject({
      kind: "agent",
      queue: { kind: "queue", queue: fallbackQueue },
    });
  });
});

describe("CheckHoursOfOperation", () => {
  const flow = flowOf("hours", [
    action({
      Identifier: "hours",
      Type: "CheckHoursOfOperation",
      Parameters: {},
      Transitions: {
        NextAction: "sorry",
        Conditions: [equals("True", "to-standard"), equals("False", "closed")],
        Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
      },
    }),
    say("closed", "We are closed.", "bye"),
    ...tail,
  ]);

  it("finds the simulated instance open unless told otherwise", async () => {
    const [result] = await harness(flow).run();
    expect(result?.outcome.kind).toBe("agent");
    expect(result?.execution.trace[0]).toMatchObject({ note: "hours:open" });
  });

  it("takes the False branch when the hours are closed", async () => {
    const [result] = await harness(flow, { deps: { hoursOfOperation: () => false } }).run();
    expect(result?.execution.transcript).toEqual(["We are closed."]);
  });
});

describe("DistributeByPercentage", () => {
  const split = flowOf("split", [
    action({
      Identifier: "split",
      Type: "DistributeByPercentage",
      Parameters: {},
      Transitions: {
        NextAction: "b",
        Conditions: [
          { NextAction: "a", Condition: { Operator: "NumberLessThan", Operands: ["31"] } },
        ],
        Errors: [{ NextAction: "b", ErrorType: "NoMatchingCondition" }],
      },
    }),
    say("a", "A", "bye"),
    say("b", "B", "bye"),
    hangUp("bye"),
  ]);

  it("sends a draw below the boundary down the first branch, the rest to the other", async () => {
    const low = await harness(split, { deps: { percentage: () => 30 } }).run();
    const high = await harness(split, { deps: { percentage: () => 31 } }).run();
    expect(low[0]?.execution.transcript).toEqual(["A"]);
    expect(high[0]?.execution.transcript).toEqual(["B"]);
  });

  it("draws the same for the same contact on every run, and spreads contacts near the percentages", async () => {
    const calls = Array.from({ length: 200 }, (_, index) => ({ contactId: `c-${index}` }));
    const first = await harness(split).run(...calls);
    const again = await harness(split).run(...calls);
    const branches = first.map((result) => result.execution.transcript[0]);
    expect(again.map((result) => result.execution.transcript[0])).toEqual(branches);
    const share = branches.filter((branch) => branch === "A").length / branches.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
  });
});

describe("GetParticipantInput", () => {
  const menu = flowOf("menu", [
    action({
      Identifier: "menu",
      Type: "GetParticipantInput",
      Parameters: { Text: "Press 1 for sales.", StoreInput: "False", InputTimeLimitSeconds: "5" },
      Transitions: {
        NextAction: "sorry",
        Conditions: [equals("1", "to-standard")],
        Errors: [
          { NextAction: "timeout", ErrorType: "InputTimeLimitExceeded" },
          { NextAction: "sorry", ErrorType: "NoMatchingCondition" },
          { NextAction: "sorry", ErrorType: "NoMatchingError" },
        ],
      },
    }),
    say("timeout", "We did not hear you.", "bye"),
    ...tail,
  ]);

  it("takes the branch of the key the caller presses", async () => {
    const [result] = await harness(menu).run({ participantInputs: ["1"] });
    expect(result?.outcome.kind).toBe("agent");
  });

  it("takes the no-match branch for another key", async () => {
    const [result] = await harness(menu).run({ participantInputs: ["9"] });
    expect(result?.execution.transcript).toEqual(["Sorry."]);
  });

  it("times out when the caller presses nothing, after the prompt and the time limit", async () => {
    const [result] = await harness(menu, { timing: { messageMs: 2000 } }).run();
    expect(result?.execution.transcript).toEqual(["We did not hear you."]);
    expect(
      result?.outcome.kind === "disconnected" && result.outcome.at - result.execution.arrivedAt,
    ).toBe(2000 + 5000 + 2000);
  });

  it("stores input for a callback number, which must be E.164", async () => {
    const flow = flowOf("ask", [
      action({
        Identifier: "ask",
        Type: "GetParticipantInput",
        Parameters: { Text: "Your number?", StoreInput: "True", InputTimeLimitSeconds: "5" },
        Transitions: {
          NextAction: "set-number",
          Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
        },
      }),
      action({
        Identifier: "set-number",
        Type: "UpdateContactCallbackNumber",
        Parameters: { CallbackNumber: "$.StoredCustomerInput" },
        Transitions: {
          NextAction: "to-standard",
          Errors: [
            { NextAction: "invalid", ErrorType: "InvalidCallbackNumber" },
            { NextAction: "sorry", ErrorType: "CallbackNumberNotDialable" },
          ],
        },
      }),
      say("invalid", "That number is not valid.", "bye"),
      ...tail,
    ]);
    const [valid] = await harness(flow).run({ participantInputs: ["+81312345678"] });
    const [invalid] = await harness(flow).run({ participantInputs: ["12"] });
    expect(valid?.execution.callbackNumber).toBe("+81312345678");
    expect(valid?.outcome.kind).toBe("agent");
    expect(invalid?.execution.transcript).toEqual(["That number is not valid."]);
  });
});

describe("Wait", () => {
  it("waits out its time limit and takes WaitCompleted", async () => {
    const flow = flowOf("wait", [
      action({
        Identifier: "wait",
        Type: "Wait",
        Parameters: { TimeLimitSeconds: "30", Events: ["CustomerReturned"] },
        Transitions: {
          NextAction: "sorry",
          Conditions: [equals("CustomerReturned", "sorry"), equals("WaitCompleted", "done")],
          Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
        },
      }),
      say("done", "Done waiting.", "bye"),
      ...tail,
    ]);
    const [result] = await harness(flow, { timing: { messageMs: 0 } }).run();
    expect(result?.execution.transcript).toEqual(["Done waiting."]);
    expect(
      result?.outcome.kind === "disconnected" && result.outcome.at - result.execution.arrivedAt,
    ).toBe(30_000);
  });
});

describe("CheckMetricData on queue metrics", () => {
  it("counts the contacts waiting in the working queue", async () => {
    // Prepare: one agent; the first caller takes them, the second waits, the third checks.
    const flow = flowOf("to-standard", [
      setQueue("to-standard", { QueueId: standardQueue.arn }, "depth", "sorry"),
      action({
        Identifier: "depth",
        Type: "CheckMetricData",
        Parameters: { MetricType: "NumberOfContactsInQueue" },
        Transitions: {
          NextAction: "transfer",
          Conditions: [
            {
              NextAction: "busy",
              Condition: { Operator: "NumberGreaterOrEqualTo", Operands: ["1"] },
            },
          ],
          Errors: [
            { NextAction: "transfer", ErrorType: "NoMatchingCondition" },
            { NextAction: "sorry", ErrorType: "NoMatchingError" },
          ],
        },
      }),
      say("busy", "Please hold, you are not alone.", "transfer"),
      transfer("transfer", "sorry", "sorry"),
      say("sorry", "Sorry.", "bye"),
      hangUp("bye"),
    ]);
    const { run } = harness(flow, { agents: ["sato"], timing: { messageMs: 0 } });

    // Act
    const results = await run(
      { contactId: "a" },
      { contactId: "b" },
      { contactId: "c", atMs: 5000 },
    );

    // Assess
    expect(results.map((result) => result.execution.transcript)).toEqual([
      [],
      [],
      ["Please hold, you are not alone."],
    ]);
  });
});

describe("CheckMetricData on agent metrics", () => {
  const check = (id: string, metric: string, yes: string, no: string): FlowAction =>
    action({
      Identifier: id,
      Type: "CheckMetricData",
      Parameters: { MetricType: metric },
      Transitions: {
        NextAction: no,
        Conditions: [
          { NextAction: yes, Condition: { Operator: "NumberGreaterThan", Operands: ["0"] } },
        ],
        Errors: [
          { NextAction: no, ErrorType: "NoMatchingCondition" },
          { NextAction: "sorry", ErrorType: "NoMatchingError" },
        ],
      },
    });
  const flow = flowOf("to-standard", [
    setQueue("to-standard", { QueueId: standardQueue.arn }, "staffed?", "sorry"),
    check("staffed?", "NumberOfAgentsStaffed", "staffed", "not-staffed"),
    say("staffed", "Staffed.", "online?"),
    say("not-staffed", "Not staffed.", "online?"),
    check("online?", "NumberOfAgentsOnline", "online", "not-online"),
    say("online", "Online.", "bye"),
    say("not-online", "Not online.", "bye"),
    say("sorry", "Sorry.", "bye"),
    hangUp("bye"),
  ]);

  it("counts an agent on a break as online but not staffed (Available, on a contact or in after-contact work)", async () => {
    // Prepare
    const { run, floor } = harness(flow, { agents: ["sato"], timing: { messageMs: 0 } });
    floor.onBreak.add(floor.agent("sato").id);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["Not staffed.", "Online."]);
  });

  it("counts an agent on a contact as staffed", async () => {
    // Prepare
    const { run, floor } = harness(flow, { agents: ["sato"], timing: { messageMs: 0 } });
    floor.busy.add(floor.agent("sato").id);

    // Act
    const [result] = await run();

    // Assess
    expect(result?.execution.transcript).toEqual(["Staffed.", "Online."]);
  });
});

describe("TransferToFlow", () => {
  const linked: FlowDocument = flowOf("linked-queue", [
    setQueue("linked-queue", { QueueId: fallbackQueue.arn }, "linked-transfer", "linked-bye"),
    transfer("linked-transfer", "linked-bye", "linked-bye"),
    hangUp("linked-bye"),
  ]);
  const flow = flowOf("remember", [
    next("remember", "UpdateFlowAttributes", { FlowAttributes: { x: { Value: "1" } } }, "jump"),
    action({
      Identifier: "jump",
      Type: "TransferToFlow",
      Parameters: { ContactFlowId: "sticky-flow" },
      Transitions: {
        NextAction: "sorry",
        Errors: [{ NextAction: "sorry", ErrorType: "NoMatchingError" }],
      },
    }),
    say("sorry", "Sorry.", "bye"),
    hangUp("bye"),
  ]);

  it("continues in a linked flow, without this flow's flow attributes", async () => {
    const [result] = await harness(flow, {
      deps: { linkedFlows: { "sticky-flow": linked } },
    }).run();
    expect(result?.outcome).toMatchObject({
      kind: "agent",
      queue: { kind: "queue", queue: fallbackQueue },
    });
    expect(result?.execution.currentFlow).toBe("sticky-flow");
    expect(result?.execution.flowAttributes).toEqual({});
  });

  it("stops as unsupported when the target flow is not linked", async () => {
    const [result] = await harness(flow).run();
    expect(result?.outcome).toMatchObject({
      kind: "dead-end",
      actionId: "jump",
      reason: "unsupported-action",
    });
  });
});

describe("EndFlowExecution and static routing steps", () => {
  it("ends the contact when the flow ends before it is queued", async () => {
    const flow = flowOf("bye-now", [
      say("bye-now", "Goodbye.", "end"),
      action({ Identifier: "end", Type: "EndFlowExecution", Parameters: {}, Transitions: {} }),
    ]);
    const [result] = await harness(flow, { deps: { validate: () => [] } }).run();
    expect(result?.outcome.kind).toBe("disconnected");
  });

  it("resolves JSONPaths inside static routing steps", async () => {
    const flow = flowOf("criteria", [
      action({
        Identifier: "criteria",
        Type: "UpdateContactRoutingCriteria",
        Parameters: {
          RoutingCriteria: {
            Steps: [
              {
                Expression: {
                  AttributeCondition: {
                    ComparisonOperator: "Match",
                    MatchCriteria: { AgentsCriteria: { AgentIds: ["$.Attributes.preferred"] } },
                  },
                },
                Expiry: { DurationInSeconds: "30" },
              },
            ],
          },
        },
        Transitions: {
          NextAction: "to-standard",
          Errors: [{ NextAction: "to-standard", ErrorType: "NoMatchingError" }],
        },
      }),
      ...tail,
    ]);
    const [result] = await harness(flow).run({ attributes: { preferred: "id-suzuki" } });
    expect(result?.execution.routingCriteria).toEqual({
      steps: [{ agentIds: ["id-suzuki"], expirySeconds: 30 }],
    });
    expect(result?.outcome).toMatchObject({ kind: "agent", agent: { username: "suzuki" } });
  });
});
