/**
 * Credential checks for input boxes: each `validate*` returns a user-facing message or
 * `undefined`, exactly what `showInputBox({ validateInput })` wants. Messages never repeat the
 * value: a wrong paste into a SID box is often a secret.
 *
 * Twilio writes SIDs and Auth Tokens in lowercase hexadecimal. A value in the right shape but
 * the wrong case is accepted (it is unambiguous); `diagnose*` reports it as a warning and
 * `normalize*` gives the canonical form to store.
 */
import * as l10n from '@vscode/l10n';
import { MAX_FRIENDLY_NAME } from '../twilio/types';

export interface Diagnosis {
  severity: 'error' | 'warning';
  message: string;
}

const error = (message: string): Diagnosis => ({ severity: 'error', message });
const warning = (message: string): Diagnosis => ({ severity: 'warning', message });
const onlyErrors = (d: Diagnosis | undefined) => (d?.severity === 'error' ? d.message : undefined);

const HEX = /^[0-9a-fA-F]*$/;
const LOWER_HEX = /^[0-9a-f]*$/;
const ALNUM = /^[A-Za-z0-9]*$/;
const SID_SHAPE = /^[A-Za-z]{2}[0-9a-fA-F]{32}$/;

type SidKind = 'AC' | 'SK';

/**
 * Whole sentences per kind of SID, so that translators get sentences rather than a noun to
 * splice in; a function, so they are read after the extension configured the language.
 */
function sidTexts(kind: SidKind) {
  return kind === 'AC'
    ? {
        empty: l10n.t('Enter the Account SID (it starts with AC).'),
        blanks: l10n.t('Remove the blanks: an Account SID has none.'),
        otherSid: (prefix: string) => l10n.t('This is another kind of Twilio SID ({0}…); the Account SID starts with AC.', prefix),
        authToken: l10n.t('This looks like an Auth Token, not a SID: the Account SID starts with AC.'),
        keySecret: l10n.t('This looks like an API key secret, not a SID: the Account SID starts with AC.'),
        prefix: l10n.t('An Account SID starts with AC, followed by 32 hexadecimal characters.'),
        hex: l10n.t('An Account SID has only the characters 0-9 and a-f after AC.'),
        length: (n: number) => l10n.t('An Account SID is AC followed by 32 hexadecimal characters; this one has {0} after AC.', n),
        lowercase: l10n.t('Twilio writes an Account SID as AC followed by lowercase hexadecimal; it will be saved that way.'),
      }
    : {
        empty: l10n.t('Enter the API key SID (it starts with SK).'),
        blanks: l10n.t('Remove the blanks: an API key SID has none.'),
        otherSid: (prefix: string) => l10n.t('This is another kind of Twilio SID ({0}…); the API key SID starts with SK.', prefix),
        authToken: l10n.t('This looks like an Auth Token, not a SID: the API key SID starts with SK.'),
        keySecret: l10n.t('This looks like an API key secret, not a SID: the API key SID starts with SK.'),
        prefix: l10n.t('An API key SID starts with SK, followed by 32 hexadecimal characters.'),
        hex: l10n.t('An API key SID has only the characters 0-9 and a-f after SK.'),
        length: (n: number) => l10n.t('An API key SID is SK followed by 32 hexadecimal characters; this one has {0} after SK.', n),
        lowercase: l10n.t('Twilio writes an API key SID as SK followed by lowercase hexadecimal; it will be saved that way.'),
      };
}

/** What a value that is not the expected kind most likely is, for a helpful message. */
function lookalike(value: string): 'AC' | 'SK' | 'other-sid' | 'hex32' | 'alnum32' | undefined {
  if (SID_SHAPE.test(value)) {
    const p = value.slice(0, 2).toUpperCase();
    return p === 'AC' || p === 'SK' ? p : 'other-sid';
  }
  if (value.length === 32 && HEX.test(value)) return 'hex32';
  if (value.length === 32 && ALNUM.test(value)) return 'alnum32';
  return undefined;
}

