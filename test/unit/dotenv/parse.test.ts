// Reading .env files the way dotenv does, and refusing the ones it would read ambiguously.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type AssignmentEntry, findReferences, getValue, names, parseDotenv, serializeDotenv } from '../../../src/workspace/dotenv';

function doc(text: string) {
  const r = parseDotenv(text);
  if (!r.ok) assert.fail(`parse failed: ${r.error.message} at ${r.error.line}:${r.error.column}`);
  return r.doc;
}

function values(text: string): Record<string, string> {
  const d = doc(text);
  return Object.fromEntries(names(d).map((n) => [n, getValue(d, n)!]));
}

function error(text: string) {
  const r = parseDotenv(text);
  if (r.ok) assert.fail(`expected an error for ${JSON.stringify(text)}`);
  return r.error;
}

const fakeSid = (prefix: string) => prefix + randomBytes(16).toString('hex');

describe('parseDotenv', () => {
  describe('values as dotenv reads them', () => {
    it('reads plain assignments, export, and blanks around "="', () => {
      assert.deepEqual(values('A=1\nexport B=2\n  C = 3\nexport   D  =4\n'), { A: '1', B: '2', C: '3', D: '4' });
    });

    it('reads the "NAME: value" form', () => {
      assert.deepEqual(values('A: yaml style\n'), { A: 'yaml style' });
    });

    it('accepts dots and dashes in names, as dotenv does', () => {
      assert.deepEqual(values('my.var=1\nmy-var=2\n9LIVES=3'), { 'my.var': '1', 'my-var': '2', '9LIVES': '3' });
    });

    it('trims unquoted values and cuts them at "#", with or without a blank before it', () => {
      assert.deepEqual(values('A=  spaced out  \nB=inline # comment\nC=a#b\nD=#only comment\n'), {
        A: 'spaced out',
        B: 'inline',
        C: 'a',
        D: '',
      });
    });

    it('keeps "=" and inner quotes in unquoted values', () => {
      assert.deepEqual(values('A=equals==\nB={"foo": "bar"}\nC=it\'s\n'), { A: 'equals==', B: '{"foo": "bar"}', C: "it's" });
    });

    it('reads empty values in every form', () => {
      assert.deepEqual(values("A=\nB=''\nC=\"\"\nD=``\nE= # nothing\n"), { A: '', B: '', C: '', D: '', E: '' });
    });

    it('keeps "#" and blanks inside quotes', () => {
      assert.deepEqual(values("A='  # not a comment  ' # comment\nB=\"#x\"\nC=`#y`#z\n"), {
        A: '  # not a comment  ',
        B: '#x',
        C: '#y',
      });
    });

    it('expands \\n and \\r in double quotes only, and keeps other backslashes', () => {
      assert.deepEqual(values('A="a\\nb\\rc"\nB=\'a\\nb\'\nC=a\\nb\nD="a\\"b"\nE="tab\\t"\n'), {
        A: 'a\nb\rc',
        B: 'a\\nb',
        C: 'a\\nb',
        D: 'a\\"b',
        E: 'tab\\t',
      });
    });

    it('reads multi-line values in all three quote styles, with CRLF read as LF', () => {
      const pem = '-----BEGIN KEY-----\r\nabc\r\n-----END KEY-----';
      assert.deepEqual(values(`A="${pem}"\r\nB='x\ny'\nC=\`1\n2\`\nD=after\n`), {
        A: '-----BEGIN KEY-----\nabc\n-----END KEY-----',
        B: 'x\ny',
        C: '1\n2',
        D: 'after',
      });
    });

    it('reads a lone CR inside a quoted value as a line break too', () => {
      assert.deepEqual(values("A='x\ry'\rB=after\r"), { A: 'x\ny', B: 'after' });
    });

    it('reads LF, CRLF and lone CR line endings', () => {
      assert.deepEqual(values('A=1\nB=2\r\nC=3\rD=4'), { A: '1', B: '2', C: '3', D: '4' });
    });

    it('skips a BOM at the start', () => {
      const d = doc('\uFEFFA=1\n');
      assert.equal(d.bom, true);
      assert.equal(getValue(d, 'A'), '1');
    });

    it('gives the last duplicate, as dotenv does', () => {
      assert.equal(getValue(doc('DUP=one\nDUP=two\n'), 'DUP'), 'two');
    });

    it('lists names once, in order of first appearance', () => {
      assert.deepEqual(names(doc('B=1\nA=2\nB=3\n')), ['B', 'A']);
    });

    it('lists only variables, not blank or comment lines', () => {
      assert.deepEqual(names(doc('# keys\n\nA=1\n')), ['A']);
    });

    it('reads "export=1" as a variable named export', () => {
      assert.deepEqual(values('export=1\n'), { export: '1' });
    });
  });

  describe('the lossless model', () => {
    it('keeps every line with its exact text and line ending', () => {
      const text = '\uFEFF# header  \r\n\r\n  export A = "x" # c\nB=\t\r\n  \nC=last';
      const d = doc(text);
      assert.equal(serializeDotenv(d), text);
      assert.deepEqual(
        d.entries.map((e) => [e.kind, e.line, e.text, e.eol]),
        [
          ['comment', 1, '# header  ', '\r\n'],
          ['blank', 2, '', '\r\n'],
          ['assignment', 3, '  export A = "x" # c', '\n'],
          ['assignment', 4, 'B=\t', '\r\n'],
          ['blank', 5, '  ', '\n'],
          ['assignment', 6, 'C=last', ''],
        ],
      );
    });

    it('splits an assignment into the parts an in-place edit keeps', () => {
      const a = doc('  export A = "x y" # note\n').entries[0] as AssignmentEntry;
      assert.deepEqual(
        [a.lead, a.name, a.separator, a.rawValue, a.quote, a.trailer, a.exported],
        ['  export ', 'A', ' = ', '"x y"', '"', ' # note', true],
      );
      assert.equal(a.lead + a.name + a.separator + a.rawValue + a.trailer, a.text);
      const b = doc('B=1\n').entries[0] as AssignmentEntry;
      assert.equal(b.exported, false);
    });

    it('keeps the blanks after "=" of an empty value with the trailer, so a new value goes right after "="', () => {
      const a = doc('A=   \n').entries[0] as AssignmentEntry;
      assert.deepEqual([a.separator, a.rawValue, a.quote, a.trailer], ['=', '', '', '   ']);
    });

    it('counts the lines of a multi-line value so later line numbers stay right', () => {
      const d = doc('A="1\n2\n3"\nB=x\n');
      assert.equal((d.entries[0] as AssignmentEntry).lineCount, 3);
      assert.equal(d.entries[1].line, 4);
    });

    it('counts a CRLF or a lone CR inside a multi-line value as one line break', () => {
      for (const eol of ['\r\n', '\r']) {
        const d = doc(`A="1${eol}2${eol}3"${eol}B=x${eol}`);
        assert.equal((d.entries[0] as AssignmentEntry).lineCount, 3, JSON.stringify(eol));
        assert.equal(d.entries[1].line, 4, JSON.stringify(eol));
        assert.equal(error(`A='1${eol}2'${eol}FOO BAR${eol}`).line, 3, `an error after the value, ${JSON.stringify(eol)}`);
      }
    });

    it('parses an empty file and a file of blank lines', () => {
      assert.deepEqual(doc('').entries, []);
      assert.equal(doc('\n\n').entries.length, 2);
    });
  });

  describe('malformed lines are reported with their position', () => {
    it('a line that is not a comment or assignment', () => {
      assert.deepEqual(error('A=1\nFOO BAR\n'), {
        line: 2,
        column: 5,
        message: 'Expected "=" after the variable name (this line is not a comment or NAME=value).',
      });
      assert.equal(error('JUSTANAME\n').line, 1);
      assert.equal(error('export FOO\n').line, 1);
      assert.equal(error('=value\n').column, 1);
      assert.equal(error('A:value\n').line, 1); // "NAME:" needs a blank after the colon
    });

    it('"FOO : bar" and "FOO; bar", which dotenv does not load', () => {
      const expected = 'Expected "=" after the variable name (this line is not a comment or NAME=value).';
      assert.deepEqual(error('FOO : bar\n'), { line: 1, column: 5, message: expected });
      assert.deepEqual(error('FOO; bar\n'), { line: 1, column: 4, message: expected });
    });

    it('an unterminated quote, at the opening quote', () => {
      assert.deepEqual(error('A=1\nB="never closed\nC=3\n'), { line: 2, column: 3, message: 'Unterminated double quote.' });
      assert.equal(error("A='x").message, 'Unterminated single quote.');
      assert.equal(error('A=`x').message, 'Unterminated backtick quote.');
    });

    it('text after a closing quote, on the line where the value ends', () => {
      const e = error('A="one\ntwo" three\n');
      assert.equal(e.line, 2);
      assert.equal(e.column, 6);
      assert.deepEqual(
        [error('A="x" junk'), error('B=1\rA="x" junk\r')].map(({ line, column }) => [line, column]),
        [[1, 7], [2, 7]],
        'on the first line of the file, and after a lone CR',
      );
    });

    it('a quoted value ending in a backslash (dotenv parsers disagree on where it ends)', () => {
      assert.match(error('A="C:\\\\dir\\\\"\n').message, /backslash/);
    });

    it('"export =value" (dotenv parsers disagree on it)', () => {
      const message = 'A variable named "export" must be written without blanks before "=".';
      assert.equal(error('export =1\n').message, message);
      assert.equal(error('export  ').message, message, 'also at the very end of the file');
    });

    it('content that is not text, from a caller that is not TypeScript', () => {
      assert.deepEqual(parseDotenv(42 as unknown as string), { ok: false, error: { line: 0, message: 'The .env content is not text.' } });
    });

    it('never quotes the offending text, which may be a secret', () => {
      const secret = randomBytes(16).toString('hex');
      for (const text of [`${secret}\n`, `A="${secret}`, `TOKEN ${secret}`, `A='x' ${secret}`]) {
        assert.ok(!error(text).message.includes(secret));
      }
    });
  });

  describe('findReferences', () => {
    it('finds every variable holding a value, with its line', () => {
      const sid = fakeSid('SK');
      const text = `# keys\nTWILIO_API_KEY=${sid}\nOTHER=x\nexport BACKUP_KEY="${sid}"\n`;
      const r = findReferences(text, sid);
      assert.ok(r.ok);
      assert.deepEqual(r.references, [
        { name: 'TWILIO_API_KEY', line: 2, lineCount: 1 },
        { name: 'BACKUP_KEY', line: 4, lineCount: 1 },
      ]);
    });

    it('matches whole values only', () => {
      const sid = fakeSid('SK');
      const r = findReferences(`A=${sid}x\nB=x${sid}\n`, sid);
      assert.ok(r.ok);
      assert.deepEqual(r.references, []);
    });

    it('reports an unreadable file instead of claiming there are no references', () => {
      const r = findReferences('A="oops\n', 'x');
      assert.equal(r.ok, false);
    });
  });
});
