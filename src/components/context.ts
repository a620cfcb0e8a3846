import { createContext, useContext } from "solid-js";
import type { SurveySession } from "../survey/create-survey-session.ts";

export const SessionContext = createContext<SurveySession>();

export function useSession(): SurveySession {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a SurveyView");
  return s;
}
