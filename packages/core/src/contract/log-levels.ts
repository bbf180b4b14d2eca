/**
 * The log levels of the deployed functions, as Powertools for AWS Lambda names them, from the
 * most to the least verbose. `SILENT` writes nothing. The handlers accept them in any case in
 * `LOG_LEVEL`; infra's `logLevel` setting takes the same list.
 *
 * @example
 * ```ts
 * import { logLevels } from "@connect-affinity/core/contract";
 * logLevels.includes("DEBUG"); // true
 * ```
 */
export const logLevels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"] as const;

/** One of {@link logLevels}. */
export type LogLevel = (typeof logLevels)[number];
