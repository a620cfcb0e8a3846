import { For, Show } from "solid-js";
import * as v from "../../survey/view.ts";
import { isSafeMediaSrc } from "../safe-src.ts";
import type { ControlProps } from "../types.ts";

/**
 * imagepicker: every choice is a picture (or a video) with a native radio button or check box, so
 * it is chosen by click, tap, Space or arrow keys; the choice's text names it (shown when `showLabel`).
 */
export default function ImagePickerControl(props: ControlProps) {
  const opts = () => v.imagePickerOptions(props.q);
  const multi = () => v.isMultiSelect(props.q);
  return (
    <div class="image-picker" role={props.label ? "group" : undefined} aria-label={props.label}>
      <For each={v.choices(props.q)}>
        {(c, i) => (
          <label class="image-choice" classList={{ selected: v.isChoiceSelected(props.q, c) }}>
            <input
              type={multi() ? "checkbox" : "radio"}
              class="image-choice-input"
              id={i() === 0 ? v.inputId(props.q) : undefined}
              name={`${v.inputId(props.q)}-img`}
              value={String(v.choiceValue(c))}
              checked={v.isChoiceSelected(props.q, c)}
              disabled={v.isReadOnly(props.q) || !v.choiceEnabled(c)}
              aria-describedby={props.describedBy}
              aria-invalid={props.invalid ? "true" : undefined}
              onChange={(e) => v.pickChoice(props.q, c, e.currentTarget.checked)}
            />
            <Show when={isSafeMediaSrc(v.choiceImage(c).src)} fallback={<span class="image-missing" aria-hidden="true" style={{ width: `${opts().width}px`, height: `${opts().height}px` }} />}>
              <Show
                when={opts().video || v.choiceImage(c).video}
                fallback={<img src={v.choiceImage(c).src} alt="" width={opts().width} height={opts().height} style={{ "object-fit": opts().fit as "contain" }} loading="lazy" />}
              >
                <video src={v.choiceImage(c).src} width={opts().width} height={opts().height} muted preload="metadata" aria-hidden="true" />
              </Show>
            </Show>
            <span class={opts().showLabel ? "image-label" : "visually-hidden"}>{v.choiceText(c)}</span>
          </label>
        )}
      </For>
    </div>
  );
}
