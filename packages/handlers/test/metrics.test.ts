import { connectedToAgentEvent, contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it } from "vitest";
import { handler as contactEvent } from "../src/contact-event.js";
import { causeOf } from "../src/metrics.js";
import { handler as nextAgent } from "../src/next-agent.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { handler as routingCriteria } from "../src/routing-criteria.js";
import { useHarness } from "./helpers/harness.js";
import { captureMetricLines, linesOf } from "./helpers/metric-lines.js";

const [sato, suzuki, takahashi] = defaultAgents.map((agent) => agent.id) as [
  string,
  string,
  string,
];
const caller = "+819033334444";
const metricsOn = { POWERTOOLS_METRICS_DISABLED: "false" };

const harness = useHarness();

describe("the functions' metrics", () => {
  it("name every routing decision, in the stack's namespace, without a caller or an agent", async () => {
    // Prepare
    await harness.beforeEach({
      ...metricsOn,
      POWERTOOLS_METRICS_NAMESPACE: "ConnectAffinity/test",
    });
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );
    const captured = captureMetricLines();

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(answer.reason).toBe("returning-caller");
    const [decision] = linesOf(captured.lines(), "Decision");
    expect(decision).toMatchObject({
      namespace: "ConnectAffinity/test",
      dimensionSets: [["service", "Function", "Reason"]],
      values: {
        service: "connect-affinity",
        Function: "route",
        Reason: "returning-caller",
        Decision: 1,
      },
    });
    const everything = JSON.stringify(captured.lines());
    expect(everything).not.toContain("3333");
    expect(everything).not.toContain(suzuki);
  });

  it("count offers made without presence, and degradations by component and cause", async () => {
    // Prepare
    await harness.beforeEach(metricsOn);
    await route(contactFlowEvent({ contactId: "c-0", address: caller }));
    harness.connect.fault = "throttle";
    const captured = captureMetricLines();

    // Act
    await nextAgent(
      contactFlowEvent({
        contactId: "c-0",
        address: caller,
        parameters: { cursor: "v1.AAAAAQAAAAA" },
      }),
    ).catch(() => undefined);
    const answer = await route(contactFlowEvent({ contactId: "c-3", address: "+819055556666" }));

    // Assess
    expect(answer.presence).toBe("unverified");
    const lines = captured.lines();
    expect(linesOf(lines, "UnverifiedOffer").map((line) => line.values["Function"])).toContain(
      "route",
    );
    expect(linesOf(lines, "Degraded").map((line) => line.values)).toContainEqual(
      expect.objectContaining({ Component: "presence", Cause: "throttled" }),
    );
  });

  it("count an empty directory, the condition its alarm watches", async () => {
    // Prepare
    await harness.beforeEach(metricsOn);
    harness.connect.agents.splice(0);
    const captured = captureMetricLines();

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-4", address: caller }));
    await routingCriteria(contactFlowEvent({ contactId: "c-5", address: caller }));

    // Assess
    expect(answer.reason).toBe("no-routable-agents");
    const lines = captured.lines();
    expect(linesOf(lines, "EmptyDirectory")).toHaveLength(2);
    // Once per refresh, not per contact: the two decisions share one roster.
    expect(linesOf(lines, "SuspiciousDirectory").map((line) => line.values["Problem"])).toEqual([
      "empty",
    ]);
    expect(linesOf(lines, "Decision").map((line) => line.values["Reason"])).toEqual([
      "no-routable-agents",
      "no-preferred-agent",
    ]);
  });

  it("count every record outcome and every failure by its code", async () => {
    // Prepare
    await harness.beforeEach(metricsOn);
    const captured = captureMetricLines();

    // Act
    await record(contactFlowEvent({ address: caller, parameters: { agentId: sato } }));
    await record(contactFlowEvent({ address: "anonymous", parameters: { agentId: sato } }));
    await record(contactFlowEvent({ address: caller, parameters: {} })).catch(() => undefined);

    // Assess
    const lines = captured.lines();
    expect(
      linesOf(lines, "RecordOutcome").map((line) => [line.values["Status"], line.values["Reason"]]),
    ).toEqual([
      ["recorded", "none"],
      ["skipped", "anonymous-caller"],
    ]);
    expect(linesOf(lines, "HandlerError")[0]?.values).toMatchObject({
      Function: "record",
      ErrorCode: "MISSING_PARAMETER",
    });
  });

  it("measure the promise: a returning caller answered by their agent, and the wait from the queue", async () => {
    // Prepare
    await harness.beforeEach(metricsOn);
    const contactId = "4a573372-1f28-4e26-b97b-0e1f2a3b4c5d";
    await record(
      contactFlowEvent({
        contactId: "c-earlier",
        address: caller,
        parameters: { agentId: takahashi },
      }),
    );
    await route(contactFlowEvent({ contactId, address: caller }));
    const captured = captureMetricLines();

    const answeredAt = Date.now() + 60_000;
    const event = connectedToAgentEvent({
      contactId,
      agentArn: harness.connect.agentArn(takahashi),
      connectedAt: new Date(answeredAt).toISOString(),
    });
    event.detail["queueInfo"] = { enqueueTimestamp: new Date(answeredAt - 29_000).toISOString() };

    // Act
    const outcome = await contactEvent(event);

    // Assess
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    const lines = captured.lines();
    expect(
      linesOf(lines, "ReturningCallerConnected").map((line) => [line.dimensionSets, line.values]),
    ).toEqual([
      [
        [["service", "Agent"]],
        expect.objectContaining({ Agent: "preferred", ReturningCallerConnected: 1 }),
      ],
      [
        [["service", "Agent", "Decision"]],
        expect.objectContaining({
          Agent: "preferred",
          Decision: "offered",
          ReturningCallerConnected: 1,
        }),
      ],
    ]);
    // The contact entered the queue 29 s before the agent answered.
    expect(linesOf(lines, "ReturningCallerWait")[0]?.values).toMatchObject({
      Agent: "preferred",
      ReturningCallerWait: 29_000,
    });
    expect(linesOf(lines, "ContactEventOutcome")[0]?.values).toMatchObject({
      Status: "recorded",
      Reason: "none",
    });
  });

  it("measure a broken promise by why: the preferred agent was busy and another answered", async () => {
    // Prepare
    await harness.beforeEach(metricsOn);
    const contactId = "4a573372-1f28-4e26-b97b-0e1f2a3b4c5d";
    await record(
      contactFlowEvent({
        contactId: "c-earlier",
        address: caller,
        parameters: { agentId: takahashi },
      }),
    );
    const agent = harness.connect.agents.find((candidate) => candidate.id === takahashi);
    if (agent !== undefined) agent.state = "busy";
    const routed = await route(contactFlowEvent({ contactId, address: caller }));
    const captured = captureMetricLines();

    // Act
    await contactEvent(
      connectedToAgentEvent({ contactId, agentArn: harness.connect.agentArn(sato) }),
    );

    // Assess
    expect(routed.reason).toBe("preferred-agent-busy");
    expect(linesOf(captured.lines(), "ReturningCallerConnected")[1]?.values).toMatchObject({
      Agent: "other",
      Decision: "busy",
    });
  });

  it("count a new caller's answer as no promise at all", async () => {
    // Prepare
    await harness.beforeEach(metricsOn);
    const contactId = "4a573372-1f28-4e26-b97b-0e1f2a3b4c5d";
    await route(contactFlowEvent({ contactId, address: caller }));
    const captured = captureMetricLines();

    // Act
    await contactEvent(
      connectedToAgentEvent({ contactId, agentArn: harness.connect.agentArn(sato) }),
    );
    await contactEvent(connectedToAgentEvent({ contactId, eventType: "DISCONNECTED" }));

    // Assess
    const lines = captured.lines();
    expect(linesOf(lines, "ReturningCallerConnected")).toEqual([]);
    expect(linesOf(lines, "ContactEventOutcome").map((line) => line.values["Status"])).toEqual([
      "recorded",
      "ignored",
    ]);
  });

  it("write nothing while metrics are disabled", async () => {
    // Prepare
    await harness.beforeEach();
    const captured = captureMetricLines();

    // Act
    await route(contactFlowEvent({ address: caller }));

    // Assess
    expect(captured.lines()).toEqual([]);
  });
});

describe("degradation causes", () => {
  it.each([
    ["presence", "presence throttled: GetCurrentUserData", "throttled"],
    ["presence", "presence stale: watermark 240 s old", "stale"],
    ["presence", "agent reservation failed", "reservation-failed"],
    ["directory", "directory unavailable (throttled)", "throttled"],
    ["directory", "directory empty: no routable agents", "empty"],
    ["directory", "directory garbled: 3 users without an ID", "empty"],
    ["store", "affinity record unreadable", "unreadable"],
    ["contact-index", "contact index unwritable", "unwritable"],
    ["presence", "presence failed", "failed"],
  ] as const)("read %s / %s as %s", (component, reason, cause) => {
    // Act, Assess
    expect(causeOf({ component, reason })).toBe(cause);
  });
});
