#!/usr/bin/env node
// Makes sure R (Rscript) and GNU PSPP are installed for the label-script tests
// (tests/unit/export-scripts-run.test.ts): Debian's r-base-core and pspp packages, never a download.
import { execFileSync, spawnSync } from "node:child_process";

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
const missing = [has("Rscript") ? null : "r-base-core", has("pspp") ? null : "pspp"].filter(Boolean);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasSudo = spawnSync("sh", ["-c", "command -v sudo && sudo -n true"], { stdio: "ignore" }).status === 0;
if (has("apt-get") && (isRoot || hasSudo)) {
  const run = (args) => execFileSync(isRoot ? args[0] : "sudo", isRoot ? args.slice(1) : args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  console.log(`Installing ${missing.join(" and ")} for the label-script tests…`);
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...missing]);
  if (has("Rscript") && has("pspp")) process.exit(0);
}
console.error(`The label-script tests need ${missing.join(" and ")}. Install (as root):  apt-get update && apt-get install -y ${missing.join(" ")}`);
process.exit(1);
