import type { FlowDocument } from "../model/flow-document.js";
import { flowGraph, type GraphNode } from "./flow-graph.js";

const shapes: { readonly [S in GraphNode["shape"]]: string } = {
  start: 'shape=oval, style="filled", fillcolor="#e8f0fe"',
  action: 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
  decision: 'shape=diamond, style="filled", fillcolor="#fff4e5"',
  transfer: 'shape=box, peripheries=2, style="filled", fillcolor="#e6f4ea"',
  end: 'shape=oval, style="filled", fillcolor="#fce8e6"',
};

/**
 * The flow in Graphviz DOT, laid out left to right, every transition a labelled edge.
 *
 * @example
 * ```ts
 * const dot = flowToDot(flow); // render with any Graphviz
 * ```
 */
export function flowToDot(flow: FlowDocument): string {
  const { nodes, edges } = flowGraph(flow);
  const lines = [
    "digraph flow {",
    "  rankdir=LR;",
    '  graph [fontname="Helvetica", nodesep=0.4, ranksep=0.6];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const node of nodes) {
    lines.push(
      `  ${quote(node.id)} [label=${quote(node.lines.join("\n"))}, ${shapes[node.shape]}];`,
    );
  }
  for (const edge of edges) {
    const label = edge.label === "" ? "" : ` [label=${quote(edge.label)}]`;
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${label};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}
