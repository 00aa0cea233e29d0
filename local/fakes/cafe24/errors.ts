/**
 * The two error shapes Cafe24 answers with (reference §2, §4):
 * - Admin API: `{"error":{"code":<status>,"message":"…"}}`, numeric code equal to the status;
 *   the documented `more_info` is usually absent in real answers, so we omit it.
 * - OAuth endpoints: the RFC 6749 shape `{"error":"invalid_grant","error_description":"…"}`.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

/** Thrown by control operations (tests, scenarios, /_fake) for bad input or impossible moves. */
export class ControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlError';
  }
}

export function apiErrorBody(status: number, message: string): { error: { code: number; message: string } } {
  return { error: { code: status, message } };
}

export function oauthErrorBody(error: string, description: string): { error: string; error_description: string } {
  return { error, error_description: description };
}

// Messages. Those marked "seen" come from real answers quoted in the reference; the rest are
// our wording in the same style (the reference does not quote them).
export const MSG = {
  noApi: 'No API found.', // seen (404, unknown path)
  invalidToken: 'Invalid access_token', // seen (401)
  expiredToken: 'access_token time expired. (invalid_token)', // seen (401)
  noToken: 'Authority to access is not valid. (invalid_token)', // status-code guide wording
  // The status-code guide says "No authority to access"; SHIPMGR matches on "insufficient_scope".
  insufficientScope: (scope: string) => `No authority to access. [${scope}] (insufficient_scope)`,
  contentType: 'Content-type is not an application/json in the header.', // status-code guide
  badJson: 'The request body is not valid JSON.',
  badUrl: 'Bad Request', // status-code guide: un-encoded Korean/special characters in the URL
  tooMany: 'Too Many Requests', // reference §11, shape inferred
  serverError: 'Internal Server Error',
  badVersion: (v: string) => `The API version (${v}) is invalid. (X-Cafe24-Api-Version)`,
  notFound: (what: string, id: string | number) => `No ${what} found. (${id})`,
  redirectMismatch: 'The redirect_uri added by Cafe24 Developers is invalid.', // seen
  invalidSecret: 'Invalid client_secret', // seen (401)
  invalidRefresh: 'Invalid refresh_token', // seen (401)
} as const;

/** 422 for a bad query parameter, in the style of the one quoted message
 * `"[Limit] should be between 1 and 1000. (parameter.limit)"`. */
export function paramError(name: string, text: string): ApiError {
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  return new ApiError(422, `[${label}] ${text} (parameter.${name})`);
}
