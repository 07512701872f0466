// The bounded readers the judge weighs (src/core/detection/evidence.ts, context.ts): each reads
// a few shapes files of many kinds share, and each is pinned here on its own.
import * as assert from 'assert';
import { Candidate, findCandidates } from '../../../src/core/detection';
import { breaksBetween, enclosingCall, logicalLineEnd, logicalLineStart, textBefore } from '../../../src/core/detection/context';
import {
  TableReader, adjacentSid, csvDelimiter, fileKind, firstArgumentName, lastIdentifier, parentNames, sidTier, trailingComment,
  twilioCallArguments,
} from '../../../src/core/detection/evidence';
import { Values } from './helpers';

const v = new Values(1820);

function candidates(text: string): { value: Candidate; sids: Candidate[] } {
  const all = findCandidates(text);
  return { value: all.find((c) => c.shape === 'hex32' || c.shape === 'alnum32')!, sids: all.filter((c) => c.shape === 'account-sid' || c.shape === 'key-sid') };
}

describe('readers: file kinds', () => {
  it('by name: CSV, logs (rotated too), docs, notebooks, env files, configuration, code', () => {
    const kinds: Record<string, string> = {
      'data/accounts.csv': 'csv', 'x.tsv': 'csv', 'logs/app.log': 'log', 'app.log.3': 'log', 'README.md': 'docs', 'notes.txt': 'docs',
      'n.ipynb': 'notebook', '.env': 'env', '.env.production': 'env', 'config/app.yml': 'config', 'main.tf': 'config',
      'src/app.py': 'code', 'Dockerfile': 'other',
    };
    for (const [path, kind] of Object.entries(kinds)) assert.strictEqual(fileKind(path), kind, path);
  });

  it('the editor\'s language counts only for a document without a path', () => {
    assert.strictEqual(fileKind('data.csv', 'plaintext'), 'csv');
    assert.strictEqual(fileKind(undefined, 'csv'), 'csv');
    assert.strictEqual(fileKind(undefined, 'markdown'), 'docs');
  });
});

describe('readers: a SID beside a value', () => {
  it('finds the SID before or after, over punctuation and blanks and at most one line break', () => {
    for (const make of [(s: string, t: string) => `${s}:${t}`, (s: string, t: string) => `"${s}": "${t}"`, (s: string, t: string) => `${t},${s}`, (s: string, t: string) => `${s}\n${t}`, (s: string, t: string) => `${s}\\n${t}`]) {
      const sid = v.accountSid(), t = v.token();
      const text = make(sid, t);
      const { value, sids } = candidates(text);
      assert.strictEqual(adjacentSid(text, value, sids)?.value, sid, text);
    }
  });

  it('not over a word, two line breaks or more than 12 characters', () => {
    for (const make of [(s: string, t: string) => `${s} request ${t}`, (s: string, t: string) => `${s}\n\n${t}`, (s: string, t: string) => `${s}  ,  ,  ,  ,  ${t}`]) {
      const text = make(v.accountSid(), v.token());
      const { value, sids } = candidates(text);
      assert.strictEqual(adjacentSid(text, value, sids), undefined, text);
    }
  });

  it('weighs distance: same line, block (6 lines, 200 characters), near (40 lines), file', () => {
    const tier = (gap: string) => {
      const text = `${v.accountSid()}${gap}${v.token()}`;
      const { value, sids } = candidates(text);
      return sidTier(text, value, sids[0]);
    };
    assert.strictEqual(tier(' x = '), 'line');
    assert.strictEqual(tier('\nx\ny = '), 'block');
    assert.strictEqual(tier('\n'.repeat(7) + 'y = '), 'near');
    assert.strictEqual(tier(` ${'z'.repeat(250)} `), 'line', 'a long line is still one line');
    assert.strictEqual(tier('\n'.repeat(41) + 'y = '), 'file');
    assert.strictEqual(tier(' ' + 'w '.repeat(40000)), undefined, 'more than 64 KB away');
  });
});

describe('readers: logical lines', () => {
  it('an escaped \\n ends a line inside a string, a doubled backslash does not', () => {
    const text = 'a\\nbc\\\\nd';
    assert.strictEqual(logicalLineStart(text, 4, 100), 3);
    assert.strictEqual(logicalLineEnd(text, 0, 100), 1);
    assert.strictEqual(logicalLineEnd(text, 3, 100), text.length, 'the \\\\n is a backslash and an n');
  });

  it('counts a notebook source line\'s escaped \\n and its real newline as one break', () => {
    const text = '"a\\n",\n    "b\\n",\n    "c"';
    assert.strictEqual(breaksBetween(text, 0, text.length), 2);
    assert.strictEqual(breaksBetween('x\r\ny\rz', 0, 6), 2);
  });

  it('textBefore a value alone on a notebook line reads the source line above, over the `",` between', () => {
    const t = v.token();
    const text = `    "# Twilio auth token\\n",\n    "# ${t}\\n"`;
    assert.match(textBefore(text, text.indexOf(t)), /Twilio auth token/);
  });
});

