#!/usr/bin/env node
// Makes sure a Chromium for the browser tests is installed: Debian's package, never a download.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasSudo = spawnSync("sh", ["-c", "command -v sudo && sudo -n true"], { stdio: "ignore" }).status === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;

if (hasApt && (isRoot || hasSudo)) {
  const run = (args) => execFileSync(isRoot ? args[0] : "sudo", isRoot ? args.slice(1) : args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  console.log("Chromium is missing: installing Debian's chromium package for the browser tests…");
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-core"]);
  if (existsSync("/usr/bin/chromium")) process.exit(0);
}

console.error(
  [
    "The browser tests need Chromium, and it is not installed.",
    "Install Debian's package (as root):  apt-get update && apt-get install -y chromium fonts-noto-core",
    "or point CHROMIUM_PATH at an existing Chromium or Chrome binary.",
  ].join("\n"),
);
process.exit(1);
