import * as assert from 'assert';
import { DEFAULT_MAX_FILE_SIZE, ScanArgs, parseCommandLine, parseSize, scanCommandSpec } from '../../../src/cli/args';

const table = { scan: scanCommandSpec() };
const scan = (...argv: string[]): ScanArgs => {
  const r = parseCommandLine(['scan', ...argv], table);
  assert.strictEqual(r.kind, 'run', JSON.stringify(r));
  return (r as { args: ScanArgs }).args;
};
const error = (...argv: string[]): string => {
  const r = parseCommandLine(argv, table);
  assert.strictEqual(r.kind, 'error', `${argv.join(' ')} should be a mistake`);
  return (r as { message: string }).message;
};

describe('CLI arguments (util.parseArgs)', () => {
  it('defaults to scanning . with a 1 MiB limit in the human format', () => {
    assert.deepStrictEqual(scan(), {
      command: 'scan', paths: ['.'], format: 'human', excludes: [], maxFileSize: DEFAULT_MAX_FILE_SIZE,
      includeNodeModules: false, strict: false, baseline: undefined, writeBaseline: undefined, summaryFile: undefined, extra: {},
    });
  });

  it('reads paths, repeated excludes, sizes with units, --json as --format json, and -- ', () => {
    const a = scan('src', '--exclude', 'a/**', '--exclude=b', '--max-file-size=2m', '--json', '--', '--weird-name');
    assert.deepStrictEqual(a.paths, ['src', '--weird-name']);
    assert.deepStrictEqual(a.excludes, ['a/**', 'b']);
    assert.strictEqual(a.maxFileSize, 2 * 1024 * 1024);
    assert.strictEqual(a.format, 'json');
    assert.strictEqual(scan('--json', '--format', 'json').format, 'json');
    assert.strictEqual(scan('-f', 'sarif').format, 'sarif');
    assert.strictEqual(scan('--include-node-modules').includeNodeModules, true);
  });

  it('reads --strict, --baseline and --write-baseline', () => {
    const a = scan('--strict', '--baseline', 'b.json', '--write-baseline=c.json');
    assert.strictEqual(a.strict, true);
    assert.strictEqual(a.baseline, 'b.json');
    assert.strictEqual(a.writeBaseline, 'c.json');
  });

  it('treats --max-file-size 0 as no limit', () => {
    assert.strictEqual(scan('--max-file-size', '0').maxFileSize, Infinity);
  });

  it('rejects unknown commands, unknown flags, missing and malformed values', () => {
    assert.match(error(), /missing command/);
    assert.match(error('frobnicate'), /unknown command: frobnicate/);
    assert.match(error('--nope'), /unknown option/);
    assert.match(error('scan', '-x'), /Unknown option '-x'/);
    assert.match(error('scan', '--exclude'), /--exclude/);
    assert.match(error('scan', '--format', 'xml'), /--format must be one of human, json, sarif/);
    assert.match(error('scan', '--json', '--format', 'sarif'), /contradicts/);
    assert.match(error('scan', '--max-file-size', 'lots'), /--max-file-size needs a number/);
    assert.match(error('scan', '--strict=yes'), /strict/);
    assert.strictEqual(parseSize('12 parsecs'), undefined);
    assert.strictEqual(parseSize('10k'), 10240);
  });

  it('says exactly what was wrong, without parseArgs\' advice about --', () => {
    assert.strictEqual(error('scan', '-x'), "Unknown option '-x'");
    assert.strictEqual(error('scan', '--exclude'), "Option '--exclude <value>' argument missing");
    assert.strictEqual(error('scan', '--strict=yes'), "Option '--strict' does not take an argument");
    assert.strictEqual(error('scan', '--max-file-size', 'lots'), '--max-file-size needs a number of bytes, got lots');
  });

  it('refuses an empty glob or file name', () => {
    assert.strictEqual(error('scan', '--exclude='), '--exclude needs a glob');
    assert.strictEqual(error('scan', '--exclude=a', '--exclude='), '--exclude needs a glob');
    assert.strictEqual(error('scan', '--baseline='), '--baseline needs a file name');
    assert.strictEqual(error('scan', '--write-baseline='), '--write-baseline needs a file name');
  });

  it('reads sizes in bytes, k and m (any case, blanks allowed), and nothing else', () => {
    assert.deepStrictEqual(
      ['10', ' 10k ', '10 KB', '10kib', '1m', '1MB', '1mib', 'x10', '10x', '-1'].map(parseSize),
      [10, 10240, 10240, 10240, 1048576, 1048576, 1048576, undefined, undefined, undefined],
    );
  });

  it('a mistake in a command shows that command\'s usage', () => {
    const r = parseCommandLine(['scan', '--nope'], table);
    assert.ok(r.kind === 'error' && r.usage.startsWith('Usage: twilio-credentials scan'));
  });

  it('a path after -- or one that looks like an option name stays a path', () => {
    const spec = scanCommandSpec([{ name: 'git', spec: { type: 'string', bareValue: '' }, helpLine: '  --git [RANGE]           scan history' }]);
    const run = (...argv: string[]) => parseCommandLine(['scan', ...argv], { scan: spec }) as { kind: string; args: ScanArgs };
    assert.deepStrictEqual([run('--git', '--', '--git').args.paths, run('--git', '--', '--git').args.extra.git], [['--git'], '']);
    assert.deepStrictEqual([run('./git').args.paths, run('./git').args.extra.git], [['./git'], undefined]);
    assert.strictEqual(run('--', '--help', 'x').kind, 'run', '--help after -- is a path');
    assert.deepStrictEqual(run('--', '--help', 'x').args.paths, ['--help', 'x']);
  });

  it('the program\'s help lists each command with its summary, aligned', () => {
    const other = { ...scanCommandSpec(), name: 'history', summary: 'look through history' };
    const top = parseCommandLine(['-h'], { scan: scanCommandSpec(), history: other });
    assert.strictEqual(top.kind, 'help');
    assert.ok(top.kind === 'help' && top.text.includes('Commands:\n  scan     find hardcoded Twilio secrets in files and folders\n  history  look through history\n\nOptions:'), top.kind === 'help' ? top.text : '');
    assert.deepStrictEqual(parseCommandLine(['--help', 'scan'], table), parseCommandLine(['--help'], table), '--help ignores what follows it');
    assert.deepStrictEqual(parseCommandLine(['help'], table), parseCommandLine(['--help'], table));
    const unknown = parseCommandLine(['help', 'frobnicate'], table);
    assert.ok(unknown.kind === 'error' && unknown.message === 'unknown command: frobnicate' && unknown.usage.startsWith('Usage: twilio-credentials <command>'));
    const h = parseCommandLine(['scan', '-h'], table);
    assert.ok(h.kind === 'help' && h.text.startsWith('Usage: twilio-credentials scan'));
  });

  it('a command\'s arguments may be any value; only an { error: string } is a mistake', () => {
    const command = (args: unknown) => ({ ...scanCommandSpec(), name: 'c', build: () => args });
    for (const args of [7, 'text', undefined, null, { error: false }, { error: { code: 1 } }]) {
      assert.deepStrictEqual(parseCommandLine(['c'], { c: command(args) }), { kind: 'run', command: 'c', args }, JSON.stringify(args));
    }
  });

  it('--help anywhere before -- wins, --version only before the command', () => {
    const h = parseCommandLine(['scan', '--nope', '--help'], table);
    assert.ok(h.kind === 'help' && h.text.startsWith('Usage: twilio-credentials scan'));
    assert.strictEqual(parseCommandLine(['scan', '--', '--help'], table).kind, 'run');
    assert.strictEqual(parseCommandLine(['--version'], table).kind, 'version');
    assert.strictEqual(parseCommandLine(['-v'], table).kind, 'version');
    const top = parseCommandLine(['--help'], table);
    assert.ok(top.kind === 'help' && /Commands:\n {2}scan/.test(top.text));
    const named = parseCommandLine(['help', 'scan'], table);
    assert.ok(named.kind === 'help' && named.text.startsWith('Usage: twilio-credentials scan'));
  });

  it('options other modules add to scan are parsed, listed in --help, and may have an optional value', () => {
    const spec = scanCommandSpec([
      { name: 'staged', spec: { type: 'boolean' }, helpLine: '  --staged                scan the index' },
      { name: 'git', spec: { type: 'string', bareValue: '' }, helpLine: '  --git [RANGE]           scan history' },
    ]);
    const t = { scan: spec };
    const parse = (...argv: string[]): ScanArgs => {
      const r = parseCommandLine(['scan', ...argv], t);
      assert.strictEqual(r.kind, 'run', JSON.stringify(r));
      return (r as { args: ScanArgs }).args;
    };
    assert.deepStrictEqual(parse('--staged').extra, { staged: true, git: undefined });
    assert.deepStrictEqual(parse('--git').extra, { staged: undefined, git: '' });
    assert.deepStrictEqual(parse('--git', '--json').extra.git, '');
    assert.deepStrictEqual(parse('--git', 'main..HEAD').extra.git, 'main..HEAD');
    assert.match(spec.help, /--staged {16}scan the index\n {2}--git \[RANGE\]/);
    assert.ok(spec.help.includes('$GITHUB_STEP_SUMMARY)\n  --staged                scan the index\n  --git [RANGE]           scan history\n  -h, --help'), spec.help);
  });
});
