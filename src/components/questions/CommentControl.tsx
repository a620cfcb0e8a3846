import * as v from "../../survey/view.ts";
import { useSession } from "../context.ts";
import type { ControlProps } from "../types.ts";

export default function CommentControl(props: ControlProps) {
  const session = useSession();
  return (
    <textarea
      id={v.inputId(props.q)}
      class="input textarea"
      rows={v.commentRows(props.q)}
      value={v.inputText(props.q)}
      readOnly={v.isReadOnly(props.q)}
      maxLength={v.maxLength(props.q)}
      placeholder={v.placeholder(props.q) || undefined}
      aria-label={props.label}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid ? "true" : undefined}
      aria-required={v.isRequired(props.q) ? "true" : undefined}
      onInput={(e) => session.stageText(props.q, e.currentTarget.value)}
      onChange={(e) => v.setValue(props.q, e.currentTarget.value || undefined)}
    />
  );
}
