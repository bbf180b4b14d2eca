import { contactAttributes } from "@connect-affinity/core/contract";
import { describe, expect, it } from "vitest";
import { attribute, type ExternalPath, external, isJsonPathWithLeaf } from "../src/index.js";

describe("typed references", () => {
  it("point into a Lambda's response by the contract's key", () => {
    const path: ExternalPath = external<"route">("agentArn");
    expect(path).toBe("$.External.agentArn");
    expect(external<"record">("message")).toBe("$.External.message");
    expect(external<"routingCriteria">("routingCriteria")).toBe("$.External.routingCriteria");
  });

  it("point to the contact attribute the contract names, not the contract key", () => {
    const path: "$.Attributes.affinityAgentArn" = attribute("agentArn");
    expect(path).toBe(`$.Attributes.${contactAttributes.agentArn}`);
    expect(attribute("cursor")).toBe("$.Attributes.affinityCursor");
  });

  it("do not compile with a misspelt key, and fail at run time for untyped callers", () => {
    // @ts-expect-error "agentARN" is not a key of the route response.
    expect(() => external<"route">("agentARN")).toThrow(RangeError);
    // @ts-expect-error "message" is a record key, not a route key.
    external<"route">("message");
    // @ts-expect-error "agent" is not a contact attribute of the contract.
    expect(() => attribute("agent")).toThrow(/not a contact attribute/);
  });

  it("are JSONPaths with a leaf, as Compare needs", () => {
    expect(isJsonPathWithLeaf(external<"nextAgent">("status"))).toBe(true);
    expect(isJsonPathWithLeaf(attribute("agentId"))).toBe(true);
    expect(isJsonPathWithLeaf("$.External")).toBe(false);
    expect(isJsonPathWithLeaf("status")).toBe(false);
  });
});
