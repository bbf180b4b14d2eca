import { describe, expect, it } from "vitest";
import { ScheduledInvocations } from "../../src/instance/scheduled-invocations.js";

const location = { region: "ap-northeast-1", accountId: "123456789012" };
const startMs = Date.UTC(2026, 0, 5, 0, 0, 0, 250);

describe("ScheduledInvocations", () => {
  it("invokes at the start and every period after, with Scheduler's context attributes in the input", async () => {
    // Prepare
    const events: unknown[] = [];
    const schedule = new ScheduledInvocations(
      {
        name: "roster-refresh",
        everyMs: 60_000,
        input: JSON.stringify({
          at: "<aws.scheduler.scheduled-time>",
          schedule: "<aws.scheduler.schedule-arn>",
          attempt: "<aws.scheduler.attempt-number>",
        }),
        handler: async (event) => {
          events.push(event);
        },
      },
      location,
      startMs,
    );

    // Act
    await schedule.deliverDue(startMs);
    await schedule.deliverDue(startMs + 59_999);
    await schedule.deliverDue(startMs + 130_000);

    // Assess: 0 s, then 60 s and 120 s caught up together
    expect(events).toEqual([
      {
        at: "2026-01-05T00:00:00Z",
        schedule: "arn:aws:scheduler:ap-northeast-1:123456789012:schedule/default/roster-refresh",
        attempt: "1",
      },
      expect.objectContaining({ at: "2026-01-05T00:01:00Z" }),
      expect.objectContaining({ at: "2026-01-05T00:02:00Z" }),
    ]);
    expect(schedule.stats()).toEqual({ invocations: 3, failures: 0 });
  });

  it("sends {} without an input, and counts a failed invocation without retrying it", async () => {
    // Prepare
    const events: unknown[] = [];
    const schedule = new ScheduledInvocations(
      {
        name: "refresh",
        everyMs: 1000,
        handler: async (event) => {
          events.push(event);
          throw new Error("Connect throttled");
        },
      },
      location,
      startMs,
    );

    // Act
    await schedule.deliverDue(startMs + 500);

    // Assess
    expect(events).toEqual([{}]);
    expect(schedule.stats()).toEqual({ invocations: 1, failures: 1 });
  });

  it("refuses a rate that is not positive and an input that is not JSON", () => {
    const handler = async (): Promise<void> => {};
    expect(
      () => new ScheduledInvocations({ name: "x", everyMs: 0, handler }, location, startMs),
    ).toThrow(/everyMs must be positive/);
    expect(
      () =>
        new ScheduledInvocations(
          { name: "x", everyMs: 10, input: "{", handler },
          location,
          startMs,
        ),
    ).toThrow(/not JSON/);
  });
});