describe('readers: the blocks around a value', () => {
  const at = (text: string) => text.indexOf('VALUE');

  it('YAML parents by indentation, innermost first, at most three', () => {
    const text = 'a:\n  twilio:\n    prod:\n      inner:\n        key: VALUE\n';
    assert.deepStrictEqual(parentNames(text, at(text)), ['inner', 'prod', 'twilio']);
  });

  it('the key before an unclosed brace or bracket, on the value\'s line or above', () => {
    assert.deepStrictEqual(parentNames('{"backup": {"a": 1, "b": "VALUE"}}', at('{"backup": {"a": 1, "b": "VALUE"}}')), ['backup']);
    const text = 'TWILIO = {\n  "accounts": [\n    {"token": "VALUE"}\n  ]\n}';
    assert.deepStrictEqual(parentNames(text, at(text)), ['accounts', 'TWILIO']);
  });

  it('an INI or TOML section ends the search', () => {
    const text = '[other]\nx = 1\n[twilio]\nsid = 1\nkey = VALUE\n';
    assert.deepStrictEqual(parentNames(text, at(text)), ['twilio']);
  });

  it('a closed block above is not a parent', () => {
    const text = 'github: {token: 1}\nkey: VALUE\n';
    assert.deepStrictEqual(parentNames(text, at(text)), []);
  });
});

describe('readers: table columns', () => {
  const column = (text: string, path: string, header?: string) => {
    const { value } = candidates(text);
    return new TableReader(text, fileKind(path), () => header).columnName(value)?.name;
  };

  it('a CSV value\'s column from the header, counting delimiters outside quotes', () => {
    const text = `a,"b, c",auth_token\n1,"x, y",${v.token()}\n`;
    assert.strictEqual(column(text, 'x.csv', text.slice(0, text.indexOf('\n'))), 'auth_token');
  });

  it('the delimiter is the header\'s most frequent of , ; tab |', () => {
    assert.strictEqual(csvDelimiter('a;b;c,d'), 59);
    assert.strictEqual(csvDelimiter('a\tb\tc'), 9);
    assert.strictEqual(csvDelimiter('a'), 44);
  });

  it('a pipe table in any file: its first row\'s cell, or the row\'s first cell under a Value header', () => {
    assert.strictEqual(column(`| A | Auth Token |\n|---|---|\n| x | ${v.token()} |\n`, 'a.md'), 'Auth Token');
    assert.strictEqual(column(`| Name | Value |\n|--|--|\n| \`TWILIO_AUTH_TOKEN\` | ${v.token()} |\n`, 'a.txt'), 'TWILIO_AUTH_TOKEN');
  });

  it('keeps its place along a row and across rows: each value gets its own column', () => {
    const [a, b, c2, d] = [v.token(), v.token(), v.token(), v.token()];
    const text = `| Token | Hash |\n|---|---|\n| ${a} | ${b} |\n| ${c2} | ${d} |\n`;
    const reader = new TableReader(text, 'docs', () => undefined);
    const names = findCandidates(text).map((x) => reader.columnName(x)?.name);
    assert.deepStrictEqual(names, ['Token', 'Hash', 'Token', 'Hash']);
    const csv = `x,token\n"a,b",${a}\n1,${b}\n`;
    const csvReader = new TableReader(csv, 'csv', () => 'x,token');
    assert.deepStrictEqual(findCandidates(csv).map((x) => csvReader.columnName(x)?.name), ['token', 'token']);
  });

  it('no column: not a CSV file and no pipe, or the header row itself', () => {
    assert.strictEqual(column(`a,auth_token\n1,${v.token()}\n`, 'x.py'), undefined);
    assert.strictEqual(column(`${v.token()},b\n`, 'x.csv', 'x'), undefined);
  });
});

describe('readers: calls', () => {
  it('a call\'s first argument names its second (a quoted name, then the value)', () => {
    const text = `x = env('TWILIO_AUTH_TOKEN', 'VALUE')`;
    const call = enclosingCall(text, text.indexOf('VALUE'))!;
    assert.strictEqual(firstArgumentName(text, call, text.indexOf('VALUE'))?.name, 'TWILIO_AUTH_TOKEN');
    const third = `f('a', 'b', 'VALUE')`;
    assert.strictEqual(firstArgumentName(third, enclosingCall(third, third.indexOf('VALUE'))!, third.indexOf('VALUE')), undefined);
  });

  it('the variables Twilio clients are built from, by position, from any SDK\'s call shape', () => {
    const text = [
      'client = Client(account_sid, self.api_key)',
      'Twilio.init(ACCOUNT, $token);',
      '@client = Twilio::REST::Client.new(sid, @tok)',
      "const t = new AccessToken(a, keySid, config['k'], opts);",
      'r = redis.Client(host, password)',
      'x = twilio("AC", "literal")',
    ].join('\n');
    const map = twilioCallArguments(text, [...text.matchAll(/twilio/gi)].map((m) => m.index));
    assert.deepStrictEqual(Object.fromEntries([...map].map(([k, a]) => [k, `${a.callee}#${a.index}`])), {
      accountsid: 'Client#0', apikey: 'Client#1', account: 'Twilio.init#0', token: 'Twilio.init#1', sid: 'Twilio::REST::Client.new#0',
      tok: 'Twilio::REST::Client.new#1', a: 'AccessToken#0', keysid: 'AccessToken#1', k: 'AccessToken#2', opts: 'AccessToken#3', host: 'redis.Client#0',
      password: 'redis.Client#1',
    });
  });

  it('the last identifier of a member, a variable or an index expression', () => {
    assert.strictEqual(lastIdentifier('self.auth_token'), 'auth_token');
    assert.strictEqual(lastIdentifier('$token'), 'token');
    assert.strictEqual(lastIdentifier("config['twilio']['token'] "), 'token');
    assert.strictEqual(lastIdentifier('x.2abc'), 'abc');
    assert.strictEqual(lastIdentifier('"'), '');
  });

  it('a trailing comment after the value, in any comment syntax', () => {
    assert.strictEqual(trailingComment("'v'  # twilio token", 3), ' twilio token');
    assert.strictEqual(trailingComment('v, // note', 1), ' note');
    assert.strictEqual(trailingComment('v -- sql', 1), ' sql');
    assert.strictEqual(trailingComment('v and more', 1), '');
  });
});
