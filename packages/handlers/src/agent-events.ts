import { systemClock } from "@connect-affinity/core";
import { reduceAgentEvents } from "@connect-affinity/core/agent-events";
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { getAgentEventsContainer, getLogger, getMetrics } from "./container.js";
import { logFailure } from "./invocation.js";
import { consumerBudget, startInvocationBudget } from "./invocation-budget.js";
import { parseKinesisAgentEvents } from "./kinesis-agent-events.js";

/**
 * `agent-events`: the consumer of the Amazon Connect agent event stream (Kinesis). It folds a
 * batch into the last presence of each agent (core's `reduceAgentEvents`, with the directory
 * filter, so each agent is marked listed or not) and writes it to the presence table with core's
 * `DynamoDbPresenceWriter`, which keeps the index of agents who can take a contact and advances
 * the stream watermark, so `route` with `PRESENCE_SOURCE=event-stream` needs no Connect call.
 *
 * - A record that is not an agent event, or is dated beyond the clock-skew allowance, is logged
 *   (WARN, with its sequence number) and skipped: retrying it would fail the same way and hold
 *   up the shard.
 * - When DynamoDB fails, the answer is a partial batch response naming the batch's first
 *   record: Lambda (with `ReportBatchItemFailures` on the event source mapping) checkpoints
 *   before it and retries the whole batch. Not the failing agent's record: the writes are per
 *   agent, folded from the whole batch, so no earlier checkpoint is known to be complete; and
 *   a retry is harmless, because each write is conditional on the event time.
 * - Any other failure (bad configuration, not a Kinesis event) is logged and thrown, and Lambda
 *   retries the batch as it does for a failed invocation.
 */
export const handler = async (
  event: KinesisStreamEvent,
  context?: Context,
): Promise<KinesisStreamBatchResponse> => {
  const logger = getLogger();
  if (context !== undefined) logger.addContext(context);
  // Writes cut off before the Lambda timeout fail the batch cleanly: Kinesis retries it.
  const budget = startInvocationBudget(context, consumerBudget);
  let retryFrom: string | undefined;
  try {
    const records = parseKinesisAgentEvents(event, systemClock.now());
    const { writer, rules } = getAgentEventsContainer();
    for (const record of records) {
      if (record.kind === "invalid") {
        // The problem names the bad field, never the event's data (which carries agent names).
        logger.warn("Agent event skipped", {
          sequenceNumber: record.sequenceNumber,
          problem: record.problem,
        });
      }
    }
    const events = records.flatMap((record) => (record.kind === "event" ? [record.event] : []));
    const states = reduceAgentEvents(events, rules);
    retryFrom = records[0]?.sequenceNumber;
    const { written, refreshed, skipped, superseded, refused } = await writer.writeAll(states, {
      signal: budget.signal,
    });
    const metrics = getMetrics();
    metrics.agentEventRecords("written", written);
    metrics.agentEventRecords("refreshed", refreshed);
    metrics.agentEventRecords("unchanged", skipped);
    metrics.agentEventRecords("superseded", superseded);
    metrics.agentEventRecords("refused", refused);
    metrics.agentEventRecords("skipped", records.length - events.length);
    logger.info("agent-events answered", {
      records: records.length,
      skipped: records.length - events.length,
      agents: states.length,
      written,
      refreshed,
      unchanged: skipped,
      superseded,
      refused,
    });
    return { batchItemFailures: [] };
  } catch (error) {
    logFailure("agent-events", error);
    if (retryFrom === undefined) throw error;
    return { batchItemFailures: [{ itemIdentifier: retryFrom }] };
  } finally {
    budget.dispose();
    logger.resetKeys();
  }
};
