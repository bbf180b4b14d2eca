import { describe, expect, it } from "vitest";
import { chaosMatrix } from "../../src/chaos/chaos-matrix.js";
import { chaosTable } from "../../src/chaos/chaos-table.js";
import { type ChaosRow, runChaos } from "../../src/chaos/run-chaos.js";

const fault = (name: string) => {
  const found = chaosMatrix.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no fault ${name}`);
  return found;
};

describe("the chaos matrix on the real bundles", () => {
  it("answers every invocation within budget and loses nothing when DynamoDB is down, and says how each recovers", async () => {
    // Act
    const rows = await runChaos([fault("DynamoDB down")]);

    // Assess
    expect(rows.every((row) => row.ok)).toBe(true);
    const of = (handler: string) => rows.find((row) => row.handler === handler);
    // With event-stream presence the roster is on DynamoDB too: nobody to offer, so the flow's
    // fallback queue takes the contact.
    expect(of("route")?.outcome).toBe("none no-routable-agents unverified");
    expect(of("routing-criteria")?.outcome).toBe("none no-preferred-agent");
    expect(of("contact-event")?.lost).toBe("nothing yet: EventBridge retries the event");
    expect(of("agent-events")?.lost).toBe("nothing: Kinesis retries the batch");
  }, 120_000);

  it("refuses every bad event without losing anything, and skips the Kinesis poison", async () => {
    // Act
    const rows = await runChaos([fault("bad events"), fault("Kinesis cases")]);

    // Assess
    expect(rows.every((row) => row.ok)).toBe(true);
    expect(rows.filter((row) => row.handler === "contact-event").map((row) => row.outcome)).toEqual(
      ["rejected invalid-event", "rejected invalid-event", "rejected invalid-event"],
    );
    expect(rows.find((row) => row.event === "forged-cursor")?.outcome).toBe("error INVALID_CURSOR");
  }, 120_000);

  it("keeps the CI subset to the quick faults, every handler among them", () => {
    // Act
    const quick = chaosMatrix.filter((candidate) => candidate.quick);

    // Assess
    expect(quick.length).toBeLessThan(chaosMatrix.length);
    expect(new Set(quick.flatMap((candidate) => candidate.cases.map((c) => c.handler)))).toEqual(
      new Set([
        "route",
        "next-agent",
        "routing-criteria",
        "record",
        "contact-event",
        "agent-events",
      ]),
    );
  });
});

describe("chaosTable", () => {
  it("prints one row per invocation, flagging one over budget", () => {
    // Prepare
    const rows: ChaosRow[] = [
      {
        fault: "DynamoDB hanging",
        handler: "route",
        ms: 3_500,
        budgetMs: 4_000,
        withinBudget: true,
        outcome: "agent new-caller unverified",
        lost: "nothing",
        ok: true,
      },
      {
        fault: "bad events",
        handler: "record",
        event: "oversized-contact-id",
        ms: 4_200,
        budgetMs: 4_000,
        withinBudget: false,
        outcome: "error INVALID_EVENT",
        lost: "nothing",
        ok: false,
      },
    ];

    // Act
    const table = chaosTable(rows).split("\n");

    // Assess
    expect(table).toHaveLength(4);
    expect(table[0]).toMatch(
      /^\| Fault +\| Handler +\| Within budget +\| Outcome +\| Anything lost +\|$/,
    );
    expect(table[2]).toContain("yes, 3.50 s of 4 s");
    expect(table[3]).toContain("record (oversized-contact-id)");
    expect(table[3]).toContain("NO, 4.20 s of 4 s");
  });
});
