import { describe, expect, it, vi } from "vitest";
import {
  type FlowDocument,
  flowToDot,
  flowToJson,
  flowToMermaid,
  flowToSvg,
  readFlow,
  readFlowSource,
  spliceStickyRouting,
  validateFlow,
} from "../src/index.js";
import { blankedLexAlias, realFlows, staleExport } from "./helpers/real-flows.js";

const corpus = realFlows();
const flows = corpus ?? [];

function documentOf(text: string): FlowDocument {
  return readFlow(text).flow;
}

describe.skipIf(corpus === undefined)("the real-flow corpus", { timeout: 60_000 }, () => {
  it("holds the 80 flows of the manifest", () => {
    expect(flows).toHaveLength(80);
  });

  it("passes the service profile with each flow's declared type, but for its two known defects", () => {
    // Act
    const failing = flows
      .map((flow) => ({
        file: flow.file,
        problems: validateFlow(documentOf(flow.text), { flowType: flow.kind }),
      }))
      .filter((result) => result.problems.length > 0);

    // Assess
    console.info(`service profile: ${flows.length - failing.length} of ${flows.length} pass`);
    expect(flows.length - failing.length).toBeGreaterThanOrEqual(78);
    expect(failing.map((result) => result.file).sort()).toEqual(
      [staleExport, blankedLexAlias].sort(),
    );
  });

  it("rejects the stale export for its dangling transition alone", () => {
    const stale = flows.find((flow) => flow.file === staleExport);
    if (stale === undefined) throw new Error(`${staleExport} is missing`);
    const problems = validateFlow(documentOf(stale.text), { flowType: stale.kind });
    expect(problems).toEqual([
      expect.objectContaining({
        rule: "unknown-transition-target",
        message: expect.stringContaining('leads to "7f3a9c2e-1b4d-4e8a-9c6f-2d8e5a1b3c7d"'),
      }),
    ]);
  });

  it("rejects the Lex handler for its empty bot alias alone", () => {
    const lex = flows.find((flow) => flow.file === blankedLexAlias);
    if (lex === undefined) throw new Error(`${blankedLexAlias} is missing`);
    const problems = validateFlow(documentOf(lex.text), { flowType: lex.kind });
    expect(problems).toEqual([
      expect.objectContaining({
        rule: "empty-string",
        message: expect.stringContaining("LexV2Bot.AliasArn is an empty string"),
      }),
    ]);
  });

  it("uses no action type, parameter or error type the model does not know", () => {
    const unknown = flows.flatMap((flow) =>
      validateFlow(readFlowSource(flow.text).document, { flowType: flow.kind, profile: "strict" })
        .filter((problem) =>
          ["unknown-action-type", "unknown-parameter", "unexpected-error-type"].includes(
            problem.rule,
          ),
        )
        .map((problem) => `${flow.file}: ${problem.message}`),
    );
    expect(unknown).toEqual([]);
  });

  it("parses every flow, and writing it back gives the same JSON", () => {
    let roundTrips = 0;
    for (const flow of flows) {
      const original: unknown = JSON.parse(flow.text);
      const parsed = documentOf(flow.text);
      expect(JSON.parse(flowToJson(parsed)), flow.file).toEqual(original);
      expect(flowToJson(parsed, { keyOrder: "preserve" }), flow.file).toBe(
        JSON.stringify(original, null, 2),
      );
      roundTrips += 1;
    }
    console.info(`round trip: ${roundTrips} of ${flows.length} flows`);
    expect(roundTrips).toBe(flows.length);
  });

  it("reads the flow type console exports name, and it is the declared one", () => {
    const named = flows
      .map((flow) => ({ declared: flow.kind, read: readFlowSource(flow.text).flowType }))
      .filter((entry) => entry.read !== undefined);
    expect(named.length).toBeGreaterThan(30);
    for (const entry of named) expect(entry.read).toBe(entry.declared);
  });

  it("draws every flow as Mermaid and DOT, each action a node", () => {
    for (const flow of flows) {
      const document = documentOf(flow.text);
      const mermaid = flowToMermaid(document);
      const dot = flowToDot(document);
      expect(mermaid.startsWith("flowchart LR\n"), flow.file).toBe(true);
      const nodes = mermaid
        .split("\n")
        .filter((line) => /^ {2}n\d+_/.test(line) && !line.includes("-->"));
      expect(nodes.length, flow.file).toBe(document.Actions.length + 1);
      expect(dot.startsWith("digraph flow {"), flow.file).toBe(true);
    }
  });

  it("draws every flow as SVG", async () => {
    for (const flow of flows) {
      const svg = await flowToSvg(documentOf(flow.text));
      expect(svg, flow.file).toContain("</svg>");
    }
  }, 60_000);

  it("splices sticky routing in front of the queue transfer of at least 10 inbound flows, and each result passes the service profile", () => {
    // Prepare: inbound flows Connect accepted that transfer to a queue.
    const hosts = flows
      .filter((flow) => flow.kind === "CONTACT_FLOW")
      .map((flow) => ({ file: flow.file, flow: documentOf(flow.text) }))
      .filter(({ flow }) => validateFlow(flow).length === 0)
      .map(({ file, flow }) => ({
        file,
        flow,
        at: flow.Actions.find((action) => action.Type === "TransferContactToQueue")?.Identifier,
      }))
      .filter((host): host is typeof host & { at: string } => host.at !== undefined);

    // Act
    const results = hosts.flatMap((host) =>
      [
        { variant: "agent-queue" as const },
        { variant: "routing-criteria" as const },
        { transferToFlow: "arn:aws:connect:us-east-1:123456789012:instance/i/contact-flow/sticky" },
      ].map((mode) => ({
        file: host.file,
        mode,
        result: spliceStickyRouting(host.flow, { at: host.at, ...mode }),
      })),
    );

    // Assess
    const spliced = new Set(
      hosts
        .map((host) => host.file)
        .filter((file) =>
          results.every((entry) => entry.file !== file || entry.result.problems.length === 0),
        ),
    );
    console.info(`splice: ${spliced.size} of ${hosts.length} inbound flows with a queue transfer`);
    expect(spliced.size).toBeGreaterThanOrEqual(10);
    expect(
      results
        .filter((entry) => entry.result.problems.length > 0)
        .map(
          (entry) =>
            `${entry.file} ${JSON.stringify(entry.mode)}: ${JSON.stringify(entry.result.problems)}`,
        ),
    ).toEqual([]);
    for (const entry of results) expect(entry.result.redirected).toBeGreaterThan(0);
  });
});

describe("without the corpus, as in a user's clone", () => {
  it("skips with a printed notice", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    try {
      expect(realFlows("/nonexistent/real-flows")).toBeUndefined();
      expect(info).toHaveBeenCalledWith(
        expect.stringContaining(
          "Skipping the real-flow corpus tests: /nonexistent/real-flows is absent",
        ),
      );
    } finally {
      info.mockRestore();
    }
  });
});
