import type { DynamoDbFaultMode } from "./dynamodb-fault-proxy.js";

/** The functions the matrix invokes, by their deployed names. */
export type ChaosHandler =
  | "route"
  | "next-agent"
  | "routing-criteria"
  | "record"
  | "contact-event"
  | "agent-events";

/** One invocation of one handler under a fault: which handler, with which event. */
export type ChaosCase =
  | { readonly kind: "normal"; readonly handler: ChaosHandler }
  | { readonly kind: "bad-event"; readonly handler: ChaosHandler; readonly event: BadEvent };

/** Events that are wrong on purpose: malformed, oversized, forged, from the future. */
export type BadEvent =
  | "malformed"
  | "oversized-contact-id"
  | "forged-cursor"
  | "future-time"
  | "poison-record"
  | "oversized-agent-arn"
  | "watermark-agent-arn"
  | "large-batch";

/** One fault of the matrix and the invocations made under it. */
export interface ChaosFault {
  readonly name: string;
  /** In the quick subset CI runs. */
  readonly quick: boolean;
  readonly presence: "event-stream" | "connect-api";
  readonly dynamoDb?: DynamoDbFaultMode;
  /** Every Connect API throttled, failing, or answering after 20 s. */
  readonly connect?: "throttle" | "error" | "hang";
  readonly cases: readonly ChaosCase[];
}

const normal = (...handlers: ChaosHandler[]): ChaosCase[] =>
  handlers.map((handler) => ({ kind: "normal", handler }));

const everyHandler: ChaosHandler[] = [
  "route",
  "next-agent",
  "routing-criteria",
  "record",
  "contact-event",
  "agent-events",
];

/**
 * The fault matrix: DynamoDB down, slow (5 s), hanging and throttled; Connect throttled,
 * failing and hanging; malformed, oversized, forged and future-dated events; and the Kinesis
 * cases (a poison record, an oversized or watermark-addressing agent ARN, an event from the
 * future, a 1,000-record batch). `quick` marks the subset CI runs (well under a minute).
 */
export const chaosMatrix: readonly ChaosFault[] = [
  {
    name: "DynamoDB down",
    quick: true,
    presence: "event-stream",
    dynamoDb: { kind: "down" },
    cases: normal(...everyHandler),
  },
  {
    name: "DynamoDB slow (5 s)",
    quick: false,
    presence: "event-stream",
    dynamoDb: { kind: "slow", delayMs: 5_000 },
    cases: normal(...everyHandler),
  },
  {
    name: "DynamoDB hanging",
    quick: true,
    presence: "event-stream",
    dynamoDb: { kind: "hang" },
    cases: normal("route", "next-agent", "routing-criteria", "record", "contact-event"),
  },
  {
    name: "DynamoDB throttled",
    quick: true,
    presence: "event-stream",
    dynamoDb: { kind: "throttled" },
    cases: normal(...everyHandler),
  },
  {
    name: "Connect throttled",
    quick: true,
    presence: "connect-api",
    connect: "throttle",
    cases: normal("route", "next-agent", "routing-criteria", "record", "contact-event"),
  },
  {
    name: "Connect failing",
    quick: false,
    presence: "connect-api",
    connect: "error",
    cases: normal("route", "next-agent", "routing-criteria", "record", "contact-event"),
  },
  {
    name: "Connect hanging",
    quick: false,
    presence: "connect-api",
    connect: "hang",
    cases: normal("route", "next-agent", "routing-criteria", "record", "contact-event"),
  },
  {
    name: "bad events",
    quick: true,
    presence: "event-stream",
    cases: [
      { kind: "bad-event", handler: "route", event: "malformed" },
      { kind: "bad-event", handler: "record", event: "oversized-contact-id" },
      { kind: "bad-event", handler: "next-agent", event: "forged-cursor" },
      { kind: "bad-event", handler: "contact-event", event: "malformed" },
      { kind: "bad-event", handler: "contact-event", event: "oversized-contact-id" },
      { kind: "bad-event", handler: "contact-event", event: "future-time" },
    ],
  },
  {
    name: "Kinesis cases",
    quick: true,
    presence: "event-stream",
    cases: [
      { kind: "bad-event", handler: "agent-events", event: "poison-record" },
      { kind: "bad-event", handler: "agent-events", event: "oversized-agent-arn" },
      { kind: "bad-event", handler: "agent-events", event: "watermark-agent-arn" },
      { kind: "bad-event", handler: "agent-events", event: "future-time" },
      { kind: "bad-event", handler: "agent-events", event: "large-batch" },
    ],
  },
];
