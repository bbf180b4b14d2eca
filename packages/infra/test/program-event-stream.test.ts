import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CapturedResource,
  installMocks,
  named,
  ofType,
  outputValue,
  testAccount,
  testInstanceArn,
  testQueueArn,
} from "./helpers/pulumi-mocks.js";

interface ProgramOutputs {
  readonly presenceTableName: pulumi.Output<string> | undefined;
  readonly agentEventStreamArn: pulumi.Output<string> | undefined;
  readonly functionArns: pulumi.Output<Record<string, string>>;
}

let captured: CapturedResource[];
let program: ProgramOutputs;

// The built program (dist/index.js) with a stack that reads presence from the agent event
// stream, packaging the handlers' real agent-events bundle. Vitest gives each test file its own
// module graph, so this is a second, separate run of the program.
beforeAll(async () => {
  captured = await installMocks();
  pulumi.runtime.setAllConfig({
    "connect-affinity:connectInstanceArn": testInstanceArn,
    "connect-affinity:presenceSource": "event-stream",
    "connect-affinity:fallbackQueueArn": testQueueArn,
    "connect-affinity:presenceMaxAgeSeconds": "240",
    "connect-affinity:agentEventStreamShardCount": "2",
    "connect-affinity:callerKeySecretRef":
      "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:connect-affinity/caller-key-AbCdEf",
  });
  const builtProgram: string = new URL("../dist/index.js", import.meta.url).href;
  program = (await import(builtProgram)) as ProgramOutputs;
  await outputValue(program.functionArns);
  // Packaging real bundles: generous on a shared machine.
}, 60_000);

describe("the built Pulumi program with event-stream presence", () => {
  it("exports the presence table's name and the agent event stream's ARN", async () => {
    // Act
    const tableName =
      program.presenceTableName === undefined
        ? undefined
        : await outputValue(program.presenceTableName);
    const streamArn =
      program.agentEventStreamArn === undefined
        ? undefined
        : await outputValue(program.agentEventStreamArn);

    // Assess
    expect(tableName).toBe("connect-affinity-test-presence-0a1b2c3");
    expect(streamArn).toBe(
      `arn:aws:kinesis:ap-northeast-1:${testAccount}:stream/connect-affinity-test-agent-events-0a1b2c3`,
    );
  });

  it("deploys the consumer from the handlers' agent-events bundle and sizes the stream from config", async () => {
    // Act
    const consumer = named(
      ofType(captured, "aws:lambda/function:Function"),
      "connect-affinity-test-agent-events",
    );
    const assets = await (consumer.inputs["code"] as pulumi.asset.AssetArchive).assets;
    const [stream] = ofType(captured, "aws:kinesis/stream:Stream");
    const route = named(
      ofType(captured, "aws:lambda/function:Function"),
      "connect-affinity-test-route",
    );

    // Assess
    expect(await (assets["index.mjs"] as pulumi.asset.FileAsset).path).toMatch(
      /handlers\/dist\/agent-events\.mjs$/,
    );
    expect(stream?.inputs["shardCount"]).toBe(2);
    expect(
      (route.inputs["environment"] as { variables: Record<string, string> }).variables,
    ).toMatchObject({ PRESENCE_SOURCE: "event-stream", PRESENCE_MAX_AGE_SECONDS: "240" });
  });
});
