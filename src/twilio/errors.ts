// Errors of the Twilio API layer. No `twilio` import, so any part of the extension can use them.
// Messages are for users: what happened and what to do. They never contain a secret: they are
// built from the kind, Twilio's numeric code and (for invalid requests) Twilio's own message with
// anything secret-shaped removed.

export type TwilioErrorKind =
  | 'authentication'
  | 'standardKeyCannotManage'
  | 'permissionDenied'
  | 'keyLimit'
  | 'notFound'
  | 'invalidRequest'
  | 'rateLimited'
  | 'server'
  | 'offline'
  | 'timeout'
  | 'cancelled'
  | 'unexpectedResponse';

export interface TwilioApiErrorInit {
  status?: number;
  code?: number;
  moreInfo?: string;
  retryAfterSeconds?: number;
  /** The request may have taken effect although no answer arrived (a create whose connection dropped). */
  outcomeUnknown?: boolean;
  /** Twilio's message, for invalid requests; sanitized before use. */
  serverMessage?: string;
  timeoutMs?: number;
}

// The extension bundle and dist/twilio.js each carry a copy of this class; a global brand lets
// `instanceof` recognise errors thrown by either copy.
const BRAND = Symbol.for('twilio-credentials.TwilioApiError');

export class TwilioApiError extends Error {
  override readonly name = 'TwilioApiError';
  readonly kind: TwilioErrorKind;
  readonly status?: number;
  readonly code?: number;
  readonly moreInfo?: string;
  readonly retryAfterSeconds?: number;
  readonly outcomeUnknown: boolean;

  constructor(kind: TwilioErrorKind, message?: string, init: TwilioApiErrorInit = {}) {
    super(message ?? userMessage(kind, init));
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.moreInfo = init.moreInfo;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** Any thrown value as a TwilioApiError; foreign errors become 'cancelled' or 'unexpectedResponse'. */
  static from(e: unknown): TwilioApiError {
    if (e instanceof TwilioApiError) return e;
    if ((e as Error | undefined)?.name === 'AbortError') return new TwilioApiError('cancelled');
    // The foreign error's own message is left out: it may quote a request, headers included.
    return new TwilioApiError('unexpectedResponse');
  }
}

const SECRET_SHAPED = /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;

/** Twilio's message minus anything shaped like a token or secret, kept short. SIDs (34 chars) stay. */
export function sanitizeServerMessage(message: string): string {
  const clean = message.replace(SECRET_SHAPED, '[redacted]').replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

function codeSuffix(init: TwilioApiErrorInit): string {
  return init.code ? ` (Twilio error ${init.code})` : init.status ? ` (HTTP ${init.status})` : '';
}

export function userMessage(kind: TwilioErrorKind, init: TwilioApiErrorInit = {}): string {
  const mayExist = 'Twilio may have carried out the request anyway: refresh the key list before trying again.';
  switch (kind) {
    case 'authentication':
      return `Twilio did not accept these credentials${codeSuffix(init)}. Check the Account SID and the Auth Token or API key secret; a deleted key or a changed Auth Token stops working at once.`;
    case 'standardKeyCannotManage':
      return 'This is a Standard API key: it works with Twilio’s APIs but cannot read the account or manage API keys. Connect with the Auth Token or a Main key instead.';
    case 'permissionDenied':
      return `This API key lacks the permission for this action${codeSuffix(init)}. Grant the permission to the key in the Twilio Console, or connect with a Main key or the Auth Token.`;
    case 'keyLimit':
      return `The account has reached its maximum number of API keys${codeSuffix(init)}. Delete keys you no longer use, then try again.`;
    case 'notFound':
      return `Twilio could not find this resource${codeSuffix(init)}. It may have been deleted, or belong to another account or region. Refresh and try again.`;
    case 'invalidRequest': {
      const detail = init.serverMessage ? `: ${sanitizeServerMessage(init.serverMessage)}` : '';
      return `Twilio rejected the request as invalid${codeSuffix(init)}${detail}. Check the values you entered.`;
    }
    case 'rateLimited':
      return init.retryAfterSeconds !== undefined
        ? `Twilio is limiting how fast requests may be made. Wait ${init.retryAfterSeconds} seconds, then try again.`
        : 'Twilio is limiting how fast requests may be made. Wait a moment, then try again.';
    case 'server':
      return `Twilio had a problem answering${codeSuffix(init)}. This is usually temporary: try again in a moment.`;
    case 'offline':
      return init.outcomeUnknown
        ? `The connection to Twilio was lost before it answered. ${mayExist}`
        : 'Could not reach Twilio. Check your internet connection and proxy settings, then try again.';
    case 'timeout': {
      const seconds = init.timeoutMs && (init.timeoutMs >= 10_000 ? Math.round(init.timeoutMs / 1000) : Math.round(init.timeoutMs / 100) / 10);
      const after = seconds ? ` within ${seconds} seconds` : ' in time';
      return init.outcomeUnknown
        ? `Twilio did not answer${after}. ${mayExist}`
        : `Twilio did not answer${after}. Check your connection, then try again.`;
    }
    case 'cancelled':
      return init.outcomeUnknown ? `The request to Twilio was cancelled. ${mayExist}` : 'The request to Twilio was cancelled.';
    case 'unexpectedResponse':
      return `Twilio sent an answer this extension does not understand${codeSuffix(init)}. Try again; if it keeps happening, please report it.`;
  }
}
