// Property-based guarantees of the .env editor: what it does not own, it does not touch.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, type DotenvEdit, type DotenvEntry, formatValue, getValue, parseDotenv, serializeDotenv } from '../../../src/workspace/dotenv';
import { dotenvText, edit } from './arbitraries';

const RUNS = { numRuns: 400 };

function parseOk(text: string) {
  const r = parseDotenv(text);
  if (!r.ok) assert.fail(`expected ${JSON.stringify(text)} to parse: ${r.error.message} (line ${r.error.line})`);
  return r.doc;
}

function editedNames(edits: readonly DotenvEdit[]): Set<string> {
  return new Set(edits.map((e) => ('remove' in e ? e.remove : e.name)));
}

/** What the last edit for each name asks for (undefined = removed). */
function finalValues(edits: readonly DotenvEdit[]): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const e of edits) m.set('remove' in e ? e.remove : e.name, 'remove' in e ? undefined : e.value);
  return m;
}

function representable(edits: readonly DotenvEdit[]): boolean {
  return [...finalValues(edits).values()].every((v) => v === undefined || formatValue(v, undefined, '\n') !== undefined);
}

const notOwned = (owned: Set<string>) => (e: DotenvEntry) => e.kind !== 'assignment' || !owned.has(e.name);

describe('.env editor properties', () => {
  it('generated documents parse and serialize back to the same text', () => {
    fc.assert(
      fc.property(dotenvText, (text) => {
        assert.equal(serializeDotenv(parseOk(text)), text);
      }),
      RUNS,
    );
  });

  it('keeps every line it does not own byte for byte, in order', () => {
    fc.assert(
      fc.property(dotenvText, fc.array(edit, { maxLength: 5 }), (text, edits) => {
        fc.pre(representable(edits));
        const r = applyEdits(text, edits);
        assert.ok(r.ok, !r.ok ? r.error.message : '');
        const owned = editedNames(edits);
        const before = parseOk(text).entries.filter(notOwned(owned));
        const after = parseOk(r.text).entries.filter(notOwned(owned));
        assert.equal(after.length, before.length);
        before.forEach((b, i) => {
          assert.equal(after[i].text, b.text);
          // Only a last line without a line break may gain one, when variables are appended after it.
          if (b.eol !== '' || i !== before.length - 1) assert.equal(after[i].eol, b.eol);
        });
        assert.equal(r.text.startsWith('\uFEFF'), text.startsWith('\uFEFF'));
      }),
      RUNS,
    );
  });

  it('reads back the new values, and leaves other variables with theirs', () => {
    fc.assert(
      fc.property(dotenvText, fc.array(edit, { maxLength: 5 }), (text, edits) => {
        fc.pre(representable(edits));
        const r = applyEdits(text, edits);
        assert.ok(r.ok);
        const before = parseOk(text);
        const after = parseOk(r.text);
        const wanted = finalValues(edits);
        for (const [name, value] of wanted) assert.equal(getValue(after, name), value, name);
        for (const e of before.entries) {
          if (e.kind === 'assignment' && !wanted.has(e.name)) assert.equal(getValue(after, e.name), getValue(before, e.name));
        }
        // every occurrence is updated, not only the one dotenv loads
        for (const e of after.entries) if (e.kind === 'assignment' && wanted.has(e.name)) assert.equal(e.value, wanted.get(e.name));
      }),
      RUNS,
    );
  });

  it('applying the same edits twice changes nothing the second time', () => {
    fc.assert(
      fc.property(dotenvText, fc.array(edit, { maxLength: 5 }), (text, edits) => {
        fc.pre(representable(edits));
        const once = applyEdits(text, edits);
        assert.ok(once.ok);
        const twice = applyEdits(once.text, edits);
        assert.ok(twice.ok);
        assert.equal(twice.text, once.text);
        assert.equal(twice.changed, false);
      }),
      RUNS,
    );
  });

  it('reports changed exactly when the text differs', () => {
    fc.assert(
      fc.property(dotenvText, fc.array(edit, { maxLength: 3 }), (text, edits) => {
        const r = applyEdits(text, edits);
        if (r.ok) assert.equal(r.changed, r.text !== text);
      }),
      RUNS,
    );
  });

  it('an unrepresentable value is an error, never a silently different value', () => {
    fc.assert(
      fc.property(dotenvText, fc.array(edit, { maxLength: 4 }), (text, edits) => {
        const r = applyEdits(text, edits);
        if (!representable(edits)) {
          // the value may still be fine in place (an existing quote style), but if written it reads back
          if (r.ok) for (const [n, v] of finalValues(edits)) assert.equal(getValue(parseOk(r.text), n), v);
          else assert.equal(r.error.line, 0);
        }
      }),
      RUNS,
    );
  });

  describe('parse never throws', () => {
    const noThrow = (s: string) => {
      const r = parseDotenv(s);
      assert.equal(typeof r.ok, 'boolean');
      if (r.ok) assert.equal(serializeDotenv(r.doc), s);
      else assert.ok(r.error.line >= 1 && r.error.message.length > 0);
    };

    it('on arbitrary strings', () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), noThrow), { numRuns: 2000 });
      fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), noThrow), { numRuns: 1000 });
      fc.assert(
        fc.property(fc.string({ maxLength: 80, unit: fc.constantFrom('A', '=', '"', "'", '`', '\\', '#', ' ', '\n', '\r', 'export ', ':') }), noThrow),
        { numRuns: 3000 },
      );
    });

    it('on bytes decoded as UTF-8 and Latin-1', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          noThrow(Buffer.from(bytes).toString('utf8'));
          noThrow(Buffer.from(bytes).toString('latin1'));
        }),
        { numRuns: 1000 },
      );
    });

    it('on huge inputs, in linear time', function () {
      this.timeout(20000);
      const lineOf = (i: number) => (i % 7 === 0 ? '# comment ' + i : i % 5 === 0 ? '' : `KEY_${i}="value ${i}" # note`);
      const big = Array.from({ length: 200_000 }, (_, i) => lineOf(i)).join('\r\n');
      const started = Date.now();
      const r = parseDotenv(big);
      assert.ok(r.ok);
      assert.equal(r.doc.entries.length, 200_000);
      assert.ok(Date.now() - started < 5000, 'parsing 200k lines took too long');
      // a single unterminated quote at the top of a huge file fails fast, not quadratically
      const unterminated = 'A="' + 'x'.repeat(5_000_000);
      const t2 = Date.now();
      assert.equal(parseDotenv(unterminated).ok, false);
      assert.equal(parseDotenv('\u0000'.repeat(1_000_000)).ok, false);
      assert.ok(Date.now() - t2 < 5000);
    });
  });
});
