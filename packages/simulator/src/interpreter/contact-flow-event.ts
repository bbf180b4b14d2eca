import type { ContactExecution } from "./contact.js";

/** The `Details.ContactData.Queue` object of a Connect event, or null outside a queue. */
interface QueueData {
  readonly ARN: string;
  readonly Name: string;
}

/**
 * The event Amazon Connect sends to a Lambda function from "Invoke AWS Lambda function": the
 * contact (`Details.ContactData`) and the block's parameters (`Details.Parameters`). A chat
 * has no `CustomerEndpoint`; a withheld number keeps the address Connect reports for it; an
 * email contact's is its address (`EMAIL_ADDRESS`).
 */
export function contactFlowEvent(
  contact: ContactExecution,
  instanceArn: string,
  parameters: Readonly<Record<string, string>>,
): unknown {
  const { input } = contact;
  const queue: QueueData | null =
    contact.workingQueue === undefined
      ? null
      : contact.workingQueue.kind === "agent"
        ? { ARN: contact.workingQueue.agent.arn, Name: contact.workingQueue.agent.username }
        : { ARN: contact.workingQueue.queue.arn, Name: contact.workingQueue.queue.name };
  return {
    Name: "ContactFlowEvent",
    Details: {
      ContactData: {
        Attributes: { ...contact.attributes },
        Channel: input.channel,
        ContactId: input.contactId,
        InitialContactId: input.contactId,
        InitiationMethod: input.channel === "VOICE" ? "INBOUND" : "API",
        InstanceARN: instanceArn,
        CustomerEndpoint:
          input.customerAddress === undefined
            ? null
            : {
                Address: input.customerAddress,
                Type: input.channel === "EMAIL" ? "EMAIL_ADDRESS" : "TELEPHONE_NUMBER",
              },
        Queue: queue,
      },
      Parameters: { ...parameters },
    },
  };
}
