import type { FlowDocument } from "../model/flow-document.js";
import { flowToDot } from "./flow-to-dot.js";

/**
 * The flow as an SVG picture: {@link flowToDot} laid out by Graphviz compiled to WebAssembly
 * (no native binary, no network).
 *
 * @example
 * ```ts
 * writeFileSync("agent-queue.svg", await flowToSvg(flow));
 * ```
 */
export async function flowToSvg(flow: FlowDocument): Promise<string> {
  // Loaded on demand: the WebAssembly module is large and only the renderer needs it.
  const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  return graphviz.dot(flowToDot(flow), "svg");
}
