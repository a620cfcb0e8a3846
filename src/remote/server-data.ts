/**
 * An analyst's calls to the collection server: the responses devices delivered, a page at a time
 * (`GET …/responses?limit=&after=`), and the server's export (`GET …/export`) with the options of
 * the app's own export, read as a stream.
 */
import type { ExportQuery } from "../schema/server-api.ts";
import { responsePageSchema, type ResponsePage } from "../schema/submission.ts";
import { apiJson, apiRequest, RemoteError, type Credentials, type FetchLike } from "./http.ts";

const surveyPath = (surveyId: string) => `/surveys/${encodeURIComponent(surveyId)}`;

export interface PageQuery {
  /** 1 to 1000 (the server's limit); default 100. */
  limit?: number;
  /** The `next` of the previous page. */
  after?: string | null;
  status?: "draft" | "completed";
}

/** One page of the latest revisions the server holds, oldest first; `next` is null on the last page. */
export function responsePage(surveyId: string, query: PageQuery, who: Credentials, fetchImpl?: FetchLike): Promise<ResponsePage> {
  const q = new URLSearchParams({ limit: String(query.limit ?? 100) });
  if (query.after) q.set("after", query.after);
  if (query.status) q.set("status", query.status);
  return apiJson(responsePageSchema, `${surveyPath(surveyId)}/responses?${q}`, { credentials: who }, fetchImpl);
}

/** Every page in turn, following `next` until the last. */
export async function* responsePages(surveyId: string, query: Omit<PageQuery, "after">, who: Credentials, fetchImpl?: FetchLike): AsyncGenerator<ResponsePage> {
  let after: string | null = null;
  do {
    const page: ResponsePage = await responsePage(surveyId, { ...query, after }, who, fetchImpl);
    yield page;
    if (page.next !== null && page.next === after) throw new RemoteError("bad-answer", "the server gave the same page cursor twice");
    after = page.next;
  } while (after !== null);
}

/** The options the server's export takes: the app's export options (src/export ExportOptions) but the Excel format and the label scripts, which only the app makes. */
export type ServerExportOptions = Omit<ExportQuery, "file">;

/** Which files a server export of these options downloads: the CSV and its codebook, or one ZIP when repeats are files. */
export function serverExportFiles(options: ServerExportOptions): ("csv" | "codebook" | "zip")[] {
  return options.repeats === "files" ? ["zip"] : ["csv", "codebook"];
}

/** Whether the server can make this export (it writes CSV files and the codebook, not workbooks, scripts or a ZIP with the answers' files). */
export function serverCanExport(options: { format?: string; scripts?: readonly string[]; files?: boolean }): boolean {
  return options.format !== "xlsx" && (options.scripts ?? []).length === 0 && !options.files;
}

/** Every option the server's export reads, in the order they appear in its query. */
const EXPORT_QUERY_KEYS = ["headers", "values", "language", "delimiter", "bom", "includeDrafts", "multi", "repeats", "neutralize", "separator", "lineEnding", "decimalMark"] as const satisfies readonly (keyof ServerExportOptions)[];

/** The export options as the query of `GET …/export` (ExportQuery in src/schema/server-api.ts); unset options are left to the server's defaults, which are the app's. */
export function exportOptionsToQuery(options: ServerExportOptions, file: "csv" | "codebook" | "zip"): URLSearchParams {
  const q = new URLSearchParams({ file });
  for (const key of EXPORT_QUERY_KEYS) {
    const value = options[key];
    if (value !== undefined) q.set(key, String(value));
  }
  return q;
}

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred), or undefined. */
export function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  const name = plain?.[1]?.trim();
  // Only a name, never a path.
  return name ? name.replace(/^.*[/\\]/, "") || undefined : undefined;
}

export interface ServerExportFile {
  name: string;
  blob: Blob;
  /** Responses and columns the server wrote (its X-Export-* headers). */
  responses: number;
  columns: number;
}

/**
 * Downloads one file of the server's export, reading the stream as it comes (`onBytes` with the
 * bytes so far); `signal` cancels. The export has no time limit: large surveys take minutes.
 */
export async function downloadServerExport(
  surveyId: string,
  options: ServerExportOptions,
  file: "csv" | "codebook" | "zip",
  who: Credentials,
  run: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
  fetchImpl?: FetchLike,
): Promise<ServerExportFile> {
  const res = await apiRequest(`${surveyPath(surveyId)}/export?${exportOptionsToQuery(options, file)}`, { credentials: who, timeoutMs: 6 * 3600_000, ...(run.signal ? { signal: run.signal } : {}) }, fetchImpl);
  const type = res.headers.get("content-type") ?? "";
  if (/text\/html/i.test(type)) throw new RemoteError("no-server", "no collection server answers at /api (got an HTML page)", res.status);
  const parts: BlobPart[] = [];
  let bytes = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value as Uint8Array<ArrayBuffer>);
      bytes += value.byteLength;
      run.onBytes?.(bytes);
    }
  } else {
    parts.push(await res.arrayBuffer());
  }
  const fallback = `${surveyId}${file === "codebook" ? "-codebook.csv" : file === "zip" ? ".zip" : ".csv"}`;
  return {
    name: dispositionFileName(res.headers.get("content-disposition")) ?? fallback,
    blob: new Blob(parts, { type: type || "application/octet-stream" }),
    responses: Number(res.headers.get("x-export-responses") ?? 0),
    columns: Number(res.headers.get("x-export-columns") ?? 0),
  };
}
