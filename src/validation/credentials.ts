/**
 * Credential checks for input boxes: each `validate*` returns a user-facing message or
 * `undefined`, exactly what `showInputBox({ validateInput })` wants. Messages never repeat the
 * value: a wrong paste into a SID box is often a secret.
 *
 * Twilio writes SIDs and Auth Tokens in lowercase hexadecimal. A value in the right shape but
 * the wrong case is accepted (it is unambiguous); `diagnose*` reports it as a warning and
 * `normalize*` gives the canonical form to store.
 */

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
const SID_NAMES: Record<SidKind, string> = { AC: 'Account SID', SK: 'API key SID' };

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
  const what = SID_NAMES[kind];
  if (value === '') return error(`Enter the ${what} (it starts with ${kind}).`);
  if (/\s/.test(value)) return error(`Remove the blanks: an ${what} has none.`);
  const like = value.slice(0, 2).toUpperCase() === kind ? undefined : lookalike(value);
  if (like === 'AC' && kind === 'SK') return error('This is an Account SID (AC…); an API key SID starts with SK.');
  if (like === 'SK' && kind === 'AC') return error('This is an API key SID (SK…); the Account SID starts with AC.');
  if (like === 'other-sid') {
    return error(`This is another kind of Twilio SID (${value.slice(0, 2)}…); the ${what} starts with ${kind}.`);
  }
  if (like === 'hex32') return error(`This looks like an Auth Token, not a SID: the ${what} starts with ${kind}.`);
  if (like === 'alnum32') return error(`This looks like an API key secret, not a SID: the ${what} starts with ${kind}.`);
  if (value.slice(0, 2).toUpperCase() !== kind) return error(`An ${what} starts with ${kind}, followed by 32 hexadecimal characters.`);
  const rest = value.slice(2);
  if (!HEX.test(rest)) return error(`An ${what} has only the characters 0-9 and a-f after ${kind}.`);
  if (rest.length !== 32) {
    return error(`An ${what} is ${kind} followed by 32 hexadecimal characters; this one has ${rest.length} after ${kind}.`);
  }
  if (value.slice(0, 2) !== kind || !LOWER_HEX.test(rest)) {
    return warning(`Twilio writes an ${what} as ${kind} followed by lowercase hexadecimal; it will be saved that way.`);
  }
  return undefined;
}

export function diagnoseAccountSid(value: string): Diagnosis | undefined {
  return diagnoseSid(value, 'AC');
}

export function diagnoseApiKeySid(value: string): Diagnosis | undefined {
  return diagnoseSid(value, 'SK');
}

export function diagnoseAuthToken(value: string): Diagnosis | undefined {
  if (value === '') return error('Enter the Auth Token (32 characters, shown in the Twilio Console).');
  if (/\s/.test(value)) return error('Remove the blanks: an Auth Token has none.');
  const like = lookalike(value);
  if (like === 'AC') return error('This is the Account SID; the Auth Token is the 32-character value shown next to it.');
  if (like === 'SK') return error('This is an API key SID, not an Auth Token.');
  if (like === 'other-sid') return error('This is a Twilio SID, not an Auth Token.');
  if (like === 'alnum32') return error('An Auth Token has only the characters 0-9 and a-f; this looks like an API key secret.');
  if (!HEX.test(value)) return error('An Auth Token has only the characters 0-9 and a-f.');
  if (value.length !== 32) return error(`An Auth Token is 32 characters long; this is ${value.length}.`);
  if (!LOWER_HEX.test(value)) return warning('Twilio writes Auth Tokens in lowercase; it will be saved that way.');
  return undefined;
}

export function diagnoseApiKeySecret(value: string): Diagnosis | undefined {
  if (value === '') return error('Enter the API key secret (shown only once, when the key was created).');
  if (/\s/.test(value)) return error('Remove the blanks: an API key secret has none.');
  const like = lookalike(value);
  if (like === 'SK') return error("This is the key's SID; enter its secret, shown once when the key was created.");
  if (like === 'AC' || like === 'other-sid') return error('This is a Twilio SID, not an API key secret.');
  if (!ALNUM.test(value)) return error('An API key secret has only letters and digits.');
  if (value.length !== 32) return error(`An API key secret is 32 letters and digits; this is ${value.length} long.`);
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

/** Twilio's limit for an API key's FriendlyName. */
export const FRIENDLY_NAME_MAX = 64;

/** A key's display name: not blank, at most 64 characters, on one line. */
export function validateFriendlyName(value: string): string | undefined {
  if (value.trim() === '') return 'Enter a name, for example where the key is used.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'A name cannot contain line breaks or other control characters.';
  const length = [...value].length;
  if (length > FRIENDLY_NAME_MAX) return `A name has at most ${FRIENDLY_NAME_MAX} characters; this one has ${length}.`;
  return undefined;
}
