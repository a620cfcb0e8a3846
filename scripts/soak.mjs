#!/usr/bin/env node
/**
 * `npm run test:soak`: the long randomized runs, each for a time budget (so a busy machine runs
 * fewer cases instead of hitting a timeout), every part run even when an earlier one failed:
 *   1. hostile definitions and responses files (Vitest, SOAK=1; budgets in the test files),
 *   2. the crash and kill suite in Chromium (Playwright, SOAK=1; SOAK_KILL_SECONDS per survey).
 * Prints each part's result and time; exits 1 when any part failed.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";

const env = { ...process.env, SOAK: "1" };
const parts = [
  ["definitions and imports", "npx", ["vitest", "run", "tests/unit/robustness-definitions.test.ts", "tests/unit/robustness-import.test.ts"]],
  ["Chromium", "node", ["scripts/ensure-chromium.mjs"]],
  ["crashes and kills", "npx", ["playwright", "test", "tests/e2e/robustness-crash-fixtures.spec.ts", "--project", "fixtures"]],
];

const results = [];
for (const [name, command, args] of parts) {
  const started = Date.now();
  console.log(`\n[soak] ${name}: ${command} ${args.join(" ")} (load average ${os.loadavg().map((l) => l.toFixed(1)).join(", ")})`);
  const r = spawnSync(command, args, { env, stdio: "inherit" });
  results.push({ name, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log("\n[soak] summary");
for (const r of results) console.log(`  ${r.ok ? "passed" : "FAILED"}  ${r.name} (${r.seconds} s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
