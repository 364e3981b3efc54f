// Declared business errors become 4xx responses with RFC 9457 problem+json bodies. The status
// is chosen from the error type's name; anything unrecognised is 422 (the request was
// understood but the business rule refused it).

import { shareInYaml } from "../common/yaml-shared.js";

const STATUS_BY_NAME: readonly [RegExp, number][] = [
  [/NotFound$|Missing$|Unknown/i, 404],
  [/Conflict|AlreadyExists|Duplicate|Stale/i, 409],
  [/Unauthori[sz]ed|Unauthenticated/i, 401],
  [/Forbidden|Denied|NotAllowed/i, 403],
  [/TooMany|RateLimit|Throttl/i, 429],
  [/Invalid|Malformed|BadRequest/i, 400],
  [/Gone|Expired/i, 410],
];

export function statusForError(name: string): number {
  for (const [pattern, status] of STATUS_BY_NAME) if (pattern.test(name)) return status;
  return 422;
}

export const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  410: "Gone",
  422: "Unprocessable Content",
  429: "Too Many Requests",
};

/** RFC 9457 problem details, shared by every error response. */
export const PROBLEM_SCHEMA = shareInYaml({
  type: "object",
  description: "Problem details (RFC 9457). `error` carries the declared error value, when there is one.",
  properties: {
    type: { type: "string", format: "uri-reference" },
    title: { type: "string" },
    status: { type: "integer", format: "int32" },
    detail: { type: "string" },
    instance: { type: "string", format: "uri-reference" },
  },
  required: ["type", "title", "status"],
});

export const PROBLEM_COMPONENT = "Problem";
