/**
 * What the `record` step tells the caller before the transfer: `recorded` when the affinity was
 * stored, `skipped` when it was not (the call is still transferred, so both are "please hold").
 */
export interface RecordMessages {
  readonly recorded: string;
  readonly skipped: string;
}

/**
 * Built-in messages. Japanese is the default, as in the original design this project follows.
 *
 * @example
 * ```ts
 * new StickyRouter(deps, { messages: defaultRecordMessages.en });
 * ```
 */
export const defaultRecordMessages: { readonly ja: RecordMessages; readonly en: RecordMessages } =
  Object.freeze({
    ja: Object.freeze({
      recorded: "担当者にお繋ぎ致しますので少々お待ちください。",
      skipped: "オペレーターにお繋ぎ致しますので少々お待ちください。",
    }),
    en: Object.freeze({
      recorded: "Connecting you to your agent. Please hold.",
      skipped: "Connecting you to an agent. Please hold.",
    }),
  });
