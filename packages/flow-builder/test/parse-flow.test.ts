import { describe, expect, it } from "vitest";
import {
  agentQueueFlow,
  FlowParseError,
  flowToJson,
  parseFlow,
  readFlow,
  readFlowSource,
} from "../src/index.js";
import { flowOptions } from "./helpers/flow-options-factory.js";
import { hostFlow } from "./helpers/host-flow.js";

function thrownBy(read: () => unknown): FlowParseError {
  try {
    read();
  } catch (error) {
    if (error instanceof FlowParseError) return error;
    throw error;
  }
  throw new Error("nothing was thrown");
}

describe("readFlow", () => {
  it("reads a console export and the flow type and name its metadata give", () => {
    const text = JSON.stringify(hostFlow());
    const parsed = readFlow(text);
    expect(parsed.flow).toEqual(hostFlow());
    expect(parsed.flowType).toBe("CONTACT_FLOW");
    expect(parsed.name).toBe("Main inbound");
  });

  it("unwraps DescribeContactFlow output, whose Content is the document as a string", () => {
    const text = JSON.stringify({
      ContactFlow: {
        Name: "Whisper",
        Type: "AGENT_WHISPER",
        Content: JSON.stringify(hostFlow()),
      },
    });
    const parsed = readFlow(text);
    expect(parsed.flow).toEqual(hostFlow());
    expect(parsed.flowType).toBe("AGENT_WHISPER");
    expect(parsed.name).toBe("Whisper");
  });

  it("unwraps an export wrapper { Name, Type, Content }", () => {
    const parsed = readFlow(
      JSON.stringify({
        Name: "Queue",
        Type: "CUSTOMER_QUEUE",
        Content: JSON.stringify(hostFlow()),
      }),
    );
    expect(parsed.flowType).toBe("CUSTOMER_QUEUE");
    expect(parsed.flow.Actions).toHaveLength(6);
  });

  it("writes back the same JSON it read, metadata and unknown keys included", () => {
    const original = { ...hostFlow(), Settings: { InputParameters: [] }, Unknown: { kept: 1 } };
    const flow = parseFlow(JSON.parse(JSON.stringify(original)));
    expect(JSON.parse(flowToJson(flow))).toEqual(original);
    expect(flowToJson(flow, { keyOrder: "preserve" })).toBe(JSON.stringify(original, null, 2));
  });

  it("round-trips a generated flow", () => {
    const flow = agentQueueFlow(flowOptions());
    expect(readFlow(flowToJson(flow)).flow).toEqual(flow);
  });

  it("returns a copy that does not change when the input does", () => {
    const input = hostFlow() as unknown as { Actions: { Identifier: string }[] };
    const flow = parseFlow(input);
    (input.Actions[0] as { Identifier: string }).Identifier = "changed";
    expect(flow.Actions[0]?.Identifier).toBe("a0000000-0000-4000-8000-000000000001");
  });
});

describe("readFlow refuses what is not a flow", () => {
  it("text that is not JSON", () => {
    expect(thrownBy(() => readFlow("{ nope")).issues[0]).toMatch(/^the input is not JSON/);
  });

  it("JSON without a document", () => {
    expect(thrownBy(() => readFlow('{ "Name": "x" }')).issues).toEqual([
      "expected a flow document (with Actions), DescribeContactFlow output (ContactFlow.Content) or an export wrapper (Content)",
    ]);
  });

  it("an action type the flow language does not have, naming its right spelling", () => {
    const flow = hostFlow() as unknown as { Actions: { Type: string }[] };
    (flow.Actions[0] as { Type: string }).Type = "UpdateRoutingCriteria";
    (flow.Actions[1] as { Type: string }).Type = "PlaySomething";
    const error = thrownBy(() => parseFlow(flow));
    expect(error.code).toBe("FLOW_UNREADABLE");
    expect(error.issues).toEqual([
      'Actions[0] "a0000000-0000-4000-8000-000000000001" has the type "UpdateRoutingCriteria"; the service knows it as "UpdateContactRoutingCriteria"',
      'Actions[1] "a0000000-0000-4000-8000-000000000002" has the type "PlaySomething", which the flow language does not have',
    ]);
  });

  it("actions without the shape of an action, each named", () => {
    const error = thrownBy(() =>
      parseFlow({
        Version: "2019-10-30",
        StartAction: 7,
        Actions: [
          "bye",
          { Type: "DisconnectParticipant", Transitions: {} },
          { Identifier: "x", Type: "Compare", Parameters: [], Transitions: { Errors: {} } },
        ],
      }),
    );
    expect(error.issues).toEqual([
      "StartAction must be a string",
      "Actions[0] must be an object",
      "Actions[1] has no string Identifier",
      'Actions[2] "x": Parameters must be an object',
      'Actions[2] "x": Transitions.Errors must be a list of objects',
    ]);
  });
});

describe("parseFlow names every shape problem of the document", () => {
  it.each([
    ["a list instead of an object", [], ["a flow is a JSON object"]],
    [
      "metadata that is text and actions that are not a list",
      { Version: "2019-10-30", StartAction: "a", Metadata: "x", Actions: {} },
      ["Metadata must be an object", "Actions must be a list"],
    ],
    [
      "an action without a type, one without transitions, a NextAction that is a number",
      {
        Version: "2019-10-30",
        StartAction: "a",
        Actions: [
          { Identifier: "a", Transitions: {} },
          { Identifier: "b", Type: "DisconnectParticipant" },
          { Identifier: "c", Type: "Loop", Parameters: {}, Transitions: { NextAction: 3 } },
        ],
      },
      [
        'Actions[0] "a" has no string Type',
        'Actions[1] "b": Transitions must be an object',
        'Actions[2] "c": Transitions.NextAction must be a string',
      ],
    ],
  ])("%s", (_what, input, issues) => {
    expect(thrownBy(() => parseFlow(input)).issues).toEqual(issues);
  });

  it("refuses JSON that is not an object at all", () => {
    expect(thrownBy(() => readFlow("42")).issues).toEqual(["a flow is a JSON object"]);
  });
});

describe("readFlowSource", () => {
  it("unwraps without judging the document, for the validator to report everything", () => {
    const source = readFlowSource(
      JSON.stringify({ Actions: "not a list", Metadata: { type: "customerHold" } }),
    );
    expect(source.document).toEqual({ Actions: "not a list", Metadata: { type: "customerHold" } });
    expect(source.flowType).toBe("CUSTOMER_HOLD");
  });
});
