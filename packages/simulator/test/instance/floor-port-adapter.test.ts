import { describe, expect, it } from "vitest";
import { AgentFloor } from "../../src/agents/agent-floor.js";
import { SimulatedClock } from "../../src/clock/simulated-clock.js";
import { FloorPortAdapter } from "../../src/instance/floor-port-adapter.js";

function setUp() {
  const clock = new SimulatedClock();
  const floor = new AgentFloor({
    clock,
    instanceId: "11111111-2222-4333-8444-555555555555",
    region: "ap-northeast-1",
    accountId: "123456789012",
    agents: [{ username: "sato" }],
  });
  const sato = floor.list()[0]?.id ?? "";
  return { clock, floor, port: new FloorPortAdapter(floor), sato };
}

describe("the agent floor as the flow interpreter sees it (Check staffing)", () => {
  it("counts an available agent as staffed and online", () => {
    // Prepare
    const { port, sato } = setUp();

    // Act / Assess
    expect([port.isStaffed(sato), port.isOnline(sato)]).toEqual([true, true]);
  });

  it("counts an agent on a break with no contact as online but not staffed", () => {
    // Prepare
    const { floor, port, sato } = setUp();

    // Act
    floor.setStatus(sato, "Break");

    // Assess
    expect([port.isStaffed(sato), port.isOnline(sato)]).toEqual([false, true]);
  });

  it("counts an agent who chose a break during a contact as staffed until the contact ends", () => {
    // Prepare
    const { clock, floor, port, sato } = setUp();
    floor.assign(sato, { contactId: "c-1", channel: "VOICE", durationMs: 60_000 });

    // Act
    floor.setStatus(sato, "Break");
    const during = port.isStaffed(sato);
    clock.advanceBy(61_000);
    floor.tick();

    // Assess
    expect([during, port.isStaffed(sato), port.isOnline(sato)]).toEqual([true, false, true]);
  });

  it("counts an offline agent as neither", () => {
    // Prepare
    const { floor, port, sato } = setUp();

    // Act
    floor.setStatus(sato, "Offline");

    // Assess
    expect([port.isStaffed(sato), port.isOnline(sato)]).toEqual([false, false]);
  });
});
