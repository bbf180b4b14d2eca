import { ConnectClient } from "@aws-sdk/client-connect";
import { ConnectAgentDirectory, ConnectAgentPresence } from "@connect-affinity/core/connect";
import { afterEach, describe, expect, it } from "vitest";
import { AgentFloor } from "../../src/agents/agent-floor.js";
import type { AgentSpec } from "../../src/agents/sim-agent.js";
import { SimulatedClock } from "../../src/clock/simulated-clock.js";
import { ConnectEmulator } from "../../src/connect-emulator/connect-emulator.js";

const instanceId = "11111111-2222-4333-8444-555555555555";
const location = { instanceId, region: "eu-west-2", accountId: "123456789012" };
const minute = 60_000;

const running: ConnectEmulator[] = [];
const clients: ConnectClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

async function bench(agents: readonly AgentSpec[]): Promise<{
  clock: SimulatedClock;
  floor: AgentFloor;
  emulator: ConnectEmulator;
  client: ConnectClient;
}> {
  const clock = new SimulatedClock();
  const floor = new AgentFloor({ clock, ...location, agents });
  // Connect's default quotas: the adapters must live within them.
  const emulator = new ConnectEmulator({ floor, clock });
  running.push(emulator);
  const { endpoint } = await emulator.start();
  const client = new ConnectClient({
    endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  clients.push(client);
  return { clock, floor, emulator, client };
}

describe("core's Connect adapters against the emulator", () => {
  it("reads a roster of 2,500 agents in three ListUsers pages", async () => {
    // Prepare
    const agents = Array.from({ length: 2_500 }, (_, i) => ({ username: `agent-${i}` }));
    const { client, clock, emulator, floor } = await bench(agents);
    const directory = new ConnectAgentDirectory({ client, instanceId, clock });

    // Act
    const roster = await directory.roster();

    // Assess
    expect(roster.agents).toHaveLength(2_500);
    const last = floor.list()[2_499];
    expect(roster.get(last?.id ?? "")).toMatchObject({
      arn: last?.agentArn,
      username: "agent-2499",
    });
    expect(emulator.stats().calls.ListUsers).toBe(3);
    expect(emulator.stats().throttled.ListUsers).toBe(0);
  });

  it("sees an agent busy during a call and free after it, through GetCurrentUserData", async () => {
    // Prepare
    const { client, clock, floor } = await bench([
      { username: "alice", id: "u-alice" },
      { username: "bob", id: "u-bob", schedule: [{ at: 0, status: "Break" }] },
    ]);
    const presence = new ConnectAgentPresence({ client, instanceId, clock });
    floor.assign("u-alice", { contactId: "c-1", channel: "VOICE", durationMs: 4 * minute });

    // Act
    const during = await presence.lookup(["u-alice", "u-bob", "u-nobody"]);
    clock.advanceBy(5 * minute);
    const after = await presence.lookup(["u-alice"]);

    // Assess
    expect(during.kind).toBe("known");
    if (during.kind !== "known" || after.kind !== "known") return;
    expect(during.agents.get("u-alice")).toMatchObject({
      routable: true,
      availableSlots: { VOICE: 0 },
    });
    expect(during.agents.get("u-bob")?.routable).toBe(false);
    expect(during.agents.has("u-nobody")).toBe(false);
    expect(after.agents.get("u-alice")).toMatchObject({
      routable: true,
      availableSlots: { VOICE: 1 },
      idleSince: clock.start,
    });
  });

  it("degrades presence to unknown when the quota is spent, and recovers as time passes", async () => {
    // Prepare
    const { client, clock } = await bench([{ username: "alice", id: "u-alice" }]);
    const presence = new ConnectAgentPresence({ client, instanceId, clock });
    for (let i = 0; i < 5; i++) await presence.lookup(["u-alice"]);

    // Act
    const throttled = await presence.lookup(["u-alice"]);
    clock.advanceBy(1_000);
    const recovered = await presence.lookup(["u-alice"]);

    // Assess
    expect(throttled).toMatchObject({ kind: "unknown", reason: "throttled" });
    expect(recovered.kind).toBe("known");
    expect(presence.stats()).toMatchObject({ apiCalls: 7, throttles: 1 });
  });
});
