// Writing variables into existing .env files without disturbing anything else.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { applyEdits, type DotenvEdit, formatValue, getValue, parseDotenv } from '../../../src/workspace/dotenv';

const fakeSecret = () => randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 32).padEnd(32, 'z');
const fakeSid = (prefix: string) => prefix + randomBytes(16).toString('hex');

function apply(text: string, edits: DotenvEdit[], opts?: { eol?: '\n' | '\r\n' }): string {
  const r = applyEdits(text, edits, opts);
  if (!r.ok) assert.fail(`applyEdits failed: ${r.error.message}`);
  return r.text;
}

function readBack(text: string, name: string): string | undefined {
  const r = parseDotenv(text);
  assert.ok(r.ok);
  return getValue(r.doc, name);
}

describe('applyEdits', () => {
  describe('updating a variable in place', () => {
    it('replaces only the value, keeping comments, order and blank lines', () => {
      const text = '# Twilio\nTWILIO_ACCOUNT_SID=old\n\n# other\nPORT=3000\n';
      assert.equal(apply(text, [{ name: 'TWILIO_ACCOUNT_SID', value: 'new' }]), '# Twilio\nTWILIO_ACCOUNT_SID=new\n\n# other\nPORT=3000\n');
    });

    it('keeps export, the spacing around "=", indentation and the inline comment', () => {
      assert.equal(apply('  export  KEY =  old   # rotated monthly\n', [{ name: 'KEY', value: 'new' }]), '  export  KEY =  new   # rotated monthly\n');
    });

    it('keeps the quote style while it can hold the new value', () => {
      assert.equal(apply('A="old"\nB=\'old\'\nC=`old`\n', [
        { name: 'A', value: 'n1' },
        { name: 'B', value: 'n2' },
        { name: 'C', value: 'n3' },
      ]), 'A="n1"\nB=\'n2\'\nC=`n3`\n');
    });

    it('changes the quote style when the old one cannot hold the new value', () => {
      assert.equal(apply("A='old'\n", [{ name: 'A', value: "it's" }]), 'A="it\'s"\n');
    });

    it('keeps the NAME: value form', () => {
      assert.equal(apply('A: old\nB: # empty\n', [{ name: 'A', value: 'x' }, { name: 'B', value: 'y z' }]), "A: x\nB: 'y z'# empty\n");
      assert.equal(readBack("A: x\nB: 'y z'# empty\n", 'B'), 'y z');
    });

    it('fills an empty value right after "=" and keeps the comment after it', () => {
      assert.equal(apply('A= # fill me\nB=\n', [{ name: 'A', value: 'x' }, { name: 'B', value: 'y' }]), 'A=x # fill me\nB=y\n');
    });

    it('replaces a multi-line value as a whole', () => {
      assert.equal(apply('A="line1\nline2"\nB=keep\n', [{ name: 'A', value: 'single' }]), 'A="single"\nB=keep\n');
    });

    it('updates every duplicate so no stale secret is left behind', () => {
      const oldSecret = fakeSecret();
      const newSecret = fakeSecret();
      const text = `TWILIO_API_SECRET=${oldSecret}\n# later override\nTWILIO_API_SECRET="${oldSecret}"\n`;
      const out = apply(text, [{ name: 'TWILIO_API_SECRET', value: newSecret }]);
      assert.equal(out, `TWILIO_API_SECRET=${newSecret}\n# later override\nTWILIO_API_SECRET="${newSecret}"\n`);
      assert.ok(!out.includes(oldSecret));
    });

    it('leaves the file untouched when the value is already there', () => {
      const sid = fakeSid('AC');
      const text = `TWILIO_ACCOUNT_SID = '${sid}'  # set by hand\r\n`;
      const r = applyEdits(text, [{ name: 'TWILIO_ACCOUNT_SID', value: sid }]);
      assert.deepEqual(r, { ok: true, text, changed: false });
    });

    it('leaves a multi-line quoted value as written when it already holds the value', () => {
      const text = 'PEM="line1\nline2"\n';
      assert.deepEqual(applyEdits(text, [{ name: 'PEM', value: 'line1\nline2' }]), { ok: true, text, changed: false });
    });

    it('empties a value, keeping its quotes when it had some', () => {
      assert.equal(apply("A='x'\nB=\"x\"\nC=x # note\n", [{ name: 'A', value: '' }, { name: 'B', value: '' }, { name: 'C', value: '' }]), "A=''\nB=\"\"\nC= # note\n");
    });
  });

  describe('adding variables', () => {
    it('appends new variables at the end, in edit order', () => {
      const sk = fakeSid('SK');
      const secret = fakeSecret();
      assert.equal(
        apply('PORT=3000\n', [{ name: 'TWILIO_API_KEY', value: sk }, { name: 'TWILIO_API_SECRET', value: secret }]),
        `PORT=3000\nTWILIO_API_KEY=${sk}\nTWILIO_API_SECRET=${secret}\n`,
      );
    });

    it('ends a last line that has no line break before appending', () => {
      assert.equal(apply('PORT=3000', [{ name: 'A', value: '1' }]), 'PORT=3000\nA=1\n');
      assert.equal(apply('# only a comment', [{ name: 'A', value: '1' }]), '# only a comment\nA=1\n');
    });

    it('uses the dominant line ending of the file', () => {
      assert.equal(apply('A=1\r\nB=2\r\nC=3\n', [{ name: 'D', value: '4' }]), 'A=1\r\nB=2\r\nC=3\nD=4\r\n');
      assert.equal(apply('A=1\nB=2\nC=3\r\n', [{ name: 'D', value: '4' }]), 'A=1\nB=2\nC=3\r\nD=4\n', 'mostly LF with one CRLF line');
      assert.equal(apply('A=1\r\nB=2', [{ name: 'C', value: '3' }]), 'A=1\r\nB=2\r\nC=3\r\n');
    });

    it('uses the eol option only when the file has no line ending to copy', () => {
      assert.equal(apply('', [{ name: 'A', value: '1' }], { eol: '\r\n' }), 'A=1\r\n');
      assert.equal(apply('X=1', [{ name: 'A', value: '1' }], { eol: '\r\n' }), 'X=1\r\nA=1\r\n');
      assert.equal(apply('X=1\n', [{ name: 'A', value: '1' }], { eol: '\r\n' }), 'X=1\nA=1\n');
    });

    it('writes into an empty file, keeping a BOM', () => {
      assert.equal(apply('', [{ name: 'A', value: '1' }]), 'A=1\n');
      assert.equal(apply('\uFEFF', [{ name: 'A', value: '1' }]), '\uFEFFA=1\n');
      assert.equal(apply('\uFEFFX=1\r\n', [{ name: 'A', value: '1' }]), '\uFEFFX=1\r\nA=1\r\n');
    });
  });

  describe('quoting only when needed', () => {
    const cases: Array<[string, string]> = [
      ['plain-Value_1.2/3:4@5+6=7', 'A=plain-Value_1.2/3:4@5+6=7'],
      ['', 'A='],
      ['has spaces', "A='has spaces'"],
      [' leading', "A=' leading'"],
      ['hash#tag', "A='hash#tag'"],
      ['$HOME', "A='$HOME'"],
      ["it's", 'A="it\'s"'],
      ['say "hi"', "A='say \"hi\"'"],
      ['it\'s "x"', 'A=`it\'s "x"`'],
      ['line1\nline2', 'A="line1\\nline2"'],
      ['cr\rlf\n', 'A="cr\\rlf\\n"'],
      ['back\\slash', 'A=back\\slash'],
      ['a "q" \\ and\nnewline', 'A=`a "q" \\ and\nnewline`'],
      ['a"b`c\nd', "A='a\"b`c\nd'"],
      ['it\'s"a`b', 'A=it\'s"a`b'],
    ];
    for (const [value, line] of cases) {
      it(`writes ${JSON.stringify(value)} as ${line}`, () => {
        const out = apply('', [{ name: 'A', value }]);
        assert.equal(out, line + '\n');
        assert.equal(readBack(out, 'A'), value);
      });
    }

    it('writes a multi-line value with LF when no line ending is given', () => {
      assert.equal(formatValue('a\nb"`', undefined, ''), "'a\nb\"`'");
    });

    it('writes multi-line values with the file\'s line ending when they must span lines', () => {
      const out = apply('X=1\r\n', [{ name: 'A', value: 'a "q" \\\nb' }]);
      assert.equal(out, 'X=1\r\nA=`a "q" \\\r\nb`\r\n');
      assert.equal(readBack(out, 'A'), 'a "q" \\\nb');
    });

    it('refuses a value no dotenv quoting can hold, naming the variable but not the value', () => {
      const value = `'"\` # ${fakeSecret()}`;
      assert.equal(formatValue(value), undefined);
      const r = applyEdits('A=1\n', [{ name: 'SECRET', value }]);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.line, 0);
        assert.equal(r.error.message, 'The value for SECRET cannot be written to a .env file: no quoting that dotenv understands preserves it exactly.');
        assert.ok(!r.error.message.includes(value.slice(8)));
      }
      assert.deepEqual(applyEdits('SECRET=old\n', [{ name: 'SECRET', value }]), {
        ok: false,
        error: { line: 0, message: 'The value for SECRET cannot be written to a .env file: no quoting that dotenv understands preserves it exactly.' },
      }, 'nor in place of an existing value');
    });
  });

  describe('removing variables', () => {
    it('removes the whole line and keeps its neighbours', () => {
      assert.equal(apply('A=1\n# keep\nB=2\nC=3\n', [{ remove: 'B' }]), 'A=1\n# keep\nC=3\n');
    });

    it('removes every line of a multi-line value and every duplicate', () => {
      assert.equal(apply('K="a\nb"\nX=1\nK=again\n', [{ remove: 'K' }]), 'X=1\n');
    });

    it('removing the last line leaves the previous line ending in place', () => {
      assert.equal(apply('A=1\r\nB=2', [{ remove: 'B' }]), 'A=1\r\n');
    });

    it('removing a name that is not there changes nothing', () => {
      assert.deepEqual(applyEdits('A=1', [{ remove: 'B' }]), { ok: true, text: 'A=1', changed: false });
    });
  });

  describe('combining edits', () => {
    it('the last edit for a name wins', () => {
      assert.equal(apply('A=1\n', [{ name: 'A', value: '2' }, { remove: 'A' }]), '');
      assert.equal(apply('A=1\n', [{ remove: 'A' }, { name: 'A', value: '3' }]), 'A=3\n');
    });

    it('rotating a key rewrites both variables in place', () => {
      const [oldKey, newKey] = [fakeSid('SK'), fakeSid('SK')];
      const [oldSecret, newSecret] = [fakeSecret(), fakeSecret()];
      const text = `# Twilio\r\nTWILIO_API_KEY=${oldKey}\r\nTWILIO_API_SECRET=${oldSecret} # from the console\r\nPORT=3000\r\n`;
      assert.equal(
        apply(text, [{ name: 'TWILIO_API_KEY', value: newKey }, { name: 'TWILIO_API_SECRET', value: newSecret }]),
        `# Twilio\r\nTWILIO_API_KEY=${newKey}\r\nTWILIO_API_SECRET=${newSecret} # from the console\r\nPORT=3000\r\n`,
      );
    });
  });

  describe('refusing to write', () => {
    it('changes nothing in a file it cannot read, and says where the problem is', () => {
      const r = applyEdits('A=1\nB="unterminated\n', [{ name: 'A', value: '2' }]);
      assert.deepEqual(r, { ok: false, error: { line: 2, column: 3, message: 'Unterminated double quote.' } });
    });

    it('rejects an invalid variable name, saying which characters a name may use', () => {
      const message = 'A variable name may only use letters, digits, "_", "." and "-".';
      for (const name of ['BAD NAME', 'FOO BAR', 'A=B', '']) {
        assert.deepEqual(applyEdits('', [{ name, value: '1' }]), { ok: false, error: { line: 0, message } }, JSON.stringify(name));
      }
      assert.deepEqual(applyEdits('X=1\n', [{ remove: 'X Y' }]), { ok: false, error: { line: 0, message } });
      assert.deepEqual(applyEdits('', [{ name: 7 as unknown as string, value: '1' }]), { ok: false, error: { line: 0, message } }, 'a name that is not text');
    });

    it('rejects a value that is not text, naming the variable', () => {
      assert.deepEqual(applyEdits('', [{ name: 'PORT', value: 3000 as unknown as string }]), {
        ok: false,
        error: { line: 0, message: 'The value for PORT is not text.' },
      });
    });
  });
});
