// The credential report's Markdown and CSV: names from Twilio and the workspace cannot break a
// table, inject a link or HTML, start a spreadsheet formula or split a CSV row (issue 20, point 5).
import * as assert from 'assert';
import * as fc from 'fast-check';
import { CSV_COLUMNS, csvCell, escapeMarkdown, formatCsv, formatMarkdown } from '../../../src/features/report/reportFormat';
import type { CredentialReportData, ReportCredential } from '../../../src/features/report/report';
import { fakeAccountSid, fakeKeySid } from '../../support/fakeCredentials';

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  return rows;
}

const account = fakeAccountSid();
function data(credentials: Array<Partial<ReportCredential>>): CredentialReportData {
  return {
    generatedAt: new Date('2026-12-01T12:00:00Z'),
    accounts: [{ accountSid: account, label: 'Prod | EU' }],
    credentials: credentials.map((c) => ({ accountSid: account, accountLabel: 'Prod | EU', category: 'apiKey', type: 'API key, Standard', name: 'k', uses: [], ...c })),
    notes: [],
    rotationHintDays: 90,
  };
}

describe('The credential report formats', () => {
  it('a CSV cell that would start a formula is prefixed with a quote, and quotes are doubled', () => {
    for (const lead of ['=', '+', '-', '@', '\t']) assert.strictEqual(csvCell(`${lead}SUM(A1)`), `"'${lead}SUM(A1)"`);
    assert.strictEqual(csvCell('\r=SUM(A1)'), `"' =SUM(A1)"`, 'a line break becomes a space; blanks before a formula do not hide it');
    assert.strictEqual(csvCell('  @cmd'), `"'  @cmd"`);
    assert.strictEqual(csvCell('=1+2'), `"'=1+2"`);
    assert.strictEqual(csvCell('-cmd|calc'), `"'-cmd|calc"`);
    assert.strictEqual(csvCell('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvCell(undefined), '""');
    assert.strictEqual(csvCell(42), '"42"');
  });

  it('property: any name stays one cell of one row, and no cell starts a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 30 }), (name, where) => {
        const csv = formatCsv(data([{ name, sid: fakeKeySid(), uses: [{ kind: 'envFile', where }] }]));
        const rows = parseCsv(csv);
        assert.strictEqual(rows.length, 2, 'a header and one row');
        assert.deepStrictEqual(rows[0], [...CSV_COLUMNS]);
        assert.strictEqual(rows[1].length, CSV_COLUMNS.length);
        for (const cell of rows[1]) assert.ok(!/^\s*[=+\-@]/.test(cell) && !/^[\t\r]/.test(cell), `cell ${JSON.stringify(cell)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('property: escaped Markdown stays one line, breaks no table cell, and opens no link, image, HTML or code span', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const e = escapeMarkdown(text);
        assert.ok(!/[\r\n\u2028\u2029]/.test(e));
        // Every |, [, ], <, >, `, ! and & is escaped (preceded by an odd number of backslashes).
        for (const m of e.matchAll(/(\\*)([|[\]<>`!&])/g)) assert.ok(m[1].length % 2 === 1, `${JSON.stringify(e)} at ${m.index}`);
        assert.ok(!/(?<!\\)(?:\\\\)*:\/\//.test(e.replace(/\\:/g, '')) || !e.includes('://'), 'no bare scheme://');
      }),
      { numRuns: 500 },
    );
    assert.strictEqual(escapeMarkdown('.env (TWILIO_API_KEY): file.js:12'), '.env (TWILIO_API_KEY): file.js:12', 'readable text stays as it is');
    assert.strictEqual(escapeMarkdown('see https://x.invalid or www.x.invalid'), 'see https\\://x.invalid or www\\.x.invalid');
    assert.strictEqual(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
  });

  it('the Markdown has a Rotate first table, one table per account, and what the report covers', () => {
    const md = formatMarkdown(
      data([
        { category: 'authToken', type: 'Auth Token (primary)', name: 'Auth Token', uses: [{ kind: 'envFile', where: '.env (TWILIO_AUTH_TOKEN)' }] },
        { name: 'worker | prod', sid: fakeKeySid(), created: new Date('2026-01-01T00:00:00Z'), secretStored: true },
      ]),
    );
    assert.match(md, /^# Twilio credential report\n/);
    assert.match(md, /\n## Rotate first\n\n\| Priority \| Account \| Credential \| SID \| Why \|\n/);
    assert.match(md, /\| 1 · now \| Prod \\\| EU \| Auth Token \(primary\): Auth Token \|/);
    assert.match(md, /\n## Prod \\\| EU \(`AC[0-9a-f]{32}`\)\n/);
    assert.match(md, /\| API key, Standard \| worker \\\| prod \| `SK[0-9a-f]{32}` \| 2026-01-01 \| 334 days \| secret stored in this editor \| {2}\|/);
    assert.match(md, /Keys and AWS credentials at least 90 days old are due/);
    // Every table row has the same number of unescaped cell separators as its header.
    for (const table of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const counts = table.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length);
      assert.ok(counts.every((n) => n === counts[0]), table);
    }
  });
});
