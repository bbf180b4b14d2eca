import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  agentQueueFlow,
  flowToDot,
  flowToJson,
  flowToMermaid,
  flowToSvg,
  generateFlow,
  placeholderQueueArns,
} from "../src/index.js";
import { flowOptions } from "./helpers/flow-options-factory.js";

describe("flowToJson", () => {
  it("writes two-space JSON with the document keys in reading order", () => {
    // Act
    const json = flowToJson(agentQueueFlow(flowOptions()));

    // Assess
    expect(
      json.startsWith('{\n  "Version": "2019-10-30",\n  "StartAction": "set-voice",\n  "Metadata"'),
    ).toBe(true);
    expect(json).toContain(
      '\n    {\n      "Identifier": "invoke-route",\n      "Type": "InvokeLambdaFunction",',
    );
    expect(JSON.parse(json)).toEqual(agentQueueFlow(flowOptions()));
  });

  it("does not depend on the order the keys were written in", () => {
    const flow = agentQueueFlow(flowOptions());
    const reversed = JSON.parse(
      JSON.stringify(flow, (_key, value: unknown) =>
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
    );
    expect(flowToJson(reversed)).toBe(flowToJson(flow));
  });
});

describe("flowToMermaid", () => {
  it("draws every action with its type and every branch with its label", () => {
    // Act
    const mermaid = flowToMermaid(agentQueueFlow(flowOptions()));

    // Assess
    expect(mermaid.startsWith("flowchart LR\n")).toBe(true);
    expect(mermaid).toContain('n0_start(["start"])');
    expect(mermaid).toContain(
      'n3_check_route_status{"check-route-status<br/>Compare<br/>$.External.status"}',
    );
    expect(mermaid).toContain(
      'n16_transfer_to_agent[["transfer-to-agent<br/>TransferContactToQueue"]]',
    );
    expect(mermaid).toContain('n21_disconnect(["disconnect<br/>DisconnectParticipant"])');
    expect(mermaid).toContain('n3_check_route_status -->|"= agent"| n4_save_agent');
    expect(mermaid).toContain('n3_check_route_status -->|"no match"| n20_play_sorry');
    expect(mermaid).toContain('n6_check_agent_available -->|"#gt; 0"| n7_invoke_record');
    expect(mermaid).toContain('n10_check_offer_presence -->|"= busy"| n7_invoke_record');
    expect(mermaid).toContain('n6_check_agent_available -->|"no match"| n11_check_offer_reason');
    expect(mermaid).toContain(
      'n11_check_offer_reason -->|"= returning-caller / = ranked-agent"| n12_check_agent_staffed',
    );
    expect(mermaid).toContain('n12_check_agent_staffed -->|"#gt; 0"| n7_invoke_record');
    expect(mermaid).toContain('n17_count_attempts -->|"ContinueLooping"| n18_invoke_next_agent');
    expect(mermaid).toContain('n17_count_attempts -->|"DoneLooping"| n20_play_sorry');
    expect(mermaid).toContain(
      'n14_set_customer_queue_flow -->|"ok / error"| n16_transfer_to_agent',
    );
    expect(mermaid).toContain(
      'n16_transfer_to_agent -->|"QueueAtCapacity / error"| n15_stop_queue_wait',
    );
    expect(mermaid).toContain('n19_check_next_agent_status -->|"= agent"| n4_save_agent');
  });

  it("escapes quotes and angle brackets in messages", () => {
    const mermaid = flowToMermaid(
      agentQueueFlow(flowOptions({ messages: { sorry: { ssml: '<speak>Say "hi"</speak>' } } })),
    );
    expect(mermaid).toContain("#lt;speak#gt;Say #quot;hi#quot;#lt;/speak#gt;");
  });
});

describe("flowToDot", () => {
  it("writes a left-to-right digraph with labelled edges", () => {
    const dot = flowToDot(
      generateFlow(
        "routing-criteria",
        flowOptions({ fallbackQueueArn: placeholderQueueArns.fallback }),
      ),
    );
    expect(dot).toContain("rankdir=LR;");
    expect(dot).toContain(
      '"check-criteria-status" -> "save-preferred-agent" [label="= preferred"];',
    );
    expect(dot).toContain(
      '"transfer-to-queue" -> "set-fallback-queue" [label="QueueAtCapacity / error"];',
    );
    expect(dot).toContain('"start" -> "set-voice";');
  });
});

describe("flowToSvg", { timeout: 60_000 }, () => {
  it("renders an SVG with a node per action and the branch labels", async () => {
    // Act
    const svg = await flowToSvg(agentQueueFlow(flowOptions()));

    // Assess
    expect(svg).toContain("<svg");
    expect(svg).toContain("</svg>");
    expect(svg.match(/class="node"/g)).toHaveLength(22);
    expect(svg).toContain("<title>check&#45;agent&#45;available</title>");
    expect(svg).toContain(">ContinueLooping</text>");
    expect(svg).toContain(">= agent</text>");
    expect(svg).toContain(">&gt; 0</text>");
  });
});

describe("the package README", () => {
  it("shows the Mermaid that synth writes for both flows", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    for (const variant of ["agent-queue", "routing-criteria"] as const) {
      expect(readme).toContain(
        `\`\`\`mermaid\n${flowToMermaid(generateFlow(variant, flowOptions()))}\`\`\``,
      );
    }
  });
});
