import { vi } from "vitest";

/** One embedded-metric line, as CloudWatch reads it from a function's log. */
export interface MetricLine {
  readonly namespace: string;
  readonly dimensionSets: readonly (readonly string[])[];
  readonly metrics: readonly { readonly Name: string; readonly Unit: string }[];
  /** The line's root keys: dimension values and metric values. */
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Captures the embedded-metric lines written to stdout from now on (Powertools Metrics writes
 * them with its own console on `process.stdout`). The spy is restored by the harness after the
 * test, with every other `vi.spyOn`.
 */
export function captureMetricLines(): { readonly lines: () => MetricLine[] } {
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString();
    if (text.includes('"_aws"')) {
      written.push(text);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  return {
    lines: () =>
      written
        .flatMap((text) => text.split("\n"))
        .filter((line) => line.trim() !== "")
        .map((line) => {
          const parsed = JSON.parse(line) as {
            _aws: {
              CloudWatchMetrics: {
                Namespace: string;
                Dimensions: string[][];
                Metrics: { Name: string; Unit: string }[];
              }[];
            };
          } & Record<string, unknown>;
          const [directive] = parsed._aws.CloudWatchMetrics;
          return {
            namespace: directive?.Namespace ?? "",
            dimensionSets: directive?.Dimensions ?? [],
            metrics: directive?.Metrics ?? [],
            values: parsed,
          };
        }),
  };
}

/** The lines that carry metric `name`. */
export function linesOf(lines: readonly MetricLine[], name: string): MetricLine[] {
  return lines.filter((line) => line.metrics.some((metric) => metric.Name === name));
}
