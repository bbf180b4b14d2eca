/**
 * What the `record` step tells the caller before the transfer: `recorded` when the affinity was
 * stored, `skipped` when it was not (the call is still transferred, so both are "please hold").
 */
export interface RecordMessages {
  readonly recorded: string;
  readonly skipped: string;
}

/**
 * Built-in messages per language. The router answers in English (`en`) unless its `messages`
 * option says otherwise; Japanese (`ja`) is the original design's language.
 *
 * @example
 * ```ts
 * import { recordMessages, StickyRouter } from "@connect-affinity/core";
 *
 * const router = new StickyRouter(deps, { messages: recordMessages.ja });
 * ```
 */
export const recordMessages: { readonly en: RecordMessages; readonly ja: RecordMessages } =
  Object.freeze({
    en: Object.freeze({
      recorded: "Connecting you to your agent. Please hold.",
      skipped: "Connecting you to an agent. Please hold.",
    }),
    ja: Object.freeze({
      recorded: "担当者にお繋ぎ致しますので少々お待ちください。",
      skipped: "オペレーターにお繋ぎ致しますので少々お待ちください。",
    }),
  });
