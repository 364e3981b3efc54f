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

/**
 * An empty object for responses keyed by HTTP status ("200", "404"). V8 keeps integer-like keys
 * in an array as long as the largest key, about 4 KB for a `404`, for each of the thousands of
 * operations of a large system; starting it in dictionary mode (one far key, added and removed)
 * keeps it small. Keys still enumerate in ascending numeric order, as for any object.
 */
export function statusKeyedObject(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  out[FAR_INDEX] = undefined;
  delete out[FAR_INDEX];
  return out;
}

const FAR_INDEX = 1 << 24;

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
