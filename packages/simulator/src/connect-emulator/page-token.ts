import { invalidParameter } from "./connect-api-error.js";

/**
 * An opaque `NextToken`: the offset of the next page, bound to the API and the query it came
 * from, so a token replayed with other filters is refused as the service refuses it.
 */
export function encodePageToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset }), "utf8").toString("base64url");
}

/** The offset a token carries; `InvalidParameterException` for anything else. */
export function decodePageToken(scope: string, token: string | undefined): number {
  if (token === undefined || token === "") {
    return 0;
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null) {
      const { s, o } = parsed as { readonly s?: unknown; readonly o?: unknown };
      if (s === scope && typeof o === "number" && Number.isInteger(o) && o >= 0) {
        return o;
      }
    }
  } catch {
    // fall through: not base64 JSON
  }
  throw invalidParameter("The NextToken is invalid or does not belong to this request.");
}
