// Which Twilio Functions variables hold a key or a token: what a rotation updates and what Delete
// API Key warns about. The inventory is built here with generated values; nothing returned may
// carry one.
import * as assert from 'assert';
import { keyHolders, keyMentions, placeLabel, placesList, servicesGivenTheToken, tokenHolders } from '../../../src/features/functions/holders';
import { fingerprint } from '../../../src/core/detection';
import type { FunctionsInventory, FunctionsVariable } from '../../../src/core/twilio/types';
import { fakeAccountSid, fakeAuthToken, fakeHex, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

const names = { apiKey: 'TWILIO_API_KEY', apiSecret: 'TWILIO_API_SECRET' };
const print = (secret: string) => ({ print: fingerprint(secret), fingerprint });

/** An inventory of services, each `{ name: { env: { KEY: value } } }`. */
function inventory(spec: Record<string, Record<string, Record<string, string>>>, includeCredentials = true): FunctionsInventory {
  return {
    services: Object.entries(spec).map(([name, envs]) => {
      const serviceSid = 'ZS' + fakeHex();
      return {
        service: { sid: serviceSid, uniqueName: name, friendlyName: '', includeCredentials, domainBase: name },
        environments: Object.entries(envs).map(([envName, vars]) => {
          const environmentSid = 'ZE' + fakeHex();
          return {
            environment: { sid: environmentSid, serviceSid, uniqueName: envName, domainSuffix: '', domainName: `${name}-${envName}.twil.io` },
            variables: Object.entries(vars).map(([key, value]): FunctionsVariable => ({ sid: 'ZV' + fakeHex(), serviceSid, environmentSid, key, value })),
          };
        }),
      };
    }),
  };
}

/** Every value the inventory holds: none may appear in what the functions return. */
function values(inv: FunctionsInventory): string[] {
  return inv.services.flatMap((s) => s.environments.flatMap((e) => e.variables.map((v) => v.value)));
}

function assertNoValue(result: unknown, inv: FunctionsInventory): void {
  const text = JSON.stringify(result);
  for (const v of values(inv)) assert.ok(!text.includes(v), 'a value leaked into the result');
}

describe('Functions variables holding a key or a token', () => {
  it('finds the key pair a rotation must update: the SID by value, the secret by fingerprint', () => {
    const sid = fakeKeySid();
    const secret = fakeKeySecret();
    const inv = inventory({ notify: { production: { TWILIO_ACCOUNT_SID: fakeAccountSid(), MY_KEY: sid, MY_SECRET: secret, PORT: '3000' }, dev: { OTHER: fakeKeySid() } } });
    const found = keyHolders(inv, { sid, secret: print(secret) }, names);
    assert.deepStrictEqual(
      found.updates.map((u) => [u.key, u.to, placeLabel(u)]),
      [
        ['MY_KEY', 'sid', 'notify / production: MY_KEY'],
        ['MY_SECRET', 'secret', 'notify / production: MY_SECRET'],
      ],
    );
    assert.deepStrictEqual(found.incomplete, []);
    assertNoValue(found, inv);
  });

  it('pairs the configured secret variable with the configured key variable when the editor does not hold the old secret', () => {
    const sid = fakeKeySid();
    const inv = inventory({ notify: { production: { TWILIO_API_KEY: sid, TWILIO_API_SECRET: fakeKeySecret() } } });
    const found = keyHolders(inv, { sid }, names);
    assert.deepStrictEqual(found.updates.map((u) => [u.key, u.to]), [['TWILIO_API_KEY', 'sid'], ['TWILIO_API_SECRET', 'secret']]);
  });

  it('leaves an environment holding half the pair alone and says why, rather than break it', () => {
    const sid = fakeKeySid();
    const secret = fakeKeySecret();
    const inv = inventory({ a: { sidOnly: { SMS_KEY: sid, SMS_SECRET: fakeKeySecret() }, secretOnly: { SMS_SECRET: secret }, both: { K: sid, S: secret } } });
    const found = keyHolders(inv, { sid, secret: print(secret) }, names);
    assert.deepStrictEqual(found.updates.map(placeLabel), ['a / both: K', 'a / both: S']);
    assert.deepStrictEqual(
      found.incomplete.map((i) => [i.places.map(placeLabel), i.reason]),
      [
        [['a / sidOnly: SMS_KEY'], 'holds the key’s SID, but no variable this editor can tell holds its secret'],
        [['a / secretOnly: SMS_SECRET'], 'holds the key’s secret, but not its SID'],
      ],
    );
  });

  it('matches a value with surrounding white space, and nothing else', () => {
    const sid = fakeKeySid();
    const secret = fakeKeySecret();
    const inv = inventory({ s: { e: { K: ` ${sid}\n`, S: `${secret}\n`, NEAR: sid.slice(0, -1) + 'x', PREFIX: `${secret}x` } } });
    const found = keyHolders(inv, { sid, secret: print(secret) }, names);
    assert.deepStrictEqual(found.updates.map((u) => u.key), ['K', 'S']);
  });

  it('names every variable holding a key being deleted, its SID or its secret', () => {
    const sid = fakeKeySid();
    const secret = fakeKeySecret();
    const inv = inventory({ notify: { production: { K: sid }, staging: { S: secret, X: fakeKeySecret() } }, other: { prod: { NOTHING: 'here' } } });
    const found = keyMentions(inv, { sid, secret: print(secret) });
    assert.deepStrictEqual(found.map(placeLabel), ['notify / production: K', 'notify / staging: S']);
    assertNoValue(found, inv);
    assert.deepStrictEqual(keyMentions(inv, { sid: fakeKeySid() }), []);
  });

  it('finds an Auth Token by fingerprint, and the services Twilio gives it to itself', () => {
    const token = fakeAuthToken();
    const inv = inventory({ notify: { production: { AUTH: token, OTHER: fakeAuthToken() } }, quiet: {} });
    const found = tokenHolders(inv, print(token));
    assert.deepStrictEqual(found.map(placeLabel), ['notify / production: AUTH']);
    assertNoValue(found, inv);
    assert.deepStrictEqual(servicesGivenTheToken(inv), ['notify', 'quiet']);
    assert.deepStrictEqual(servicesGivenTheToken(inventory({ x: {} }, false)), []);
  });

  it('lists places for a sentence, at most ten', () => {
    assert.strictEqual(placesList([]), 'none');
    assert.strictEqual(placesList(['a', 'b']), 'a, b');
    assert.strictEqual(placesList(Array.from({ length: 12 }, (_, i) => String(i))), '0, 1, 2, 3, 4, 5, 6, 7, 8, 9 and 2 more');
  });
});
