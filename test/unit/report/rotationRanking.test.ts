// What to rotate first (issue 20, point 5): the ranking's rules, one behaviour each.
import * as assert from 'assert';
import { rankRotation, type RotationAdvice } from '../../../src/features/report/rotationRanking';
import type { CredentialUse, ReportCredential } from '../../../src/features/report/report';
import { fakeAccountSid, fakeHex, fakeKeySid } from '../../support/fakeCredentials';

const now = new Date('2026-12-01T00:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const account = fakeAccountSid();

function credential(c: Partial<ReportCredential> & Pick<ReportCredential, 'category'>): ReportCredential {
  return { accountSid: account, accountLabel: 'Prod', type: c.category, name: c.category, uses: [], ...c };
}
const use = (kind: CredentialUse['kind'], where: string = kind): CredentialUse => ({ kind, where });
const rank = (list: ReportCredential[], rotationHintDays = 90): RotationAdvice[] => rankRotation(list, { now, rotationHintDays });

describe('What to rotate first', () => {
  it('puts the Auth Token first when it is hardcoded or in a .env file, saying where', () => {
    const token = credential({ category: 'authToken', name: 'Auth Token', uses: [use('hardcoded', 'src/app.js:3'), use('envFile', '.env (TWILIO_AUTH_TOKEN)')] });
    const old = credential({ category: 'apiKey', name: 'old', sid: fakeKeySid(), created: daysAgo(400), uses: [use('envFile')] });
    const [first, second] = rank([old, token]);
    assert.strictEqual(first.credential, token);
    assert.strictEqual(first.priority, 1);
    assert.match(first.reasons[0], /Hardcoded in src\/app\.js:3/);
    assert.match(first.reasons[1], /In \.env \(TWILIO_AUTH_TOKEN\).*API key/);
    assert.strictEqual(second.priority, 3);
  });

  it('an Auth Token used only by this extension needs nothing', () => {
    assert.deepStrictEqual(rank([credential({ category: 'authToken', uses: [use('extension')] })]), []);
  });

  it('a promotion of unknown outcome is urgent; a waiting secondary and a token in Functions come soon', () => {
    const unknown = credential({ category: 'authToken', tokenState: 'unknown', uses: [use('extension')] });
    const waiting = credential({ category: 'authToken', tokenState: 'secondaryWaiting', name: 'Secondary' });
    const inFunctions = credential({ category: 'authToken', name: 'b', uses: [use('functions', 'Functions notify/prod: AUTH_TOKEN')] });
    const byName = new Map(rank([waiting, inFunctions, unknown]).map((a) => [a.credential, a]));
    assert.strictEqual(byName.get(unknown)!.priority, 1);
    assert.match(byName.get(unknown)!.reasons[0], /Check Auth Token/);
    assert.strictEqual(byName.get(waiting)!.priority, 2);
    assert.strictEqual(byName.get(inFunctions)!.priority, 2);
    assert.match(byName.get(inFunctions)!.reasons[0], /Held by Functions notify\/prod: AUTH_TOKEN/);
  });

  it('keys and AWS credentials at least the rotation hint old are due; younger ones and any with the hint off are not', () => {
    const due = credential({ category: 'apiKey', sid: fakeKeySid(), created: daysAgo(90), uses: [use('envFile')] });
    const young = credential({ category: 'apiKey', sid: fakeKeySid(), created: daysAgo(89), uses: [use('envFile')] });
    const aws = credential({ category: 'aws', sid: 'CR' + fakeHex(), created: daysAgo(365) });
    const publicKey = credential({ category: 'publicKey', sid: 'CR' + fakeHex(), created: daysAgo(3000) });
    const ranked = rank([due, young, aws, publicKey]);
    assert.deepStrictEqual(ranked.map((a) => a.credential), [aws, due], 'oldest first; a public key is not a secret');
    assert.match(ranked[1].reasons[0], /90 days old, at least the 90 days/);
    assert.deepStrictEqual(rank([due, aws], 0), [], 'rotationHintDays 0: no age rule');
  });

  it('a broken push credential comes before one that may be broken', () => {
    const health = (status: 'broken' | 'suspect') => ({ status, message: `${status}.`, fix: 'Fix it.' });
    const suspect = credential({ category: 'push', name: 'fcm', health: health('suspect') });
    const broken = credential({ category: 'push', name: 'gcm', health: health('broken') });
    const fine = credential({ category: 'push', name: 'apn' });
    const ranked = rank([suspect, fine, broken]);
    assert.deepStrictEqual(ranked.map((a) => [a.credential.name, a.priority, a.reasons[0]]), [
      ['gcm', 2, 'broken. Fix it.'],
      ['fcm', 3, 'suspect. Fix it.'],
    ]);
  });

  it('an API key with no use found anywhere comes last, as something to tidy up', () => {
    const unused = credential({ category: 'apiKey', sid: fakeKeySid(), created: daysAgo(10) });
    const inTerminals = credential({ category: 'apiKey', sid: fakeKeySid(), created: daysAgo(10), uses: [use('terminals')] });
    const inSession = credential({ category: 'apiKey', sid: fakeKeySid(), created: daysAgo(10), uses: [use('session')] });
    const ranked = rank([unused, inTerminals, inSession]);
    assert.deepStrictEqual(ranked.map((a) => [a.credential, a.priority]), [[unused, 4]]);
    assert.match(ranked[0].reasons[0], /No use found/);
  });

  it('a Functions variable holding the Auth Token is its own reason; other variables are not', () => {
    const holdsToken = credential({ category: 'functionsVariable', holds: { kind: 'authToken', description: 'the Auth Token' } });
    const holdsKey = credential({ category: 'functionsVariable', holds: { kind: 'keySecret', description: 'the secret of key SK…1a2b' } });
    assert.deepStrictEqual(rank([holdsKey, holdsToken]).map((a) => [a.credential, a.priority]), [[holdsToken, 2]]);
  });

  it('orders equal priorities by age, then account and name, so the report is stable', () => {
    const a = credential({ category: 'apiKey', sid: fakeKeySid(), name: 'b', created: daysAgo(100) });
    const b = credential({ category: 'apiKey', sid: fakeKeySid(), name: 'a', created: daysAgo(100) });
    const c = credential({ category: 'apiKey', sid: fakeKeySid(), name: 'z', created: daysAgo(300) });
    assert.deepStrictEqual(rank([a, b, c], 0).map((x) => x.credential.name), ['z', 'a', 'b']);
  });
});
