import type { QuestionHandle } from "../survey/view.ts";

/** Props every question control takes. In matrices the control has no frame and gets `label` instead. */
export interface ControlProps {
  q: QuestionHandle;
  /** Accessible name when the control stands without a visible title (matrix cells). */
  label?: string;
  describedBy?: string;
  invalid?: boolean;
}
