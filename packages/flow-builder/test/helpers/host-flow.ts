import type { FlowDocument } from "../../src/index.js";

/** The queue the host flow transfers to. */
export const hostQueueArn =
  "arn:aws:connect:us-east-1:123456789012:instance/00000000-0000-4000-8000-000000000000/queue/11111111-2222-4333-8444-555555555555";

/**
 * A small inbound flow in the console's export shape, written by hand for these tests: logging
 * on, a welcome, the working queue, the transfer (its errors apologise and hang up). UUID
 * identifiers and console metadata, as an operator's existing flow would have.
 */
export function hostFlow(): FlowDocument {
  return JSON.parse(
    JSON.stringify({
      Version: "2019-10-30",
      StartAction: "a0000000-0000-4000-8000-000000000001",
      Metadata: {
        entryPointPosition: { x: 20, y: 20 },
        ActionMetadata: {
          "a0000000-0000-4000-8000-000000000001": { position: { x: 160, y: 20 } },
          "a0000000-0000-4000-8000-000000000002": { position: { x: 400, y: 20 } },
          "a0000000-0000-4000-8000-000000000003": {
            position: { x: 640, y: 20 },
            parameters: { QueueId: { displayName: "BasicQueue" } },
            queue: { text: "BasicQueue" },
          },
          "a0000000-0000-4000-8000-000000000004": { position: { x: 880, y: 20 } },
          "a0000000-0000-4000-8000-000000000005": { position: { x: 1120, y: 240 } },
          "a0000000-0000-4000-8000-000000000006": { position: { x: 1360, y: 240 } },
        },
        name: "Main inbound",
        type: "contactFlow",
        status: "published",
      },
      Actions: [
        {
          Identifier: "a0000000-0000-4000-8000-000000000001",
          Type: "UpdateFlowLoggingBehavior",
          Parameters: { FlowLoggingBehavior: "Enabled" },
          Transitions: { NextAction: "a0000000-0000-4000-8000-000000000002" },
        },
        {
          Identifier: "a0000000-0000-4000-8000-000000000002",
          Type: "MessageParticipant",
          Parameters: { Text: "Thank you for calling." },
          Transitions: {
            NextAction: "a0000000-0000-4000-8000-000000000003",
            Errors: [
              { NextAction: "a0000000-0000-4000-8000-000000000003", ErrorType: "NoMatchingError" },
            ],
          },
        },
        {
          Identifier: "a0000000-0000-4000-8000-000000000003",
          Type: "UpdateContactTargetQueue",
          Parameters: { QueueId: hostQueueArn },
          Transitions: {
            NextAction: "a0000000-0000-4000-8000-000000000004",
            Errors: [
              { NextAction: "a0000000-0000-4000-8000-000000000005", ErrorType: "NoMatchingError" },
            ],
          },
        },
        {
          Identifier: "a0000000-0000-4000-8000-000000000004",
          Type: "TransferContactToQueue",
          Parameters: {},
          Transitions: {
            NextAction: "a0000000-0000-4000-8000-000000000005",
            Errors: [
              { NextAction: "a0000000-0000-4000-8000-000000000005", ErrorType: "QueueAtCapacity" },
              { NextAction: "a0000000-0000-4000-8000-000000000005", ErrorType: "NoMatchingError" },
            ],
          },
        },
        {
          Identifier: "a0000000-0000-4000-8000-000000000005",
          Type: "MessageParticipant",
          Parameters: { Text: "We cannot take your call now. Goodbye." },
          Transitions: {
            NextAction: "a0000000-0000-4000-8000-000000000006",
            Errors: [
              { NextAction: "a0000000-0000-4000-8000-000000000006", ErrorType: "NoMatchingError" },
            ],
          },
        },
        {
          Identifier: "a0000000-0000-4000-8000-000000000006",
          Type: "DisconnectParticipant",
          Parameters: {},
          Transitions: {},
        },
      ],
    }),
  ) as FlowDocument;
}

/** The identifier of the host flow's transfer to queue. */
export const hostTransfer = "a0000000-0000-4000-8000-000000000004";
