import { createHash } from "node:crypto";
import type { FlowAction } from "../model/flow-action.js";
import type { ActionMetadataEntry, ConditionMetadata } from "../model/flow-document.js";
import { isRecord } from "../model/flow-edges.js";
import { containsJsonPath } from "../model/json-path.js";

/** The console's short sign for each condition operator in "Check contact attributes". */
const operatorDisplay: { readonly [operator: string]: string } = {
  Equals: "=",
  NumberGreaterThan: ">",
  NumberGreaterOrEqualTo: "≥",
  NumberLessThan: "<",
  NumberLessOrEqualTo: "≤",
  TextStartsWith: "Starts with",
  TextEndsWith: "Ends with",
  TextContains: "Contains",
  KeyExists: "Exists",
};

/** The language code the editor shows for the Amazon Polly voices the generators use. */
const voiceLanguages: { readonly [voice: string]: string } = {
  Mizuki: "ja-JP",
  Takumi: "ja-JP",
  Kazuha: "ja-JP",
  Tomoko: "ja-JP",
  Joanna: "en-US",
  Matthew: "en-US",
  Ruth: "en-US",
  Danielle: "en-US",
  Kendra: "en-US",
  Salli: "en-US",
  Stephen: "en-US",
};

/**
 * What the console editor keeps about a block beyond its position, in the shape console exports
 * write it, so an imported generated flow shows named, readable blocks:
 * - `isFriendlyName: true`: the identifier is a readable name, shown as the block's title;
 * - a Lambda's function name as `parameters.LambdaFunctionARN.displayName`;
 * - `useDynamic` and `parameters.<Name>.useDynamic` for values read from an attribute or a
 *   Lambda response (`dynamicParams` and `dynamicMetadata` for attribute maps);
 * - `conditionMetadata` for the branches of "Check contact attributes";
 * - the voice's language for "Set voice".
 *
 * @example
 * ```ts
 * consoleMetadata(action); // { isFriendlyName: true, parameters: { LambdaFunctionARN: { displayName: "route" } } }
 * ```
 */
export function consoleMetadata(action: FlowAction): ActionMetadataEntry {
  const parameters: { readonly [key: string]: unknown } = isRecord(action.Parameters)
    ? action.Parameters
    : {};
  const dynamic = (key: string): boolean => {
    const value = parameters[key];
    return typeof value === "string" && containsJsonPath(value);
  };
  const entry: { [key: string]: unknown } = { isFriendlyName: true };
  const shown: { [name: string]: unknown } = {};
  const dynamicKeys = (map: unknown): readonly string[] =>
    isRecord(map)
      ? Object.entries(map)
          .filter(([, value]) => typeof value === "string" && containsJsonPath(value))
          .map(([key]) => key)
      : [];
  switch (action.Type) {
    case "InvokeLambdaFunction": {
      const arn = parameters["LambdaFunctionARN"];
      if (dynamic("LambdaFunctionARN")) {
        shown["LambdaFunctionARN"] = { useDynamic: true };
      } else if (typeof arn === "string") {
        shown["LambdaFunctionARN"] = { displayName: arn.split(":")[6] ?? arn };
      }
      const attributes = parameters["LambdaInvocationAttributes"];
      const keys = dynamicKeys(attributes);
      if (keys.length > 0) {
        shown["LambdaInvocationAttributes"] = Object.fromEntries(
          keys.map((key) => [key, { useDynamic: true }]),
        );
      }
      entry["dynamicMetadata"] = Object.fromEntries(
        Object.keys(isRecord(attributes) ? attributes : {}).map((key) => [key, keys.includes(key)]),
      );
      break;
    }
    case "UpdateContactAttributes": {
      const keys = dynamicKeys(parameters["Attributes"]);
      if (keys.length > 0) {
        shown["Attributes"] = Object.fromEntries(keys.map((key) => [key, { useDynamic: true }]));
      }
      entry["dynamicParams"] = keys;
      break;
    }
    case "Compare": {
      const conditions = action.Transitions.Conditions ?? [];
      entry["conditionMetadata"] = conditions.map(
        (condition, index): ConditionMetadata => ({
          id: stableUuid(`${action.Identifier}:${index}`),
          operator: {
            name: condition.Condition.Operator,
            value: condition.Condition.Operator,
            shortDisplay:
              operatorDisplay[condition.Condition.Operator] ?? condition.Condition.Operator,
          },
          value: condition.Condition.Operands[0] ?? "",
        }),
      );
      break;
    }
    case "UpdateContactTextToSpeechVoice": {
      const voice = parameters["TextToSpeechVoice"];
      const language = typeof voice === "string" ? voiceLanguages[voice] : undefined;
      if (language !== undefined) shown["TextToSpeechVoice"] = { languageCode: language };
      entry["overrideConsoleVoice"] = true;
      break;
    }
    default:
      for (const key of [
        "QueueId",
        "AgentId",
        "Text",
        "SSML",
        "PromptId",
        "LoopCount",
        "RoutingCriteria",
        "ContactFlowId",
      ]) {
        if (dynamic(key)) shown[key] = { useDynamic: true };
      }
      if (Object.keys(shown).length > 0) entry["useDynamic"] = true;
      break;
  }
  if (Object.keys(shown).length > 0) entry["parameters"] = shown;
  return entry;
}

/**
 * A version-4-shaped UUID derived from `seed`, so generated metadata is the same on every run
 * (the editor only needs the condition ids to be unique within the block).
 */
function stableUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
