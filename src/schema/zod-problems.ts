import type { z } from "zod";
import { createJsonLocator, pathToString, type JsonLocator, type Problem } from "./problem.ts";

/** zod's issues on a parsed JSON text as Problems with the file, the JSON path and the line. */
export function zodIssuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  options: { file: string; text: string; source: string; message: (issue: z.core.$ZodIssue, path: string) => string },
): Problem[] {
  let locator: JsonLocator | undefined;
  return issues.map((issue) => {
    const segs = issue.path.filter((s): s is string | number => typeof s !== "symbol");
    const path = pathToString(segs);
    return {
      file: options.file,
      path,
      severity: "error" as const,
      source: options.source,
      message: options.message(issue, path),
      ...(locator ??= createJsonLocator(options.text)).position(segs),
    };
  });
}
