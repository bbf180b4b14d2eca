import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/report/run-report.js";
import { runScenario } from "../../src/runner/run-scenario.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const scenarioPath = fileURLToPath(new URL("../../scenarios/faults.yaml", import.meta.url));

describe("a throttled Connect API and a DynamoDB outage", () => {
  let report: RunReport;

  beforeAll(async () => {
    report = await runScenario(await loadScenario(scenarioPath));
  }, 600_000);

  it("ends every contact at an agent, the fallback queue or a polite message", () => {
    // Assess
    for (const contact of report.contacts) {
      expect(["agent", "fallback-queue", "disconnected"]).toContain(contact.outcome);
      if (contact.outcome === "disconnected") expect(contact.messages.length).toBeGreaterThan(0);
    }
    expect(report.summary.deadEnds).toBe(0);
  });

  it("really was throttled and really lost DynamoDB for a while", () => {
    // Assess
    expect(report.summary.connectApiThrottles).toBeGreaterThan(0);
    const outage = report.contacts.filter(
      (contact) => contact.arrivedAtSeconds >= 245 && contact.arrivedAtSeconds < 355,
    );
    expect(outage.some((contact) => contact.decisions.includes("record:lambda-error"))).toBe(true);
  });

  it("still routes returning callers to their last agent once the faults are over", () => {
    // Assess: every returning caller after the outage, except one whose previous contact the
    // outage kept from being recorded (its record failed and its route could not remember the
    // contact, so no store holds that agent: the router still knows the agent before).
    const previousOf = (contact: (typeof report.contacts)[number]) =>
      report.contacts
        .filter(
          (earlier) =>
            earlier.caller === contact.caller &&
            earlier.arrivedAtSeconds < contact.arrivedAtSeconds,
        )
        .at(-1);
    const returning = report.contacts.filter(
      (contact) =>
        contact.arrivedAtSeconds >= 380 && contact.decisions[0] === "route:agent/returning-caller",
    );
    const lostInOutage = returning.filter(
      (contact) => previousOf(contact)?.decisions.includes("record:lambda-error") === true,
    );
    const after = returning.filter((contact) => !lostInOutage.includes(contact));
    expect(after.length).toBeGreaterThan(0);
    for (const contact of after) expect(contact.lastAgent).toBe("same");
    // What the outage lost: the agent the router knew before it, the one it offers.
    for (const contact of lostInOutage) {
      const known = report.contacts.filter(
        (earlier) =>
          earlier.caller === contact.caller &&
          earlier.arrivedAtSeconds < contact.arrivedAtSeconds &&
          earlier.decisions.includes("record:recorded/none"),
      );
      // Offered, not necessarily answered: if another contact takes that agent first, the
      // customer queue flow moves the caller on to the standard queue after its 5 s guard.
      expect(contact.path).toContain(`q:${known.at(-1)?.agent}`);
    }
  });
});
