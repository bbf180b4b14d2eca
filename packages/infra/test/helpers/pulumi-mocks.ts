import * as pulumi from "@pulumi/pulumi";
import { mockOutputs } from "../../src/offline-mocks.js";

/** One resource the program registered, with the inputs it gave. */
export interface CapturedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

export const testRegion = "ap-northeast-1";
export const testAccount = "111122223333";
export const testInstanceId = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
export const testInstanceArn = `arn:aws:connect:${testRegion}:${testAccount}:instance/${testInstanceId}`;
export const testQueueArn = `${testInstanceArn}/queue/11111111-2222-4333-8444-555555555555`;
export const testStandardQueueArn = `${testInstanceArn}/queue/66666666-7777-4888-8999-000000000000`;
export const demoSecurityProfileId = "agent-security-profile";

/**
 * Replaces the Pulumi engine for this test file: every registered resource is captured with
 * its inputs and answered with the outputs its real provider computes (ARNs, IDs, autonames),
 * and any provider function call other than the ones listed here throws, so a test cannot
 * pass by reaching something it did not mean to.
 */
export async function installMocks(): Promise<CapturedResource[]> {
  const captured: CapturedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        captured.push({ type, name, inputs });
        const { id, state } = mockOutputs(type, name, inputs, {
          region: testRegion,
          account: testAccount,
        });
        return { id, state: { ...inputs, ...state } };
      },
      call: ({ token, inputs }) => {
        if (token === "aws:connect/getSecurityProfile:getSecurityProfile") {
          return { ...inputs, id: demoSecurityProfileId, securityProfileId: demoSecurityProfileId };
        }
        throw new Error(`Unmocked provider call ${token} ${JSON.stringify(inputs)}`);
      },
    },
    "connect-affinity",
    "test",
    false,
  );
  return captured;
}

/** The value of an output, once known. */
export function outputValue<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/** Waits until every resource is registered, so its inputs have been captured. */
export async function registered(resources: readonly pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((resource) => outputValue(resource.urn)));
}

/** The captured resources of `type`. */
export function ofType(captured: readonly CapturedResource[], type: string): CapturedResource[] {
  return captured.filter((resource) => resource.type === type);
}

/** The one captured resource called `name`. */
export function named(captured: readonly CapturedResource[], name: string): CapturedResource {
  const matches = captured.filter((resource) => resource.name === name);
  if (matches.length !== 1) {
    throw new Error(`Expected one resource named ${name}, found ${matches.length}`);
  }
  return matches[0] as CapturedResource;
}
