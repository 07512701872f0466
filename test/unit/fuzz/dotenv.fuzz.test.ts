// The pure .env editor (src/workspace/dotenv) on hostile input: whatever the file holds, it is either read
// exactly or refused with a line number, and an edit touches nothing but the variables it names.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  appendGitignoreEntry, applyEdits, type DotenvEdit, type DotenvEntry, ensureExampleEntries, findReferences, formatValue,
  getValue, names, parseDotenv, serializeDotenv,
} from '../../../src/workspace/dotenv';
import {
  anyHostileText, credentialShaped, decodedBytes, EOLS, fill, hostileChar, hostileString, HUGE_INPUT_TIMEOUT_MS, joinLines, MB, nulString,
  physicalLineCount, randomAlnum, randomHex, runs, surrogateString, timed, unicodeString,
} from './hostile';

// ---------------------------------------------------------------------------------------------
// Generators: .env documents that parse, built from hostile pieces.

/** Text without line breaks (the parser breaks lines at `\n` and `\r` only; U+2028, NUL… stay). */
const noBreak = (max: number) => hostileString(max).map((s) => s.replace(/[\r\n]/g, ''));
const blankRun = fc.string({ unit: fc.constantFrom(' ', '\t', '\u00a0', '\uFEFF', '\u2028', '\u3000', '\v', '\f'), maxLength: 3 });
const NAME_POOL = ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_AUTH_TOKEN', 'A', 'x.y', 'my-var', 'export', '_9'];
const name = fc.oneof(fc.constantFrom(...NAME_POOL), fc.string({ unit: fc.constantFrom(...'AZaz09_.-'.split('')), minLength: 1, maxLength: 8 }));

const commentLine = fc.tuple(blankRun, noBreak(30)).map(([i, t]) => `${i}#${t}`);
/** A value the parser reads unquoted: no line break, not starting with a quote. */
const unquotedValue = noBreak(30).filter((s) => !/^\s*['"`]/.test(s));
const quotedValue = fc.constantFrom("'", '"', '`').chain((q) =>
  fc
    .string({ unit: fc.oneof(hostileChar, fc.constantFrom('\n', '\r\n', '\r')), maxLength: 20 })
    .filter((body) => !body.includes(q) && !body.endsWith('\\'))
    .chain((body) => fc.tuple(blankRun, fc.option(noBreak(10))).map(([b, c]) => `${q}${body}${q}${b}${c === null ? '' : '#' + c}`)),
);
const separator = fc.constantFrom('=', ' = ', '\t=', '= ', ': ');
const assignmentLine = fc
  .tuple(blankRun, fc.boolean(), name, separator, fc.oneof(unquotedValue, quotedValue, credentialShaped))
  // `export =value` is refused as ambiguous (parse.ts); the ': ' separator carries the blank `NAME:` needs
  .filter(([, exp, n, sep]) => !(n === 'export' && !exp && /^\s/.test(sep)))
  .map(([i, exp, n, sep, v]) => `${i}${exp ? 'export ' : ''}${n}${sep}${v}`);

/** A parseable document: hostile text everywhere it may be, every line-ending mix, BOM or not. */
const hostileDotenv = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.oneof(blankRun, commentLine, assignmentLine, assignmentLine), fc.constantFrom(...EOLS)), { maxLength: 12 }),
    fc.boolean(),
  )
  .map(([bom, lines, finalBreak]) => joinLines(lines, bom, finalBreak));

const value = fc.oneof(credentialShaped, hostileString(16), unicodeString(16), surrogateString(8), fc.constant(''));
const edit: fc.Arbitrary<DotenvEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ name, value }) },
  { weight: 1, arbitrary: name.map((n) => ({ remove: n })) },
  // names a variable cannot have: refused, never written
  { weight: 1, arbitrary: fc.record({ name: hostileString(8), value }) },
);

// ---------------------------------------------------------------------------------------------

function parsed(text: string) {
  const r = parseDotenv(text);
  if (!r.ok) assert.fail(`expected the document to parse, got "${r.error.message}" at line ${r.error.line}: ${JSON.stringify(text)}`);
  return r.doc;
}

