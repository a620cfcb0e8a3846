import { createContext, useContext } from "solid-js";
import type { SurveySession } from "../survey/create-survey-session.ts";
import type { ControlRegistry } from "./types.ts";

export const SessionContext = createContext<SurveySession>();

export function useSession(): SurveySession {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a SurveyView");
  return s;
}

/** The controls by question type (registry.ts), provided by SurveyView. */
export const ControlsContext = createContext<ControlRegistry>();

export function useControls(): ControlRegistry {
  const c = useContext(ControlsContext);
  if (!c) throw new Error("useControls outside a SurveyView");
  return c;
}
