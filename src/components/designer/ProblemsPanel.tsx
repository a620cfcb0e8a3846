import { For, Show } from "solid-js";
import { dt } from "../../i18n/messages-designer.ts";
import { describeFix } from "../../survey/designer/fixes.ts";
import type { LintProblem } from "../../survey/lint.ts";

function fixLabel(p: LintProblem): string {
  const d = describeFix(p.fix!);
  switch (d.op) {
    case "remove":
      return dt("fixRemove", { target: d.target });
    case "rename":
      return dt("fixRename", { target: d.target, value: d.value ?? "" });
    case "wrap":
      return dt("fixWrap", { target: d.target });
    default:
      return dt("fixSet", { target: d.target, value: d.value ?? "" });
  }
}

/** The lint findings: severity, message, place; a click selects the place, a fix applies the linter's repair. */
export default function ProblemsPanel(props: {
  problems: readonly LintProblem[];
  onShow: (p: LintProblem) => void;
  onFix: (p: LintProblem) => void;
}) {
  const counts = () => {
    const c = { error: 0, warning: 0, info: 0 };
    for (const p of props.problems) c[p.severity]++;
    return c;
  };
  return (
    <div class="problems">
      <p class="problems-summary" role="status">
        <Show when={props.problems.length > 0} fallback={dt("noProblems")}>
          {dt("problemCounts", { errors: counts().error, warnings: counts().warning, infos: counts().info })}
        </Show>
      </p>
      <ul class="problem-list">
        <For each={props.problems}>
          {(p) => (
            <li class="problem" data-severity={p.severity}>
              <button type="button" class="problem-show" onClick={() => props.onShow(p)}>
                <span class="severity" data-severity={p.severity}>{p.severity === "error" ? dt("severityError") : p.severity === "warning" ? dt("severityWarning") : dt("severityInfo")}</span>
                <span class="problem-message" dir="auto">
                  {p.message}
                </span>
                <span class="problem-where">
                  <Show when={p.line}>
                    <span>{dt("lineColumn", { line: String(p.line ?? 1), column: String(p.column ?? 1) })}</span> ·{" "}
                  </Show>
                  <span dir={p.path ? "ltr" : undefined}>{p.path || dt("wholeFile")}</span>
                </span>
              </button>
              <Show when={p.fix}>
                <button type="button" class="button small secondary problem-fix" onClick={() => props.onFix(p)}>
                  {fixLabel(p)}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
