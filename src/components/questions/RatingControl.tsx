import { For, Match, Show, Switch } from "solid-js";
import * as v from "../../survey/view.ts";
import { PickOne } from "./DropdownControl.tsx";
import type { ControlProps } from "../types.ts";

/** A star, filled up to the chosen value. */
function Star() {
  return (
    <svg class="rate-star" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
      <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
    </svg>
  );
}

/** A face from sad (position 0) to happy (1): the mouth bends with the position. */
function Smiley(props: { position: number; colored: boolean }) {
  const bend = () => (props.position - 0.5) * 10;
  const hue = () => Math.round(props.position * 120);
  return (
    <svg class="rate-smiley" viewBox="0 0 32 32" width="36" height="36" aria-hidden="true" style={props.colored ? { "--smiley": `hsl(${hue()} 60% 38%)` } : undefined}>
      <circle cx="16" cy="16" r="13.5" fill="none" stroke-width="2.2" />
      <circle cx="11" cy="13" r="1.8" />
      <circle cx="21" cy="13" r="1.8" />
      <path d={`M10 ${21 - bend() / 2} Q16 ${21 + bend()} 22 ${21 - bend() / 2}`} fill="none" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

/**
 * rating: numbered buttons (`rateType: "labels"`), stars or smileys, each a native radio button
 * named by its value or text; `displayMode: "dropdown"` shows a list to choose from instead.
 */
export default function RatingControl(props: ControlProps) {
  const name = () => `${v.inputId(props.q)}-rate`;
  const labels = () => v.rateLabels(props.q);
  const kind = () => v.rateKind(props.q);
  const items = () => v.rateValues(props.q);
  const selectedIndex = () => items().findIndex((c) => v.isChoiceSelected(props.q, c));
  return (
    <Switch>
      <Match when={v.rateAsDropdown(props.q)}>
        <PickOne q={props.q} options={items()} label={props.label} describedBy={props.describedBy} invalid={props.invalid} />
      </Match>
      <Match when={true}>
        <div class={`rating rating-${kind()}`} role={props.label ? "radiogroup" : undefined} aria-label={props.label}>
          <Show when={labels().min}>
            <span class="rating-label" aria-hidden="true">{labels().min}</span>
          </Show>
          <div class="rating-items">
            <For each={items()}>
              {(c, i) => (
                <label class="rating-item" classList={{ "rate-on": kind() === "stars" && selectedIndex() >= i() }}>
                  <input
                    type="radio"
                    class="visually-hidden-input"
                    id={i() === 0 ? v.inputId(props.q) : undefined}
                    name={name()}
                    checked={v.isChoiceSelected(props.q, c)}
                    disabled={v.isReadOnly(props.q)}
                    aria-describedby={props.describedBy}
                    aria-invalid={props.invalid ? "true" : undefined}
                    onChange={() => v.selectChoice(props.q, c)}
                  />
                  <Switch fallback={<span>{v.choiceText(c)}</span>}>
                    <Match when={kind() === "stars"}>
                      <span class="rate-icon">
                        <Star />
                        <span class="visually-hidden">{v.choiceText(c)}</span>
                      </span>
                    </Match>
                    <Match when={kind() === "smileys"}>
                      <span class="rate-icon">
                        <Smiley position={items().length > 1 ? i() / (items().length - 1) : 1} colored={v.rateColored(props.q)} />
                        <span class="visually-hidden">{v.choiceText(c)}</span>
                      </span>
                    </Match>
                  </Switch>
                </label>
              )}
            </For>
          </div>
          <Show when={labels().max}>
            <span class="rating-label" aria-hidden="true">{labels().max}</span>
          </Show>
        </div>
      </Match>
    </Switch>
  );
}
