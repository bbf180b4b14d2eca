import { readFileSync } from "node:fs";

/**
 * A fixture from this package's `fixtures/` folder, parsed fresh on every call so a test may
 * change it. The folder sits beside `src/` and `dist/`, so the path is the same from either.
 */
export function readFixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), "utf8"),
  ) as T;
}
