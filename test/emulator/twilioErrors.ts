// Error bodies exactly as Twilio sends them: {code, message, more_info, status}. No `type`/`title`:
// twilio-node turns a body with both into a TwilioServiceException instead of a RestException.

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): TwilioErrorBody {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

export const errors = {
  authenticate: () => new ApiError(401, 20003, 'Authenticate'),
  /** What some accounts get from v2010 key creation with valid credentials (the admin switch). */
  policyEvaluationFailed: () => new ApiError(401, 20003, 'Policy evaluation failed'),
  notFound: (path: string) => new ApiError(404, 20404, `The requested resource ${path} was not found`),
  methodNotAllowed: (method: string) => new ApiError(405, 20004, `Method ${method} not allowed`),
  // Twilio's generic "invalid parameter" family; the message names the parameter and the rule.
  invalidParameter: (message: string) => new ApiError(400, 20001, message),
  invalidPageToken: () => new ApiError(400, 21481, 'Invalid PageToken'),
  /** Twilio's platform error 20409 "Conflict" (HTTP 409): a unique name or key is taken. */
  conflict: (message: string) => new ApiError(409, 20409, message),
  /** Twilio's error 70154 "Public Key Is Invalid" (Public Key Client Validation). */
  publicKeyInvalid: (message: string) => new ApiError(400, 70154, message),
  permissionDenied: (permission: string) =>
    new ApiError(403, 70051, `Authorization failed: this key lacks the permission ${permission}`),
  keyLimit: (limit: number) => new ApiError(400, 70151, `The maximum number of API keys (${limit}) for this account has been reached`),
  tooManyRequests: (retryAfterSeconds?: number) =>
    new ApiError(429, 20429, 'Too Many Requests', retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) }),
  server: (status: number) =>
    new ApiError(status, status === 503 ? 20503 : 20500, status === 503 ? 'Service Unavailable' : 'Internal Server Error'),
  /** The error Twilio would send with this status (used by injected `status` faults). */
  forStatus(status: number, path: string): ApiError {
    if (status === 401) return errors.authenticate();
    if (status === 404) return errors.notFound(path);
    if (status === 429) return errors.tooManyRequests();
    if (status >= 500) return errors.server(status);
    return new ApiError(status, 20001, 'Bad Request');
  },
};