function diagnoseSid(value: string, kind: SidKind): Diagnosis | undefined {
  const text = sidTexts(kind);
  if (value === '') return error(text.empty);
  if (/\s/.test(value)) return error(text.blanks);
  const like = value.slice(0, 2).toUpperCase() === kind ? undefined : lookalike(value);
  // Stryker disable next-line ConditionalExpression: like is AC only in the API key SID box (a value with the box's own prefix is no look-alike)
  if (like === 'AC' && kind === 'SK') return error(l10n.t('This is an Account SID (AC…); an API key SID starts with SK.'));
  // Stryker disable next-line ConditionalExpression: like is SK only in the Account SID box (a value with the box's own prefix is no look-alike)
  if (like === 'SK' && kind === 'AC') return error(l10n.t('This is an API key SID (SK…); the Account SID starts with AC.'));
  if (like === 'other-sid') return error(text.otherSid(value.slice(0, 2)));
  if (like === 'hex32') return error(text.authToken);
  if (like === 'alnum32') return error(text.keySecret);
  if (value.slice(0, 2).toUpperCase() !== kind) return error(text.prefix);
  const rest = value.slice(2);
  if (!HEX.test(rest)) return error(text.hex);
  if (rest.length !== 32) return error(text.length(rest.length));
  if (value.slice(0, 2) !== kind || !LOWER_HEX.test(rest)) return warning(text.lowercase);
  return undefined;
}

export function diagnoseAccountSid(value: string): Diagnosis | undefined {
  return diagnoseSid(value, 'AC');
}

export function diagnoseApiKeySid(value: string): Diagnosis | undefined {
  return diagnoseSid(value, 'SK');
}

export function diagnoseAuthToken(value: string): Diagnosis | undefined {
  if (value === '') return error(l10n.t('Enter the Auth Token (32 characters, shown in the Twilio Console).'));
  if (/\s/.test(value)) return error(l10n.t('Remove the blanks: an Auth Token has none.'));
  const like = lookalike(value);
  if (like === 'AC') return error(l10n.t('This is the Account SID; the Auth Token is the 32-character value shown next to it.'));
  if (like === 'SK') return error(l10n.t('This is an API key SID, not an Auth Token.'));
  if (like === 'other-sid') return error(l10n.t('This is a Twilio SID, not an Auth Token.'));
  if (like === 'alnum32') return error(l10n.t('An Auth Token has only the characters 0-9 and a-f; this looks like an API key secret.'));
  if (!HEX.test(value)) return error(l10n.t('An Auth Token has only the characters 0-9 and a-f.'));
  if (value.length !== 32) return error(l10n.t('An Auth Token is 32 characters long; this is {0}.', value.length));
  if (!LOWER_HEX.test(value)) return warning(l10n.t('Twilio writes Auth Tokens in lowercase; it will be saved that way.'));
  return undefined;
}

export function diagnoseApiKeySecret(value: string): Diagnosis | undefined {
  if (value === '') return error(l10n.t('Enter the API key secret (shown only once, when the key was created).'));
  if (/\s/.test(value)) return error(l10n.t('Remove the blanks: an API key secret has none.'));
  const like = lookalike(value);
  if (like === 'SK') return error(l10n.t("This is the key's SID; enter its secret, shown once when the key was created."));
  if (like === 'AC' || like === 'other-sid') return error(l10n.t('This is a Twilio SID, not an API key secret.'));
  if (!ALNUM.test(value)) return error(l10n.t('An API key secret has only letters and digits.'));
  if (value.length !== 32) return error(l10n.t('An API key secret is 32 letters and digits; this is {0} long.', value.length));
  return undefined;
}

export const validateAccountSid = (value: string): string | undefined => onlyErrors(diagnoseAccountSid(value));
export const validateApiKeySid = (value: string): string | undefined => onlyErrors(diagnoseApiKeySid(value));
export const validateAuthToken = (value: string): string | undefined => onlyErrors(diagnoseAuthToken(value));
export const validateApiKeySecret = (value: string): string | undefined => onlyErrors(diagnoseApiKeySecret(value));

/** `AC`/`SK` (or any two-letter prefix) in uppercase, hexadecimal in lowercase. */
export function normalizeSid(value: string): string {
  return value.slice(0, 2).toUpperCase() + value.slice(2).toLowerCase();
}

export function normalizeAuthToken(value: string): string {
  return value.toLowerCase();
}

/** A key's display name: not blank, at most MAX_FRIENDLY_NAME (64) characters, on one line. */
export function validateFriendlyName(value: string): string | undefined {
  if (value.trim() === '') return l10n.t('Enter a name, for example where the key is used.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return l10n.t('A name cannot contain line breaks or other control characters.');
  const length = [...value].length;
  if (length > MAX_FRIENDLY_NAME) return l10n.t('A name has at most {0} characters; this one has {1}.', MAX_FRIENDLY_NAME, length);
  return undefined;
}
