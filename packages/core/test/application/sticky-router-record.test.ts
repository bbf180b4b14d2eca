import { describe, expect, it } from "vitest";
import { NONE, recordResponseKeys } from "../../src/contract/attribute-contract.js";
import { DirectoryUnavailableError, recordMessages } from "../../src/index.js";
import {
  aContact,
  anAgent,
  aRouter,
  caller,
  everyoneAvailable,
  instanceArn,
  someAgents,
  start,
} from "./router-fixture.js";

describe("StickyRouter.record", () => {
  it("remembers which agent served the caller, with the default English message", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));

    // Act
    const answer = await router.record(aContact(), "agent-01");

    // Assess
    expect(answer).toEqual({
      status: "recorded",
      reason: NONE,
      message: "Connecting you to your agent. Please hold.",
    });
    expect(Object.keys(answer).sort()).toEqual([...recordResponseKeys].sort());
    expect(store.snapshot()).toEqual([
      {
        callerKey: "+819012345678",
        version: 2,
        agents: [
          {
            agentId: "agent-01",
            agentArn: anAgent("agent-01").arn,
            lastServedAt: start,
            count: 1,
            expiresAt: start / 1000 + 90 * 86_400,
          },
        ],
        lastContact: { contactId: "contact-1", at: start },
        contactCount: 1,
        excludedAgentIds: [],
      },
    ]);
  });

  it("answers in Japanese with the built-in Japanese messages", async () => {
    // Prepare
    const { router } = aRouter(someAgents(3), { messages: recordMessages["ja-JP"] });

    // Act
    const recorded = await router.record(aContact(), "agent-01");
    const skipped = await router.record(aContact({ customerAddress: "anonymous" }), "agent-01");

    // Assess
    expect(recorded.message).toBe("担当者にお繋ぎ致しますので少々お待ちください。");
    expect(skipped).toEqual({
      status: "skipped",
      reason: "anonymous-caller",
      message: "オペレーターにお繋ぎ致しますので少々お待ちください。",
    });
  });

  it("counts a second contact and moves the caller to the new agent", async () => {
    // Prepare
    const { router, store, clock } = aRouter(someAgents(3));
    await router.record(aContact({ contactId: "c1" }), "agent-01");
    clock.advance(60_000);

    // Act
    await router.record(aContact({ contactId: "c2" }), "agent-02");

    // Assess
    expect(store.snapshot()).toMatchObject([
      {
        agents: [{ agentId: "agent-02" }, { agentId: "agent-01" }],
        contactCount: 2,
        lastContact: { contactId: "c2" },
      },
    ]);
  });

  it("skips an older contact than the one stored (superseded)", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3), { messages: recordMessages["en-US"] });
    await router.record(aContact({ contactId: "newer" }), "agent-01", start + 10_000);

    // Act
    const answer = await router.record(aContact({ contactId: "older" }), "agent-02", start);

    // Assess
    expect(answer).toEqual({
      status: "skipped",
      reason: "superseded",
      message: recordMessages["en-US"].skipped,
    });
    expect(store.snapshot()).toMatchObject([
      { agents: [{ agentId: "agent-01" }], lastContact: { contactId: "newer" } },
    ]);
  });

  it("skips an agent the directory does not know", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));

    // Act
    const unknown = await router.record(aContact(), "intruder");
    const sentinel = await router.record(aContact(), NONE);

    // Assess
    expect(unknown).toMatchObject({ status: "skipped", reason: "unknown-agent" });
    expect(sentinel).toMatchObject({ status: "skipped", reason: "unknown-agent" });
    expect(store.snapshot()).toEqual([]);
  });

  it("still records while the directory is down, deriving the ARN from the instance", async () => {
    // Prepare
    const { router, store, directory, degradations } = aRouter(someAgents(3));
    directory.failWith(new DirectoryUnavailableError("throttled"));

    // Act
    const answer = await router.record(aContact(), "agent-02");

    // Assess
    expect(answer.status).toBe("recorded");
    expect(store.snapshot()).toMatchObject([
      { agents: [{ agentArn: `${instanceArn}/agent/agent-02`, agentUnverified: true }] },
    ]);
    expect(degradations).toMatchObject([{ component: "directory" }]);
  });

  it("does not offer an agent recorded unverified until the directory confirms them", async () => {
    // Prepare
    const agents = someAgents(3);
    const { router, directory, presence } = aRouter(agents);
    everyoneAvailable(presence, agents);
    directory.failWith(new DirectoryUnavailableError("throttled"));
    await router.record(aContact(), "agent-02");

    // Act
    const whileDown = await router.route(aContact({ contactId: "contact-2" }));
    directory.failWith(undefined);
    const confirmed = await router.route(aContact({ contactId: "contact-3" }));

    // Assess
    expect(whileDown).toMatchObject({ status: "none", reason: "no-routable-agents" });
    expect(confirmed).toMatchObject({ agentId: "agent-02", reason: "returning-caller" });
  });

  it("clears the unverified mark when the directory confirms the agent on a later record", async () => {
    // Prepare
    const { router, store, directory } = aRouter(someAgents(3));
    directory.failWith(new DirectoryUnavailableError("throttled"));
    await router.record(aContact(), "agent-02");
    directory.failWith(undefined);

    // Act
    await router.record(aContact(), "agent-02");

    // Assess
    expect(store.snapshot()[0]).not.toHaveProperty("agentUnverified");
  });

  it("skips while the directory is down when no instance ARN is known", async () => {
    // Prepare
    const { router, directory } = aRouter(someAgents(3));
    directory.failWith(new Error("down"));

    // Act
    const answer = await router.record(
      { contactId: "contact-1", channel: "VOICE", customerAddress: caller },
      "agent-02",
    );

    // Assess
    expect(answer).toMatchObject({ status: "skipped", reason: "unknown-agent" });
  });

  it("rejects when the store fails, so the handler can log it", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));
    store.failWith(new Error("ConditionalCheck exploded"));

    // Act & Assess
    await expect(router.record(aContact(), "agent-01")).rejects.toThrow(
      "ConditionalCheck exploded",
    );
  });

  it("rejects a contact time that is not epoch milliseconds", async () => {
    const { router } = aRouter(someAgents(3));
    await expect(router.record(aContact(), "agent-01", Number.NaN)).rejects.toThrow(RangeError);
  });

  it("rejects a contact time beyond the clock-skew allowance, and stores nothing", async () => {
    // Prepare
    const { router, store, clock } = aRouter(someAgents(3));

    // Act
    const recording = router.record(aContact(), "agent-01", clock.now() + 61_000);

    // Assess
    await expect(recording).rejects.toThrow(/from the future/);
    expect(store.snapshot()).toEqual([]);
  });

  it("accepts a contact time within the clock-skew allowance", async () => {
    // Prepare
    const { router, clock } = aRouter(someAgents(3));

    // Act
    const answer = await router.record(aContact(), "agent-01", clock.now() + 59_000);

    // Assess
    expect(answer).toMatchObject({ status: "recorded" });
  });

  it("records the same contact once, however often it is recorded", async () => {
    // Prepare
    const { router, store } = aRouter(someAgents(3));
    await router.record(aContact(), "agent-01");

    // Act
    await router.record(aContact(), "agent-01");

    // Assess
    expect(store.snapshot()).toMatchObject([{ contactCount: 1 }]);
  });
});
