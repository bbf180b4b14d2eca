// The Pulumi program (`main` in Pulumi.yaml runs its build, dist/index.js). Everything it does
// lives in the modules below, so tests build the same resources without running this file.
import * as pulumi from "@pulumi/pulumi";
import { deployStack } from "./deploy-stack.js";
import { parseInstanceArn } from "./instance-arn.js";
import { pulumiConfigSource } from "./pulumi-config-source.js";
import { readStackConfig } from "./stack-config.js";

const config = readStackConfig(pulumiConfigSource(), pulumi.getStack());
const deployment = deployStack(`${pulumi.getProject()}-${pulumi.getStack()}`, config);

export const instanceArn = deployment.instanceArn;
export const tableName = deployment.routing.table.name;
export const functionArns = deployment.routing.functionArns;
export const flowId = deployment.routing.flow.contactFlowId;
export const flowArn = deployment.routing.flow.arn;
export const presenceTableName = deployment.routing.agentEventPresence?.presenceTable.name;
export const agentEventStreamArn = deployment.routing.agentEventPresence?.stream.arn;
export const demoQueueArn = deployment.demo?.queue.arn;
export const demoAgentUsernames = deployment.demo?.agents.map((agent) => agent.name);
export const region = deployment.instanceArn.apply((arn) => parseInstanceArn(arn).region);
export const defaultCallingCode = config.defaultCallingCode;
export const metricsNamespace = config.monitoring.namespace;
export const dashboardName = deployment.monitoring.dashboard.dashboardName;
export const alarmNames = Object.values(deployment.monitoring.alarms).map((alarm) => alarm.name);
// Where the functions read the caller-key secrets: the admin tool's `--stack-outputs` reads them.
export const callerKeySecretRef = deployment.callerKeySecretRef;
export const callerKeyPreviousSecretRef = deployment.callerKeyPreviousSecretRef;
