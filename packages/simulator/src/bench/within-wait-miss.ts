import type { ContactRecord } from "./contact-record.js";

/**
 * Why a returning call judged "free at the decision, or free within the wait" did not reach
 * its last agent, from what the judge saw of that agent after the decision and what happened
 * to the call. The first cause in this order wins:
 *
 * - `caller-hung-up`: the caller gave up waiting (their patience, not the product);
 * - `not-offered:<reason>`: the route's first answer named another agent, or none (`reason`
 *   is its `reason/presence`, e.g. `no-agent-available/event-stream`; `error:<failure>` when
 *   the Lambda failed): the product's view of the agent differed from the floor's;
 * - `agent-left:<status>`: the agent chose another status (a break, the end of the shift,
 *   `Offline`) after the decision and before anyone else took them: physics, the judge cannot
 *   foresee a schedule;
 * - `taken:<caller>/<via>/<when>`: another contact reached the agent first: `caller` is
 *   `new-caller`, `returning-caller` or `undecided`, `via` the queue it came from
 *   (`personal-queue`, `standard-queue`, `fallback-queue`), `when` where this caller was then
 *   (`in-flow`: not queued yet; `in-personal-queue`: already waiting for the agent);
 *   `taken:queued-before-decision` when the other contact was already waiting in the agent's
 *   personal queue at the decision (the judge should have left the call out as claimed);
 * - `offered-not-queued:<end>`: the route offered the agent but the flow never queued the
 *   call for them (a staffing check said no, the transfer failed), `end` how the call ended;
 * - `moved-on-unserved`: the call waited in the agent's queue and left it (the customer queue
 *   flow's bound) with nobody else taking the agent: the agent was not free within the wait
 *   after all, or the queue did not give them the call;
 * - `other`.
 */
export function withinWaitMissCause(record: ContactRecord): string {
  const lastAgentId =
    record.verdict !== undefined && "lastAgentId" in record.verdict
      ? record.verdict.lastAgentId
      : undefined;
  if (record.outcome === "abandoned") return "caller-hung-up";
  const offer = record.firstOffer;
  if (offer === undefined) return "not-offered:no-route-decision";
  if (offer.agentId !== lastAgentId) return `not-offered:${offer.reason}`;
  const after = record.afterDecision;
  const taker = after?.taker;
  const left = after?.agentLeft;
  if (left !== undefined && (taker === undefined || left.at <= taker.at)) {
    return `agent-left:${left.status}`;
  }
  if (taker !== undefined) {
    if (taker.queuedBeforeDecision) return "taken:queued-before-decision";
    return `taken:${taker.caller}/${taker.via}/${taker.watchedWas}`;
  }
  if (lastAgentId === undefined || !record.agentQueuesEntered.includes(lastAgentId)) {
    return `offered-not-queued:${record.endCause ?? record.outcome}`;
  }
  if (record.waitedInVain) return "moved-on-unserved";
  return "other";
}

/** The within-wait misses of a cell's calls, counted by {@link withinWaitMissCause}. */
export function withinWaitMisses(records: readonly ContactRecord[]): Record<string, number> {
  const misses: Record<string, number> = {};
  for (const record of records) {
    const verdict = record.verdict;
    if (verdict === undefined || !(verdict.judged || record.freeWithinWait)) continue;
    if (!("lastAgentId" in verdict) || record.agentId === verdict.lastAgentId) continue;
    const cause = withinWaitMissCause(record);
    misses[cause] = (misses[cause] ?? 0) + 1;
  }
  return misses;
}
