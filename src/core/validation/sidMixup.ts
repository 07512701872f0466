/**
 * The swapped-SID mix-up, in one place: an API key SID (SK…) where a name says Account SID, or an
 * Account SID (AC…) where a name says API key. Twilio refuses such credentials (error 20003), and
 * nothing in the message says why. The editor's mix-up diagnostics (src/features/mixups/rules.ts)
 * apply this rule to `.env` variables and to names in code alike.
 */
import * as l10n from '@vscode/l10n';

/** What a name asks for. */
export type SidSlot = 'accountSid' | 'apiKey';

export type SidMixupCode = 'twilio-key-sid-as-account-sid' | 'twilio-account-sid-as-key-sid';

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const KEY_SID = /^SK[0-9a-fA-F]{32}$/;

/**
 * The SID a name asks for, by how it ends, case and separators aside: `TWILIO_ACCOUNT_SID` and
 * `accountSid` an Account SID; `TWILIO_API_KEY`, `apiKeySid` and `KEY_SID` an API key SID.
 */
export function sidSlotOfName(name: string): SidSlot | undefined {
  const n = name.replace(/[^A-Za-z0-9]+/g, '').toLowerCase();
  if (n.endsWith('accountsid')) return 'accountSid';
  if (/(?:apikey|apikeysid|keysid)$/.test(n)) return 'apiKey';
  return undefined;
}

/** The mix-up when `value` (a whole SID) is where `slot` belongs; undefined when it fits or is not a SID of the other kind. */
export function sidMixup(slot: SidSlot, value: string): SidMixupCode | undefined {
  if (slot === 'accountSid' && KEY_SID.test(value)) return 'twilio-key-sid-as-account-sid';
  if (slot === 'apiKey' && ACCOUNT_SID.test(value)) return 'twilio-account-sid-as-key-sid';
  return undefined;
}

/** What the user is told about the mix-up in the variable or field `name`. */
export function sidMixupMessage(code: SidMixupCode, name: string): string {
  return code === 'twilio-key-sid-as-account-sid'
    ? l10n.t('{0} holds an API key SID (SK…), not an Account SID (AC…): Twilio will refuse these credentials (20003).', name)
    : l10n.t('{0} holds an Account SID (AC…), not an API key SID (SK…): Twilio will refuse these credentials (20003).', name);
}
