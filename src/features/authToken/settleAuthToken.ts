import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import type { AccountRecord } from '../../services/model';
import type { AccountCredentials } from '../../core/twilio/types';
import type { TwilioApi } from '../../services/twilioService';
import { errorMessage } from '../../platform/commands';
import { Acceptance, keepsBoth, settle, Settlement } from './tokenState';

export type TokenCredentials = AccountCredentials & { auth: { kind: 'authToken' } };

/** The account's credentials with another Auth Token. */
export function withToken(creds: AccountCredentials, authToken: string): TokenCredentials {
  return { accountSid: creds.accountSid, auth: { kind: 'authToken', authToken }, region: creds.region, edge: creds.edge };
}

/** One token, asked of Twilio with GET requests only: accepted, refused, or no answer (and why). */
export async function acceptance(api: TwilioApi, creds: AccountCredentials): Promise<{ answer: Acceptance; reason?: string }> {
  try {
    const check = await api.checkCredentials(creds);
    return check.valid ? { answer: 'accepted' } : { answer: 'refused', reason: check.reason };
  } catch (e) {
    return { answer: 'unknown', reason: errorMessage(e) };
  }
}

export interface StoredTokensCheck {
  settlement: Settlement;
  /** Why the check settled nothing: the error of the request that got no answer, or of the store. */
  reason?: string;
  /** The workspace `.env` files that hold a secondary Twilio refused (so it was removed). */
  holdingRefused?: string[];
}

/**
 * Asks Twilio with the account's stored Auth Token and with the stored secondary, then applies
 * what it tells through the AccountStore: the secondary adopted as the credential (promoted), the
 * secondary dropped (refused while the current one works), or both kept and marked "not known
 * yet" (a check got no answer, or Twilio refused both). A token is removed only when Twilio refused
 * it and accepted the other in this same check, so the live one is never lost. Undefined when no
 * secondary is stored: there is nothing to settle.
 */
export async function settleStoredTokens(s: Services, account: AccountRecord, creds: TokenCredentials): Promise<StoredTokensCheck | undefined> {
  const sid = account.accountSid;
  const secondary = await s.accounts.getSecondaryAuthToken(sid);
  if (secondary === undefined) return undefined;
  s.log.protect(secondary);
  const api = await s.twilio.get();
  const current = await acceptance(api, creds);
  const next = await acceptance(api, withToken(creds, secondary));
  const settlement = settle(current.answer, next.answer, secondary === creds.auth.authToken);
  s.log.info(`Auth Token check of ${sid}: stored token ${current.answer}, secondary ${next.answer}: ${settlement}.`);
  const reason = current.answer === 'unknown' ? current.reason : next.answer === 'unknown' ? next.reason : undefined;
  const holdingRefused = settlement === 'secondaryRefused' ? await filesHolding(s, secondary) : undefined;
  try {
    await apply(s, sid, settlement);
    return { settlement, reason, holdingRefused };
  } catch (e) {
    // SecretStorage refused: nothing was removed (adoption stores before it deletes); keep both marked.
    s.log.error(`Storing the outcome of the Auth Token check of ${sid} failed`, e);
    await s.accounts.markAuthTokenUnknown(sid).catch(() => undefined);
    return { settlement: 'unknown', reason: errorMessage(e) };
  }
}

async function filesHolding(s: Services, token: string): Promise<string[]> {
  await s.envIndex.whenReady();
  return s.envIndex.referencing(token).map((r) => r.file.label);
}

async function apply(s: Services, accountSid: string, settlement: Settlement): Promise<void> {
  if (settlement === 'promoted') return s.accounts.adoptSecondaryAuthToken(accountSid);
  if (settlement === 'secondaryRefused') return s.accounts.forgetSecondaryAuthToken(accountSid);
  if (settlement === 'notPromoted') return s.accounts.promotionNotDone(accountSid);
  if (keepsBoth(settlement)) return s.accounts.markAuthTokenUnknown(accountSid);
}

/** What a check of both tokens found and what was kept, in words (no token in them). */
export function settlementText(label: string, check: StoredTokensCheck): string {
  switch (check.settlement) {
    case 'promoted':
      return vscode.l10n.t('The promotion of the Auth Token of "{0}" went through: Twilio accepts the new token and refuses the old one. The new token is now the account’s stored credential, and the old one was removed from this editor.', label);
    case 'notPromoted':
      return vscode.l10n.t('Twilio accepts both Auth Tokens of "{0}": the promotion did not happen. Both are stored here; the secondary waits for promotion under the account in the tree.', label);
    case 'secondaryRefused':
      return check.holdingRefused?.length
        ? vscode.l10n.t('Twilio accepts the stored Auth Token of "{0}" and refuses the secondary, which was deleted or replaced elsewhere: it was removed from this editor. These .env files still hold it and need the current token: {1}. Run Rotate Auth Token again for a new one.', label, check.holdingRefused.join(', '))
        : vscode.l10n.t('Twilio accepts the stored Auth Token of "{0}" and refuses the secondary, which was deleted or replaced elsewhere: it was removed from this editor. Run Rotate Auth Token again for a new one.', label);
    case 'bothRefused':
      return vscode.l10n.t('Twilio refuses both Auth Tokens stored for "{0}": the token was changed elsewhere (the Twilio Console?). Both stay stored here. Use "Update Credentials" with the account’s current Auth Token.', label);
    case 'unknown':
      return vscode.l10n.t('Which Auth Token of "{0}" Twilio accepts is not known yet: {1} Both tokens stay stored in this editor, and one of them is the live one. Run "Check Auth Token" (or Rotate Auth Token) when Twilio can be reached; until then treat both as live.', label, check.reason ?? '');
  }
}
