import { For, Index, Show } from "solid-js";
import { tc } from "../../i18n/messages-controls.ts";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";

/**
 * slider: one thumb, or two for a range (`sliderType: "range"`). Each thumb is a native range input
 * (arrow keys, Home, End, Page Up/Down) paired with a number box, so any value — the lowest one
 * too — can be given from the keyboard or typed. Unanswered until moved or typed, as in SurveyJS.
 */
export default function SliderControl(props: ControlProps) {
  const info = () => v.sliderInfo(props.q);
  const values = () => v.sliderValue(props.q);
  const thumbs = () => (info().range ? [0, 1] : [0]);
  const shown = (i: number) => values()[i] ?? (info().range ? (i === 0 ? info().min : info().max) : Math.round((info().min + info().max) / 2 / info().step) * info().step);
  const format = (n: number) => info().format.replace("{0}", String(n));
  const thumbLabel = (i: number) => [props.label, info().range ? (i === 0 ? tc("sliderFrom") : tc("sliderTo")) : tc("sliderValue")].filter(Boolean).join(" — ");
  const listId = () => `${v.inputId(props.q)}-ticks`;
  const set = (i: number, raw: string) => {
    const n = Number(raw);
    if (raw.trim() !== "" && Number.isFinite(n)) v.setSliderThumb(props.q, i, n);
  };
  return (
    <div class="slider" role={props.label ? "group" : undefined} aria-label={props.label}>
      <Show when={values().length === 0 && !v.isReadOnly(props.q)}>
        <p class="hint">{tc("sliderUnanswered")}</p>
      </Show>
      <Index each={thumbs()}>
        {(i) => (
          <div class="slider-thumb" classList={{ unanswered: values().length === 0 }}>
            <input
              type="range"
              class="slider-range"
              id={i() === 0 ? v.inputId(props.q) : `${v.inputId(props.q)}-${i()}`}
              min={info().min}
              max={info().max}
              step={info().step}
              value={shown(i())}
              disabled={v.isReadOnly(props.q)}
              list={info().labels.length ? listId() : undefined}
              aria-label={thumbLabel(i())}
              aria-valuetext={values().length ? format(shown(i())) : tc("sliderUnanswered")}
              aria-describedby={props.describedBy}
              aria-invalid={props.invalid ? "true" : undefined}
              onInput={(e) => set(i(), e.currentTarget.value)}
              onKeyDown={(e) => {
                // A key that would not move the thumb (Home at the lowest value) still gives the answer.
                if (["Home", "End", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown"].includes(e.key) && values().length === 0) {
                  queueMicrotask(() => set(i(), e.currentTarget.value));
                }
              }}
            />
            <input
              type="number"
              class="input slider-number"
              inputMode="decimal"
              min={info().min}
              max={info().max}
              step={info().step}
              value={values().length ? shown(i()) : ""}
              readOnly={v.isReadOnly(props.q)}
              aria-label={thumbLabel(i())}
              aria-describedby={props.describedBy}
              onChange={(e) => set(i(), e.currentTarget.value)}
            />
          </div>
        )}
      </Index>
      <Show when={info().labels.length}>
        <datalist id={listId()}>
          <For each={info().labels}>{(l) => <option value={l.value} label={l.text} />}</For>
        </datalist>
        <div class="slider-labels" aria-hidden="true">
          <For each={info().labels}>
            {(l) => (
              <span class="slider-label" style={{ "inset-inline-start": `${((l.value - info().min) / Math.max(info().max - info().min, 1)) * 100}%` }}>
                {l.text}
              </span>
            )}
          </For>
        </div>
      </Show>
      <Show when={info().allowClear && values().length > 0 && !v.isReadOnly(props.q)}>
        <button type="button" class="button secondary small" onClick={() => v.setValue(props.q, undefined)}>
          {tc("sliderClear")}
        </button>
      </Show>
    </div>
  );
}
