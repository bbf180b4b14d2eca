import { type ConnectClient, DescribeContactCommand } from "@aws-sdk/client-connect";

/**
 * Finds a contact's customer address through `DescribeContact`, for the contact-event
 * function: Amazon Connect's contact events name the agent but not the caller.
 */
export class ConnectContactLookup {
  constructor(
    private readonly client: ConnectClient,
    private readonly instanceId: string,
  ) {}

  /**
   * The contact's `CustomerEndpoint.Address`, or `undefined` when Connect has none (chats,
   * tasks, withheld numbers). Rejects when the API call fails, so the event is retried.
   */
  async customerAddress(contactId: string): Promise<string | undefined> {
    const output = await this.client.send(
      new DescribeContactCommand({ InstanceId: this.instanceId, ContactId: contactId }),
    );
    return output.Contact?.CustomerEndpoint?.Address;
  }
}
