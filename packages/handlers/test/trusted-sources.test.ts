import {
  type ContactFlowEventFixture,
  connectedToAgentEvent,
  contactFlowEvent,
} from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import { describe, expect, it } from "vitest";
import { handler as contactEvent } from "../src/contact-event.js";
import { resetContainer } from "../src/container.js";
import { InvalidEventError } from "../src/errors.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { handler as routingCriteria } from "../src/routing-criteria.js";
import { useHarness } from "./helpers/harness.js";

const [sato, suzuki] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819012345678";
const ghost = "0badc0de-0000-4000-8000-00000000dead";

const harness = useHarness();

/** The harness's instance ARN in another account (the same instance ID, a stranger's account). */
function foreignInstanceArn(): string {
  return harness.connect.instanceArn.replace(/:\d{12}:/, ":999999999999:");
}

function fromInstance(
  event: ContactFlowEventFixture,
  instanceArn: string,
): ContactFlowEventFixture {
  Object.assign(event.Details.ContactData, { InstanceARN: instanceArn });
  return event;
}

describe("trusted sources: only the configured instance counts", () => {
  it("contact-event ignores another account's instance whose ID matches ours, writing nothing", async () => {
    // Prepare
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-1", address: caller }));
    const foreign = foreignInstanceArn();

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1",
        instanceArn: foreign,
        agentArn: `${foreign}/agent/${suzuki}`,
      }),
    );

    // Assess
    expect(outcome).toEqual({ status: "ignored", reason: "other-instance" });
    expect(await harness.records()).toEqual([]);
  });

  it("contact-event ignores an agent ARN of another instance inside our instance's event", async () => {
    // Prepare
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-1", address: caller }));

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1",
        agentArn: `${foreignInstanceArn()}/agent/${suzuki}`,
      }),
    );

    // Assess
    expect(outcome).toEqual({ status: "ignored", reason: "other-instance" });
    expect(await harness.records()).toEqual([]);
  });

  it("record refuses a flow event from another instance, so no foreign agent ARN is stored", async () => {
    // Prepare: while Connect throttles, record would derive the ARN from the event's instance.
    await harness.beforeEach();
    harness.connect.fault = "throttle";

    // Act
    const recorded = record(
      fromInstance(
        contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
        foreignInstanceArn(),
      ),
    );

    // Assess
    await expect(recorded).rejects.toBeInstanceOf(InvalidEventError);
    expect(await harness.records()).toEqual([]);
  });

  it("record refuses an agentId that is another instance's agent ARN", async () => {
    // Prepare
    await harness.beforeEach();

    // Act
    const recorded = record(
      contactFlowEvent({
        contactId: "c-1",
        address: caller,
        parameters: { agentId: `${foreignInstanceArn()}/agent/${suzuki}` },
      }),
    );

    // Assess
    await expect(recorded).rejects.toBeInstanceOf(InvalidEventError);
    expect(await harness.records()).toEqual([]);
  });
});

describe("trusted sources: an assignment that could not be verified", () => {
  it("is stored unverified while Connect throttles, and not offered to the returning caller", async () => {
    // Prepare: Connect throttles from the start, so no container ever read the directory.
    await harness.beforeEach();
    harness.connect.fault = "throttle";

    // Act
    const recorded = await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: ghost } }),
    );
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));
    const criteria = await routingCriteria(contactFlowEvent({ contactId: "c-3", address: caller }));

    // Assess
    expect(recorded).toMatchObject({ status: "recorded" });
    expect(await harness.records()).toMatchObject([
      { agentId: { S: ghost }, agentUnverified: { BOOL: true } },
    ]);
    expect(routed.agentId).not.toBe(ghost);
    expect(routed.reason).not.toBe("returning-caller");
    expect(criteria).toMatchObject({ status: "none", reason: "no-preferred-agent" });
  });

  it("is offered once the directory confirms the agent", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.fault = "throttle";
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );
    resetContainer();
    harness.connect.fault = "none";

    // Act
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(routed).toMatchObject({
      agentId: sato,
      reason: "returning-caller",
      presence: "verified",
    });
  });

  it("is never offered when the directory does not know the agent", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.fault = "throttle";
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: ghost } }),
    );
    resetContainer();
    harness.connect.fault = "none";

    // Act
    const routed = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(routed.agentId).not.toBe(ghost);
    expect(routed.reason).toBe("new-caller");
  });

  it("is confirmed by a later record while the directory answers", async () => {
    // Prepare
    await harness.beforeEach();
    harness.connect.fault = "throttle";
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );
    resetContainer();
    harness.connect.fault = "none";

    // Act
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: sato } }),
    );

    // Assess
    const [stored] = await harness.records();
    expect(stored).toMatchObject({ agentId: { S: sato } });
    expect(stored).not.toHaveProperty("agentUnverified");
  });
});
