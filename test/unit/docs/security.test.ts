// SECURITY.md is the threat model: every entry point has a row, and every test it names exists.
// A new command, setting or CLI flag fails here until its row is written; a test renamed or
// removed fails here until the row says what holds the promise now.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findRoot } from '../git/repo';

const root = findRoot(__dirname);
const security = fs.readFileSync(path.join(root, 'SECURITY.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
};

/** `` `name` `` appears in SECURITY.md inside a table row. */
const hasRow = (name: string) => security.split('\n').some((line) => line.startsWith('|') && line.includes(`\`${name}\``));

/** The titles of a test file's `describe` and `it` calls, as the test runner prints them (quotes unescaped). */
function testTitles(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/\b(?:it|describe)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2].replace(/\\(.)/g, '$1'));
}

/** Every `file` › “title” citation. */
function citations(): Array<{ file: string; title: string }> {
  return [...security.matchAll(/`(test\/[^`]+\.ts)` › “([^”]+)”/g)].map((m) => ({ file: m[1], title: m[2] }));
}

/** The long flags the scanner's help texts list, for the program and for each of its commands. */
function cliFlags(): string[] {
  const cli = path.join(root, 'cli', 'cli.js');
  const help = (...args: string[]) => spawnSync(process.execPath, [cli, ...args, '--help'], { encoding: 'utf8' }).stdout;
  const main = help();
  const commands = [...main.matchAll(/^ {2}([a-z][a-z-]+) {2,}/gm)].map((m) => m[1]);
  assert.ok(commands.includes('scan'), `the help lists the commands: ${main}`);
  const texts = [main, ...commands.map((c) => help(c))];
  return [...new Set(texts.flatMap((t) => [...t.matchAll(/^\s+(?:-[a-z], )?(--[a-z][a-z-]*)/gm)].map((m) => m[1])))];
}

describe('SECURITY.md, the threat model', function () {
  this.timeout(30_000);

  it('has a row for every contributed command', () => {
    const missing = manifest.contributes.commands.map((c) => c.command).filter((id) => !hasRow(id));
    assert.deepStrictEqual(missing, [], 'commands without a row in SECURITY.md (add one: argument fields, consent, test)');
  });

  it('has a row for every contributed setting', () => {
    const settings = ([] as { properties: Record<string, unknown> }[]).concat(manifest.contributes.configuration).flatMap((c) => Object.keys(c.properties));
    assert.ok(settings.length > 5);
    assert.deepStrictEqual(settings.filter((s) => !hasRow(s)), [], 'settings without a row in SECURITY.md');
  });

  it('has a row for every flag of the command-line scanner', () => {
    const flags = cliFlags();
    assert.ok(flags.includes('--staged') && flags.includes('--chain'), flags.join(' '));
    assert.deepStrictEqual(flags.filter((f) => !hasRow(f)), [], 'CLI flags without a row in SECURITY.md');
  });

  it('names only tests that exist: each cited title is in the cited file', () => {
    const cited = citations();
    assert.ok(cited.length > 80, `only ${cited.length} citations found: is the format \`file\` › “title”?`);
    const wrong = cited.filter(({ file, title }) => {
      const p = path.join(root, file);
      return !fs.existsSync(p) || !testTitles(p).some((t) => t.includes(title));
    });
    assert.deepStrictEqual(wrong, [], 'citations whose file or test title does not exist');
  });

  it('has a section for each boundary, each promise held by a test or marked in progress', () => {
    for (const boundary of ['Workspace files', 'Other extensions', 'Pull requests and CI', 'Twilio and the network', 'Registries', 'Other users of the machine']) {
      assert.match(security, new RegExp(`^### ${boundary}$`, 'm'), boundary);
    }
    const lines = security.split('\n');
    // Table rows below a header row (the header is the line just above a |---| line).
    const promiseRows = lines.filter((l, i) => l.startsWith('| ') && !lines[i + 1]?.startsWith('|---'));
    const unheld = promiseRows.filter((l) => !/› “/.test(l) && !/in progress, issue 17/.test(l) && !/as above/.test(l));
    assert.deepStrictEqual(unheld, [], 'rows that name no test and are not marked in progress');
  });

  it('says how to report a vulnerability privately, with no placeholder address', () => {
    const section = security.slice(security.indexOf('## Reporting a vulnerability'), security.indexOf('## What is protected'));
    assert.match(section, /private vulnerability report form/);
    assert.match(section, /never in a public issue/);
    assert.doesNotMatch(section, /[\w.+-]+@[\w-]+\.[\w.]+/, 'no e-mail address (a placeholder is worse than none)');
  });
});
