import { Show } from "solid-js";
import * as v from "../../survey/view.ts";
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
    <Show when={/^(https?:|data:image\/(png|jpeg|gif|webp);|\/|\.\/)/i.test(info().src)}>
      <img class="image" src={info().src} alt={info().alt} width={info().width} height={info().height} loading="lazy" />
    </Show>
  );
}
