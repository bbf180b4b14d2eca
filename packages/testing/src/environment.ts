/**
 * Sets environment variables for a test and returns what puts the previous values back; a
 * `undefined` value removes the variable.
 *
 * @example
 * ```ts
 * import { setEnvironment } from "@connect-affinity/testing";
 *
 * const restore = setEnvironment({ LOG_LEVEL: "DEBUG", POWERTOOLS_LOG_LEVEL: undefined });
 * // … the test …
 * restore();
 * ```
 */
export function setEnvironment(values: Readonly<Record<string, string | undefined>>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(values)) {
    previous.set(name, process.env[name]);
    assign(name, value);
  }
  return () => {
    for (const [name, value] of previous) assign(name, value);
  };
}

function assign(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
