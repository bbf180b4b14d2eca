/**
 * The Lambda timeouts a flow function may have, in seconds: above the handlers' time budget
 * (they answer within 4 s whatever their dependencies do, so Lambda never kills one that is
 * about to answer degraded) and at most the 8 seconds Connect gives a flow's Lambda call. The
 * flow's `InvocationTimeLimitSeconds` is the same number, so Connect waits as long as the
 * function may run.
 */
export const lambdaTimeoutRange = { min: 5, max: 8 } as const;
