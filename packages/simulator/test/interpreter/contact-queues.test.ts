import { describe, expect, it } from "vitest";
import { flowOf, hangUp, harness, setQueue, standardQueue, transfer } from "../helpers/flows.js";

const queueFlow = flowOf("set-queue", [
  setQueue("set-queue", { QueueId: standardQueue.arn }, "to-queue", "bye"),
  transfer("to-queue", "bye", "bye"),
  hangUp("bye"),
]);

describe("ContactQueues", () => {
  it("gives each contact of a standard queue to the agent idle longest", async () => {
    // Prepare: three calls a minute apart, each talking 30 s.
    const { run } = harness(queueFlow, { agents: ["sato", "suzuki", "takahashi"] });

    // Act
    const results = await run(
      { contactId: "a", talkTimeMs: 30_000 },
      { contactId: "b", talkTimeMs: 30_000, atMs: 60_000 },
      { contactId: "c", talkTimeMs: 30_000, atMs: 120_000 },
      { contactId: "d", talkTimeMs: 30_000, atMs: 180_000 },
    );

    // Assess: agents who never had a call go first, in order; then the one idle longest.
    expect(
      results.map((result) => result.outcome.kind === "agent" && result.outcome.agent.username),
    ).toEqual(["sato", "suzuki", "takahashi", "sato"]);
  });

  it("serves waiting contacts first come, first served when an agent frees up", async () => {
    // Prepare: one agent; three callers queue while the first talks.
    const { run } = harness(queueFlow, { agents: ["sato"] });

    // Act
    const results = await run(
      { contactId: "first", talkTimeMs: 10_000 },
      { contactId: "second", talkTimeMs: 10_000, atMs: 1000 },
      { contactId: "third", talkTimeMs: 10_000, atMs: 2000 },
    );

    // Assess
    const connectedAt = results.map((result) =>
      result.outcome.kind === "agent"
        ? result.outcome.connectedAt - (results[0]?.execution.arrivedAt ?? 0)
        : -1,
    );
    expect(connectedAt).toEqual([0, 10_000, 20_000]);
  });

  it("keeps a contact for its preferred agent while a step without expiry lasts", async () => {
    // Prepare
    const flow = flowOf("criteria", [
      {
        Identifier: "criteria",
        Type: "UpdateContactRoutingCriteria",
        Parameters: {
          RoutingCriteria: {
            Steps: [
              {
                Expression: {
                  AttributeCondition: {
                    ComparisonOperator: "Match",
                    MatchCriteria: { AgentsCriteria: { AgentIds: ["id-suzuki"] } },
                  },
                },
              },
            ],
          },
        },
        Transitions: {
          NextAction: "set-queue",
          Errors: [{ NextAction: "set-queue", ErrorType: "NoMatchingError" }],
        },
      },
      setQueue("set-queue", { QueueId: standardQueue.arn }, "to-queue", "bye"),
      transfer("to-queue", "bye", "bye"),
      hangUp("bye"),
    ]);
    const { run, floor } = harness(flow, {
      agents: ["sato", "suzuki"],
      limits: { queueMaxWaitMs: 120_000 },
    });
    floor.assign("id-suzuki", { contactId: "earlier", durationMs: 90_000 });

    // Act
    const [result] = await run();

    // Assess: sato is free all along, but only suzuki may take it, after 90 s.
    expect(result?.outcome).toMatchObject({ kind: "agent", agent: { username: "suzuki" } });
    expect(
      result?.outcome.kind === "agent" && result.outcome.connectedAt - result.execution.arrivedAt,
    ).toBe(90_000);
  });
});
