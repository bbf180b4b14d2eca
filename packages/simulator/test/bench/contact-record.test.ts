import { describe, expect, it } from "vitest";
import { contactRecord } from "../../src/bench/contact-record.js";
import type { TrafficCall } from "../../src/bench/traffic.js";
import type {
  ContactExecution,
  ContactOutcome,
  WorkingQueue,
} from "../../src/interpreter/contact.js";

const call: TrafficCall = {
  contactId: "c1",
  atMs: 0,
  number: "+819011110000",
  talkTimeMs: 60_000,
  afterContactWorkMs: 5000,
  kind: "returning",
  measured: true,
};

const sato = {
  id: "sato",
  arn: "arn:aws:connect:ap-northeast-1:123456789012:instance/i/agent/sato",
  username: "sato",
};
const satoQueue: WorkingQueue = { kind: "agent", agent: sato };
const standard: WorkingQueue = {
  kind: "queue",
  queue: { id: "q", arn: "arn:q", name: "standard", role: "standard" },
};
const seen = { throttled: new Set<string>(), directoryFailed: new Set<string>() };

/** A contact that spent `agentQueueWaitMs` in personal queues, then ended with `outcome`. */
function recordOf(agentQueueWaitMs: number, outcome: ContactOutcome) {
  const execution = {
    input: { contactId: "c1", channel: "VOICE", customerAddress: call.number, talkTimeMs: 60_000 },
    arrivedAt: 0,
    trace: [],
    agentQueueWaitMs,
  } as unknown as ContactExecution;
  return contactRecord(call, { execution, outcome }, undefined, false, seen);
}

describe("contactRecord: the personal-queue wait", () => {
  it("counts a caller the customer queue flow moved on after waiting for their agent as waited in vain", () => {
    const moved = recordOf(30_000, {
      kind: "agent",
      agent: { ...sato, id: "ito", username: "ito" },
      queue: standard,
      connectedAt: 33_000,
    });
    expect(moved).toMatchObject({
      personalQueueMs: 30_000,
      waitedInVain: true,
      hungUpInPersonalQueue: false,
    });
  });

  it("counts a caller who hung up in their agent's queue as waited in vain and hung up waiting", () => {
    const hungUp = recordOf(120_000, { kind: "abandoned", queue: satoQueue, at: 121_000 });
    expect(hungUp).toMatchObject({ waitedInVain: true, hungUpInPersonalQueue: true });
  });

  it("does not count a caller answered from their agent's queue, or one who never waited there", () => {
    const answered = recordOf(12_000, {
      kind: "agent",
      agent: sato,
      queue: satoQueue,
      connectedAt: 13_000,
    });
    const direct = recordOf(0, { kind: "agent", agent: sato, queue: standard, connectedAt: 1000 });
    const abandonedInStandard = recordOf(0, { kind: "abandoned", queue: standard, at: 120_000 });
    expect(answered).toMatchObject({ personalQueueMs: 12_000, waitedInVain: false });
    expect(direct.waitedInVain).toBe(false);
    expect(abandonedInStandard).toMatchObject({
      waitedInVain: false,
      hungUpInPersonalQueue: false,
    });
  });
});
