import type { Component } from "solid-js";
import type { QuestionHandle } from "../survey/view.ts";

/** Props every question control takes. In matrices the control has no frame and gets `label` instead. */
export interface ControlProps {
  q: QuestionHandle;
  /** Accessible name when the control stands without a visible title (matrix cells). */
  label?: string;
  describedBy?: string;
  invalid?: boolean;
}

/** How a question type is framed: a fieldset with a legend, a label for one input, or nothing. */
export type FrameKind = "group" | "label" | "bare";

/** The control that renders each question type (src/components/registry.ts). */
export type ControlRegistry = Readonly<Record<string, { control: Component<ControlProps>; frame: FrameKind }>>;

/** Registry keys that are not question types: a composite custom type's control, and the one for a type nothing knows. */
export const COMPOSITE = "@composite";
export const UNKNOWN = "@unknown";
