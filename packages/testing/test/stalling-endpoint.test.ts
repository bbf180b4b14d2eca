import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { stallingEndpoint } from "../src/stalling-endpoint.js";

/** Sends one POST and gives up after `ms`, as an SDK client cut off by its budget does. */
function postAndGiveUp(endpoint: string, ms: number): Promise<"gave-up" | "answered"> {
  return new Promise((resolve) => {
    const call = request(endpoint, { method: "POST", signal: AbortSignal.timeout(ms) }, () =>
      resolve("answered"),
    );
    call.on("error", () => resolve("gave-up"));
    call.end("{}");
  });
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("stallingEndpoint", () => {
  it("takes every request, answers none, and counts the connections the client gave up", async () => {
    // Prepare
    const endpoint = await stallingEndpoint();

    try {
      // Act
      const outcomes = await Promise.all([
        postAndGiveUp(endpoint.endpoint, 200),
        postAndGiveUp(endpoint.endpoint, 200),
      ]);
      await waitFor(() => endpoint.closedByClient() === 2);

      // Assess
      expect(endpoint.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(outcomes).toEqual(["gave-up", "gave-up"]);
      expect(endpoint.requests()).toBe(2);
      expect(endpoint.closedByClient()).toBe(2);
      expect(endpoint.open()).toBe(0);
    } finally {
      await endpoint.close();
    }
  });

  it("drops the connections still open when closed, without counting them as the client's", async () => {
    // Prepare
    const endpoint = await stallingEndpoint();
    const pending = postAndGiveUp(endpoint.endpoint, 30_000);
    await waitFor(() => endpoint.requests() === 1);

    // Act
    const openBefore = endpoint.open();
    await endpoint.close();

    // Assess
    expect(openBefore).toBe(1);
    expect(await pending).toBe("gave-up");
    expect(endpoint.closedByClient()).toBe(0);
  });
});
