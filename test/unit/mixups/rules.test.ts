import * as assert from 'assert';
import { ageInDays, codeMixups, envMixups, hostnameMixups, missingKeyMixups, rotationDue, variableRole, Mixup } from '../../../src/features/mixups/rules';
import { applyTextEdits } from '../../../src/features/mixups/clientRewrite';
import { Values } from '../detection/helpers';

const v = new Values(4242);
const codes = (ms: Mixup[]) => ms.map((m) => m.code);
const fixed = (text: string, m: Mixup) => applyTextEdits(text, m.fix!.edits);

describe('Credential mix-ups', () => {
  describe('in .env files', () => {
    it('a key SID in TWILIO_ACCOUNT_SID, an Account SID in TWILIO_API_KEY: both flagged, one fix swaps them', () => {
      const ac = v.accountSid();
      const sk = v.keySid();
      const secret = v.secret();
      const text = `# twilio\nTWILIO_ACCOUNT_SID=${sk}\nTWILIO_API_KEY="${ac}"\nTWILIO_API_SECRET=${secret}\n`;
      const ms = envMixups(text);
      assert.deepStrictEqual(codes(ms), ['twilio-key-sid-as-account-sid', 'twilio-account-sid-as-key-sid']);
      assert.strictEqual(text.slice(ms[0].start, ms[0].end), sk, 'the range is the value');
      assert.strictEqual(text.slice(ms[1].start, ms[1].end), ac, 'the range is the value inside its quotes');
      assert.ok(ms[0].fix && ms[1].fix);
      assert.strictEqual(ms[0].fix.title, 'Swap the Account SID and the API key SID');
      assert.deepStrictEqual(ms.map((m) => [m.severity, m.message]), [
        ['warning', 'TWILIO_ACCOUNT_SID holds an API key SID (SK…), not an Account SID (AC…): Twilio will refuse these credentials (20003).'],
        ['warning', 'TWILIO_API_KEY holds an Account SID (AC…), not an API key SID (SK…): Twilio will refuse these credentials (20003).'],
      ]);
      assert.strictEqual(fixed(text, ms[0]), `# twilio\nTWILIO_ACCOUNT_SID=${ac}\nTWILIO_API_KEY="${sk}"\nTWILIO_API_SECRET=${secret}\n`);
      assert.deepStrictEqual(envMixups(fixed(text, ms[0])), [], 'nothing left after the fix');
    });

    it('only one side mixed up: flagged without a fix (which variable was meant is not certain)', () => {
      const ms = envMixups(`TWILIO_ACCOUNT_SID=${v.keySid()}\nTWILIO_AUTH_TOKEN=${v.token()}\n`);
      assert.deepStrictEqual(codes(ms), ['twilio-key-sid-as-account-sid']);
      assert.strictEqual(ms[0].fix, undefined);
      assert.match(ms[0].message, /TWILIO_ACCOUNT_SID holds an API key SID/);
    });

    it('two key SIDs in Account SID variables: flagged without a swap (which one belongs where is not certain)', () => {
      const ms = envMixups(`TWILIO_ACCOUNT_SID=${v.keySid()}\nACCOUNT_SID=${v.keySid()}\nTWILIO_API_KEY=${v.accountSid()}\n`);
      assert.deepStrictEqual(codes(ms), ['twilio-key-sid-as-account-sid', 'twilio-key-sid-as-account-sid', 'twilio-account-sid-as-key-sid']);
      assert.ok(ms.every((m) => m.fix === undefined));
    });

    it('marks the value itself after export or indentation', () => {
      const sk = v.keySid();
      for (const text of [`export TWILIO_ACCOUNT_SID=${sk}\n`, `  TWILIO_ACCOUNT_SID = '${sk}'\n`]) {
        const [m] = envMixups(text);
        assert.strictEqual(text.slice(m.start, m.end), sk, text);
      }
    });

    it('lists mix-ups in the order of the file, hostnames included', () => {
      const text = `TWILIO_URL=https://api.ie1.twilio.com\nTWILIO_ACCOUNT_SID=${v.keySid()}\n`;
      assert.deepStrictEqual(codes(envMixups(text)), ['twilio-region-without-edge', 'twilio-key-sid-as-account-sid']);
    });

    it('pairs variables by prefix: PROD_ and STAGING_ groups are judged apart', () => {
      const text = [
        `PROD_TWILIO_ACCOUNT_SID=${v.accountSid()}`,
        `PROD_TWILIO_API_KEY=${v.keySid()}`,
        `PROD_TWILIO_API_SECRET=${v.secret()}`,
        `STAGING_TWILIO_API_KEY=${v.keySid()}`,
        '',
      ].join('\n');
      const ms = envMixups(text);
      assert.deepStrictEqual(codes(ms), ['twilio-key-without-secret']);
      assert.strictEqual(ms[0].severity, 'information');
      assert.strictEqual(ms[0].message, 'STAGING_TWILIO_API_KEY names an API key, but no API key secret is set beside it: a key works only with its secret.');
    });

    it('a secret without its key SID; an empty secret counts as none', () => {
      const [alone] = envMixups(`TWILIO_ACCOUNT_SID=${v.accountSid()}\nTWILIO_API_SECRET=${v.secret()}\n`);
      assert.deepStrictEqual([alone.code, alone.severity, alone.message], [
        'twilio-secret-without-key',
        'information',
        'TWILIO_API_SECRET is an API key secret without its key SID (SK…): set the key SID beside it.',
      ]);
      assert.deepStrictEqual(codes(envMixups(`TWILIO_API_KEY=\nTWILIO_API_SECRET=${v.secret()}\n`)), ['twilio-secret-without-key'], 'an empty key SID counts as none');
      assert.deepStrictEqual(envMixups('TWILIO_API_SECRET=\n'), [], 'an empty secret alone is nothing to report');
      assert.deepStrictEqual(codes(envMixups(`TWILIO_API_KEY=${v.keySid()}\nTWILIO_API_SECRET=\n`)), ['twilio-key-without-secret']);
      assert.deepStrictEqual(envMixups(`TWILIO_API_KEY=${v.keySid()}\nTWILIO_API_SECRET=${v.secret()}\n`), []);
    });

    it('judges a value only when it is a whole SID', () => {
      const ac = v.accountSid(), sk = v.keySid();
      for (const text of [`TWILIO_API_KEY=x${ac}\n`, `TWILIO_API_KEY=${ac}x\n`, `TWILIO_ACCOUNT_SID=x${sk}\nTWILIO_API_KEY=${v.keySid()}\nTWILIO_API_SECRET=${v.secret()}\n`, `TWILIO_ACCOUNT_SID=${sk}x\nTWILIO_API_KEY=${v.keySid()}\nTWILIO_API_SECRET=${v.secret()}\n`]) {
        assert.deepStrictEqual(envMixups(text), [], text);
      }
    });

    it('leaves other services\' keys alone', () => {
      assert.deepStrictEqual(envMixups('OPENAI_API_KEY=sk-abc\nSTRIPE_API_SECRET=xyz\nAPI_KEY=whatever\n'), []);
    });

    it('uses the configured variable names', () => {
      const names = { accountSid: 'SID', apiKey: 'KEY', apiSecret: 'SECRET' };
      const ms = envMixups(`SID=${v.keySid()}\nKEY=${v.accountSid()}\nSECRET=x\n`, names);
      assert.deepStrictEqual(codes(ms), ['twilio-key-sid-as-account-sid', 'twilio-account-sid-as-key-sid']);
      assert.ok(ms[0].fix, 'the three variables are one set, so the swap is certain');
      assert.deepStrictEqual(envMixups(`SID=${v.accountSid()}\nKEY=${v.keySid()}\nSECRET=${v.secret()}\n`, names), [], 'a right set is quiet');
      assert.deepStrictEqual(codes(envMixups('TWILIO_REGION=ie1\n', names)), ['twilio-region-without-edge'], 'other variables keep their roles');
    });

    it('TWILIO_REGION without TWILIO_EDGE: adds the region\'s edge on the next line', () => {
      const text = 'TWILIO_REGION=ie1\r\nPORT=3000\r\n';
      const [m] = envMixups(text);
      assert.strictEqual(m.code, 'twilio-region-without-edge');
      assert.strictEqual(fixed(text, m), 'TWILIO_REGION=ie1\r\nTWILIO_EDGE=dublin\r\nPORT=3000\r\n');
      assert.deepStrictEqual(envMixups('TWILIO_REGION=au1'), envMixups('TWILIO_REGION=au1'));
      assert.strictEqual(fixed('TWILIO_REGION=au1', envMixups('TWILIO_REGION=au1')[0]), 'TWILIO_REGION=au1\nTWILIO_EDGE=sydney');
      assert.deepStrictEqual(envMixups('TWILIO_REGION=ie1\nTWILIO_EDGE=dublin\n'), []);
      assert.deepStrictEqual(envMixups('TWILIO_REGION=us1\n'), []);
      assert.deepStrictEqual(envMixups('TWILIO_REGION=xx9\n'), [], 'an unknown region has no edge to add');
      assert.deepStrictEqual(codes(envMixups('TWILIO_REGION=ie1\nTWILIO_EDGE=\n')), ['twilio-region-without-edge'], 'an empty edge counts as none');
    });

    it('says which hostname the region leads to, and keeps the variable\'s case and the file\'s line ending in the fix', () => {
      const [m] = envMixups('A=1\r\ntwilio_region=jp1');
      assert.strictEqual(m.severity, 'warning');
      assert.strictEqual(m.message, 'twilio_region=jp1 without an edge makes the Twilio libraries call api.jp1.twilio.com, and regional hostnames without an edge stopped working on 2026-04-28. Set twilio_edge=tokyo.');
      assert.strictEqual(m.fix!.title, 'Add twilio_edge=tokyo');
      assert.strictEqual(fixed('A=1\r\ntwilio_region=jp1', m), 'A=1\r\ntwilio_region=jp1\r\ntwilio_edge=tokyo');
      const [eu] = envMixups('EU_REGION_TWILIO_REGION=de1\n');
      assert.strictEqual(eu.fix!.title, 'Add EU_REGION_TWILIO_EDGE=frankfurt', 'only the REGION at the end becomes EDGE');
    });

    it('a file that does not parse gets no mix-ups (the parser reports it)', () => {
      assert.deepStrictEqual(envMixups(`TWILIO_ACCOUNT_SID="${v.keySid()}\n`), []);
    });
  });

  describe('regional hostnames', () => {
    it('api.ie1.twilio.com becomes api.dublin.ie1.twilio.com, for every region and product', () => {
      const text = 'const url = "https://api.ie1.twilio.com/2010-04-01";\nconst b = "https://messaging.au1.twilio.com";\n';
      const ms = hostnameMixups(text);
      assert.deepStrictEqual(ms.map((m) => text.slice(m.start, m.end)), ['api.ie1.twilio.com', 'messaging.au1.twilio.com']);
      assert.strictEqual(applyTextEdits(text, ms.flatMap((m) => m.fix!.edits)), 'const url = "https://api.dublin.ie1.twilio.com/2010-04-01";\nconst b = "https://messaging.sydney.au1.twilio.com";\n');
    });

    it('leaves edge forms, the global host and look-alikes alone', () => {
      assert.deepStrictEqual(hostnameMixups('api.dublin.ie1.twilio.com api.twilio.com api.ie1.twilio.community x.api.ie1.twilio.com api.xx9.twilio.com'), []);
      assert.deepStrictEqual(hostnameMixups('https://dublin.ie1.twilio.com'), [], 'a host that starts with the edge');
    });

    it('says what to use instead', () => {
      const [m] = hostnameMixups('https://api.ie1.twilio.com');
      assert.deepStrictEqual([m.code, m.severity, m.message, m.fix!.title], [
        'twilio-region-without-edge',
        'warning',
        'api.ie1.twilio.com has no edge: regional hostnames without one stopped working on 2026-04-28. Use api.dublin.ie1.twilio.com.',
        'Replace with api.dublin.ie1.twilio.com',
      ]);
    });
  });

  describe('in code', () => {
    it('accountSid = "SK…" and apiKey = "AC…": flagged, and swapped by the fix', () => {
      const ac = v.accountSid();
      const sk = v.keySid();
      const text = `const accountSid = '${sk}';\nconst apiKey = '${ac}';\nconst c = twilio(apiKey, secret, { accountSid });\n`;
      const ms = codeMixups(text);
      assert.deepStrictEqual(codes(ms), ['twilio-key-sid-as-account-sid', 'twilio-account-sid-as-key-sid']);
      assert.deepStrictEqual(ms.map((m) => [m.severity, m.message]), [
        ['warning', 'accountSid holds an API key SID (SK…), not an Account SID (AC…): Twilio will refuse these credentials (20003).'],
        ['warning', 'apiKey holds an Account SID (AC…), not an API key SID (SK…): Twilio will refuse these credentials (20003).'],
      ]);
      assert.strictEqual(fixed(text, ms[0]), `const accountSid = '${ac}';\nconst apiKey = '${sk}';\nconst c = twilio(apiKey, secret, { accountSid });\n`);
    });

    it('Python and YAML names too; right pairs are quiet', () => {
      assert.deepStrictEqual(codes(codeMixups(`TWILIO_ACCOUNT_SID = "${v.keySid()}"\n`)), ['twilio-key-sid-as-account-sid']);
      assert.deepStrictEqual(codes(codeMixups(`twilio:\n  api_key_sid: ${v.accountSid()}\n`)), ['twilio-account-sid-as-key-sid']);
      assert.deepStrictEqual(codeMixups(`account_sid = "${v.accountSid()}"\napi_key = "${v.keySid()}"\n`), []);
    });

    it('judges only names that end in the SID\'s name, and SIDs with no name at all are left alone', () => {
      assert.deepStrictEqual(codeMixups(`accountSidLabel = "${v.keySid()}"\napiKeyOwner = "${v.accountSid()}"\n`), []);
      assert.deepStrictEqual(codeMixups(`[\n  "${v.keySid()}",\n  "${v.accountSid()}"\n]\n`), []);
    });

    it('lists mix-ups in the order of the file, hostnames included', () => {
      const text = `const url = 'https://api.ie1.twilio.com';\nconst accountSid = '${v.keySid()}';\n`;
      assert.deepStrictEqual(codes(codeMixups(text)), ['twilio-region-without-edge', 'twilio-key-sid-as-account-sid']);
    });
  });

  describe('keys the account no longer has', () => {
    it('flags a key only when the account named beside it says absent', () => {
      const ac = v.accountSid();
      const gone = v.keySid();
      const text = `TWILIO_ACCOUNT_SID=${ac}\nTWILIO_API_KEY=${gone}\nTWILIO_API_SECRET=${v.secret()}\n`;
      const [m] = missingKeyMixups(text, () => 'absent');
      assert.strictEqual(m.code, 'twilio-key-not-found');
      assert.strictEqual(text.slice(m.start, m.end), gone);
      assert.strictEqual(m.accountSid, ac);
      assert.strictEqual(m.severity, 'warning');
      assert.strictEqual(m.message, `Account ${ac} has no API key ${gone}: it was deleted or rotated away, so these credentials no longer work.`);
      assert.deepStrictEqual(missingKeyMixups(text, () => 'unknown'), [], 'no alarm while the list is not fully known');
      assert.deepStrictEqual(missingKeyMixups(text, () => 'present'), []);
      assert.deepStrictEqual(missingKeyMixups(`TWILIO_API_KEY=${gone}\n`, () => 'absent'), [], 'no account named: no judgement');
    });

    it('asks only about a key SID in a key variable, with the account of its own group', () => {
      const ac = v.accountSid();
      const absent = () => 'absent' as const;
      assert.deepStrictEqual(missingKeyMixups(`TWILIO_ACCOUNT_SID=${ac}\nTWILIO_API_KEY=${v.accountSid()}\n`, absent), [], 'not a key SID');
      assert.deepStrictEqual(missingKeyMixups(`TWILIO_ACCOUNT_SID=${ac}\nTWILIO_API_SECRET=${v.keySid()}\n`, absent), [], 'a key SID in the secret variable');
      assert.deepStrictEqual(missingKeyMixups(`PROD_TWILIO_ACCOUNT_SID=${ac}\nSTAGING_TWILIO_API_KEY=${v.keySid()}\n`, absent), [], 'another group\'s account');
      assert.deepStrictEqual(missingKeyMixups(`TWILIO_ACCOUNT_SID="${v.keySid()}\n`, absent), [], 'a file that does not parse');
    });

    it('reads the account from the Account SID variable, not from an Account SID pasted elsewhere in the group', () => {
      const ac = v.accountSid(), gone = v.keySid();
      const text = `TWILIO_API_KEY=${v.accountSid()}\nTWILIO_ACCOUNT_SID=${ac}\nTWILIO_API_KEY_SID=${gone}\n`;
      const ms = missingKeyMixups(text, (account) => (account === ac ? 'absent' : 'present'));
      assert.deepStrictEqual(ms.map((m) => [m.accountSid, m.keySid]), [[ac, gone]]);
    });
  });

  describe('rotation hints', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    it('off at 0, on from the threshold', () => {
      const created = new Date('2026-08-01T12:00:00Z');
      assert.strictEqual(rotationDue(created, now, 0), undefined);
      assert.strictEqual(rotationDue(created, now, 90), 121);
      assert.strictEqual(rotationDue(created, now, 121), 121, 'on the day the threshold is reached');
      assert.strictEqual(rotationDue(created, now, 122), undefined);
      assert.strictEqual(rotationDue(undefined, now, 30), undefined);
      assert.strictEqual(rotationDue(new Date('2027-01-01'), now, 1), undefined);
    });

    it('a key created today is 0 days old; one dated later than now has no age', () => {
      assert.strictEqual(ageInDays(now, now), 0);
      assert.strictEqual(ageInDays(new Date(now.getTime() + 1000), now), undefined);
    });
  });

  it('variable roles by name', () => {
    assert.deepStrictEqual(variableRole('TWILIO_ACCOUNT_SID'), { role: 'accountSid', group: '' });
    assert.deepStrictEqual(variableRole('PROD_TWILIO_API_KEY_SID'), { role: 'apiKey', group: 'PROD_' });
    assert.deepStrictEqual(variableRole('TWILIO_API_KEY_SECRET'), { role: 'apiSecret', group: '' });
    assert.strictEqual(variableRole('PORT'), undefined);
  });

  it('reads every spelling of the names, with or without underscores, and only at the end of the name', () => {
    const roles = Object.fromEntries(
      [
        'TWILIO_ACCOUNTSID', 'TWILIO_ACCOUNT_SID_OLD',
        'TWILIO_APIKEYSECRET', 'TWILIO_API_KEYSECRET', 'TWILIO_APIKEY_SECRET', 'TWILIO_APISECRET', 'TWILIO_KEYSECRET', 'TWILIO_KEY_SECRET', 'TWILIO_API_KEY_SECRET_OLD',
        'TWILIO_APIKEYSID', 'TWILIO_API_KEYSID', 'TWILIO_APIKEY_SID', 'TWILIO_APIKEY', 'TWILIO_KEYSID', 'TWILIO_KEY_SID', 'TWILIO_API_KEY_OLD',
        'TWILIO_REGION_OLD', 'TWILIO_EDGE_OLD',
      ].map((n) => {
        const r = variableRole(n);
        return [n, r && `${r.role}${r.group ? ` in ${r.group}` : ''}`];
      }),
    );
    // One group (''): each name pairs with the others of its set.
    assert.deepStrictEqual(roles, {
      TWILIO_ACCOUNTSID: 'accountSid', TWILIO_ACCOUNT_SID_OLD: undefined,
      TWILIO_APIKEYSECRET: 'apiSecret', TWILIO_API_KEYSECRET: 'apiSecret', TWILIO_APIKEY_SECRET: 'apiSecret', TWILIO_APISECRET: 'apiSecret',
      TWILIO_KEYSECRET: 'apiSecret', TWILIO_KEY_SECRET: 'apiSecret', TWILIO_API_KEY_SECRET_OLD: undefined,
      TWILIO_APIKEYSID: 'apiKey', TWILIO_API_KEYSID: 'apiKey', TWILIO_APIKEY_SID: 'apiKey', TWILIO_APIKEY: 'apiKey',
      TWILIO_KEYSID: 'apiKey', TWILIO_KEY_SID: 'apiKey', TWILIO_API_KEY_OLD: undefined,
      TWILIO_REGION_OLD: undefined, TWILIO_EDGE_OLD: undefined,
    });
  });

  it('groups variables by what comes before TWILIO', () => {
    assert.deepStrictEqual(variableRole('PRODTWILIOACCOUNTSID'), { role: 'accountSid', group: 'PROD' });
    assert.deepStrictEqual(variableRole('TWILIO_PROD_ACCOUNT_SID'), { role: 'accountSid', group: 'TWILIO_PROD_' });
  });
});
