import type { Agent } from "./agent.js";

/**
 * What the store remembers about one caller: the agent who served them last.
 *
 * Times are epoch milliseconds, except `expiresAt`, which is epoch seconds because DynamoDB's
 * TTL attribute is.
 */
export interface AffinityRecord {
  /** The caller's key: E.164 number, or its keyed hash (see `callerKey`). */
  readonly callerKey: string;
  /** Connect user ID of the agent. */
  readonly agentId: string;
  /** Agent ARN of the agent. */
  readonly agentArn: string;
  /** When the last contact was assigned (epoch ms). */
  readonly lastContactAt: number;
  /** Connect contact ID of the last contact. */
  readonly lastContactId: string;
  /** How many distinct contacts this caller has had recorded. */
  readonly contactCount: number;
  /** When the record stops counting (epoch seconds; the DynamoDB TTL attribute). */
  readonly expiresAt: number;
  /**
   * `true` when the agent could not be checked against the directory when the record was
   * written (the directory was down, so the agent ARN was derived from the instance's). Such an
   * agent is offered to the returning caller only once the directory confirms them; absent
   * (never `false`) for a verified agent, so records of earlier releases read as verified.
   */
  readonly agentUnverified?: true;
}

/**
 * One observation "this contact of this caller went to this agent", which the store merges
 * into the caller's record.
 */
export interface AffinityAssignment {
  readonly callerKey: string;
  readonly agentId: string;
  readonly agentArn: string;
  /** Connect contact ID. Recording the same contact twice counts it once. */
  readonly contactId: string;
  /** When the contact was assigned (epoch ms). An older assignment never overwrites a newer one. */
  readonly at: number;
  /** Epoch seconds after which the record is ignored and deleted by TTL. */
  readonly expiresAt: number;
  /** `true` when the agent could not be checked against the directory (see `AffinityRecord`). */
  readonly agentUnverified?: true;
}

/** What {@link assignmentFor} needs to know. */
export interface AssignmentInput {
  readonly callerKey: string;
  readonly agent: Agent;
  readonly contactId: string;
  /** When the contact was assigned (epoch ms). */
  readonly at: number;
  /** How long the affinity lasts after this contact, in seconds. */
  readonly lifetimeSeconds: number;
  /** `true` when the agent could not be checked against the directory. */
  readonly agentUnverified?: boolean;
}

/**
 * The assignment to save for a contact that went to `agent`. The record expires
 * `lifetimeSeconds` after the contact itself, not after the moment it is written.
 *
 * @example
 * ```ts
 * import { assignmentFor } from "@connect-affinity/core";
 *
 * const assignment = assignmentFor({ callerKey, agent, contactId, at: clock.now(), lifetimeSeconds: 7_776_000 });
 * await store.save(assignment);
 * ```
 */
export function assignmentFor(input: AssignmentInput): AffinityAssignment {
  return {
    callerKey: input.callerKey,
    agentId: input.agent.id,
    agentArn: input.agent.arn,
    contactId: input.contactId,
    at: input.at,
    expiresAt: Math.floor(input.at / 1000) + input.lifetimeSeconds,
    ...(input.agentUnverified === true ? { agentUnverified: true } : {}),
  };
}
