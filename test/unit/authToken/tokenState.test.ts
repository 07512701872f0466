// Which of two stored Auth Tokens is kept after a promotion whose answer may have been lost
// (src/features/authToken/tokenState.ts). The rule a user would state: whatever Twilio did and whichever
// checks got no answer, one of the tokens this editor keeps is the one Twilio accepts.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Acceptance, keepsBoth, settle, type Settlement, storedAfter, type StoredTokens } from '../../../src/features/authToken/tokenState';
import { fakeAuthToken } from '../../support/fakeCredentials';
import { runs } from '../fuzz/hostile';

describe('Auth Token settlement', () => {
  it('decides only on two answers, and says what each pair means', () => {
    const table: Array<[Acceptance, Acceptance, Settlement]> = [
      ['accepted', 'accepted', 'notPromoted'],
      ['refused', 'accepted', 'promoted'],
      ['accepted', 'refused', 'secondaryRefused'],
      ['refused', 'refused', 'bothRefused'],
      ['unknown', 'accepted', 'unknown'],
      ['unknown', 'refused', 'unknown'],
      ['accepted', 'unknown', 'unknown'],
      ['refused', 'unknown', 'unknown'],
      ['unknown', 'unknown', 'unknown'],
    ];
    for (const [current, secondary, expected] of table) assert.equal(settle(current, secondary), expected, `${current} / ${secondary}`);
  });

  it('one token in both slots (a store cut short mid-promotion) keeps it once it is accepted', () => {
    assert.equal(settle('accepted', 'accepted', true), 'promoted');
    assert.equal(settle('refused', 'refused', true), 'bothRefused');
    assert.equal(settle('unknown', 'unknown', true), 'unknown');
    const t = fakeAuthToken();
    assert.deepEqual(storedAfter('promoted', { current: t, secondary: t }), { current: t });
  });

  it('keeps both tokens while not known, and one afterwards', () => {
    const tokens = { current: fakeAuthToken(), secondary: fakeAuthToken() };
    assert.deepEqual(storedAfter('promoted', tokens), { current: tokens.secondary });
    assert.deepEqual(storedAfter('secondaryRefused', tokens), { current: tokens.current });
    for (const s of ['notPromoted', 'bothRefused', 'unknown'] as const) assert.deepEqual(storedAfter(s, tokens), tokens);
    assert.deepEqual([keepsBoth('unknown'), keepsBoth('bothRefused'), keepsBoth('notPromoted'), keepsBoth('promoted')], [true, true, false, false]);
  });

  /**
   * A model of Twilio and of this editor's two slots through rotations: the secondary is created
   * and stored, promotions are sent (applied or not, their answer received or lost), checks are
   * made (each answer possibly lost), and tokens change elsewhere (the Console deletes the
   * secondary). The editor acts as the rotation does: a received answer is stored at once; a lost
   * one is settled by a check. After every step, a token Twilio accepts is among those stored,
   * unless Twilio accepts none of those the editor was ever told about.
   */
  it('property: at every step one of the stored tokens is the one Twilio accepts', () => {
    type Step =
      | { kind: 'createSecondary' }
      | { kind: 'promote'; applied: boolean; answered: boolean; checks: [boolean, boolean] }
      | { kind: 'check'; checks: [boolean, boolean] }
      | { kind: 'deleteSecondaryElsewhere' };
    const answered = fc.tuple(fc.boolean(), fc.boolean());
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.constant({ kind: 'createSecondary' as const }),
      fc.record({ kind: fc.constant('promote' as const), applied: fc.boolean(), answered: fc.boolean(), checks: answered }),
      fc.record({ kind: fc.constant('check' as const), checks: answered }),
      fc.constant({ kind: 'deleteSecondaryElsewhere' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        let n = 0;
        const token = () => `token-${n++}`;
        const twilio: { primary: string; secondary?: string } = { primary: token() };
        let stored: StoredTokens = { current: twilio.primary };
        const accepts = (t: string) => t === twilio.primary || t === twilio.secondary;
        const ask = (t: string, gotAnswer: boolean): Acceptance => (!gotAnswer ? 'unknown' : accepts(t) ? 'accepted' : 'refused');
        const check = (answers: [boolean, boolean]) => {
          if (stored.secondary === undefined) return;
          const s = settle(ask(stored.current, answers[0]), ask(stored.secondary, answers[1]), stored.current === stored.secondary);
          stored = storedAfter(s, stored);
        };
        for (const st of steps) {
          // The rotation settles an unknown outcome before anything else; the model does the same.
          if (st.kind === 'createSecondary' && stored.secondary === undefined && accepts(stored.current)) {
            twilio.secondary = token();
            stored = { ...stored, secondary: twilio.secondary };
          } else if (st.kind === 'promote' && stored.secondary !== undefined) {
            // Twilio promotes its own secondary, for a caller it authenticates; the answer names
            // the new token, and the rotation trusts it only when it is the one stored here.
            const happened = st.applied && accepts(stored.current) && twilio.secondary !== undefined;
            const promotedTo = twilio.secondary;
            if (happened) {
              twilio.primary = promotedTo!;
              twilio.secondary = undefined;
            }
            if (st.answered && happened && promotedTo === stored.secondary) stored = storedAfter('promoted', stored);
            else check(st.checks);
          } else if (st.kind === 'check') {
            check(st.checks);
          } else if (st.kind === 'deleteSecondaryElsewhere') {
            twilio.secondary = undefined;
          }
          const kept = [stored.current, stored.secondary].filter((t) => t !== undefined);
          assert.ok(kept.some(accepts), `no stored token is live after ${JSON.stringify(st)}: stored ${JSON.stringify(stored)}, Twilio ${JSON.stringify(twilio)}`);
        }
      }),
      runs(3000),
    );
  });
});
