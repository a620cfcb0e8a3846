import type { FastifyRequest } from "fastify";
import { HttpProblem } from "../problems.ts";

/** The parsed JSON body; 415 when the request was not sent as application/json. */
export function jsonBody(request: FastifyRequest): unknown {
  if (request.rawText === undefined) throw new HttpProblem("unsupported-media-type", "send the body as application/json");
  return request.body;
}
