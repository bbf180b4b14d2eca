import { existsSync } from "node:fs";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
import {
  agentEventBatch,
  connectedToAgentEvent,
  contactFlowEvent,
} from "@connect-affinity/testing/fixtures";
import { defaultAgents, type HandlerHarness } from "@connect-affinity/testing/handlers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deployedFunctions, type FunctionId, functionIds } from "../src/manifest/index.js";
import { startHarness } from "./helpers/harness.js";
import { captureMetricLines, linesOf } from "./helpers/metric-lines.js";

/** What the tests read from an answer; each bundle answers its contract's shape. */
interface Answer {
  readonly status: string;
  readonly agentId?: string;
  readonly cursor?: string;
  readonly reason?: string;
  readonly batchItemFailures?: readonly unknown[];
}

type Handler = (event: unknown) => Promise<Answer>;

const [sato, suzuki] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819077778888";
const presenceTable = "presence-bundles";

// A bundle keeps its own container for the life of the module, so this file uses one table.
let harness: HandlerHarness;
const loaded: Partial<Record<FunctionId, Handler>> = {};

async function bundled(name: FunctionId): Promise<Handler> {
  const module = (await import(pathToFileURL(deployedFunctions[name].bundlePath).href)) as {
    handler: Handler;
  };
  loaded[name] = module.handler;
  return module.handler;
}

beforeAll(async () => {
  harness = await startHarness();
  await harness.dynamoDb.createTable(createPresenceTableInput(presenceTable));
  await harness.beforeEach({ PRESENCE_TABLE_NAME: presenceTable });
});
afterAll(async () => {
  harness.afterEach();
  await harness.close();
});

describe("built bundles", () => {
  it("exist where the manifest says, one per function, each exporting its handler", async () => {
    for (const name of functionIds) {
      // Act
      const { bundlePath, handler } = deployedFunctions[name];

      // Assess
      expect(existsSync(bundlePath)).toBe(true);
      expect(handler).toBe(`${basename(bundlePath, ".mjs")}.handler`);
      expect(typeof (await bundled(name))).toBe("function");
    }
  });

  it("the route bundle writes an embedded-metric line that names the decision", async () => {
    // Prepare
    const route = await bundled("route");
    process.env["POWERTOOLS_METRICS_DISABLED"] = "false";
    const captured = captureMetricLines();

    // Act
    const routed = await route(
      contactFlowEvent({ contactId: "c-metrics", address: "+819012340000" }),
    );
    process.env["POWERTOOLS_METRICS_DISABLED"] = "true";
    vi.restoreAllMocks();

    // Assess
    const [decision] = linesOf(captured.lines(), "Decision");
    expect(decision?.values).toMatchObject({
      service: "connect-affinity",
      Function: "route",
      Reason: routed.reason,
      Decision: 1,
    });
    expect(decision?.dimensionSets).toEqual([["service", "Function", "Reason"]]);
  });

  it("record then route round-trip through the bundles against the local endpoints", async () => {
    // Prepare
    const record = await bundled("record");
    const route = await bundled("route");

    // Act
    const recorded = await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(recorded).toMatchObject({ status: "recorded" });
    expect(routed).toMatchObject({ status: "agent", agentId: suzuki, reason: "returning-caller" });
  });

  it("next-agent continues the bundle's cursor and contact-event records the real agent", async () => {
    // Prepare
    const route = await bundled("route");
    const nextAgent = await bundled("nextAgent");
    const contactEvent = await bundled("contactEvent");

    // Act
    const first = await route(contactFlowEvent({ contactId: "c-3", address: caller }));
    const next = await nextAgent(
      contactFlowEvent({
        contactId: "c-3",
        address: caller,
        parameters: { cursor: String(first.cursor) },
      }),
    );
    harness.connect.calls.clear();
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-3",
        agentArn: harness.connect.agentArn(sato),
        connectedAt: new Date().toISOString(),
      }),
    );
    // The caller comes from the contact index route wrote, not from DescribeContact; the
    // bundle's own container reads the directory once, to check the agent.
    const connectCallsOfContactEvent = Object.fromEntries(harness.connect.calls);
    const afterwards = await route(contactFlowEvent({ contactId: "c-4", address: caller }));

    // Assess
    expect(next).toMatchObject({ status: "agent", reason: "next-candidate" });
    expect(next.agentId).not.toBe(first.agentId);
    expect(outcome).toEqual({ status: "recorded", reason: "none" });
    expect(connectCallsOfContactEvent).toEqual({ ListUsers: 1 });
    expect(afterwards).toMatchObject({ agentId: sato, reason: "returning-caller" });
  });

  it("routing-criteria answers JSON from its bundle", async () => {
    // Prepare
    const routingCriteria = await bundled("routingCriteria");

    // Act
    const answer = await routingCriteria(contactFlowEvent({ contactId: "c-5", address: caller }));

    // Assess
    expect(answer).toMatchObject({ status: "preferred", agentId: sato });
  });

  it("rejects a malformed event with an error that keeps its class name and code", async () => {
    // Prepare
    const route = await bundled("route");

    // Act
    const answer = route({ Details: {} });

    // Assess
    await expect(answer).rejects.toMatchObject({
      name: "InvalidEventError",
      code: "INVALID_EVENT",
      message: expect.stringContaining("Details.ContactData"),
    });
  });

  it("agent-events writes the stream's presence from its bundle", async () => {
    // Prepare
    const agentEvents = await bundled("agentEvents");

    // Act
    const answer = await agentEvents(agentEventBatch());

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    const items = await harness.dynamoDb.scan(presenceTable);
    expect(items).toContainEqual(
      expect.objectContaining({ agentId: { S: sato }, routable: { BOOL: true } }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ agentId: { S: "#stream" }, eventAt: expect.anything() }),
    );
  });
});
