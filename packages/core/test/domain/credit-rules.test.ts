import { describe, expect, it } from "vitest";
import { creditFor } from "../../src/domain/credit-rules.js";

describe("who gets the credit", () => {
  const finishing30 = { minimumTalkSeconds: 30, transferCredit: "finishing" } as const;

  it("credits every answering agent without a minimum talk time", () => {
    expect(
      creditFor(
        { connectedAt: 0, transferred: false },
        { minimumTalkSeconds: 0, transferCredit: "finishing" },
      ),
    ).toEqual({ kind: "credit" });
  });

  it("credits an agent who talked at least the minimum, not one who talked less", () => {
    expect(
      creditFor({ connectedAt: 1000, disconnectedAt: 31_000, transferred: false }, finishing30),
    ).toEqual({
      kind: "credit",
    });
    expect(
      creditFor({ connectedAt: 1000, disconnectedAt: 30_999, transferred: false }, finishing30),
    ).toEqual({ kind: "no-credit", reason: "talk-too-short" });
  });

  it("cannot judge the talk time before the contact ended", () => {
    expect(creditFor({ connectedAt: 1000, transferred: false }, finishing30)).toEqual({
      kind: "no-credit",
      reason: "talk-time-unknown",
    });
  });

  it("credits the agents a contact was transferred to unless only the first counts", () => {
    const transferred = { connectedAt: 0, disconnectedAt: 60_000, transferred: true };
    expect(creditFor(transferred, finishing30)).toEqual({ kind: "credit" });
    expect(creditFor(transferred, { minimumTalkSeconds: 30, transferCredit: "first" })).toEqual({
      kind: "no-credit",
      reason: "transfer-not-credited",
    });
  });
});
