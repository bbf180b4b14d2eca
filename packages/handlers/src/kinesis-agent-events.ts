import { type AgentEvent, parseAgentEvent } from "@connect-affinity/core/agent-events";
import { clockSkewAllowanceMs } from "@connect-affinity/core/contract";
import * as z from "zod";
import { describeIssues } from "./connect-event.js";
import { InvalidEventError } from "./errors.js";

// Only what the consumer reads of the envelope Lambda builds around each Kinesis record
// ("Using Lambda with Kinesis Data Streams", sample event); other fields are ignored.
const kinesisEventSchema = z.looseObject({
  Records: z.array(
    z.looseObject({
      eventSource: z.literal("aws:kinesis"),
      kinesis: z.looseObject({
        sequenceNumber: z.string().min(1),
        partitionKey: z.string().optional(),
        data: z.string(),
      }),
    }),
  ),
});

/** One Kinesis record read as an agent event, or why it is not one. */
export type AgentEventRecord =
  | { readonly kind: "event"; readonly sequenceNumber: string; readonly event: AgentEvent }
  | { readonly kind: "invalid"; readonly sequenceNumber: string; readonly problem: string };

/**
 * Reads a Kinesis batch of Amazon Connect agent events, in stream order. Each record's data is
 * base64 of one event's JSON; a record that does not decode, is not JSON, is not an agent event
 * or is dated more than `clockSkewAllowanceMs` after `now` (epoch ms) comes back as `invalid`
 * with the reason, so one bad record cannot stop the batch, and no state from the future
 * outranks the real ones.
 *
 * @throws InvalidEventError when the invocation is not a Kinesis event at all (a wrong trigger
 *   or a hand-written test event): there is no record to skip, nor a sequence number to report.
 */
export function parseKinesisAgentEvents(event: unknown, now: number): readonly AgentEventRecord[] {
  const parsed = kinesisEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidEventError("Kinesis stream event", describeIssues(parsed.error));
  }
  return parsed.data.Records.map(({ kinesis: { sequenceNumber, data } }): AgentEventRecord => {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(data, "base64").toString("utf8"));
    } catch {
      return { kind: "invalid", sequenceNumber, problem: "data is not base64-encoded JSON" };
    }
    const read = parseAgentEvent(json);
    if (read.kind === "invalid") return { kind: "invalid", sequenceNumber, problem: read.problem };
    if (read.event.at > now + clockSkewAllowanceMs) {
      return {
        kind: "invalid",
        sequenceNumber,
        problem: `EventTimestamp is ${Math.round((read.event.at - now) / 1000)} s ahead of the clock`,
      };
    }
    return { kind: "event", sequenceNumber, event: read.event };
  });
}
