import { createSignal, For, Match, Show, Switch } from "solid-js";
import { tc } from "../../i18n/messages-controls.ts";
import * as v from "../../survey/view.ts";
import { isSafeMediaSrc } from "../safe-src.ts";
import type { ControlProps } from "../types.ts";

/**
 * imagemap: areas of a picture to choose by clicking or tapping them; the same areas as a list of
 * native radio buttons or check boxes (one per area, named by its text), for the keyboard and for
 * screen readers. Both show the same selection.
 */
export default function ImageMapControl(props: ControlProps) {
  const [size, setSize] = createSignal<{ w: number; h: number } | undefined>();
  const multi = () => v.isMultiSelect(props.q);
  const src = () => v.imageMapSource(props.q);
  const pick = (area: v.AreaHandle) => {
    if (!v.isReadOnly(props.q)) v.toggleArea(props.q, area);
  };
  return (
    <div class="image-map">
      <Show when={isSafeMediaSrc(src())}>
        <div class="image-map-picture">
          <img src={src()} alt="" onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} />
          <Show when={size()}>
            {(s) => (
              <svg class="image-map-areas" viewBox={`0 0 ${s().w} ${s().h}`} preserveAspectRatio="none" aria-hidden="true">
                <For each={v.imageMapAreas(props.q)}>
                  {(area) => {
                    const shape = () => v.areaShape(area);
                    const cls = () => `image-map-area${v.isAreaSelected(props.q, area) ? " selected" : ""}`;
                    return (
                      <Switch>
                        <Match when={shape().shape === "circle"}>
                          <circle class={cls()} cx={shape().coords[0]} cy={shape().coords[1]} r={shape().coords[2]} onClick={() => pick(area)} />
                        </Match>
                        <Match when={shape().shape === "rect"}>
                          <rect
                            class={cls()}
                            x={Math.min(shape().coords[0] ?? 0, shape().coords[2] ?? 0)}
                            y={Math.min(shape().coords[1] ?? 0, shape().coords[3] ?? 0)}
                            width={Math.abs((shape().coords[2] ?? 0) - (shape().coords[0] ?? 0))}
                            height={Math.abs((shape().coords[3] ?? 0) - (shape().coords[1] ?? 0))}
                            onClick={() => pick(area)}
                          />
                        </Match>
                        <Match when={true}>
                          <polygon class={cls()} points={shape().coords.join(" ")} onClick={() => pick(area)} />
                        </Match>
                      </Switch>
                    );
                  }}
                </For>
              </svg>
            )}
          </Show>
        </div>
      </Show>
      <p class="hint">{tc("imageMapList")}</p>
      <div class="choices choices-row" role={props.label ? "group" : undefined} aria-label={props.label}>
        <For each={v.imageMapAreas(props.q)}>
          {(area, i) => (
            <label class="choice">
              <input
                type={multi() ? "checkbox" : "radio"}
                id={i() === 0 ? v.inputId(props.q) : undefined}
                name={`${v.inputId(props.q)}-area`}
                checked={v.isAreaSelected(props.q, area)}
                disabled={v.isReadOnly(props.q)}
                aria-describedby={props.describedBy}
                aria-invalid={props.invalid ? "true" : undefined}
                onChange={(e) => {
                  if (e.currentTarget.checked !== v.isAreaSelected(props.q, area)) pick(area);
                }}
              />
              <span>{v.areaText(area)}</span>
            </label>
          )}
        </For>
      </div>
    </div>
  );
}
