export { type CoverageThresholds, type TestOptions, testOptions } from "./vitest-preset.js";
