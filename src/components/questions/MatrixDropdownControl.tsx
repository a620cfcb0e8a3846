import { For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { tc } from "../../i18n/messages-controls.ts";
import * as v from "../../survey/view.ts";
import CellControl from "../CellControl.tsx";
import { ElementList } from "../ElementView.tsx";
import type { ControlProps } from "../types.ts";

/**
 * matrixdropdown and matrixdynamic: each cell is a question of its own, shown without a frame.
 * Rows can open a detail panel (`detailPanelMode`); columns with `totalType` add a totals row;
 * `transposeData` shows the columns as rows.
 */
export default function MatrixDropdownControl(props: ControlProps) {
  const dynamic = () => v.isDynamicMatrix(props.q);
  const rows = () => v.dropdownMatrixRows(props.q);
  const columns = () => v.dropdownMatrixColumns(props.q);
  const rowLabel = (row: v.RowHandle, index: number) => (dynamic() ? t("row", { n: index + 1 }) : v.dropdownRowText(row));
  const hasDetails = () => rows().some((r) => v.rowHasDetail(props.q, r));
  const totals = () => v.totalsRow(props.q);
  const totalsText = () => v.totalsText(props.q) || tc("total");
  const removeButton = (row: v.RowHandle, ri: number) => (
    <Show when={!v.isReadOnly(props.q) && v.canRemoveRow(props.q, row)}>
      <button type="button" class="button secondary small" aria-label={`${v.removeRowText(props.q)}: ${rowLabel(row, ri)}`} onClick={() => v.removeRow(props.q, row)}>
        {v.removeRowText(props.q)}
      </button>
    </Show>
  );
  const detailToggle = (row: v.RowHandle, ri: number) => (
    <Show when={v.rowHasDetail(props.q, row)}>
      <button
        type="button"
        class="icon-button detail-toggle"
        aria-expanded={v.isDetailShown(row)}
        aria-label={v.isDetailShown(row) ? tc("detailsHide", { row: rowLabel(row, ri) }) : tc("detailsShow", { row: rowLabel(row, ri) })}
        onClick={() => v.toggleDetail(row)}
      >
        {v.isDetailShown(row) ? "−" : "+"}
      </button>
    </Show>
  );
  const columnHeader = (c: v.ColumnHandle) => (
    <>
      {v.columnTitle(c)}
      <Show when={v.columnRequired(c)}>
        <span class="required" aria-hidden="true"> *</span>
      </Show>
    </>
  );
  return (
    <div class="matrix-dropdown">
      <div class="table-scroll">
        <Show
          when={v.isTransposed(props.q)}
          fallback={
            <table class="matrix">
              <thead>
                <tr>
                  <Show when={hasDetails()}>
                    <td />
                  </Show>
                  <td />
                  <For each={columns()}>{(c) => <th scope="col">{columnHeader(c)}</th>}</For>
                  <Show when={dynamic()}>
                    <td />
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(row, ri) => (
                    <>
                      <tr>
                        <Show when={hasDetails()}>
                          <td>{detailToggle(row, ri())}</td>
                        </Show>
                        <th scope="row">{rowLabel(row, ri())}</th>
                        <For each={v.rowCells(row)}>
                          {(cell) => (
                            <td>
                              <CellControl q={v.cellQuestion(cell)} label={`${rowLabel(row, ri())} — ${v.cellColumnTitle(cell)}`} />
                            </td>
                          )}
                        </For>
                        <Show when={dynamic()}>
                          <td>{removeButton(row, ri())}</td>
                        </Show>
                      </tr>
                      <Show when={v.detailPanel(row)}>
                        {(panel) => (
                          <tr class="detail-row">
                            <td colSpan={columns().length + 1 + (hasDetails() ? 1 : 0) + (dynamic() ? 1 : 0)}>
                              <div class="detail-panel" role="group" aria-label={rowLabel(row, ri())}>
                                <ElementList container={panel()} />
                              </div>
                            </td>
                          </tr>
                        )}
                      </Show>
                    </>
                  )}
                </For>
              </tbody>
              <Show when={totals()}>
                {(total) => (
                  <tfoot>
                    <tr class="totals-row">
                      <Show when={hasDetails()}>
                        <td />
                      </Show>
                      <th scope="row">{totalsText()}</th>
                      <For each={v.rowCells(total())}>
                        {(cell) => (
                          <td>
                            <Show when={v.cellHasTotal(cell)}>
                              <CellControl q={v.cellQuestion(cell)} label={`${totalsText()} — ${v.cellColumnTitle(cell)}`} />
                            </Show>
                          </td>
                        )}
                      </For>
                      <Show when={dynamic()}>
                        <td />
                      </Show>
                    </tr>
                  </tfoot>
                )}
              </Show>
            </table>
          }
        >
          {/* Transposed: one table row per column, one table column per matrix row. */}
          <table class="matrix matrix-transposed">
            <thead>
              <tr>
                <td />
                <For each={rows()}>
                  {(row, ri) => (
                    <th scope="col">
                      {rowLabel(row, ri())}
                      <Show when={dynamic()}> {removeButton(row, ri())}</Show>
                    </th>
                  )}
                </For>
                <Show when={totals()}>
                  <th scope="col">{totalsText()}</th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={columns()}>
                {(column) => (
                  <tr>
                    <th scope="row">{columnHeader(column)}</th>
                    <For each={rows()}>
                      {(row, ri) => (
                        <td>
                          <Show when={v.cellAt(row, column)}>{(cell) => <CellControl q={v.cellQuestion(cell())} label={`${rowLabel(row, ri())} — ${v.columnTitle(column)}`} />}</Show>
                        </td>
                      )}
                    </For>
                    <Show when={totals()}>
                      {(total) => (
                        <td>
                          <Show when={v.cellAt(total(), column) && v.cellHasTotal(v.cellAt(total(), column)!) && v.cellAt(total(), column)}>{(cell) => <CellControl q={v.cellQuestion(cell())} label={`${totalsText()} — ${v.columnTitle(column)}`} />}</Show>
                        </td>
                      )}
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </div>
      <Show when={dynamic() && !v.isReadOnly(props.q) && v.canAddRow(props.q)}>
        <button type="button" class="button secondary" id={v.inputId(props.q)} onClick={() => v.addRow(props.q)}>
          {v.addRowText(props.q)}
        </button>
      </Show>
    </div>
  );
}
