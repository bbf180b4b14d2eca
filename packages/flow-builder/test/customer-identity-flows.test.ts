import { describe, expect, it } from "vitest";
import {
  agentQueueFlow,
  customerProfileIdPath,
  type FlowAction,
  type FlowDocument,
  FlowOptionsError,
  flowEdges,
  generateFlow,
  spliceStickyRouting,
  validateFlow,
} from "../src/index.js";
import { flowOptions } from "./helpers/flow-options-factory.js";
import { hostFlow, hostTransfer } from "./helpers/host-flow.js";

function action(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((candidate) => candidate.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

/** What the flow passes to the Lambda of action `id`. */
function sent(flow: FlowDocument, id: string): unknown {
  return (action(flow, id).Parameters as { LambdaInvocationAttributes?: unknown })
    .LambdaInvocationAttributes;
}

describe("the customer's key in the generated flows", () => {
  it("passes the customer key to route and record, not to next-agent", () => {
    // Act
    const flow = agentQueueFlow(flowOptions({ customerKey: "$.Attributes.crmCustomerId" }));

    // Assess
    expect(sent(flow, "invoke-route")).toEqual({ customerKey: "$.Attributes.crmCustomerId" });
    expect(sent(flow, "invoke-record")).toEqual({
      agentId: "$.Attributes.affinityAgentId",
      customerKey: "$.Attributes.crmCustomerId",
    });
    expect(sent(flow, "invoke-next-agent")).toEqual({ cursor: "$.Attributes.affinityCursor" });
    expect(validateFlow(flow, { profile: "strict" })).toEqual([]);
  });

  it("passes the customer key to routing criteria", () => {
    const flow = generateFlow(
      "routing-criteria",
      flowOptions({ customerKey: "$.Attributes.accountNumber" }),
    );
    expect(sent(flow, "invoke-routing-criteria")).toEqual({
      customerKey: "$.Attributes.accountNumber",
    });
  });

  it("looks the caller up in Customer Profiles first and passes the profile ID", () => {
    for (const variant of ["agent-queue", "routing-criteria"] as const) {
      // Act
      const flow = generateFlow(variant, flowOptions({ customerProfile: true }));

      // Assess
      const routing = variant === "agent-queue" ? "invoke-route" : "invoke-routing-criteria";
      expect(action(flow, "set-voice").Transitions.NextAction).toBe("get-customer-profile");
      expect(action(flow, "get-customer-profile")).toMatchObject({
        Type: "GetCustomerProfile",
        Parameters: { ProfileRequestData: { PhoneNumber: "$.CustomerEndpoint.Address" } },
      });
      // Found, none found, several found or an error: routing goes on either way.
      expect(
        new Set(flowEdges(action(flow, "get-customer-profile")).map((edge) => edge.to)),
      ).toEqual(new Set([routing]));
      expect(sent(flow, routing)).toEqual({ customerKey: customerProfileIdPath });
      expect(validateFlow(flow, { profile: "strict" })).toEqual([]);
    }
  });

  it("searches profiles by another identifier when told", () => {
    const flow = agentQueueFlow(
      flowOptions({
        customerProfile: { searchBy: "AccountNumber", value: "$.Attributes.accountNumber" },
      }),
    );
    expect(action(flow, "get-customer-profile").Parameters).toMatchObject({
      ProfileRequestData: { AccountNumber: "$.Attributes.accountNumber" },
    });
  });

  it("rejects a customer key that is not a JSONPath, and both options at once", () => {
    expect(() => agentQueueFlow(flowOptions({ customerKey: "crmCustomerId" }))).toThrow(
      /customerKey: must be a JSONPath/,
    );
    expect(() =>
      agentQueueFlow(
        flowOptions({ customerKey: "$.Attributes.crmCustomerId", customerProfile: true }),
      ),
    ).toThrow(FlowOptionsError);
  });

  it("generates the same flows as before when neither option is set", () => {
    const flow = agentQueueFlow(flowOptions());
    expect(flow.Actions.map((entry) => entry.Identifier)).not.toContain("get-customer-profile");
    expect(sent(flow, "invoke-route")).toBeUndefined();
  });

  it("splices the customer key and the profile lookup into an existing flow", () => {
    // Act
    const withKey = spliceStickyRouting(hostFlow(), {
      at: hostTransfer,
      flowOptions: flowOptions({ customerKey: "$.Attributes.crmCustomerId" }),
    });
    const withProfile = spliceStickyRouting(hostFlow(), {
      at: hostTransfer,
      flowOptions: flowOptions({ customerProfile: true }),
    });

    // Assess
    expect(sent(withKey.flow, "affinity-invoke-route")).toEqual({
      customerKey: "$.Attributes.crmCustomerId",
    });
    expect(action(withProfile.flow, "affinity-save-host-queue").Transitions.NextAction).toBe(
      "affinity-get-customer-profile",
    );
    expect(withKey.problems).toEqual([]);
    expect(withProfile.problems).toEqual([]);
  });
});
