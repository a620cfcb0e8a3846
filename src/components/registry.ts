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
import { COMPOSITE, UNKNOWN, type ControlRegistry } from "./types.ts";

/**
 * The control of each question type. SurveyView hands it down through ControlsContext
 * (context.ts), so that the controls that render nested questions (dynamic panels, matrix
 * cells) reach it without importing this file. `controlFor` (control-for.ts) picks from it,
 * custom component types included.
 */
export const controls: ControlRegistry = {
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
  // Not question types: a composite custom type's questions, and a type nothing here knows.
  [COMPOSITE]: { control: CompositeControl, frame: "group" },
  [UNKNOWN]: { control: UnsupportedControl, frame: "label" },
};
