import type { FlowDocument } from "../model/flow-document.js";
import { flowGraph, type GraphNode } from "./flow-graph.js";

/**
 * The flow as a Mermaid `flowchart LR`: one node per action (decisions as rhombi, transfers as
 * subroutines, the disconnect as a stadium), every transition an edge labelled with its branch
 * (`= agent`, `> 0`, `ContinueLooping`, `QueueAtCapacity`, `error`, `no match`, `else`).
 *
 * @example
 * ```ts
 * writeFileSync("agent-queue.mmd", flowToMermaid(flow));
 * ```
 */
export function flowToMermaid(flow: FlowDocument): string {
  const { nodes, edges } = flowGraph(flow);
  const ids = new Map<string, string>();
  nodes.forEach((node, index) => {
    ids.set(node.id, `n${index}_${node.id.replace(/[^A-Za-z0-9]/g, "_")}`);
  });
  const idOf = (id: string): string => ids.get(id) ?? `missing_${id.replace(/[^A-Za-z0-9]/g, "_")}`;
  const lines = ["flowchart LR"];
  for (const node of nodes) lines.push(`  ${idOf(node.id)}${shape(node)}`);
  for (const edge of edges) {
    const label = edge.label === "" ? "" : `|"${escapeLabel(edge.label)}"|`;
    lines.push(`  ${idOf(edge.from)} -->${label} ${idOf(edge.to)}`);
  }
  return `${lines.join("\n")}\n`;
}

function shape(node: GraphNode): string {
  const text = `"${node.lines.map(escapeLabel).join("<br/>")}"`;
  switch (node.shape) {
    case "start":
    case "end":
      return `([${text}])`;
    case "decision":
      return `{${text}}`;
    case "transfer":
      return `[[${text}]]`;
    case "action":
      return `[${text}]`;
  }
}

// Mermaid reads entity codes inside quoted labels; these characters would end the label.
function escapeLabel(text: string): string {
  return text
    .replace(/&/g, "#amp;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\|/g, "#124;")
    .replace(/\n/g, " ");
}
