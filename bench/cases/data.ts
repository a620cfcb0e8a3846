/**
 * Cases 4 and 5 over 100,000 responses of the capacity survey, in a module worker
 * (bench/harness/data-worker.ts): our export against Papa.unparse (the floor) and a minimal CSV
 * writer (the practical limit) on the same rows, alternating; import of a responses file and of
 * the CSV; the charts summary. Peak JS heap of the worker is sampled over CDP while each job runs.
 */
import type { CDPSession } from "@playwright/test";
import { newContext, type Ctx } from "../lib/context.ts";
import { pairedRatios, summarize, type Summary } from "../lib/stats.ts";
import type { DataReply, Variant } from "../harness/data-worker.ts";
import type {} from "../harness/data.ts";

export type NotAvailable = { available: false; note: string };

export interface JobStats {
  ms: Summary;
  /** Peak JS heap of the worker above its level before the job (after a GC), in bytes: max over runs. */
  peakHeapBytes: number | null;
  bytes: number;
  rows: number;
  note?: string;
}

export interface DataCase {
  setup?: { records: number; distinct: number; columns: number; cells: number; responsesFileBytes: number; prepareMs: number };
  export: NotAvailable | { available: true; ours: JobStats; papa: JobStats; minimal: JobStats; ratioToPapa: number; ratioToMinimal: number; rowsPerSecond: number; peakHeapToCsv: number | null; lines: string[] };
  import: NotAvailable | { available: true; json: JobStats; csv: JobStats; lines: string[] };
  charts: NotAvailable | { available: true; summary: JobStats; lines: string[] };
}

const COUNT = 100_000;
const DISTINCT = 2_000;
const CAPACITY = "unct-migration-capacity";

