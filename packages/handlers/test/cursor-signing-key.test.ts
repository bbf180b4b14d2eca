import { describe, expect, it } from "vitest";
import { cursorSigningKey } from "../src/cursor-signing-key.js";

describe("cursorSigningKey", () => {
  it("derives the key from the caller-key secret first, never using the secret itself", () => {
    // Act
    const fromSecret = cursorSigningKey({
      callerKeySecret: "a-caller-key-secret-of-enough-length",
      cursorSigningKey: "a-cursor-signing-key-of-32-characters",
    });

    // Assess
    expect(fromSecret).toHaveLength(32);
    expect(fromSecret?.toString("utf8")).not.toContain("a-caller-key-secret");
    expect(fromSecret).toEqual(
      cursorSigningKey({ callerKeySecret: "a-caller-key-secret-of-enough-length" }),
    );
  });

  it("falls back to the cursor's own key, and to nothing without either", () => {
    // Act
    const own = cursorSigningKey({ cursorSigningKey: "a-cursor-signing-key-of-32-characters" });
    const none = cursorSigningKey({});

    // Assess
    expect(own).toHaveLength(32);
    expect(own).not.toEqual(
      cursorSigningKey({ callerKeySecret: "a-cursor-signing-key-of-32-characters" }),
    );
    expect(none).toBeUndefined();
  });
});
