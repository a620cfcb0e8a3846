/**
 * What two fields of a stored response mean, as the one place every room computes them from
 * (the response editor, the responses list, the fill page's progress bar, the demo data, the
 * database upgrade). No zod, no imports: the pure rooms and the schemas themselves use it.
 */

/**
 * How far a response is, 0–100. A draft counts the pages reached (the page it is on included)
 * of the pages visible now, so a draft on page 3 of 3 is at 100 % in the list and on the fill
 * page alike; a completed response is at 100.
 */
export function responseProgress(status: string, pageIndex: number, pageCount: number): number {
  if (status === "completed") return 100;
  if (pageCount <= 0 || pageIndex < 0) return 0;
  return Math.round((Math.min(pageIndex + 1, pageCount) / pageCount) * 100);
}

/** The revision a record written before revisions existed stands for: 1 when completed, else 0. */
export function derivedRevision(status: unknown): number {
  return status === "completed" ? 1 : 0;
}
