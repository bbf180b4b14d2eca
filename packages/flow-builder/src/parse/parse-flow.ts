import { isActionType, misspeltActionTypes } from "../model/action-catalog.js";
import type { FlowDocument } from "../model/flow-document.js";
import { isRecord } from "../model/flow-edges.js";
import { type FlowType, flowTypeOfConsoleName, isFlowType } from "../model/flow-type.js";
import { FlowParseError } from "./flow-parse-error.js";

/** A flow document read from JSON text, unchecked, with what the input says about it. */
export interface FlowSource {
  /** The flow-language document, as JSON (not checked: {@link validateFlow} judges it). */
  readonly document: unknown;
  /**
   * The flow type the input names: a wrapper's `Type` (`DescribeContactFlow` output, an export
   * `{ Name, Type, Content }`) or the console's `Metadata.type`. Undefined when it names none.
   */
  readonly flowType?: FlowType;
  /** The flow's name, from a wrapper's `Name` or the console's `Metadata.name`. */
  readonly name?: string;
}

/** A flow read from a file, with what the file says about it beside the document. */
export interface ParsedFlow {
  readonly flow: FlowDocument;
  /**
   * The flow type the input names: a wrapper's `Type` (`DescribeContactFlow` output, an export
   * `{ Name, Type, Content }`) or the console's `Metadata.type`. Undefined when it names none.
   */
  readonly flowType?: FlowType;
  /** The flow's name, from a wrapper's `Name` or the console's `Metadata.name`. */
  readonly name?: string;
}

/**
 * Reads a flow from JSON text: a flow-language document (`DescribeContactFlow`'s `Content`,
 * a console export, a template's content), `DescribeContactFlow`'s whole output
 * (`{ "ContactFlow": { "Content": "…", "Type": … } }`) or an export wrapper
 * `{ "Name", "Type", "Content" }` whose `Content` is the document as a string.
 *
 * @throws FlowParseError when the text is not JSON or not a flow.
 *
 * @example
 * ```ts
 * const { flow, flowType } = readFlow(readFileSync("inbound.json", "utf8"));
 * ```
 */
export function readFlow(text: string): ParsedFlow {
  const { document, ...about } = readFlowSource(text);
  return { flow: parseFlow(document), ...about };
}

/**
 * Reads JSON text and unwraps the flow-language document as {@link readFlow} does, without
 * checking the document's shape: for linting, where every problem is reported by
 * {@link validateFlow} rather than the first one thrown.
 *
 * @throws FlowParseError when the text is not JSON or holds no flow document at all.
 *
 * @example
 * ```ts
 * const { document, flowType } = readFlowSource(text);
 * validateFlow(document, { flowType: flowType ?? "CONTACT_FLOW" });
 * ```
 */
export function readFlowSource(text: string): FlowSource {
  return unwrap(parseJson(text, "the input"));
}

/**
 * Checks that `input` has the flow language's shape and returns it as a {@link FlowDocument}:
 * an object with a string `Version` and `StartAction` and an `Actions` list whose entries are
 * objects with a string `Identifier`, a modelled `Type`, an object `Transitions` (with lists of
 * objects for `Errors` and `Conditions`) and, when present, an object `Parameters`. Values are
 * not judged here: {@link validateFlow} does that, so a flow Connect would reject still parses
 * and can be linted, drawn and repaired. Everything in the input is kept (metadata, unknown
 * keys), so `JSON.parse(flowToJson(parseFlow(x)))` deep-equals `x`.
 *
 * @throws FlowParseError listing every shape problem.
 *
 * @example
 * ```ts
 * const flow = parseFlow(JSON.parse(text));
 * ```
 */
export function parseFlow(input: unknown): FlowDocument {
  const issues: string[] = [];
  if (!isRecord(input)) throw new FlowParseError(["a flow is a JSON object"]);
  if (typeof input["Version"] !== "string") issues.push("Version must be a string");
  if (typeof input["StartAction"] !== "string") issues.push("StartAction must be a string");
  if (input["Metadata"] !== undefined && !isRecord(input["Metadata"])) {
    issues.push("Metadata must be an object");
  }
  const actions = input["Actions"];
  if (!Array.isArray(actions)) {
    issues.push("Actions must be a list");
  } else {
    actions.forEach((action, index) => {
      issues.push(...actionIssues(action, index));
    });
  }
  if (issues.length > 0) throw new FlowParseError(issues);
  // A copy, so the caller's object and the returned document never change each other.
  return structuredClone(input) as unknown as FlowDocument;
}

function actionIssues(action: unknown, index: number): string[] {
  const where = `Actions[${index}]`;
  if (!isRecord(action)) return [`${where} must be an object`];
  const issues: string[] = [];
  const identifier = action["Identifier"];
  const name = typeof identifier === "string" ? `${where} "${identifier}"` : where;
  if (typeof identifier !== "string") issues.push(`${where} has no string Identifier`);
  const type = action["Type"];
  if (typeof type !== "string") {
    issues.push(`${name} has no string Type`);
  } else if (!isActionType(type)) {
    const suggestion = misspeltActionTypes[type];
    issues.push(
      suggestion === undefined
        ? `${name} has the type "${type}", which the flow language does not have`
        : `${name} has the type "${type}"; the service knows it as "${suggestion}"`,
    );
  }
  if (action["Parameters"] !== undefined && !isRecord(action["Parameters"])) {
    issues.push(`${name}: Parameters must be an object`);
  }
  const transitions = action["Transitions"];
  if (!isRecord(transitions)) {
    issues.push(`${name}: Transitions must be an object`);
    return issues;
  }
  if (transitions["NextAction"] !== undefined && typeof transitions["NextAction"] !== "string") {
    issues.push(`${name}: Transitions.NextAction must be a string`);
  }
  for (const key of ["Errors", "Conditions"] as const) {
    const list = transitions[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every(isRecord)) {
      issues.push(`${name}: Transitions.${key} must be a list of objects`);
    }
  }
  return issues;
}

function unwrap(json: unknown): FlowSource {
  if (!isRecord(json)) throw new FlowParseError(["a flow is a JSON object"]);
  if (json["Actions"] !== undefined) {
    const metadata = json["Metadata"];
    const flowType = flowTypeOfConsoleName(isRecord(metadata) ? metadata["type"] : undefined);
    const name = isRecord(metadata) ? metadata["name"] : undefined;
    return {
      document: json,
      ...(flowType === undefined ? {} : { flowType }),
      ...(typeof name === "string" && name !== "" ? { name } : {}),
    };
  }
  const wrapper = isRecord(json["ContactFlow"]) ? json["ContactFlow"] : json;
  const content = wrapper["Content"];
  if (content === undefined) {
    throw new FlowParseError([
      "expected a flow document (with Actions), DescribeContactFlow output (ContactFlow.Content) or an export wrapper (Content)",
    ]);
  }
  const inner = unwrap(typeof content === "string" ? parseJson(content, "Content") : content);
  const type = wrapper["Type"];
  const name = wrapper["Name"];
  const flowType = isFlowType(type) ? type : inner.flowType;
  const flowName = typeof name === "string" && name !== "" ? name : inner.name;
  return {
    document: inner.document,
    ...(flowType === undefined ? {} : { flowType }),
    ...(flowName === undefined ? {} : { name: flowName }),
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FlowParseError([
      `${what} is not JSON (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
}
