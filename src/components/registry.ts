import type { Component } from "solid-js";
import * as v from "../survey/view.ts";
import BooleanControl from "./questions/BooleanControl.tsx";
import ButtonGroupControl from "./questions/ButtonGroupControl.tsx";
import ChoiceControl from "./questions/ChoiceControl.tsx";
import CommentControl from "./questions/CommentControl.tsx";
import CompositeControl from "./questions/CompositeControl.tsx";
import { EmptyControl, ExpressionControl, HtmlControl, ImageControl, UnsupportedControl } from "./questions/DisplayControls.tsx";
import DropdownControl from "./questions/DropdownControl.tsx";
import FileControl from "./questions/FileControl.tsx";
import ImageMapControl from "./questions/ImageMapControl.tsx";
import ImagePickerControl from "./questions/ImagePickerControl.tsx";
import MatrixControl from "./questions/MatrixControl.tsx";
import MatrixDropdownControl from "./questions/MatrixDropdownControl.tsx";
import MultipleTextControl from "./questions/MultipleTextControl.tsx";
import PanelDynamicControl from "./questions/PanelDynamicControl.tsx";
import RankingControl from "./questions/RankingControl.tsx";
import RatingControl from "./questions/RatingControl.tsx";
import SignatureControl from "./questions/SignatureControl.tsx";
import SliderControl from "./questions/SliderControl.tsx";
import TagboxControl from "./questions/TagboxControl.tsx";
import TextControl from "./questions/TextControl.tsx";
import type { ControlProps } from "./types.ts";

/** How a question type is framed: a fieldset with a legend, a label for one input, or nothing. */
export type FrameKind = "group" | "label" | "bare";

export const controls: Record<string, { control: Component<ControlProps>; frame: FrameKind }> = {
  text: { control: TextControl, frame: "label" },
  comment: { control: CommentControl, frame: "label" },
  dropdown: { control: DropdownControl, frame: "label" },
  tagbox: { control: TagboxControl, frame: "label" },
  expression: { control: ExpressionControl, frame: "label" },
  radiogroup: { control: (p) => ChoiceControl({ ...p, multiple: false }), frame: "group" },
  checkbox: { control: (p) => ChoiceControl({ ...p, multiple: true }), frame: "group" },
  boolean: { control: BooleanControl, frame: "group" },
  rating: { control: RatingControl, frame: "group" },
  ranking: { control: RankingControl, frame: "group" },
  matrix: { control: MatrixControl, frame: "group" },
  matrixdropdown: { control: MatrixDropdownControl, frame: "group" },
  matrixdynamic: { control: MatrixDropdownControl, frame: "group" },
  paneldynamic: { control: PanelDynamicControl, frame: "group" },
  multipletext: { control: MultipleTextControl, frame: "group" },
  html: { control: HtmlControl, frame: "bare" },
  image: { control: ImageControl, frame: "bare" },
  file: { control: FileControl, frame: "group" },
  signaturepad: { control: SignatureControl, frame: "group" },
  imagepicker: { control: ImagePickerControl, frame: "group" },
  slider: { control: SliderControl, frame: "group" },
  buttongroup: { control: ButtonGroupControl, frame: "group" },
  imagemap: { control: ImageMapControl, frame: "group" },
  empty: { control: EmptyControl, frame: "bare" },
};

/**
 * The control for a question: its type's, or for a custom component type (ComponentCollection)
 * its content's — the one question it wraps (`target`), or its panel of questions.
 */
export function controlFor(q: v.QuestionHandle): { control: Component<ControlProps>; frame: FrameKind; target: v.QuestionHandle } {
  const own = controls[v.elementType(q)];
  // A rating shown as a dropdown is one input: labelled, not a group.
  if (own && v.elementType(q) === "rating" && v.rateAsDropdown(q)) return { ...own, frame: "label", target: q };
  if (own) return { ...own, target: q };
  const content = v.customContent(q);
  if (content && "question" in content) {
    const inner = controls[v.elementType(content.question)];
    if (inner) return { ...inner, target: content.question };
  }
  if (content && "panel" in content) return { control: CompositeControl, frame: "group", target: q };
  return { control: UnsupportedControl, frame: "label", target: q };
}
