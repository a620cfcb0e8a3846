import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, redo, redoDepth, undo, undoDepth } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { EditorSelection, EditorState, Transaction } from "@codemirror/state";
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  hoverTooltip,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { createSignal, onCleanup, onMount } from "solid-js";
import { completeAt, hoverAt, type CompletionOptions } from "../../survey/designer/completion.ts";
import { minimalEdit } from "../../survey/designer/json-text.ts";
import { dt } from "../../i18n/messages-designer.ts";

/** What the rest of the designer does with the editor: every change goes through its history. */
export interface EditorController {
  text(): string;
  /** Replaces the whole text with `next` as one undoable change (only the differing part is touched). */
  replace(next: string, options?: { select?: { from: number; to: number }; userEvent?: string }): void;
  select(from: number, to: number): void;
  focus(): void;
  undo(): void;
  redo(): void;
  /** Shows lint findings in the editor (underlines and gutter markers) when `forText` is still the text. */
  setProblems(forText: string, problems: readonly EditorProblem[]): void;
}

export interface EditorProblem {
  from: number;
  to: number;
  severity: "error" | "warning" | "info";
  message: string;
}

/** Human words for a value kind in completion and hover. */
function kindLabel(kind: string): string {
  switch (kind) {
    case "text":
      return dt("kindText");
    case "expression":
      return dt("kindExpression");
    case "boolean":
      return dt("kindBoolean");
    case "number":
      return dt("kindNumber");
    case "enum":
      return dt("kindEnum");
    case "array":
      return dt("kindArray");
    case "object":
      return dt("kindObject");
    default:
      return dt("kindString");
  }
}

/** CodeMirror 6 on the survey file's text: JSON, schema completion and hover, one history for every edit. */
export default function Editor(props: {
  initialText: string;
  completion: CompletionOptions;
  label: string;
  onChange: (text: string) => void;
  onCursor: (offset: number) => void;
  onReady: (controller: EditorController) => void;
  onHistory: (state: { canUndo: boolean; canRedo: boolean }) => void;
}) {
  let host: HTMLDivElement | undefined;
  let view: EditorView | undefined;
  const [, setMounted] = createSignal(false);

  const complete = (ctx: CompletionContext): CompletionResult | null => {
    const text = ctx.state.doc.toString();
    const r = completeAt(text, ctx.pos, props.completion);
    if (!r || r.items.length === 0) return null;
    // The range may start at a quote: match what was typed after it, names starting with it first.
    const typed = text.slice(r.from, ctx.pos).replace(/^["{]/, "").toLowerCase();
    const matching = r.items
      .filter((i) => i.label.toLowerCase().includes(typed))
      .sort((a, b) => Number(!a.label.toLowerCase().startsWith(typed)) - Number(!b.label.toLowerCase().startsWith(typed)));
    if (matching.length === 0) return null;
    const options: Completion[] = matching.map((item) => ({
      label: item.label,
      type: item.kind === "property" ? "property" : item.kind === "element" ? "class" : item.kind === "reference" ? "variable" : "enum",
      detail: item.kind === "property" && item.detail ? kindLabel(item.detail) : item.kind === "element" ? dt("newElement") : undefined,
      info: item.property?.values?.length
        ? `${dt("allowedValues")}: ${item.property.values.slice(0, 12).join(", ")}${item.property.values.length > 12 ? ", …" : ""}`
        : item.property?.kind === "expression"
          ? dt("expressionHint")
          : undefined,
      apply: (v: EditorView, _c: Completion, from: number, to: number) => {
        const cursor = from + (item.cursor ?? item.insert.length);
        v.dispatch({ changes: { from, to, insert: item.insert }, selection: EditorSelection.cursor(cursor), userEvent: "input.complete" });
      },
    }));
    return { from: r.from, to: r.to, options, filter: false };
  };

  const hover = hoverTooltip((v, pos) => {
    const h = hoverAt(v.state.doc.toString(), pos);
    if (!h) return null;
    return {
      pos: h.from,
      end: h.to,
      above: true,
      create: () => {
        const dom = document.createElement("div");
        dom.className = "cm-schema-hover";
        const head = document.createElement("strong");
        head.textContent = h.property.name;
        const kind = document.createElement("span");
        kind.textContent = ` — ${kindLabel(h.property.kind)} (${h.className})`;
        dom.append(head, kind);
        if (h.property.values?.length) {
          const p = document.createElement("div");
          p.textContent = `${dt("allowedValues")}: ${h.property.values.join(", ")}`;
          dom.append(p);
        }
        if (h.property.kind === "expression") {
          const p = document.createElement("div");
          p.textContent = dt("expressionHint");
          dom.append(p);
        }
        if (h.property.defaultValue !== undefined && h.property.defaultValue !== "") {
          const p = document.createElement("div");
          p.textContent = `${dt("defaultValue")}: ${String(h.property.defaultValue)}`;
          dom.append(p);
        }
        return { dom };
      },
    };
  });

  onMount(() => {
    const state = EditorState.create({
      doc: props.initialText,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        dropCursor(),
        indentOnInput(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [complete], activateOnTyping: true, icons: false }),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: true }),
        json(),
        lintGutter(),
        hover,
        EditorState.tabSize.of(2),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, ...lintKeymap]),
        EditorView.contentAttributes.of({ "aria-label": props.label, dir: "ltr", tabindex: "0" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) props.onChange(u.state.doc.toString());
          if (u.selectionSet || u.docChanged) props.onCursor(u.state.selection.main.head);
          if (u.transactions.length) props.onHistory({ canUndo: undoDepth(u.state) > 0, canRedo: redoDepth(u.state) > 0 });
        }),
      ],
    });
    view = new EditorView({ state, parent: host! });
    setMounted(true);
    props.onReady({
      text: () => view!.state.doc.toString(),
      replace(next, options) {
        const v = view!;
        const edit = minimalEdit(v.state.doc.toString(), next);
        if (!edit) {
          if (options?.select) this.select(options.select.from, options.select.to);
          return;
        }
        v.dispatch({
          changes: edit,
          ...(options?.select ? { selection: EditorSelection.range(options.select.from, options.select.to), scrollIntoView: true } : {}),
          annotations: Transaction.userEvent.of(options?.userEvent ?? "designer"),
        });
      },
      select(from, to) {
        const v = view!;
        const len = v.state.doc.length;
        v.dispatch({ selection: EditorSelection.range(Math.min(from, len), Math.min(to, len)), effects: EditorView.scrollIntoView(Math.min(from, len), { y: "center" }) });
      },
      focus: () => view!.focus(),
      undo: () => void undo(view!),
      redo: () => void redo(view!),
      setProblems(forText, problems) {
        const v = view!;
        if (v.state.doc.length !== forText.length || v.state.doc.toString() !== forText) return;
        const len = v.state.doc.length;
        const diagnostics: Diagnostic[] = problems.map((p) => ({ from: Math.min(p.from, len), to: Math.min(Math.max(p.to, p.from), len), severity: p.severity, message: p.message }));
        v.dispatch(setDiagnostics(v.state, diagnostics));
      },
    });
  });
  onCleanup(() => view?.destroy());

  return <div class="designer-editor" ref={host} dir="ltr" />;
}
