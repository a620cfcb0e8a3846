/**
 * `npm run bench:server`: the collection server under load, on loopback only, bounded in time.
 *
 * 1. Submissions: autocannon, 50 connections, 10 s, each request a new 92-answer response of the
 *    capacity survey (seeds/ generator) PUT through a collection link; on PostgreSQL (a throwaway
 *    cluster) and on the embedded PGlite. Figures: accepted submissions/s and p95 latency.
 * 2. Export: 100,000 responses in PostgreSQL, `GET …/export` (the responses CSV, streamed from a
 *    cursor) against the same export in-process (createCsvExport over the same records in memory,
 *    a stand-in for the app's export worker that does not even read IndexedDB, so it flatters the
 *    worker); and the server process's peak RSS growth during the export (VmHWM, reset first).
 *
 * The server runs as a child process (as in production); this process is the load generator, so
 * both share the machine's cores. The load average is printed next to every figure.
 * Options: --seconds N (default 10), --export-count N (default 100000), --skip-export, --skip-pglite.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import { generateResponses } from "../src/seeds/generate.ts";
import { createCsvExport } from "../src/export/export-csv.ts";
import { surveyFileToExportDefinition } from "../src/export/plan.ts";
import type { ResponseRecord } from "../src/schema/response.ts";
import { parseSurveyFile } from "../src/schema/survey-file.ts";
import { responseContentHash } from "../src/schema/submission.ts";
import { openDatabase } from "../server/data/database.ts";
import { freePort, startPgCluster } from "../scripts/pg-cluster.ts";

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = numberArg("--seconds", 10);
const EXPORT_COUNT = numberArg("--export-count", 100_000);
const CONNECTIONS = 50;
const SURVEY_TEXT = readFileSync(new URL("../surveys/unct-migration-capacity.json", import.meta.url), "utf8");
const parsed = parseSurveyFile(SURVEY_TEXT, "unct-migration-capacity.json");
if (!parsed.ok) throw new Error("the capacity survey does not parse");
const SURVEY = parsed.file;

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const log = (s: string) => process.stdout.write(`${s}\n`);

function completed(count: number, seed: number): ResponseRecord[] {
  return generateResponses(SURVEY, { count, seed, completedShare: 1 }).map((r) => ({ ...r, status: "completed" as const, completedAt: r.completedAt ?? r.updatedAt }));
}

interface RunningServer {
  child: ChildProcess;
  base: string;
  cookie: string;
  csrf: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort(4235, 4239);
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: "warn", STATIC_DIR: "/nonexistent" }, stdio: ["ignore", "pipe", "inherit"] });
  const out = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (d) => {
      text += d;
      if (/sign-in#token=\S+\n/.test(text)) resolve(text);
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const token = /sign-in#token=(\S+)/.exec(out)![1]!;
  const res = await fetch(`${base}/api/session/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, password: "bench password, long enough" }) });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return {
    child,
    base,
    cookie,
    csrf,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function api(s: RunningServer, method: string, path: string, body?: string) {
  const res = await fetch(`${s.base}${path}`, { method, headers: { cookie: s.cookie, "x-csrf-token": s.csrf, ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { body } : {}) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function prepared(count: number, seed: number): Promise<{ path: string; body: string }[]> {
  return Promise.all(
    completed(count, seed).map(async (r) => ({
      path: `/api/surveys/${r.surveyId}/responses/${r.id}/revisions/1`,
      body: JSON.stringify({ response: { ...r, revision: 1 }, contentHash: await responseContentHash(r, 1), replaces: null }),
    })),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function submissions(label: string, env: Record<string, string>, seed: number) {
  const server = await startServer(env);
  try {
    await api(server, "PUT", `/api/surveys/${SURVEY.id}/versions/${SURVEY.version}`, SURVEY_TEXT);
    const link = (await (await api(server, "POST", `/api/surveys/${SURVEY.id}/links`, JSON.stringify({ label: "bench", perMinute: 100_000 }))).json()) as { token: string };
    const bodies = await prepared((SECONDS + 3) * 1500, seed);
    const sampleBytes = Buffer.byteLength(bodies[0]!.body);
    const run = async (seconds: number, from: number) => {
      let next = from;
      const latencies: number[] = [];
      const codes = new Map<number, number>();
      let finish!: (r: autocannon.Result) => void;
      let fail!: (e: unknown) => void;
      const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
      const instance = autocannon({
        url: server.base,
        connections: CONNECTIONS,
        duration: seconds,
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${link.token}` },
        requests: [
          {
            setupRequest: (req) => {
              const b = bodies[next++ % bodies.length]!;
              return { ...req, path: b.path, body: b.body };
            },
          },
        ],
      }, (err, r) => (err ? fail(err) : finish(r)));
      instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        latencies.push(responseTime);
        codes.set(statusCode, (codes.get(statusCode) ?? 0) + 1);
      });
      const result = await done;
      latencies.sort((a, b) => a - b);
      return { result, latencies, codes, used: next - from };
    };
    const warm = await run(2, 0); // warm-up: JIT, pools, caches
    const { result, latencies, codes, used } = await run(SECONDS, warm.used);
    const created = codes.get(201) ?? 0;
    const figure = {
      engine: label,
      seconds: SECONDS,
      connections: CONNECTIONS,
      bodyBytes: sampleBytes,
      answers: Object.keys(JSON.parse(bodies[0]!.body).response.data).length,
      submissionsPerSecond: Math.round(created / (result.duration || SECONDS)),
      p50ms: percentile(latencies, 50),
      p95ms: percentile(latencies, 95),
      p99ms: percentile(latencies, 99),
      statusCodes: Object.fromEntries(codes),
      errors: result.errors + result.timeouts,
      requestsSent: used,
      loadAverage: load(),
    };
    log(`${label}: ${figure.submissionsPerSecond} submissions/s, p50 ${figure.p50ms} ms, p95 ${figure.p95ms} ms, p99 ${figure.p99ms} ms (${figure.answers} answers, ${sampleBytes} B each; codes ${JSON.stringify(figure.statusCodes)}) — load average ${figure.loadAverage}`);
    return figure;
  } finally {
    await server.stop();
  }
}

function readKb(pid: number, field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

async function exportBench(pgUrl: string) {
  const server = await startServer({ DATABASE_URL: pgUrl });
  try {
    await api(server, "PUT", `/api/surveys/${SURVEY.id}/versions/${SURVEY.version}`, SURVEY_TEXT);
    log(`export: generating ${EXPORT_COUNT} responses…`);
    const records = completed(EXPORT_COUNT, 99);
    const database = await openDatabase({ kind: "postgres", url: pgUrl, poolSize: 2 });
    try {
      for (let i = 0; i < records.length; i += 1000) {
        await database.db
          .insertInto("responses")
          .values(
            records.slice(i, i + 1000).map((r) => ({
              id: r.id,
              survey_id: r.surveyId,
              revision: 1,
              content_hash: "0".repeat(64),
              survey_version: r.surveyVersion,
              status: r.status,
              data: JSON.stringify(r.data),
              language: r.language,
              current_page: r.currentPage,
              progress: r.progress,
              created_at: r.createdAt,
              updated_at: r.updatedAt,
              completed_at: r.completedAt,
            })),
          )
          .execute();
      }
      await sql`vacuum analyze responses`.execute(database.db);
    } finally {
      await database.close();
    }
    const pid = server.child.pid!;
    const url = `${server.base}/api/surveys/${SURVEY.id}/export?file=csv`;
    const runServerExport = async () => {
      writeFileSync(`/proc/${pid}/clear_refs`, "5"); // resets VmHWM to the current RSS
      const rssBefore = readKb(pid, "VmRSS");
      const start = performance.now();
      const res = await fetch(url, { headers: { cookie: server.cookie } });
      let bytes = 0;
      for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
      const ms = performance.now() - start;
      const peak = readKb(pid, "VmHWM");
      return { ms, bytes, rssBeforeMb: rssBefore / 1024, peakGrowthMb: (peak - rssBefore) / 1024 };
    };
    // Cold: the first export of these rows plans its columns with a pass over every response, then
    // writes with a second. Warm: the same rows again, whose column plan the server remembers.
    const cold = await runServerExport();
    const serverRun = await runServerExport();
    const definitions = [surveyFileToExportDefinition(SURVEY)];
    const inProcess = () => {
      const start = performance.now();
      const exp = createCsvExport({ surveyId: SURVEY.id, definitions, records }, {});
      let bytes = 0;
      for (const chunk of exp.files[0]!.bytes(1 << 20)) bytes += chunk.length;
      return { ms: performance.now() - start, bytes };
    };
    inProcess(); // warm-up
    const worker = inProcess();
    // What reading the records costs the worker too (IndexedDB hands it deserialized objects): the
    // same answers parsed from their JSON text, as the server parses what PostgreSQL sends.
    const texts = records.map((r) => JSON.stringify(r.data));
    const parseStart = performance.now();
    let keys = 0;
    for (const t of texts) keys += Object.keys(JSON.parse(t) as object).length;
    const parseMs = performance.now() - parseStart;
    const figure = {
      responses: EXPORT_COUNT,
      serverColdMs: Math.round(cold.ms),
      coldRatio: Number((cold.ms / worker.ms).toFixed(2)),
      serverColdPeakRssGrowthMb: Math.round(cold.peakGrowthMb),
      serverMs: Math.round(serverRun.ms),
      inProcessMs: Math.round(worker.ms),
      ratio: Number((serverRun.ms / worker.ms).toFixed(2)),
      parseMs: Math.round(parseMs),
      ratioWithParse: Number((serverRun.ms / (worker.ms + parseMs)).toFixed(2)),
      answersParsed: keys,
      csvMb: Number((serverRun.bytes / 1e6).toFixed(1)),
      sameSize: serverRun.bytes === worker.bytes,
      serverRssBeforeMb: Math.round(serverRun.rssBeforeMb),
      serverPeakRssGrowthMb: Math.round(serverRun.peakGrowthMb),
      loadAverage: load(),
    };
    log(`export of ${EXPORT_COUNT} responses from PostgreSQL: first export ${figure.serverColdMs} ms (${figure.coldRatio}×, +${figure.serverColdPeakRssGrowthMb} MB RSS), again ${figure.serverMs} ms vs in-process ${figure.inProcessMs} ms (${figure.ratio}×; with the answers parsed from JSON, as the server must, ${figure.inProcessMs + figure.parseMs} ms: ${figure.ratioWithParse}×), ${figure.csvMb} MB of CSV (same size: ${figure.sameSize}), server RSS ${figure.serverRssBeforeMb} MB + ${figure.serverPeakRssGrowthMb} MB peak growth — load average ${figure.loadAverage}`);
    return figure;
  } finally {
    await server.stop();
  }
}

const cluster = await startPgCluster([55430, 55439]);
const pgliteDir = mkdtempSync(join(os.tmpdir(), "bench-pglite-"));
const results: Record<string, unknown> = { date: new Date().toISOString(), cores: os.cpus().length, node: process.version, loadAverageAtStart: load() };
try {
  log(`bench:server — ${os.cpus().length} cores, load average ${load()} (fsync is off in the throwaway PostgreSQL cluster)`);
  results["postgres"] = await submissions("PostgreSQL", { DATABASE_URL: cluster.urlFor("postgres"), DATABASE_POOL_SIZE: "20" }, 11);
  if (!args.includes("--skip-pglite")) results["pglite"] = await submissions("PGlite", { DATA_DIR: pgliteDir }, 12);
  if (!args.includes("--skip-export")) {
    const client = await openDatabase({ kind: "postgres", url: cluster.url, poolSize: 1 });
    await sql`create database export_bench`.execute(client.db);
    await client.close();
    results["export"] = await exportBench(cluster.urlFor("export_bench"));
  }
  results["loadAverageAtEnd"] = load();
  writeFileSync(new URL("./server-results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  log("written to bench/server-results.json");
} finally {
  cluster.stop();
  rmSync(pgliteDir, { recursive: true, force: true });
}
