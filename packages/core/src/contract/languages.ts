/**
 * The callers' languages this project speaks, as BCP 47 tags (the spelling Amazon Connect and
 * Amazon Polly use): the generated flows' messages and voice, and the texts `record` returns.
 * The same tag is used everywhere (flow options, the handlers' `RECORD_MESSAGE_LANGUAGE`,
 * infra's `flowLanguage`, a scenario's `language`); nothing maps it to another code.
 *
 * @example
 * ```ts
 * import { languages } from "@connect-affinity/core/contract";
 * languages.includes("ja-JP"); // true
 * ```
 */
export const languages = ["en-US", "ja-JP"] as const;

/** One of {@link languages}. */
export type Language = (typeof languages)[number];

/**
 * The language used when none is chosen: English.
 *
 * @example
 * ```ts
 * import { defaultLanguage } from "@connect-affinity/core/contract";
 * const language = options.language ?? defaultLanguage; // "en-US" unless chosen
 * ```
 */
export const defaultLanguage: Language = "en-US";
