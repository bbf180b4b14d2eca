import type { UserData, UserSummary } from "@aws-sdk/client-connect";
import { ConnectClient, ThrottlingException } from "@aws-sdk/client-connect";
import type { Clock } from "../../src/ports/clock.js";

export const instanceId = "40c83b68-ea62-414c-97bb-d018e39e158e";
export const instanceArn = `arn:aws:connect:eu-west-2:111122223333:instance/${instanceId}`;

/** A real SDK client; `aws-sdk-client-mock` intercepts its `send`. */
export function connectClient(): ConnectClient {
  return new ConnectClient({
    region: "eu-west-2",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export function userId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
}

/** A `ListUsers` entry as Connect returns it (the ARN in its `/agent/` form). */
export function userSummary(index: number): UserSummary {
  return {
    Id: userId(index),
    Arn: `${instanceArn}/agent/${userId(index)}`,
    Username: `agent${index}`,
  };
}

/** A `GetCurrentUserData` entry with overrides. */
export function userData(index: number, overrides: Partial<UserData> = {}): UserData {
  return {
    User: { Id: userId(index), Arn: `${instanceArn}/agent/${userId(index)}` },
    Status: {
      StatusName: "Available",
      StatusArn: `${instanceArn}/agent-state/available`,
      StatusStartTimestamp: new Date(1_700_000_000_000 - 60_000),
    },
    AvailableSlotsByChannel: { VOICE: 1, CHAT: 2 },
    MaxSlotsByChannel: { VOICE: 1, CHAT: 2 },
    ActiveSlotsByChannel: { VOICE: 0, CHAT: 0 },
    Contacts: [],
    ...overrides,
  };
}

export function throttled(): ThrottlingException {
  return new ThrottlingException({ message: "Rate exceeded", $metadata: { httpStatusCode: 429 } });
}
