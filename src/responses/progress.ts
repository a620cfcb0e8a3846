import type { ResponseStatus } from "../schema/response.ts";

/**
 * How far a response is, 0–100: the one rule for the responses list (the stored `progress`), the
 * fill page's progress bar and the demo data. A draft counts the pages reached (the page it is
 * on included) of the pages visible now, so a draft on page 3 of 3 is at 100 % everywhere; a
 * completed response is at 100.
 */
export function responseProgress(status: ResponseStatus, pageIndex: number, pageCount: number): number {
  if (status === "completed") return 100;
  if (pageCount <= 0 || pageIndex < 0) return 0;
  return Math.round((Math.min(pageIndex + 1, pageCount) / pageCount) * 100);
}
