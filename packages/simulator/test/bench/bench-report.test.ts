import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BenchGrid, quickSettings } from "../../src/bench/bench-grid.js";
import { type BenchResults, benchSystems, cellFigureKeys } from "../../src/bench/bench-result.js";
import { missingEntries } from "../../src/bench/report-markdown.js";
import { runBench } from "../../src/bench/run-bench.js";

const tinyGrid: BenchGrid = {
  name: "quick",
  cells: [
    { agents: 10, ratePerSecond: 1, durationSeconds: 6 },
    { agents: 20, ratePerSecond: 10, durationSeconds: 1 },
  ],
  coldStartRuns: 1,
};

describe("pnpm bench (a tiny grid)", () => {
  it("writes a complete report: every system in every cell, with every figure", async () => {
    // Prepare
    const outDir = await mkdtemp(join(tmpdir(), "bench-"));
    try {
      // Act
      await runBench({
        grid: tinyGrid,
        settings: { ...quickSettings, traffic: { ...quickSettings.traffic, warmupMs: 2000 } },
        outDir,
        seed: 11,
        log: () => {},
      });
      // Assess
      const results = JSON.parse(
        await readFile(join(outDir, "results.json"), "utf8"),
      ) as BenchResults;
      expect(results.results).toHaveLength(tinyGrid.cells.length * benchSystems.length);
      expect(missingEntries(results)).toEqual([]);
      for (const result of results.results) {
        for (const figure of cellFigureKeys) {
          expect(
            result,
            `${result.system} ${result.agents}×${result.ratePerSecond}: ${figure}`,
          ).toHaveProperty(figure);
          const value = result[figure];
          expect(value === null || typeof value === "number").toBe(true);
        }
        expect(result.contacts).toBeGreaterThan(0);
        expect(result.connectApiCallsPerContact).not.toBeNull();
        expect(result.lambdaInvocationsPerContact).not.toBeNull();
        expect(result.dynamoDbRequestsPerContact).not.toBeNull();
        expect(result.dynamoDb.readUnitsPerContact).toBeGreaterThan(0);
        expect(result.dynamoDb.writeUnitsPerContact).toBeGreaterThan(0);
        expect(result.costPerThousandContacts.total).toBeGreaterThan(0);
        const { lastAgent } = result;
        expect(lastAgent.successes).toBeLessThanOrEqual(lastAgent.n);
        if (lastAgent.n > 0) {
          expect(lastAgent.low).toBeLessThanOrEqual(lastAgent.percent ?? -1);
          expect(lastAgent.high).toBeGreaterThanOrEqual(lastAgent.percent ?? 101);
        } else {
          expect(lastAgent.percent).toBeNull();
        }
        expect(result.throttledContactsPercent).not.toBeNull();
        expect(result.decisionP99Ms).not.toBeNull();
      }
      expect(results.targets).toHaveLength(10);
      expect(results.targets.every((target) => target.verdict === "not-run")).toBe(true);
      expect(results.bundles.map((bundle) => bundle.name)).toEqual(
        expect.arrayContaining(["route", "nextAgent", "record"]),
      );
      const report = await readFile(join(outDir, "report.md"), "utf8");
      expect(report).toContain("## 10 agents");
      expect(report).toContain("## 20 agents");
      for (const label of ["baseline (seed)", "API presence", "event-stream presence"]) {
        expect(report).toContain(label);
      }
      const chart = await readFile(join(outDir, "chart.svg"), "utf8");
      expect(chart).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(chart.match(/<rect [^>]*fill="#(c0392b|2980b9|27ae60)"><title>/g)).toHaveLength(
        benchSystems.length,
      );
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
    // Six simulated runs through dynalite and the real bundles: seconds, more on a busy machine.
  }, 180_000);
});