const editedName = (e: DotenvEdit) => ('remove' in e ? e.remove : e.name);
function finalValues(edits: readonly DotenvEdit[]): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const e of edits) m.set(editedName(e), 'remove' in e ? undefined : e.value);
  return m;
}
const notOwned = (owned: Map<string, unknown>) => (e: DotenvEntry) => e.kind !== 'assignment' || !owned.has(e.name);

/** The exact text of each maximal run of consecutive entries that no edit names. */
function unownedRuns(entries: readonly DotenvEntry[], owned: Map<string, unknown>): string[] {
  const runs: string[] = [];
  let current = '';
  for (const e of entries) {
    if (notOwned(owned)(e)) current += e.text + e.eol;
    else if (current !== '') {
      runs.push(current);
      current = '';
    }
  }
  if (current !== '') runs.push(current);
  return runs;
}

/** The guarantees of one edit of a document that parses. */
function checkEdit(text: string, edits: readonly DotenvEdit[]): void {
  const r = applyEdits(text, edits);
  if (!r.ok) {
    // The document parses, so only a requested edit can be refused (bad name, unrepresentable
    // value), and never because the editor produced text it could not read back.
    assert.equal(r.error.line, 0, r.error.message);
    assert.doesNotMatch(r.error.message, /Internal error/);
    return;
  }
  const wanted = finalValues(edits);
  const before = parsed(text);
  const after = parsed(r.text);
  assert.equal(r.changed, r.text !== text);
  // The BOM is kept and never added (a U+FEFF that indented the next line becomes the first
  // character when the lines above it are removed: the same bytes, now read as a BOM).
  if (before.bom) assert.ok(after.bom, 'the BOM is kept');
  if (after.bom && !before.bom) assert.ok(text.includes('\uFEFF'), 'no BOM is added');
  // Every line the editor does not own survives byte for byte, in order: each maximal run of
  // such lines appears unchanged in the result, after the previous one.
  let cursor = 0;
  for (const run of unownedRuns(before.entries, wanted)) {
    const at = r.text.indexOf(run, cursor);
    assert.ok(at >= cursor, `unowned lines ${JSON.stringify(run)} were not kept`);
    cursor = at + run.length;
  }
  // Read back, they are the same lines. Blank lines are compared by bytes only: removing a
  // variable between a line ending in a lone CR and an empty LF line makes the CR and the LF
  // adjacent, and they then read as one CRLF (the bytes are kept; one blank line reads as gone).
  const nonBlank = (entries: DotenvEntry[]) => entries.filter(notOwned(wanted)).filter((e) => e.kind !== 'blank').map((e) => e.text);
  const afterEntries = after.bom && !before.bom && after.entries.length > 0
    ? [{ ...after.entries[0], text: '\uFEFF' + after.entries[0].text }, ...after.entries.slice(1)]
    : after.entries;
  assert.deepEqual(nonBlank(afterEntries), nonBlank(before.entries));
  // the text before the first owned line is a byte-for-byte prefix of the result
  const firstOwned = before.entries.findIndex((e) => !notOwned(wanted)(e));
  const untouchedHead = serializeDotenv({ bom: before.bom, entries: firstOwned < 0 ? before.entries : before.entries.slice(0, firstOwned) });
  assert.ok(r.text.startsWith(untouchedHead), 'the lines before the first edited one are untouched');
  // the new values read back; removed names are gone; other variables keep their values
  for (const [n, v] of wanted) assert.equal(getValue(after, n), v, n);
  for (const e of after.entries) if (e.kind === 'assignment' && wanted.has(e.name)) assert.equal(e.value, wanted.get(e.name), 'every occurrence');
  for (const n of names(before)) if (!wanted.has(n)) assert.equal(getValue(after, n), getValue(before, n), n);
  // and doing it again changes nothing
  const again = applyEdits(r.text, edits);
  assert.ok(again.ok);
  assert.equal(again.text, r.text);
  assert.equal(again.changed, false);
}

