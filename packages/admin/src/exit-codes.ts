/**
 * The exit codes of `connect-affinity`, for scripts. Each failure also prints what to do.
 *
 * | Code | Meaning                                                                            |
 * | ---- | ---------------------------------------------------------------------------------- |
 * | 0    | done (for `forget`, also "nothing was held")                                       |
 * | 1    | an unexpected error (a bug: please report it with the message)                     |
 * | 2    | usage: unknown command or option, a KEY that is neither a number nor a caller key |
 * | 3    | configuration: no table, an unreadable outputs file, a bad or missing secret       |
 * | 4    | not found: `lookup` found no record for the KEY                                    |
 * | 5    | declined: a destructive command was not confirmed (or no terminal and no `--yes`) |
 * | 6    | AWS: the table, a secret or the credentials could not be used                      |
 */
export const exitCodes = Object.freeze({
  ok: 0,
  unexpected: 1,
  usage: 2,
  configuration: 3,
  notFound: 4,
  declined: 5,
  aws: 6,
} as const);

/** One of {@link exitCodes}. */
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** What each exit code means, one line each: the end of `connect-affinity --help`. */
export const exitCodeMeanings: Readonly<Record<ExitCode, string>> = Object.freeze({
  [exitCodes.ok]: "done (for forget, also: nothing was held)",
  [exitCodes.unexpected]: "an unexpected error: please report it with the message",
  [exitCodes.usage]:
    "usage: an unknown command or option, or a KEY that is neither a number nor a caller key",
  [exitCodes.configuration]:
    "configuration: no table, an unreadable outputs file, a bad or missing secret",
  [exitCodes.notFound]: "not found: lookup found no record",
  [exitCodes.declined]: "declined: not confirmed, or no terminal and no --yes",
  [exitCodes.aws]: "AWS: the table, a secret or the credentials could not be used",
});
