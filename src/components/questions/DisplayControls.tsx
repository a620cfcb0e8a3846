import { Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import * as v from "../../survey/view.ts";
import { isSafeMediaSrc } from "../safe-src.ts";
import SafeHtml from "../SafeHtml.tsx";
import type { ControlProps } from "../types.ts";

export function ExpressionControl(props: ControlProps) {
  return (
    <output id={v.inputId(props.q)} class="expression" aria-label={props.label} aria-live="polite">
      {v.expressionText(props.q) || "—"}
    </output>
  );
}

export function HtmlControl(props: ControlProps) {
  return <SafeHtml class="html-content" html={v.htmlContent(props.q)} />;
}

export function ImageControl(props: ControlProps) {
  const info = () => v.imageInfo(props.q);
  return (
    <Show when={isSafeMediaSrc(info().src)}>
      <img class="image" src={info().src} alt={info().alt} width={info().width} height={info().height} loading="lazy" />
    </Show>
  );
}

/** `empty`: a question with no input of its own (it holds a value set by expressions or triggers). */
export function EmptyControl() {
  return null;
}

/** A type nothing here knows (not built into SurveyJS, not a registered component): named, never hidden. */
export function UnsupportedControl(props: ControlProps) {
  return (
    <p class="unsupported" role="note" id={v.inputId(props.q)} tabindex={-1}>
      {t("unsupported", { type: v.elementType(props.q) })}
    </p>
  );
}
