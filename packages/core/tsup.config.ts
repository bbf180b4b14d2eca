import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    contract: "src/contract/index.ts",
    dynamodb: "src/dynamodb/index.ts",
    connect: "src/connect/index.ts",
    testing: "src/testing/index.ts",
    "agent-events": "src/agent-events/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  treeshake: true,
});
