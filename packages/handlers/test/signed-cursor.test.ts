import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
import { describe, expect, it } from "vitest";
import { resetContainer } from "../src/container.js";
import { ConfigurationError } from "../src/errors.js";
import { handler as nextAgent } from "../src/next-agent.js";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

const caller = "+819012345678";
const harness = useHarness();

/** A cursor's JSON changed by `change`, its signature (if any) kept as it was. */
function tampered(cursor: string, change: (document: Record<string, unknown>) => void): string {
  const [payload = "", tag] = cursor.split(".");
  const document = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
  change(document);
  const forged = Buffer.from(JSON.stringify(document), "utf8").toString("base64url");
  return tag === undefined ? forged : `${forged}.${tag}`;
}

async function routedCursor(contactId: string): Promise<string> {
  const answer = await route(contactFlowEvent({ contactId, address: caller }));
  expect(answer.status).toBe("agent");
  return answer.cursor;
}

describe("the signed cursor", () => {
  it("rejects a cursor whose attempt counter was reset, so MAX_ATTEMPTS holds", async () => {
    // Prepare
    await harness.beforeEach({ MAX_ATTEMPTS: "2" });
    const first = await routedCursor("c-1");
    const second = await nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: first } }),
    );

    // Act
    const reset = nextAgent(
      contactFlowEvent({
        contactId: "c-1",
        parameters: {
          cursor: tampered(second.cursor, (document) => {
            Object.assign(document, { n: 1 });
          }),
        },
      }),
    );

    // Assess
    await expect(reset).rejects.toMatchObject({ code: "INVALID_CURSOR" });
  });

  it("rejects a cursor with a crafted seed", async () => {
    // Prepare
    await harness.beforeEach();
    const issued = await routedCursor("c-1");

    // Act
    const crafted = nextAgent(
      contactFlowEvent({
        contactId: "c-1",
        parameters: {
          cursor: tampered(issued, (document) => {
            Object.assign(document, { s: 42 });
          }),
        },
      }),
    );

    // Assess
    await expect(crafted).rejects.toMatchObject({ code: "INVALID_CURSOR" });
  });

  it("rejects an unsigned cursor", async () => {
    // Prepare
    await harness.beforeEach();
    const unsigned = Buffer.from(JSON.stringify({ v: 1, s: 42, n: 1 })).toString("base64url");

    // Act
    const answer = nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: unsigned } }),
    );

    // Assess
    await expect(answer).rejects.toMatchObject({ code: "INVALID_CURSOR" });
  });

  it("rejects a cursor issued for another contact", async () => {
    // Prepare
    await harness.beforeEach();
    const issued = await routedCursor("c-1");

    // Act
    const answer = nextAgent(
      contactFlowEvent({ contactId: "c-2", parameters: { cursor: issued } }),
    );

    // Assess
    await expect(answer).rejects.toMatchObject({ code: "INVALID_CURSOR" });
  });

  it("accepts the cursor route issued in another container, and stays compact", async () => {
    // Prepare
    await harness.beforeEach();
    const issued = await routedCursor("c-1");
    resetContainer();

    // Act
    const answer = await nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: issued } }),
    );

    // Assess
    expect(answer).toMatchObject({ status: "agent", reason: "next-candidate" });
    expect(issued.length).toBeLessThan(260);
    expect(issued).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it("signs with a key derived from the caller-key secret when no key of its own is set", async () => {
    // Prepare
    await harness.beforeEach({
      CURSOR_SIGNING_KEY: undefined,
      CALLER_KEY_SECRET: "a-caller-key-secret-of-enough-length",
    });
    const issued = await routedCursor("c-1");

    // Act
    const answer = await nextAgent(
      contactFlowEvent({ contactId: "c-1", parameters: { cursor: issued } }),
    );

    // Assess
    expect(answer.status).toBe("agent");
  });

  it("refuses to run next-agent without any key to verify a cursor with", async () => {
    // Prepare
    await harness.beforeEach({ CURSOR_SIGNING_KEY: undefined, CALLER_KEY_SECRET: undefined });

    // Act
    const answer = nextAgent(contactFlowEvent({ contactId: "c-1", parameters: { cursor: "x" } }));

    // Assess
    await expect(answer).rejects.toBeInstanceOf(ConfigurationError);
    await expect(answer).rejects.toThrow(/CURSOR_SIGNING_KEY/);
  });
});
