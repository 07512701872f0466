import * as assert from 'assert';
import { codeMixups, envMixups, hostnameMixups, missingKeyMixups, rotationDue, variableRole, Mixup } from '../../../src/features/mixups/rules';
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
      assert.strictEqual(fixed(text, ms[0]), `# twilio\nTWILIO_ACCOUNT_SID=${ac}\nTWILIO_API_KEY="${sk}"\nTWILIO_API_SECRET=${secret}\n`);
      assert.deepStrictEqual(envMixups(fixed(text, ms[0])), [], 'nothing left after the fix');
    });

    it('only one side mixed up: flagged without a fix (which variable was meant is not certain)', () => {
      const ms = envMixups(`TWILIO_ACCOUNT_SID=${v.keySid()}\nTWILIO_AUTH_TOKEN=${v.token()}\n`);
      assert.deepStrictEqual(codes(ms), ['twilio-key-sid-as-account-sid']);
      assert.strictEqual(ms[0].fix, undefined);
      assert.match(ms[0].message, /TWILIO_ACCOUNT_SID holds an API key SID/);
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
      assert.match(ms[0].message, /STAGING_TWILIO_API_KEY/);
    });

    it('a secret without its key SID; an empty secret counts as none', () => {
      assert.deepStrictEqual(codes(envMixups(`TWILIO_ACCOUNT_SID=${v.accountSid()}\nTWILIO_API_SECRET=${v.secret()}\n`)), ['twilio-secret-without-key']);
      assert.deepStrictEqual(codes(envMixups(`TWILIO_API_KEY=${v.keySid()}\nTWILIO_API_SECRET=\n`)), ['twilio-key-without-secret']);
      assert.deepStrictEqual(envMixups(`TWILIO_API_KEY=${v.keySid()}\nTWILIO_API_SECRET=${v.secret()}\n`), []);
    });

    it('leaves other services\' keys alone', () => {
      assert.deepStrictEqual(envMixups('OPENAI_API_KEY=sk-abc\nSTRIPE_API_SECRET=xyz\nAPI_KEY=whatever\n'), []);
    });

    it('uses the configured variable names', () => {
      const names = { accountSid: 'SID', apiKey: 'KEY', apiSecret: 'SECRET' };
      assert.deepStrictEqual(codes(envMixups(`SID=${v.keySid()}\nKEY=${v.accountSid()}\nSECRET=x\n`, names)), [
        'twilio-key-sid-as-account-sid',
        'twilio-account-sid-as-key-sid',
      ]);
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
    });
  });

  describe('in code', () => {
    it('accountSid = "SK…" and apiKey = "AC…": flagged, and swapped by the fix', () => {
      const ac = v.accountSid();
      const sk = v.keySid();
      const text = `const accountSid = '${sk}';\nconst apiKey = '${ac}';\nconst c = twilio(apiKey, secret, { accountSid });\n`;
      const ms = codeMixups(text);
      assert.deepStrictEqual(codes(ms), ['twilio-key-sid-as-account-sid', 'twilio-account-sid-as-key-sid']);
      assert.strictEqual(fixed(text, ms[0]), `const accountSid = '${ac}';\nconst apiKey = '${sk}';\nconst c = twilio(apiKey, secret, { accountSid });\n`);
    });

    it('Python and YAML names too; right pairs are quiet', () => {
      assert.deepStrictEqual(codes(codeMixups(`TWILIO_ACCOUNT_SID = "${v.keySid()}"\n`)), ['twilio-key-sid-as-account-sid']);
      assert.deepStrictEqual(codes(codeMixups(`twilio:\n  api_key_sid: ${v.accountSid()}\n`)), ['twilio-account-sid-as-key-sid']);
      assert.deepStrictEqual(codeMixups(`account_sid = "${v.accountSid()}"\napi_key = "${v.keySid()}"\n`), []);
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
      assert.deepStrictEqual(missingKeyMixups(text, () => 'unknown'), [], 'no alarm while the list is not fully known');
      assert.deepStrictEqual(missingKeyMixups(text, () => 'present'), []);
      assert.deepStrictEqual(missingKeyMixups(`TWILIO_API_KEY=${gone}\n`, () => 'absent'), [], 'no account named: no judgement');
    });
  });

  describe('rotation hints', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    it('off at 0, on from the threshold', () => {
      const created = new Date('2026-08-01T12:00:00Z');
      assert.strictEqual(rotationDue(created, now, 0), undefined);
      assert.strictEqual(rotationDue(created, now, 90), 121);
      assert.strictEqual(rotationDue(created, now, 122), undefined);
      assert.strictEqual(rotationDue(undefined, now, 30), undefined);
      assert.strictEqual(rotationDue(new Date('2027-01-01'), now, 1), undefined);
    });
  });

  it('variable roles by name', () => {
    assert.deepStrictEqual(variableRole('TWILIO_ACCOUNT_SID'), { role: 'accountSid', group: '' });
    assert.deepStrictEqual(variableRole('PROD_TWILIO_API_KEY_SID'), { role: 'apiKey', group: 'PROD_' });
    assert.deepStrictEqual(variableRole('TWILIO_API_KEY_SECRET'), { role: 'apiSecret', group: '' });
    assert.strictEqual(variableRole('PORT'), undefined);
  });
});
