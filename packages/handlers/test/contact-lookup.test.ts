import { ConnectClient, DescribeContactCommand } from "@aws-sdk/client-connect";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectContactLookup } from "../src/contact-lookup.js";

const connect = mockClient(ConnectClient);

afterEach(() => {
  connect.reset();
});

describe("ConnectContactLookup", () => {
  it("reads the customer's address of the contact in the configured instance", async () => {
    // Prepare
    connect
      .on(DescribeContactCommand, { InstanceId: "instance-1", ContactId: "contact-1" })
      .resolves({
        Contact: {
          Id: "contact-1",
          CustomerEndpoint: { Type: "TELEPHONE_NUMBER", Address: "+819012345678" },
        },
      });
    const lookup = new ConnectContactLookup(
      new ConnectClient({ region: "ap-northeast-1" }),
      "instance-1",
    );

    // Act
    const address = await lookup.customerAddress("contact-1");

    // Assess
    expect(address).toBe("+819012345678");
  });

  it("answers undefined for a contact without customer endpoint", async () => {
    // Prepare
    connect.on(DescribeContactCommand).resolves({ Contact: { Id: "chat-1", Channel: "CHAT" } });
    const lookup = new ConnectContactLookup(
      new ConnectClient({ region: "ap-northeast-1" }),
      "instance-1",
    );

    // Act
    const address = await lookup.customerAddress("chat-1");

    // Assess
    expect(address).toBeUndefined();
  });

  it("passes a failure on, so that EventBridge retries the event", async () => {
    // Prepare
    connect.on(DescribeContactCommand).rejects(new Error("Rate exceeded"));
    const lookup = new ConnectContactLookup(
      new ConnectClient({ region: "ap-northeast-1" }),
      "instance-1",
    );

    // Act
    const address = lookup.customerAddress("contact-1");

    // Assess
    await expect(address).rejects.toThrow("Rate exceeded");
  });
});
