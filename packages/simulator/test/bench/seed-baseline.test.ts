import { describe, expect, it } from "vitest";
import { seedFlow } from "../../src/bench/baseline/seed-flow.js";
import { seedHandlers, seedRegisterMessage } from "../../src/bench/baseline/seed-handlers.js";
import {
  InMemorySeedNumberTable,
  InMemorySeedUserList,
} from "../../src/bench/baseline/seed-ports.js";
import { harness, lambdaArn } from "../helpers/flows.js";

const eventFor = (number: string, parameters: Readonly<Record<string, string>> = {}) => ({
  Details: { ContactData: { CustomerEndpoint: { Address: number } }, Parameters: parameters },
});

function aSeed(users: readonly string[] = ["id-sato", "id-suzuki", "id-tanaka"]) {
  const table = new InMemorySeedNumberTable();
  let listCalls = 0;
  const list = new InMemorySeedUserList(users);
  const seed = seedHandlers({
    table,
    users: {
      list: () => {
        listCalls += 1;
        return list.list();
      },
    },
  });
  return { seed, table, listCalls: () => listCalls };
}

describe("the seed's handlers (baseline)", () => {
  it("looks up a new caller as the first user of ListUsers", async () => {
    // Prepare
    const { seed, listCalls } = aSeed();
    // Act
    const answer = await seed.lookup(eventFor("+819011112222"));
    // Assess
    expect(answer).toEqual({ user: "id-sato", users: "id-sato" });
    expect(listCalls()).toBe(1);
  });

  it("looks up a returning caller's stored agent without calling ListUsers", async () => {
    // Prepare
    const { seed, table, listCalls } = aSeed();
    await table.put("+819011112222", "id-tanaka");
    // Act
    const answer = await seed.lookup(eventFor("+819011112222"));
    // Assess
    expect(answer).toEqual({ user: "id-tanaka", users: "id-tanaka", number: "+819011112222" });
    expect(listCalls()).toBe(0);
  });

  it("walks the tried list, calling ListUsers on every invocation, until everyone was tried", async () => {
    // Prepare
    const { seed, listCalls } = aSeed();
    // Act
    const first = await seed.nextAgent(eventFor("+8190", { user: "id-sato", users: "id-sato" }));
    const second = await seed.nextAgent(
      eventFor("+8190", { user: "id-suzuki", users: "id-sato;id-suzuki" }),
    );
    const last = await seed.nextAgent(
      eventFor("+8190", { user: "id-tanaka", users: "id-sato;id-suzuki;id-tanaka" }),
    );
    // Assess
    expect(first).toEqual({ user: "id-suzuki", users: "id-sato;id-suzuki", status: "available" });
    expect(second).toEqual({
      user: "id-tanaka",
      users: "id-sato;id-suzuki;id-tanaka",
      status: "available",
    });
    expect(last).toEqual({ status: "unavailable" });
    expect(listCalls()).toBe(3);
  });

  it("registers unconditionally, overwriting whatever was stored", async () => {
    // Prepare
    const { seed, table } = aSeed();
    await table.put("+819011112222", "id-tanaka");
    // Act
    const answer = await seed.register(eventFor("+819011112222", { user: "id-sato" }));
    // Assess
    expect(answer).toEqual({ message: seedRegisterMessage });
    expect(await table.get("+819011112222")).toBe("id-sato");
  });

  it("fails the invocation, as the seed does, on an event without the caller", async () => {
    const { seed } = aSeed();
    await expect(seed.lookup({ Details: {} })).rejects.toThrow(/CustomerEndpoint/);
  });

  it("sees only the first page of users, as ListUsers without paging does", async () => {
    const users = Array.from({ length: 150 }, (_, index) => `u-${index}`);
    expect(await new InMemorySeedUserList(users).list()).toHaveLength(100);
  });
});

describe("the seed's flow (baseline)", () => {
  function seedHarness(busy: readonly string[], stored?: string) {
    const { seed, table } = aSeed(["id-sato", "id-suzuki"]);
    const flow = seedFlow({
      lookup: lambdaArn("lookup"),
      nextAgent: lambdaArn("next"),
      register: lambdaArn("register"),
    });
    const h = harness(flow, {
      agents: ["sato", "suzuki"],
      lambdas: { lookup: seed.lookup, next: seed.nextAgent, register: seed.register },
    });
    for (const agent of busy) h.floor.busy.add(agent);
    return { h, table, stored };
  }

  it("sends a new caller to the first user and remembers them", async () => {
    // Prepare
    const { h, table } = seedHarness([]);
    // Act
    const [result] = await h.run({ customerAddress: "+819011112222" });
    // Assess
    expect(result?.outcome.kind === "agent" && result.outcome.agent.id).toBe("id-sato");
    expect(await table.get("+819011112222")).toBe("id-sato");
  });

  it("tries the next user when the first is busy", async () => {
    const { h } = seedHarness(["id-sato"]);
    const [result] = await h.run({ customerAddress: "+819011112222" });
    expect(result?.outcome.kind === "agent" && result.outcome.agent.id).toBe("id-suzuki");
  });

  it("plays the prompt and disconnects when everyone is busy", async () => {
    const { h } = seedHarness(["id-sato", "id-suzuki"]);
    const [result] = await h.run({ customerAddress: "+819011112222" });
    expect(result?.outcome.kind).toBe("disconnected");
    expect(result?.execution.transcript.at(-1)).toMatch(/対応できません/);
  });
});
