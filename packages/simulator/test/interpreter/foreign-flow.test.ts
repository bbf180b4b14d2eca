import type { FlowAction, FlowDocument } from "@connect-affinity/flow-builder";
import { describe, expect, it } from "vitest";
import { bindFlowLambdas, queuesOfFlow } from "../../src/interpreter/foreign-flow.js";
import { flowOf, hangUp, invoke, setQueue, standardQueue } from "../helpers/flows.js";

const withArn = (id: string, arn: string): FlowAction => {
  const action = invoke(id, "x", "bye", "bye") as unknown as {
    Parameters: Record<string, unknown>;
  };
  return {
    ...action,
    Parameters: { ...action.Parameters, LambdaFunctionARN: arn },
  } as unknown as FlowAction;
};

describe("bindFlowLambdas", () => {
  it("binds connect-affinity-* functions of any account or region to the handler of that name, and nothing else", () => {
    const route = async () => ({ status: "none" });
    const flow = flowOf("a", [
      withArn("a", "arn:aws:lambda:us-east-1:123456789012:function:connect-affinity-route"),
      withArn(
        "b",
        "arn:aws:lambda:eu-west-1:210987654321:function:connect-affinity-next-agent:live",
      ),
      withArn("c", "arn:aws:lambda:us-east-1:123456789012:function:billing-lookup"),
      hangUp("bye"),
    ]);
    const nextAgent = async () => ({ status: "none" });
    expect(bindFlowLambdas(flow, { route, "next-agent": nextAgent })).toEqual({
      "arn:aws:lambda:us-east-1:123456789012:function:connect-affinity-route": route,
      "arn:aws:lambda:eu-west-1:210987654321:function:connect-affinity-next-agent:live": nextAgent,
    });
  });
});

describe("queuesOfFlow", () => {
  it("adds the static queues a flow names, by the console's display name, once each", () => {
    const arn =
      "arn:aws:connect:us-east-1:123456789012:instance/00000000-0000-4000-8000-000000000000/queue/q-support";
    const flow: FlowDocument = {
      ...flowOf("one", [
        setQueue("one", { QueueId: arn }, "two", "bye"),
        setQueue("two", { QueueId: arn }, "three", "bye"),
        setQueue("three", { QueueId: "$.Attributes.queue" }, "four", "bye"),
        setQueue("four", { QueueId: standardQueue.arn }, "bye", "bye"),
        hangUp("bye"),
      ]),
      Metadata: {
        ActionMetadata: { one: { parameters: { QueueId: { displayName: "Support" } } } },
      },
    };
    expect(queuesOfFlow(flow, [standardQueue])).toEqual([
      { id: "q-support", arn, name: "Support", role: "standard" },
    ]);
  });
});
