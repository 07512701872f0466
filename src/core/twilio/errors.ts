// Errors of the Twilio API layer. No `twilio` import, so any part of the extension can use them.
// Messages are for users: what happened and what to do. They never contain a secret: they are
// built from the kind, Twilio's numeric code and (for invalid requests) Twilio's own message with
// anything secret-shaped removed.
import * as l10n from '@vscode/l10n';

export type TwilioErrorKind =
  | 'authentication'
  | 'standardKeyCannotManage'
  | 'permissionDenied'
  | 'keyLimit'
  | 'notFound'
  | 'invalidRequest'
  | 'refusedByPolicy'
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

/** " (Twilio error 20003)", " (HTTP 502)" or nothing: spliced into the sentences below as {0}. */
function codeSuffix(init: TwilioApiErrorInit): string {
  return init.code ? l10n.t(' (Twilio error {0})', init.code) : init.status ? l10n.t(' (HTTP {0})', init.status) : '';
}

export function userMessage(kind: TwilioErrorKind, init: TwilioApiErrorInit = {}): string {
  const code = codeSuffix(init);
  const mayExist = () => l10n.t('Twilio may have carried out the request anyway: refresh the key list before trying again.');
  switch (kind) {
    case 'authentication':
      return l10n.t('Twilio did not accept these credentials{0}. Check the Account SID and the Auth Token or API key secret; a deleted key or a changed Auth Token stops working at once.', code);
    case 'standardKeyCannotManage':
      return l10n.t('This is a Standard API key: it works with Twilio’s APIs but cannot read the account or manage API keys. Connect with the Auth Token or a Main key instead.');
    case 'permissionDenied':
      return l10n.t('This API key lacks the permission for this action{0}. Grant the permission to the key in the Twilio Console, or connect with a Main key or the Auth Token.', code);
    case 'keyLimit':
      return l10n.t('The account has reached its maximum number of API keys{0}. Delete keys you no longer use, then try again.', code);
    case 'notFound':
      return l10n.t('Twilio could not find this resource{0}. It may have been deleted, or belong to another account or region. Refresh and try again.', code);
    case 'refusedByPolicy':
      return l10n.t('Twilio refused this request although the credentials are valid{0}: its policy for the account does not allow it here. Try it in the Twilio Console, or ask Twilio support why the account is refused.', code);
    case 'invalidRequest':
      return init.serverMessage
        ? l10n.t('Twilio rejected the request as invalid{0}: {1}. Check the values you entered.', code, sanitizeServerMessage(init.serverMessage))
        : l10n.t('Twilio rejected the request as invalid{0}. Check the values you entered.', code);
    case 'rateLimited':
      return init.retryAfterSeconds !== undefined
        ? l10n.t('Twilio is limiting how fast requests may be made. Wait {0} seconds, then try again.', init.retryAfterSeconds)
        : l10n.t('Twilio is limiting how fast requests may be made. Wait a moment, then try again.');
    case 'server':
      return l10n.t('Twilio had a problem answering{0}. This is usually temporary: try again in a moment.', code);
    case 'offline':
      return init.outcomeUnknown
        ? l10n.t('The connection to Twilio was lost before it answered. {0}', mayExist())
        : l10n.t('Could not reach Twilio. Check your internet connection and proxy settings, then try again.');
    case 'timeout': {
      const seconds = init.timeoutMs && (init.timeoutMs >= 10_000 ? Math.round(init.timeoutMs / 1000) : Math.round(init.timeoutMs / 100) / 10);
      const next = init.outcomeUnknown ? mayExist() : l10n.t('Check your connection, then try again.');
      return seconds
        ? l10n.t('Twilio did not answer within {0} seconds. {1}', seconds, next)
        : l10n.t('Twilio did not answer in time. {0}', next);
    }
    case 'cancelled':
      return init.outcomeUnknown
        ? l10n.t('The request to Twilio was cancelled. {0}', mayExist())
        : l10n.t('The request to Twilio was cancelled.');
    case 'unexpectedResponse':
      return l10n.t('Twilio sent an answer this extension does not understand{0}. Try again; if it keeps happening, please report it.', code);
  }
}
