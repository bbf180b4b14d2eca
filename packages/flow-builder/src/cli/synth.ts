import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { customerQueueFlow } from "../generators/customer-queue-flow.js";
import type { FlowOptions } from "../generators/flow-options.js";
import { FlowOptionsError } from "../generators/flow-options-error.js";
import { type FlowVariant, generateFlow } from "../generators/generate-flow.js";
import type { FlowDocument } from "../model/flow-document.js";
import { flowToJson } from "../render/flow-to-json.js";
import { flowToMermaid } from "../render/flow-to-mermaid.js";
import { flowToSvg } from "../render/flow-to-svg.js";
import type { FlowProblem } from "../validation/flow-problem.js";
import { validateFlow } from "../validation/validate-flow.js";

/** A flow `synth` writes: a sticky-routing variant, or the customer queue flow of the wait. */
export type SynthFlowName = FlowVariant | "customer-queue";

/** What `synth` did for one flow. */
export type SynthResult =
  | {
      readonly variant: SynthFlowName;
      readonly status: "written";
      readonly actionCount: number;
      readonly files: readonly string[];
      readonly problems: readonly FlowProblem[];
    }
  | { readonly variant: SynthFlowName; readonly status: "failed"; readonly error: string };

/**
 * Generates each variant, validates it and writes `<variant>.json`, `.mmd` and `.svg` into
 * `outDir`; with the agent-queue variant, the customer queue flow too (`customer-queue.*`,
 * validated as a `CUSTOMER_QUEUE` flow), which bounds every stay in an agent's queue. A flow that fails validation is still written (so it can be inspected) and its
 * problems returned; options a generator rejects are reported, never thrown.
 */
export async function synthFlows(
  outDir: string,
  variants: readonly FlowVariant[],
  options: FlowOptions,
): Promise<readonly SynthResult[]> {
  await mkdir(outDir, { recursive: true });
  const results: SynthResult[] = [];
  // The agent-queue flow sets the customer queue flow before every transfer to an agent's queue.
  const names: readonly SynthFlowName[] = variants.includes("agent-queue")
    ? [...variants, "customer-queue"]
    : variants;
  for (const variant of names) {
    let flow: FlowDocument;
    try {
      flow =
        variant === "customer-queue" ? customerQueueFlow(options) : generateFlow(variant, options);
    } catch (error) {
      if (!(error instanceof FlowOptionsError)) throw error;
      results.push({ variant, status: "failed", error: error.message });
      continue;
    }
    const files = [
      [join(outDir, `${variant}.json`), `${flowToJson(flow)}\n`],
      [join(outDir, `${variant}.mmd`), flowToMermaid(flow)],
      [join(outDir, `${variant}.svg`), await flowToSvg(flow)],
    ] as const;
    for (const [path, content] of files) await writeFile(path, content, "utf8");
    results.push({
      variant,
      status: "written",
      actionCount: flow.Actions.length,
      files: files.map(([path]) => path),
      problems: validateFlow(flow, {
        profile: "strict",
        flowType: variant === "customer-queue" ? "CUSTOMER_QUEUE" : "CONTACT_FLOW",
      }),
    });
  }
  return results;
}