/** Talks to the page's worker over CDP (Target.sendMessageToTarget): heap usage while it is busy. */
async function workerProbe(cdp: CDPSession) {
  let session: string | undefined;
  let next = 1;
  const waiting = new Map<number, (r: Record<string, unknown>) => void>();
  cdp.on("Target.attachedToTarget", (e) => {
    if (e.targetInfo.type === "worker") session = e.sessionId;
  });
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: Record<string, unknown>; error?: Record<string, unknown> };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? m.error ?? {});
    if (m.id !== undefined) waiting.delete(m.id);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve) => {
      if (!session) return resolve({});
      const id = next++;
      waiting.set(id, resolve);
      void cdp.send("Target.sendMessageToTarget", { sessionId: session, message: JSON.stringify({ id, method, params }) }).catch(() => resolve({}));
    });
  const used = async () => Number((await send("Runtime.getHeapUsage"))["usedSize"] ?? NaN);
  return {
    ready: () => session !== undefined,
    /** GC, then the heap level; then samples until stopped; returns peak − level. */
    async watch(): Promise<{ stop(): Promise<number | null> }> {
      await send("HeapProfiler.collectGarbage");
      const base = await used();
      let peak = base;
      let on = true;
      const loop = (async () => {
        while (on) {
          const u = await used();
          if (Number.isFinite(u)) peak = Math.max(peak, u);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      return {
        async stop() {
          on = false;
          await loop;
          return Number.isFinite(base) ? peak - base : null;
        },
      };
    },
  };
}

export async function dataCase(ctx: Ctx): Promise<DataCase> {
  const context = await newContext(ctx);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const probe = await workerProbe(cdp);
  const notAvailable = (note: string): DataCase => ({ export: { available: false, note }, import: { available: false, note }, charts: { available: false, note } });
  const res = await page.goto(`${ctx.urls.harness}/data.html`);
  if (!res || !res.ok()) {
    await context.close();
    return notAvailable("the harness has no data page (src/export/ missing when it was built)");
  }
  await page.waitForFunction(() => Boolean(window.data));
  const ask = (req: unknown) => page.evaluate((r) => window.data!.ask(r as never), req) as Promise<DataReply>;
  const prep = await ask({ type: "prepare", fileUrl: `/files/${CAPACITY}.json`, count: COUNT, distinct: DISTINCT });
  if (prep.type !== "prepared") {
    await context.close();
    return notAvailable(`preparing 100,000 responses failed: ${prep.type === "error" ? prep.message.split("\n")[0] : prep.type}`);
  }
  ctx.log(`  prepared ${prep.records} responses × ${prep.columns} columns in ${(prep.ms / 1000).toFixed(1)} s`);
  for (let i = 0; i < 50 && !probe.ready(); i++) await page.waitForTimeout(100);

  const runs = Math.max(2, Math.min(ctx.settings.runs, 3));
  const jobs = async (variants: Variant[], rounds: number, warm = 1) => {
    const ms: Record<string, number[]> = {};
    const peak: Record<string, number | null> = {};
    const last: Record<string, Extract<DataReply, { type: "ran" }>> = {};
    for (let r = 0; r < warm + rounds; r++) {
      const order = r % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const w = await probe.watch();
        const reply = await ask({ type: "run", variant: v });
        const p = await w.stop();
        if (reply.type !== "ran") throw new Error(`${v}: ${reply.type === "error" ? reply.message.split("\n")[0] : reply.type}`);
        last[v] = reply;
        if (r < warm) continue;
        (ms[v] ??= []).push(reply.ms);
        if (p !== null) peak[v] = Math.max(peak[v] ?? 0, p);
      }
    }
    return { ms, peak, last };
  };
  const stats = (j: Awaited<ReturnType<typeof jobs>>, v: Variant): JobStats => ({
    ms: summarize(j.ms[v]!),
    peakHeapBytes: j.peak[v] ?? null,
    bytes: j.last[v]!.bytes,
    rows: j.last[v]!.rows,
    ...(j.last[v]!.note ? { note: j.last[v]!.note } : {}),
  });
  const MB = (b: number | null) => (b === null ? "–" : `${(b / 2 ** 20).toFixed(0)} MB`);
  const s = (x: Summary) => `${(x.median / 1000).toFixed(2)} s ±${Math.round(x.spread * 100)}%`;
  const out: DataCase = { ...notAvailable(""), setup: { records: prep.records, distinct: DISTINCT, columns: prep.columns, cells: prep.cells, responsesFileBytes: prep.fileBytes, prepareMs: prep.ms } };

  try {
    const j = await jobs(["ours", "papa", "minimal"], runs);
    const ours = stats(j, "ours");
    const papa = stats(j, "papa");
    const minimal = stats(j, "minimal");
    const ratioToPapa = summarize(pairedRatios(j.ms["ours"]!, j.ms["papa"]!)).median;
    const ratioToMinimal = summarize(pairedRatios(j.ms["ours"]!, j.ms["minimal"]!)).median;
    const peakHeapToCsv = ours.peakHeapBytes === null ? null : ours.peakHeapBytes / ours.bytes;
    out.export = {
      available: true,
      ours,
      papa,
      minimal,
      ratioToPapa,
      ratioToMinimal,
      rowsPerSecond: Math.round(COUNT / (ours.ms.median / 1000)),
      peakHeapToCsv,
      lines: [
        `${prep.records.toLocaleString("en")} responses × ${prep.columns} columns (default options: names, codes, checkbox joined, repeats wide), CSV ${MB(ours.bytes)}`,
        `ours (runExportJob, the export worker's code, to Blobs): ${s(ours.ms)}, ${Math.round(COUNT / (ours.ms.median / 1000)).toLocaleString("en")} rows/s, peak heap +${MB(ours.peakHeapBytes)} = ${peakHeapToCsv === null ? "–" : peakHeapToCsv.toFixed(2)}× the CSV (target ≤ 2×)`,
        `Papa.unparse on the same rows, flattened (floor): ${s(papa.ms)}, peak heap +${MB(papa.peakHeapBytes)}`,
        `minimal writer on the same rows (limit): ${s(minimal.ms)}, peak heap +${MB(minimal.peakHeapBytes)}`,
        `ours ÷ Papa ${ratioToPapa.toFixed(2)}× (target ≤ 1.25×: ${ratioToPapa <= 1.25 ? "met" : "MISSED"}); ours ÷ minimal ${ratioToMinimal.toFixed(2)}× (headroom to the limit); Papa ÷ minimal ${summarize(pairedRatios(j.ms["papa"]!, j.ms["minimal"]!)).median.toFixed(2)}×`,
      ],
    };
    ctx.log(`  export: ours ${s(ours.ms)}, papa ${s(papa.ms)}, minimal ${s(minimal.ms)}`);
  } catch (e) {
    out.export = { available: false, note: String(e).split("\n")[0]! };
  }
  try {
    // Ten seconds a run: no warm-up, two runs.
    const j = await jobs(["import-json", "import-csv"], 2, 0);
    const json = stats(j, "import-json");
    const csv = stats(j, "import-csv");
    out.import = {
      available: true,
      json,
      csv,
      lines: [
        `responses file (${MB(json.bytes)} JSON): parseResponsesFile + mergeImport into an empty store: ${s(json.ms)}, ${json.rows.toLocaleString("en")} added, peak heap +${MB(json.peakHeapBytes)} (${json.note ?? ""})`,
        `exported CSV (${MB(csv.bytes)}): csvToRecords: ${s(csv.ms)}, ${csv.rows.toLocaleString("en")} records, peak heap +${MB(csv.peakHeapBytes)}`,
        `not included: writing the records to IndexedDB`,
      ],
    };
    ctx.log(`  import: json ${s(json.ms)}, csv ${s(csv.ms)}`);
  } catch (e) {
    out.import = { available: false, note: String(e).split("\n")[0]! };
  }
  try {
    const j = await jobs(["charts"], runs);
    const c = stats(j, "charts");
    out.charts = { available: true, summary: c, lines: [`summarize over ${c.rows.toLocaleString("en")} responses: ${s(c.ms)}, peak heap +${MB(c.peakHeapBytes)} (${c.note ?? ""}); drawing the charts is not included`] };
    ctx.log(`  charts: ${s(c.ms)}`);
  } catch (e) {
    out.charts = { available: false, note: String(e).split("\n")[0]! };
  }
  await context.close();
  return out;
}
