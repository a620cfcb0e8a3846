import { For } from "solid-js";
import * as v from "../../survey/view.ts";
import type { ControlProps } from "../types.ts";

/** Single-choice matrix: one radio group per row, so arrow keys move within a row. */
export default function MatrixControl(props: ControlProps) {
  return (
    <div class="table-scroll">
      <table class="matrix">
        <thead>
          <tr>
            <td />
            <For each={v.matrixColumns(props.q)}>{(c) => <th scope="col">{v.choiceText(c)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={v.matrixRows(props.q)}>
            {(row, ri) => (
              <tr classList={{ "row-error": v.matrixRowHasError(props.q, row) }}>
                <th scope="row" id={`${v.inputId(props.q)}-r${ri()}`}>{v.matrixRowText(row)}</th>
                <For each={v.matrixColumns(props.q)}>
                  {(col, ci) => (
                    <td>
                      <input
                        type="radio"
                        id={ri() === 0 && ci() === 0 ? v.inputId(props.q) : undefined}
                        name={`${v.inputId(props.q)}-${v.matrixRowKey(row)}`}
                        checked={v.matrixRowValue(props.q, row) === v.choiceValue(col)}
                        disabled={v.isReadOnly(props.q)}
                        aria-label={`${v.matrixRowText(row)}: ${v.choiceText(col)}`}
                        aria-describedby={props.describedBy}
                        onChange={() => v.setMatrixRowValue(row, v.choiceValue(col))}
                      />
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
