import { afterEach, describe, expect, it } from "vitest";
import { closedEndpoint } from "../src/closed-endpoint.js";
import { setEnvironment } from "../src/environment.js";

const kept = "TESTING_KEPT";
const added = "TESTING_ADDED";

afterEach(() => {
  delete process.env[kept];
  delete process.env[added];
});

describe("setEnvironment", () => {
  it("sets, removes and then restores exactly what was there before", () => {
    // Prepare
    process.env[kept] = "before";

    // Act
    const restore = setEnvironment({ [kept]: undefined, [added]: "new" });
    const during = { kept: process.env[kept], added: process.env[added] };
    restore();

    // Assess
    expect(during).toEqual({ kept: undefined, added: "new" });
    expect(process.env[kept]).toBe("before");
    expect(added in process.env).toBe(false);
  });
});

describe("closedEndpoint", () => {
  it("names a loopback port that refuses connections", async () => {
    // Act
    const endpoint = await closedEndpoint();
    const reached = await fetch(endpoint).then(
      () => true,
      () => false,
    );

    // Assess
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(reached).toBe(false);
  });
});
