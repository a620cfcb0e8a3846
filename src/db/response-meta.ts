import type { ResponseRecord } from "../schema/response.ts";
import { getDatabase, StudioDatabase } from "./database.ts";

/** What the analyst's table shows of a response: everything but the answers. */
export type ResponseMeta = Omit<ResponseRecord, "data" | "surveyId" | "currentPage">;

/**
 * The metadata of a survey's responses, newest change first. Records are read a few hundred at
 * a time and only their metadata kept, and the sort gives the page a turn now and then: 150,000
 * responses neither sit in memory nor hold the page for long.
 */
export async function listResponseMeta(surveyId: string, db: StudioDatabase = getDatabase()): Promise<ResponseMeta[]> {
  const out: ResponseMeta[] = [];
  for await (const batch of readSurveyRecords(surveyId, { db, batchSize: 500 })) {
    for (const r of batch) {
      out.push({
        id: r.id,
        surveyVersion: r.surveyVersion,
        status: r.status,
        revision: r.revision,
        language: r.language,
        progress: r.progress,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        completedAt: r.completedAt,
      });
    }
  }
  return sortInSlices(out, (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/**
 * For a live query that should re-run whenever any response of the survey changes, reading next
 * to nothing (a count on the survey's index range; every run gives a new object, so that a change
 * that keeps the count is seen too). The caller lists the responses outside the live query.
 */
export async function surveyChanges(surveyId: string, db: StudioDatabase = getDatabase()): Promise<{ count: number }> {
  return { count: await db.responses.where("surveyId").equals(surveyId).count() };
}

/** How long a slice of sorting may hold the page before it yields (ms). */
const SORT_SLICE_MS = 25;

/**
 * A stable merge sort that yields to the event loop between slices of work, so that sorting a
 * very long list never makes one long task. Sorts `items` in place and returns it.
 */
export async function sortInSlices<T>(items: T[], compare: (a: T, b: T) => number): Promise<T[]> {
  const n = items.length;
  // Runs of 64 sorted by the engine, then merged pairwise, width doubling.
  const RUN = 64;
  let sliceStart = Date.now();
  const maybeYield = async () => {
    if (Date.now() - sliceStart < SORT_SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    sliceStart = Date.now();
  };
  for (let i = 0; i < n; i += RUN) {
    const run = items.slice(i, Math.min(n, i + RUN)).sort(compare);
    for (let j = 0; j < run.length; j++) items[i + j] = run[j] as T;
    await maybeYield();
  }
  let src = items;
  let dst: T[] = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let k = lo;
      while (a < mid && b < hi) dst[k++] = compare(src[b] as T, src[a] as T) < 0 ? (src[b++] as T) : (src[a++] as T);
      while (a < mid) dst[k++] = src[a++] as T;
      while (b < hi) dst[k++] = src[b++] as T;
      await maybeYield();
    }
    [src, dst] = [dst, src];
  }
  if (src !== items) for (let i = 0; i < n; i++) items[i] = src[i] as T;
  return items;
}

/**
 * A survey's records in batches, read by primary key, so an export of 100,000
 * responses never holds them all in memory on the page.
 */
export async function* recordBatches(surveyId: string, batchSize = 1000, db: StudioDatabase = getDatabase()): AsyncGenerator<ResponseRecord[]> {
  const ids = await db.responses.where("surveyId").equals(surveyId).primaryKeys();
  for (let i = 0; i < ids.length; i += batchSize) {
    const rows = await db.responses.bulkGet(ids.slice(i, i + batchSize));
    yield rows.filter((r): r is ResponseRecord => r !== undefined);
  }
}

/**
 * A survey's records in batches, for a Web Worker (the export reads IndexedDB itself, so the page
 * never clones the records): no window or document, and a connection of its own, opened here and
 * closed when the batches end or the reader stops, so it never keeps another tab from upgrading
 * the database.
 *
 * Faster than {@link recordBatches} for the surveys that have many responses: a batch's ids are
 * consecutive in the survey's sorted ids, and when few other records lie between the first and
 * the last (ids are random, so a large survey's are dense), the batch is read as one key range
 * (one `getAll`) instead of one `get` per record (100,000 responses: about 5 s instead of 8 s in
 * Chromium). A batch whose range holds mostly other surveys' records is read record by record.
 */
export async function* readSurveyRecords(surveyId: string, options: { batchSize?: number; db?: StudioDatabase } = {}): AsyncGenerator<ResponseRecord[]> {
  // A connection given by the caller stays open; one opened here is closed here.
  const db = options.db ?? new StudioDatabase();
  const batchSize = options.batchSize ?? 1000;
  try {
    const ids = await db.responses.where("surveyId").equals(surveyId).primaryKeys();
    for (let i = 0; i < ids.length; i += batchSize) {
      const batch = ids.slice(i, i + batchSize);
      const range = db.responses.where(":id").between(batch[0] as string, batch[batch.length - 1] as string, true, true);
      const dense = (await range.count()) <= batch.length * 1.5;
      const rows = dense ? await range.toArray() : await db.responses.bulkGet(batch);
      yield rows.filter((r): r is ResponseRecord => r !== undefined && r.surveyId === surveyId);
    }
  } finally {
    if (!options.db) db.close();
  }
}

/** The stored records with these ids (missing ones are left out). */
export async function recordsById(ids: readonly string[], db: StudioDatabase = getDatabase()): Promise<Map<string, ResponseRecord>> {
  const rows = await db.responses.bulkGet([...ids]);
  return new Map(rows.filter((r): r is ResponseRecord => r !== undefined).map((r) => [r.id, r]));
}
