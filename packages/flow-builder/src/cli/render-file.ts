import type { FlowDocument } from "../model/flow-document.js";
import { flowToDot } from "../render/flow-to-dot.js";
import { flowToMermaid } from "../render/flow-to-mermaid.js";
import { flowToSvg } from "../render/flow-to-svg.js";

/** The picture formats `render` writes. */
export const renderFormats = ["mermaid", "dot", "svg"] as const;

/** A format of {@link renderFormats}. */
export type RenderFormat = (typeof renderFormats)[number];

/** The flow drawn in `format`. */
export async function renderFlow(flow: FlowDocument, format: RenderFormat): Promise<string> {
  switch (format) {
    case "mermaid":
      return flowToMermaid(flow);
    case "dot":
      return flowToDot(flow);
    case "svg":
      return flowToSvg(flow);
  }
}
