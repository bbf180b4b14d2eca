import { describe, expect, it } from "vitest";
import { ContactEventDelivery } from "../../src/instance/contact-event-delivery.js";

describe("ContactEventDelivery", () => {
  it("delivers a failed event again with a doubling back-off until it succeeds", async () => {
    // Prepare: the function fails twice, then works.
    const attempts: number[] = [];
    let now = 0;
    let failures = 2;
    const delivery = new ContactEventDelivery(
      async () => {
        attempts.push(now);
        if (failures-- > 0) throw new Error("DynamoDB unreachable");
      },
      { firstRetryMs: 1000, maxAttempts: 5 },
    );

    // Act
    await delivery.deliver({ contactId: "c1" }, now);
    for (const at of [500, 1000, 2000, 2999, 3000, 10_000]) {
      now = at;
      await delivery.deliverDue(at);
    }

    // Assess: delivered at once, retried at 1 s, then 2 s later (3 s), and not again.
    expect(attempts).toEqual([0, 1000, 3000]);
    expect(delivery.stats()).toEqual({ retries: 2, lost: 0 });
  });

  it("gives up after the last attempt and counts the event as lost", async () => {
    // Prepare
    const delivery = new ContactEventDelivery(() => Promise.reject(new Error("always down")), {
      firstRetryMs: 1000,
      maxAttempts: 2,
    });

    // Act
    await delivery.deliver({ contactId: "c1" }, 0);
    await delivery.deliverDue(1000);
    await delivery.deliverDue(100_000);

    // Assess
    expect(delivery.stats()).toEqual({ retries: 1, lost: 1 });
  });
});
