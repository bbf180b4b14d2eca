import type { RosterRunSummary } from "@connect-affinity/core";
import type { Context } from "aws-lambda";
import { getLogger, getRosterRefreshContainer } from "./container.js";
import { logFailure } from "./invocation.js";

/**
 * Time kept, out of the invocation's own, for reconciling once the listing is complete: a
 * scan of the presence table and the writes it calls for (a few seconds for 20,000 agents).
 */
const reconcileReserveMs = 20_000;

/**
 * `roster-refresh`: keeps the shared roster in line with the Connect directory, on a schedule
 * (every minute; EventBridge Scheduler ignores what it answers). Core's `RosterRefresher`
 * decides what a run does: nothing while the last reconciliation is younger than
 * `ROSTER_REFRESH_MINUTES`; otherwise the next directory pages (at most
 * `ROSTER_REFRESH_PAGES_PER_RUN`, `ROSTER_REFRESH_REQUEST_SPACING_MS` apart), and once the
 * listing is complete, the reconciliation. It stops starting requests `reconcileReserveMs`
 * before its Lambda timeout.
 *
 * - A throttled or failed directory request ends the run (`interrupted`, WARN): the pages read
 *   are kept and the next run resumes after them. Nobody is unlisted from a partial listing.
 * - A listing that would unlist more than half the floor, or an empty one, unlists nobody and
 *   logs a WARN (a wrong filter must not send every call to the fallback queue).
 * - Any other failure (bad configuration, DynamoDB) is logged and thrown; the next tick retries.
 */
export const handler = async (_event: unknown, context?: Context): Promise<RosterRunSummary> => {
  const logger = getLogger();
  if (context !== undefined) logger.addContext(context);
  try {
    const { refresher, pages } = getRosterRefreshContainer();
    const remaining = context?.getRemainingTimeInMillis();
    const summary = await refresher.run(
      remaining === undefined ? {} : { stopReadingAt: Date.now() + remaining - reconcileReserveMs },
    );
    const connect = pages.stats();
    const fields = { ...summary, connectApiCalls: connect.apiCalls, throttles: connect.throttles };
    if (summary.outcome === "interrupted" || (summary.outcome === "completed" && summary.warning)) {
      logger.warn("roster-refresh held back", fields);
    } else {
      logger.info("roster-refresh answered", fields);
    }
    return summary;
  } catch (error) {
    logFailure("roster-refresh", error);
    throw error;
  } finally {
    logger.resetKeys();
  }
};