/** What must hold for any string at all. */
function checkAnyText(text: string, edits: readonly DotenvEdit[]): void {
  const r = parseDotenv(text);
  assert.equal(typeof r.ok, 'boolean');
  if (r.ok) {
    assert.equal(serializeDotenv(r.doc), text, 'a parsed document serializes to exactly its text');
    let line = 1;
    for (const e of r.doc.entries) {
      assert.equal(e.line, line, 'entries carry their physical line numbers');
      line += e.kind === 'assignment' ? e.lineCount : 1;
    }
    checkEdit(text, edits);
    return;
  }
  // malformed: reported with a line number inside the file, never rewritten
  assert.ok(Number.isInteger(r.error.line) && r.error.line >= 1 && r.error.line <= physicalLineCount(text), `line ${r.error.line}`);
  if (r.error.column !== undefined) assert.ok(Number.isInteger(r.error.column) && r.error.column >= 1);
  assert.ok(r.error.message.length > 0);
  assert.deepEqual(applyEdits(text, edits), r, 'an edit of a malformed file returns the parse error and no text');
  assert.deepEqual(ensureExampleEntries(text, edits.map(editedName)), r);
  const refs = findReferences(text, 'x');
  assert.equal(refs.ok, false);
}

describe('fuzz: .env editor (src/workspace/dotenv) on hostile input', function () {
  this.timeout(HUGE_INPUT_TIMEOUT_MS); // a limit for a busy machine: the assertions are about what is returned

  describe('never throws; a file is parsed losslessly or reported malformed with a line number, never rewritten', () => {
    const edits = fc.array(edit, { maxLength: 4 });
    it('input class: random unicode strings', () => {
      fc.assert(fc.property(unicodeString(300), edits, checkAnyText), runs(1000));
    });
    it('input class: random bytes decoded as UTF-8 and Latin-1 (binary)', () => {
      fc.assert(fc.property(decodedBytes(400), edits, checkAnyText), runs(800));
    });
    it('input class: NUL bytes', () => {
      fc.assert(fc.property(nulString(200), edits, checkAnyText), runs(500));
    });
    it('input class: surrogate halves', () => {
      fc.assert(fc.property(surrogateString(200), edits, checkAnyText), runs(500));
    });
    it('input class: quotes, escapes, separators, BOMs and CR/LF/CRLF mixes, densely', () => {
      const dense = fc.string({ unit: fc.constantFrom('A', '=', '"', "'", '`', '\\', '#', ' ', '\n', '\r', '\r\n', 'export ', ':', '\uFEFF', '\0', '${'), maxLength: 80 });
      fc.assert(fc.property(dense, edits, checkAnyText), runs(3000));
    });
    it('input class: hostile-but-valid documents (every line kind, BOM, CR/LF/CRLF mixes, multi-line quotes)', () => {
      fc.assert(fc.property(hostileDotenv, edits, checkAnyText), runs(1500));
    });
  });

  it('every line the editor does not own survives byte for byte, for any document and any edit', () => {
    fc.assert(fc.property(hostileDotenv, fc.array(edit, { maxLength: 5 }), (text, edits) => {
      parsed(text);
      checkEdit(text, edits);
    }), runs(1500));
  });

  it('an error message never repeats the file content (a malformed line may be a pasted secret)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyHostileText(20), fc.constant('CANARY')), { maxLength: 10 }), (parts) => {
        const canary = 'Qz' + randomAlnum(14);
        const text = parts.map((p) => (p === 'CANARY' ? canary : p)).join('');
        const r = parseDotenv(text);
        if (!r.ok) assert.ok(!r.error.message.includes(canary), r.error.message);
        const e = applyEdits(text, [{ name: 'A', value: canary }, { name: canary + '!', value: 'x' }]);
        if (!e.ok) assert.ok(!e.error.message.includes(canary.slice(2)), e.error.message);
      }),
      runs(1000),
    );
  });

  it('any value is written so that it reads back exactly, or refused (never silently changed)', () => {
    fc.assert(
      fc.property(fc.oneof(anyHostileText(40), credentialShaped), fc.constantFrom(undefined, '' as const, "'" as const, '"' as const, '`' as const), fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const), (v, prefer, eol) => {
        const raw = formatValue(v, prefer, eol);
        if (raw === undefined) return;
        const doc = parsed(`A=${raw}${eol}B=1${eol}`);
        assert.equal(getValue(doc, 'A'), v);
        assert.equal(getValue(doc, 'B'), '1');
      }),
      runs(3000),
    );
  });

  it('.env.example upkeep only appends, whatever the file holds', () => {
    fc.assert(
      fc.property(fc.oneof(hostileDotenv, anyHostileText(100)), fc.array(name, { maxLength: 4 }), (text, wanted) => {
        const r = ensureExampleEntries(text, wanted);
        if (!r.ok) return;
        assert.ok(r.text.startsWith(text), 'existing bytes kept');
        const doc = parsed(r.text);
        for (const n of wanted) assert.notEqual(getValue(doc, n), undefined, n);
      }),
      runs(800),
    );
  });

  describe('.gitignore helpers', () => {
    it('appending an entry keeps every existing byte, is idempotent, and never throws on any file', () => {
      const entry = fc.oneof(fc.constantFrom('/.env', '.env', '/services/api/.env.local'), noBreak(12)).filter((e) => e.trim() !== '');
      fc.assert(
        fc.property(fc.oneof(anyHostileText(200), hostileDotenv), entry, (text, e) => {
          const r = appendGitignoreEntry(text, e);
          assert.ok(r.text.startsWith(text));
          assert.equal(r.changed, r.text !== text);
          if (r.changed) assert.match(r.text, new RegExp(`${escapeRegex(e.trim())}(\\r\\n|\\n)$`));
          const again = appendGitignoreEntry(r.text, e);
          assert.equal(again.changed, false);
          assert.equal(again.text, r.text);
        }),
        runs(1500),
      );
    });

  });

  describe('input class: huge inputs', () => {
    it('a 10 MB single-line value is parsed and edited; the big line survives byte for byte', () => {
      const big = randomAlnum(10 * MB);
      const text = `BIG=${big}\nA=1\n# end`;
      const doc = timed('parse a .env with a 10 MB line', () => parsed(text));
      assert.equal(getValue(doc, 'BIG'), big);
      const r = timed('edit next to a 10 MB line', () => applyEdits(text, [{ name: 'A', value: '2' }, { name: 'NEW', value: 'x' }]));
      assert.ok(r.ok);
      assert.equal(r.text, `BIG=${big}\nA=2\n# end\nNEW=x\n`);
    });

    it('100k lines in CRLF are parsed and edited; every other line is kept', () => {
      const lines = Array.from({ length: 100_000 }, (_, i) => (i % 10 === 0 ? `# section ${i}` : i % 7 === 0 ? '' : `KEY_${i}="value ${i}" # note`));
      const text = lines.join('\r\n') + '\r\n';
      const doc = timed('parse 100k lines', () => parsed(text));
      assert.equal(doc.entries.length, 100_000);
      const r = timed('edit one variable in 100k lines', () => applyEdits(text, [{ name: 'KEY_99999', value: 'new value' }]));
      assert.ok(r.ok);
      assert.equal(r.text, text.replace('KEY_99999="value 99999"', 'KEY_99999="new value"'));
    });

    it('an unterminated quote at the end of a huge file is reported at its line, and nothing is written', () => {
      const head = Array.from({ length: 100_000 }, (_, i) => `K${i}=v${i}`).join('\n');
      for (const q of ['"', "'", '`']) {
        const text = `${head}\nLAST=${q}${fill(5 * MB, 'x\\')}`;
        const r = timed(`unterminated ${q} after 100k lines and 10 MB`, () => parseDotenv(text));
        assert.equal(r.ok, false);
        if (!r.ok) assert.deepEqual([r.error.line, r.error.column], [100_001, 6]);
        assert.equal(applyEdits(text, [{ name: 'K1', value: 'x' }]).ok, false);
      }
    });

    it('very long lines: a 1 MB name, a 1 MB comment, 1 MB of blanks, a 1 MB multi-line quote', () => {
      const longName = 'N'.repeat(MB);
      const text = [`${longName}=1`, `#${randomHex(MB)}`, ' \t'.repeat(MB / 2), `Q="${'line\n'.repeat(MB / 5)}"`, 'A=1'].join('\n');
      const doc = timed('parse 4 MB of very long lines', () => parsed(text));
      assert.equal(getValue(doc, longName), '1');
      assert.equal(getValue(doc, 'Q'), 'line\n'.repeat(MB / 5));
      const r = timed('edit between very long lines', () => applyEdits(text, [{ name: 'A', value: '2' }, { name: longName, value: 'x' }]));
      assert.ok(r.ok);
      assert.equal(r.text, text.replace(`${longName}=1`, `${longName}=x`).replace(/A=1$/, 'A=2'));
    });
  });
});

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
