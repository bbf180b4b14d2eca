import type { Language } from "../contract/languages.js";

/**
 * What the `record` step tells the caller before the transfer: `recorded` when the affinity was
 * stored, `skipped` when it was not (the call is still transferred, so both are "please hold").
 */
export interface RecordMessages {
  readonly recorded: string;
  readonly skipped: string;
}

/**
 * Built-in messages per language of the contract. The router answers in English (`en-US`) unless
 * its `messages` option says otherwise; Japanese (`ja-JP`) is the original design's language.
 *
 * @example
 * ```ts
 * import { recordMessages, StickyRouter } from "@connect-affinity/core";
 *
 * const router = new StickyRouter(deps, { messages: recordMessages["ja-JP"] });
 * ```
 */
export const recordMessages: { readonly [L in Language]: RecordMessages } = Object.freeze({
  "en-US": Object.freeze({
    recorded: "Connecting you to your agent. Please hold.",
    skipped: "Connecting you to an agent. Please hold.",
  }),
  "ja-JP": Object.freeze({
    recorded: "担当者にお繋ぎ致しますので少々お待ちください。",
    skipped: "オペレーターにお繋ぎ致しますので少々お待ちください。",
  }),
});
