import { For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";

/** Ranking without drag and drop: buttons and Alt+Arrow keys move an item; focus follows it. */
export default function RankingControl(props: ControlProps) {
  let list: HTMLOListElement | undefined;
  const move = (from: number, to: number) => {
    v.moveRankingItem(props.q, from, to);
    queueMicrotask(() => (list?.querySelectorAll<HTMLElement>(".rank-item")[to])?.focus());
  };
  const count = () => v.rankingItems(props.q).length;
  return (
    <div class="ranking">
      <p class="hint" id={`${v.inputId(props.q)}-hint`}>{t("rankingHint")}</p>
      <ol class="rank-list" ref={list} aria-label={props.label} aria-describedby={`${v.inputId(props.q)}-hint`}>
        <For each={v.rankingItems(props.q)}>
          {(c, i) => (
            <li
              class="rank-item"
              tabindex={0}
              id={i() === 0 ? v.inputId(props.q) : undefined}
              aria-describedby={props.describedBy}
              onKeyDown={(e) => {
                if (v.isReadOnly(props.q) || !e.altKey) return;
                if (e.key === "ArrowUp") {
                  e.preventDefault();
                  move(i(), i() - 1);
                } else if (e.key === "ArrowDown") {
                  e.preventDefault();
                  move(i(), i() + 1);
                }
              }}
            >
              <span class="rank-number" aria-hidden="true">{i() + 1}</span>
              <span class="rank-text">{v.choiceText(c)}</span>
              <Show when={!v.isReadOnly(props.q)}>
                <span class="rank-buttons">
                  <button type="button" class="icon-button" disabled={i() === 0} aria-label={`${t("moveUp")}: ${v.choiceText(c)}`} onClick={() => move(i(), i() - 1)}>
                    ↑
                  </button>
                  <button type="button" class="icon-button" disabled={i() === count() - 1} aria-label={`${t("moveDown")}: ${v.choiceText(c)}`} onClick={() => move(i(), i() + 1)}>
                    ↓
                  </button>
                </span>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={v.isEmpty(props.q) && !v.isReadOnly(props.q)}>
        <button type="button" class="button secondary" onClick={() => v.acceptRanking(props.q)}>
          {t("keepOrder")}
        </button>
      </Show>
    </div>
  );
}
