/**
 * A throwaway PostgreSQL cluster for tests and the server bench: initdb in a temporary directory,
 * listening on 127.0.0.1 only, on a free port; `stop()` shuts it down and deletes it.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (the Debian
 * package `postgresql` creates it and installs /usr/lib/postgresql/<version>/bin).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** A URL for another database of the cluster. */
  urlFor(database: string): string;
  stop(): void;
}

/** The newest PostgreSQL server binaries on this machine (15 preferred, as CI installs it), or undefined. */
export function findPgBin(): string | undefined {
  const env = process.env["PG_BIN"];
  if (env && existsSync(join(env, "initdb"))) return env;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  const chosen = versions.includes("15") ? "15" : versions[0];
  return chosen ? join(root, chosen, "bin") : undefined;
}

export function freePort(from: number, to: number): Promise<number> {
  const tryPort = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      if (port > to) return reject(new Error(`no free port from ${from} to ${to}`));
      const s = createServer();
      s.once("error", () => resolve(tryPort(port + 1)));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(port)));
    });
  return tryPort(from);
}

export async function startPgCluster(ports: [number, number] = [55430, 55439]): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: install the Debian package `postgresql` (apt-get install postgresql) or set PG_BIN");
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "survey-studio-pg-"));
  const run = (tool: string, args: string[]) => {
    const cmd = asRoot ? "runuser" : join(bin, tool);
    const full = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, full, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()), Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()));
  const data = join(dir, "data");
  const port = await freePort(ports[0], ports[1]);
  try {
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    // fsync off: a test cluster that is deleted afterwards needs no durability, and the bench says so.
    run("pg_ctl", ["-D", data, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "-l", join(dir, "log"), "-w", "start"]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped = false;
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlFor("postgres"),
    port,
    urlFor,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
