import { describe, expect, it } from "vitest";
import { cursorSigningKeys } from "../src/cursor-signing-key.js";

const secret = "a-caller-key-secret-of-enough-length";
const previousSecret = "the-caller-key-secret-used-before-it";
const ownKey = "a-cursor-signing-key-of-32-characters";

describe("cursorSigningKeys", () => {
  it("derives the key from the caller-key secret first, never using the secret itself", () => {
    // Act
    const fromSecret = cursorSigningKeys({ callerKeySecret: secret, cursorSigningKey: ownKey });

    // Assess
    expect(fromSecret.cursorSigningKey).toHaveLength(32);
    expect(fromSecret.cursorSigningKey?.toString("utf8")).not.toContain("a-caller-key-secret");
    expect(fromSecret.cursorSigningKey).toEqual(
      cursorSigningKeys({ callerKeySecret: secret }).cursorSigningKey,
    );
  });

  it("falls back to the cursor's own key, and to nothing without either", () => {
    // Act
    const own = cursorSigningKeys({ cursorSigningKey: ownKey });
    const none = cursorSigningKeys({});

    // Assess
    expect(own.cursorSigningKey).toHaveLength(32);
    expect(own.cursorSigningKey).not.toEqual(
      cursorSigningKeys({ callerKeySecret: ownKey }).cursorSigningKey,
    );
    expect(own.previousCursorSigningKey).toBeUndefined();
    expect(none).toEqual({});
  });

  it("accepts the previous secret's key during a rotation, and signs with the current one", () => {
    // Act
    const rotating = cursorSigningKeys({
      callerKeySecret: secret,
      previousCallerKey: { secret: previousSecret },
    });

    // Assess: what a container that still had the old secret signed with is the previous key.
    expect(rotating.cursorSigningKey).toEqual(
      cursorSigningKeys({ callerKeySecret: secret }).cursorSigningKey,
    );
    expect(rotating.previousCursorSigningKey).toEqual(
      cursorSigningKeys({ callerKeySecret: previousSecret }).cursorSigningKey,
    );
  });

  it("accepts the cursor's own key while a table of raw numbers moves to its first secret", () => {
    // Act
    const moving = cursorSigningKeys({
      callerKeySecret: secret,
      previousCallerKey: "raw-number",
      cursorSigningKey: ownKey,
    });
    const moved = cursorSigningKeys({ callerKeySecret: secret, previousCallerKey: "raw-number" });

    // Assess
    expect(moving.previousCursorSigningKey).toEqual(
      cursorSigningKeys({ cursorSigningKey: ownKey }).cursorSigningKey,
    );
    expect(moved.previousCursorSigningKey).toBeUndefined();
  });
});
