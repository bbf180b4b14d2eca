import type { ContactExecution } from "./contact.js";

/** A parameter value that is one JSONPath and nothing else, such as `$.External.status`. */
const wholePath = /^\$\.[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*$/;
/** JSONPaths embedded in free text ("Hello $.Attributes.name"). */
const embeddedPath =
  /\$\.(?:External|Attributes|FlowAttributes|CustomerEndpoint|Customer|Channel|ContactId|InstanceARN|Queue|StoredCustomerInput)(?:\.[A-Za-z0-9_-]+)*/g;

/** The instance the contact belongs to, for `$.InstanceARN` and the queue paths. */
export interface PathContext {
  readonly instanceArn: string;
}

/** Whether `value` is a single JSONPath reference. */
export function isWholePath(value: string): boolean {
  return wholePath.test(value);
}

/**
 * The value a JSONPath names in the contact: `$.External.*` (the latest Lambda response,
 * nested keys for JSON responses), `$.Attributes.*`, `$.FlowAttributes.*`,
 * `$.CustomerEndpoint.Address|Type`, `$.Channel`, `$.ContactId`, `$.InstanceARN`,
 * `$.Queue.ARN|Name`, `$.StoredCustomerInput`, `$.Customer.*` (what a Customer Profiles lookup
 * found). Undefined when the contact has no such value (Lex and metrics paths are not
 * simulated: undefined too).
 */
export function resolvePath(
  path: string,
  contact: ContactExecution,
  context: PathContext,
): unknown {
  const [root, ...rest] = path.slice(2).split(".");
  const walk = (start: unknown): unknown =>
    rest.reduce<unknown>(
      (value, key) =>
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? (value as Readonly<Record<string, unknown>>)[key]
          : undefined,
      start,
    );
  switch (root) {
    case "External":
      return walk(contact.external);
    case "Attributes":
      return walk(contact.attributes);
    case "FlowAttributes":
      return walk(contact.flowAttributes);
    case "StoredCustomerInput":
      return rest.length === 0 ? contact.storedInput : undefined;
    case "CustomerEndpoint":
      return contact.input.customerAddress === undefined
        ? undefined
        : walk({
            Address: contact.input.customerAddress,
            Type: contact.input.channel === "EMAIL" ? "EMAIL_ADDRESS" : "TELEPHONE_NUMBER",
          });
    case "Customer":
      return walk(contact.customer);
    case "Channel":
      return rest.length === 0 ? contact.input.channel : undefined;
    case "ContactId":
      return rest.length === 0 ? contact.input.contactId : undefined;
    case "InstanceARN":
      return rest.length === 0 ? context.instanceArn : undefined;
    case "Queue": {
      const queue = contact.workingQueue;
      if (queue === undefined) return undefined;
      return walk(
        queue.kind === "agent"
          ? { ARN: queue.agent.arn, Name: queue.agent.username }
          : { ARN: queue.queue.arn, Name: queue.queue.name },
      );
    }
    default:
      return undefined;
  }
}

/** The result of resolving a parameter: its value, or the path that named nothing. */
export type Resolved =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly missingPath: string };

/**
 * A parameter value with its JSONPaths resolved: a whole path gives the value it names (an
 * object for a JSON response), free text gets each embedded path replaced by its text.
 * A path naming nothing is reported, never silently replaced by an empty string.
 */
export function resolveParameter(
  value: string,
  contact: ContactExecution,
  context: PathContext,
): Resolved {
  if (isWholePath(value)) {
    const resolved = resolvePath(value, contact, context);
    return resolved === undefined
      ? { ok: false, missingPath: value }
      : { ok: true, value: resolved };
  }
  let missing: string | undefined;
  const text = value.replace(embeddedPath, (path) => {
    const resolved = resolvePath(path, contact, context);
    if (resolved === undefined) {
      missing ??= path;
      return "";
    }
    return typeof resolved === "string" ? resolved : JSON.stringify(resolved);
  });
  return missing === undefined ? { ok: true, value: text } : { ok: false, missingPath: missing };
}

/** A resolved value as the text Connect compares or passes on. */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * `value` with every string in it resolved as {@link resolveParameter} resolves a parameter:
 * static routing steps whose values are JSONPaths (`"AgentIds": ["$.External.agentId"]`) become
 * the steps the contact gets. The first path naming nothing is reported.
 */
export function resolveDeep(
  value: unknown,
  contact: ContactExecution,
  context: PathContext,
): Resolved {
  if (typeof value === "string") return resolveParameter(value, contact, context);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolveDeep(item, contact, context);
      if (!resolved.ok) return resolved;
      items.push(resolved.value);
    }
    return { ok: true, value: items };
  }
  if (typeof value === "object" && value !== null) {
    const entries: [string, unknown][] = [];
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveDeep(item, contact, context);
      if (!resolved.ok) return resolved;
      entries.push([key, resolved.value]);
    }
    return { ok: true, value: Object.fromEntries(entries) };
  }
  return { ok: true, value };
}
