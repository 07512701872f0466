/**
 * Which of an account's two stored Auth Tokens is live, decided from what Twilio answered when
 * asked with each. Pure: no `vscode`, no I/O.
 *
 * During a rotation this editor holds two tokens: the account's credential (the "current" token,
 * the primary before promotion) and the secondary. Promotion makes the secondary the primary and
 * kills the current one. When the promotion's answer is lost, only Twilio knows which happened,
 * so both stay stored until a check settles it. The rule that keeps nothing lost: a stored token
 * is removed only when Twilio refused it AND accepted the other one in the same check.
 */

/** Twilio's answer to one token: it authenticates, it is refused, or no answer came (network, 5xx, timeout). */
export type Acceptance = 'accepted' | 'refused' | 'unknown';

/** What a check of both stored tokens tells, and so what the store keeps. */
export type Settlement =
  /** The secondary is the account's token now: it becomes the stored credential; the old one is dropped. */
  | 'promoted'
  /** Twilio accepts both: nothing was promoted; the secondary still waits for promotion. */
  | 'notPromoted'
  /** Only the current token works: the secondary is gone on Twilio (deleted or replaced elsewhere); it is dropped here. */
  | 'secondaryRefused'
  /** Twilio refuses both: the token was changed elsewhere (the Console). Both stay stored; nothing here works. */
  | 'bothRefused'
  /** A check got no answer: which token is live is not known yet. Both stay stored. */
  | 'unknown';

/**
 * The settlement for the answers to the current and the secondary token. Only two answers settle
 * anything; one missing answer leaves it unknown, even when the other would suggest the outcome.
 * `same` is true when both slots hold one token (a store interrupted half-way through a
 * promotion): then the secondary's copy is redundant whatever Twilio says of it.
 */
export function settle(current: Acceptance, secondary: Acceptance, same = false): Settlement {
  if (same) return secondary === 'accepted' ? 'promoted' : secondary === 'refused' ? 'bothRefused' : 'unknown';
  if (current === 'unknown' || secondary === 'unknown') return 'unknown';
  if (secondary === 'accepted') return current === 'accepted' ? 'notPromoted' : 'promoted';
  return current === 'accepted' ? 'secondaryRefused' : 'bothRefused';
}

/** Settlements after which the store holds both tokens and marks the Auth Token "not known yet". */
export function keepsBoth(s: Settlement): boolean {
  return s === 'unknown' || s === 'bothRefused';
}

/** The two storage slots for an account's Auth Token. */
export interface StoredTokens {
  current: string;
  secondary?: string;
}

/** What the slots hold after a settlement is applied (AccountStore does the same in SecretStorage). */
export function storedAfter(s: Settlement, tokens: StoredTokens): StoredTokens {
  if (tokens.secondary === undefined) return tokens;
  switch (s) {
    case 'promoted':
      return { current: tokens.secondary };
    case 'secondaryRefused':
      return { current: tokens.current };
    default:
      return tokens;
  }
}
