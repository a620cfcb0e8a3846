import { For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import * as v from "../../survey/view.ts";
import CellControl from "../CellControl.tsx";
import type { ControlProps } from "../types.ts";

/** matrixdropdown and matrixdynamic: each cell is a question of its own, shown without a frame. */
export default function MatrixDropdownControl(props: ControlProps) {
  const dynamic = () => v.isDynamicMatrix(props.q);
  const rowLabel = (row: v.RowHandle, index: number) => (dynamic() ? t("row", { n: index + 1 }) : v.dropdownRowText(row));
  return (
    <div class="matrix-dropdown">
      <div class="table-scroll">
        <table class="matrix">
          <thead>
            <tr>
              <td />
              <For each={v.dropdownMatrixColumns(props.q)}>
                {(c) => (
                  <th scope="col">
                    {v.columnTitle(c)}
                    <Show when={v.columnRequired(c)}>
                      <span class="required" aria-hidden="true"> *</span>
                    </Show>
                  </th>
                )}
              </For>
              <Show when={dynamic()}>
                <td />
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={v.dropdownMatrixRows(props.q)}>
              {(row, ri) => (
                <tr>
                  <th scope="row">{rowLabel(row, ri())}</th>
                  <For each={v.rowCells(row)}>
                    {(cell) => (
                      <td>
                        <CellControl q={v.cellQuestion(cell)} label={`${rowLabel(row, ri())} — ${v.cellColumnTitle(cell)}`} />
                      </td>
                    )}
                  </For>
                  <Show when={dynamic()}>
                    <td>
                      <Show when={!v.isReadOnly(props.q) && v.canRemoveRow(props.q, row)}>
                        <button type="button" class="button secondary small" aria-label={`${v.removeRowText(props.q)}: ${rowLabel(row, ri())}`} onClick={() => v.removeRow(props.q, row)}>
                          {v.removeRowText(props.q)}
                        </button>
                      </Show>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={dynamic() && !v.isReadOnly(props.q) && v.canAddRow(props.q)}>
        <button type="button" class="button secondary" id={v.inputId(props.q)} onClick={() => v.addRow(props.q)}>
          {v.addRowText(props.q)}
        </button>
      </Show>
    </div>
  );
}
