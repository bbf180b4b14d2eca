import { describe, expect, it } from "vitest";
import {
  type FlowAction,
  type FlowDocument,
  flowEdges,
  hostQueueFlowAttribute,
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
  SpliceError,
  spliceStickyRouting,
  validateFlow,
} from "../src/index.js";
import { flowPaths } from "./helpers/flow-paths.js";
import { hostFlow, hostQueueArn, hostTransfer } from "./helpers/host-flow.js";

function action(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((candidate) => candidate.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

function targets(flow: FlowDocument, id: string): readonly string[] {
  return flowEdges(action(flow, id)).map((edge) => edge.to);
}

const setQueue = "a0000000-0000-4000-8000-000000000003";
const apology = "a0000000-0000-4000-8000-000000000005";

describe("spliceStickyRouting with the agent-queue routing", () => {
  it("puts the routing in front of the host's transfer and keeps the transfer's error paths", () => {
    // Act
    const result = spliceStickyRouting(hostFlow(), { at: hostTransfer });

    // Assess
    expect(result.entry).toBe("affinity-save-host-queue");
    expect(result.redirected).toBe(1);
    expect(action(result.flow, setQueue).Transitions.NextAction).toBe("affinity-save-host-queue");
    // The host's transfer is untouched: same queue, same error paths.
    expect(action(result.flow, hostTransfer)).toEqual(action(hostFlow(), hostTransfer));
    expect(action(result.flow, setQueue).Parameters).toEqual({ QueueId: hostQueueArn });
    expect(result.problems).toEqual([]);
    expect(validateFlow(result.flow, { profile: "strict" })).toEqual([]);
  });

  it("remembers the host's working queue and restores it before every fallback to the host", () => {
    const { flow } = spliceStickyRouting(hostFlow(), { at: hostTransfer });
    expect(action(flow, "affinity-save-host-queue").Parameters).toEqual({
      FlowAttributes: { [hostQueueFlowAttribute]: { Value: "$.Queue.ARN" } },
    });
    expect(action(flow, "affinity-restore-host-queue").Parameters).toEqual({
      QueueId: `$.FlowAttributes.${hostQueueFlowAttribute}`,
    });
    expect(new Set(targets(flow, "affinity-restore-host-queue"))).toEqual(new Set([hostTransfer]));
    // Once the working queue points at an agent, failures restore it first (a failed transfer
    // to the agent's queue after ending the bounded stay there).
    for (const id of [
      "affinity-set-agent-queue",
      "affinity-check-agent-available",
      "affinity-invoke-next-agent",
    ]) {
      expect(targets(flow, id)).toContain("affinity-restore-host-queue");
      expect(targets(flow, id)).not.toContain(hostTransfer);
    }
    expect(targets(flow, "affinity-transfer-to-agent")).toContain("affinity-stop-queue-wait");
    expect(targets(flow, "affinity-transfer-to-agent")).not.toContain(hostTransfer);
    expect(new Set(targets(flow, "affinity-stop-queue-wait"))).toEqual(
      new Set(["affinity-restore-host-queue"]),
    );
  });

  it("ends every path at a transfer or a disconnect: the agent's, the host's, or the host's apology", () => {
    const { flow } = spliceStickyRouting(hostFlow(), { at: hostTransfer });
    const paths = flowPaths(flow);
    expect(paths.filter((path) => path.end !== "transfer" && path.end !== "disconnect")).toEqual(
      [],
    );
    const transferredAt = new Set(
      paths.filter((path) => path.end === "transfer").map((path) => path.actions.at(-1)),
    );
    expect(transferredAt).toEqual(new Set(["affinity-transfer-to-agent", hostTransfer]));
  });

  it("uses the ARNs, attempts and language it is given", () => {
    const route = "arn:aws:lambda:eu-west-1:210987654321:function:my-route";
    const { flow } = spliceStickyRouting(hostFlow(), {
      at: hostTransfer,
      flowOptions: { lambdaArns: { route }, maxAttempts: 3, language: "en-US" },
    });
    expect(action(flow, "affinity-invoke-route").Parameters).toMatchObject({
      LambdaFunctionARN: route,
    });
    expect(action(flow, "affinity-invoke-record").Parameters).toMatchObject({
      LambdaFunctionARN: placeholderLambdaArns.record,
    });
    expect(action(flow, "affinity-count-attempts").Parameters).toEqual({ LoopCount: "2" });
    expect(action(flow, "affinity-play-connecting").Parameters).toEqual({
      Text: "Connecting you to an agent. Please hold.",
    });
  });

  it("lays the spliced blocks out below the host's and keeps the host's metadata", () => {
    // Act
    const { flow, added } = spliceStickyRouting(hostFlow(), { at: hostTransfer });

    // Assess
    const metadata = flow.Metadata?.ActionMetadata ?? {};
    expect(metadata[setQueue]).toEqual(hostFlow().Metadata?.ActionMetadata?.[setQueue]);
    expect(flow.Metadata?.["name"]).toBe("Main inbound");
    const hostLowest = 240;
    for (const id of added) {
      expect(metadata[id]?.isFriendlyName).toBe(true);
      expect(metadata[id]?.position?.y).toBeGreaterThan(hostLowest);
    }
    expect(metadata["affinity-save-host-queue"]?.position?.x).toBe(880);
  });

  it("leaves a flow without metadata without metadata", () => {
    const { Metadata: _unused, ...bare } = hostFlow();
    const { flow } = spliceStickyRouting(bare, { at: hostTransfer });
    expect(flow.Metadata).toBeUndefined();
  });

  it("redirects the start when the flow starts at the action", () => {
    const host = { ...hostFlow(), StartAction: hostTransfer };
    const { flow, redirected } = spliceStickyRouting(host, { at: hostTransfer });
    expect(flow.StartAction).toBe("affinity-save-host-queue");
    expect(redirected).toBe(2);
  });

  it("numbers its prefix when the host already uses it", () => {
    const host = hostFlow();
    const renamed = JSON.parse(
      JSON.stringify(host).replaceAll(apology, "affinity-apology"),
    ) as FlowDocument;
    const { entry, problems } = spliceStickyRouting(renamed, { at: hostTransfer });
    expect(entry).toBe("affinity2-save-host-queue");
    expect(problems).toEqual([]);
  });
});

describe("spliceStickyRouting with a bounded wait", () => {
  it("marks the wait and sets the customer queue flow before the transfer to the agent's queue", () => {
    const { flow, problems } = spliceStickyRouting(hostFlow(), {
      at: hostTransfer,
      flowOptions: {
        lambdaArns: placeholderLambdaArns,
        preferredWaitSeconds: 30,
        customerQueueFlowArn: placeholderCustomerQueueFlowArn,
      },
    });
    expect(problems).toEqual([]);
    expect(action(flow, "affinity-set-customer-queue-flow").Parameters).toEqual({
      EventHooks: { CustomerQueue: placeholderCustomerQueueFlowArn },
    });
    expect(targets(flow, "affinity-transfer-to-agent")).toContain("affinity-stop-queue-wait");
    // The caller's own agent found taken while staffed is waited for, as in the generated flow.
    expect(targets(flow, "affinity-check-agent-available")).toContain(
      "affinity-check-offer-reason",
    );
    expect(targets(flow, "affinity-check-offer-reason")).toContain("affinity-check-agent-staffed");
    expect(targets(flow, "affinity-check-agent-staffed")).toContain("affinity-invoke-record");
    expect(validateFlow(flow, { profile: "strict" })).toEqual([]);
  });

  it("bounds the stay in the agent's queue with a placeholder customer queue flow until its ARN is given", () => {
    const { flow } = spliceStickyRouting(hostFlow(), { at: hostTransfer });
    expect(action(flow, "affinity-set-customer-queue-flow").Parameters).toEqual({
      EventHooks: { CustomerQueue: placeholderCustomerQueueFlowArn },
    });
    // With the wait off, the offer's presence is never "busy": the staffing check decides.
    const guarded = spliceStickyRouting(hostFlow(), {
      at: hostTransfer,
      flowOptions: { preferredWaitSeconds: 0 },
    }).flow;
    expect(guarded.Actions.some((a) => a.Identifier === "affinity-check-offer-presence")).toBe(
      false,
    );
    expect(guarded.Actions.some((a) => a.Identifier === "affinity-set-customer-queue-flow")).toBe(
      true,
    );
  });
});

describe("spliceStickyRouting with the routing-criteria routing", () => {
  it("sets the criteria and goes on to the host's own transfer, which they then act on", () => {
    // Act
    const { flow, entry, added, problems } = spliceStickyRouting(hostFlow(), {
      at: hostTransfer,
      variant: "routing-criteria",
    });

    // Assess
    expect(entry).toBe("affinity-invoke-routing-criteria");
    expect(added.slice(0, 4)).toEqual([
      "affinity-invoke-routing-criteria",
      "affinity-check-criteria-status",
      "affinity-save-preferred-agent",
      "affinity-count-criteria-agents",
    ]);
    // The count check, a ring check per count from 2 to 10, a criteria block per shape.
    expect(added).toHaveLength(4 + 9 + 36);
    expect(action(flow, "affinity-set-criteria-one-agent-one-ring").Parameters).toMatchObject({
      RoutingCriteria: {
        Steps: [
          {
            Expression: {
              AttributeCondition: {
                MatchCriteria: { AgentsCriteria: { AgentIds: ["$.External.agent1"] } },
              },
            },
          },
        ],
      },
    });
    for (const id of added.slice(4)) {
      // A ring-count check leads to its criteria blocks, or (out of range) to the host.
      if (action(flow, id).Type !== "UpdateContactRoutingCriteria") continue;
      expect(new Set(targets(flow, id))).toEqual(new Set([hostTransfer]));
    }
    // No working queue is touched: the host's queue is where the criteria act.
    expect(flow.Actions.filter((entry) => entry.Type === "UpdateContactTargetQueue")).toHaveLength(
      1,
    );
    expect(problems).toEqual([]);
    expect(validateFlow(flow, { profile: "strict" })).toEqual([]);
  });
});

describe("spliceStickyRouting with a transfer to the sticky flow", () => {
  it("wires one TransferToFlow whose failure continues at the host's transfer", () => {
    const arn =
      "arn:aws:connect:us-east-1:123456789012:instance/00000000-0000-4000-8000-000000000000/contact-flow/99999999-0000-4000-8000-000000000000";
    const { flow, added, problems } = spliceStickyRouting(hostFlow(), {
      at: hostTransfer,
      transferToFlow: arn,
    });
    expect(added).toEqual(["affinity-transfer-to-sticky-flow"]);
    expect(action(flow, "affinity-transfer-to-sticky-flow")).toMatchObject({
      Type: "TransferToFlow",
      Parameters: { ContactFlowId: arn },
      Transitions: {
        NextAction: hostTransfer,
        Errors: [{ NextAction: hostTransfer, ErrorType: "NoMatchingError" }],
      },
    });
    expect(problems).toEqual([]);
  });
});

describe("spliceStickyRouting refuses", () => {
  it("an action the flow does not have, naming its transfers", () => {
    expect(() => spliceStickyRouting(hostFlow(), { at: "transfer" })).toThrow(
      new SpliceError(
        `The flow has no action "transfer"; name the Identifier of the action to route in front of (its TransferContactToQueue: "${hostTransfer}")`,
      ),
    );
  });

  it("a flow type that cannot set a working queue", () => {
    expect(() =>
      spliceStickyRouting(hostFlow(), { at: hostTransfer, flowType: "CUSTOMER_QUEUE" }),
    ).toThrow(/A CUSTOMER_QUEUE flow cannot run UpdateContactTargetQueue, TransferContactToQueue/);
  });

  it("options the generators would refuse", () => {
    const attempt = (): unknown =>
      spliceStickyRouting(hostFlow(), {
        at: hostTransfer,
        flowOptions: { lambdaArns: { route: "my-route" } },
      });
    expect(attempt).toThrow(SpliceError);
    expect(attempt).toThrow(/lambdaArns.route: must be a Lambda function ARN/);
  });
});
