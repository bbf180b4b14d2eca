import type { ActionErrorReason } from "./contact.js";

/** Connect's limit on a Lambda response, in bytes of its JSON. */
export const maxResponseBytes = 32 * 1024;

/** A response Connect accepts becomes `$.External`; anything else takes the error branch. */
export type CheckedResponse =
  | { readonly ok: true; readonly external: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: ActionErrorReason };

/**
 * Checks a Lambda response the way Connect does for `ResponseValidation`: `STRING_MAP` (the
 * default) takes a flat object whose values are all strings; `JSON` takes any JSON object, so
 * nested values can be read by path. Either must stay under 32 KB.
 */
export function checkLambdaResponse(
  response: unknown,
  responseType: "STRING_MAP" | "JSON",
): CheckedResponse {
  if (typeof response !== "object" || response === null || Array.isArray(response)) {
    return {
      ok: false,
      reason: responseType === "JSON" ? "response-not-json" : "response-not-string-map",
    };
  }
  let json: string;
  try {
    json = JSON.stringify(response);
  } catch {
    return { ok: false, reason: "response-not-json" };
  }
  if (Buffer.byteLength(json, "utf8") > maxResponseBytes)
    return { ok: false, reason: "response-too-large" };
  const entries = Object.entries(response);
  if (responseType === "STRING_MAP" && !entries.every(([, value]) => typeof value === "string")) {
    return { ok: false, reason: "response-not-string-map" };
  }
  // Round-trip through JSON so the flow sees what Connect would have received, not live objects.
  return { ok: true, external: JSON.parse(json) as Record<string, unknown> };
}
