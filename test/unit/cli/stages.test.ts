// The stages of `scan` one by one (main.ts runScan wires them): plan, judge, report, exit code,
// the job summary, and the line guard that keeps output from starting CI workflow commands.
import * as assert from 'assert';
import fc from 'fast-check';
import { Finding, fingerprint, scanText } from '../../../src/core/detection';
import { parseBaseline } from '../../../src/cli/baseline';
import { JudgeInput, SuppressionState, judge, judgeEnvFiles } from '../../../src/cli/judge';
import { planScan, workingTreeSource } from '../../../src/cli/main';
import { escapeForTerminal, inertForCi, inertWriter } from '../../../src/cli/output';
import { exitCode, renderReport, ReportInput } from '../../../src/cli/report';
import { formatSummary, markdownText } from '../../../src/cli/summary';
import type { ScanArgs } from '../../../src/cli/args';
import { rangeShape } from '../../../src/workspace/git/revisions';
import { filterOverrides } from '../../../src/workspace/git/run';
import { Trees, Values } from './harness';

const v = new Values(4242);
const args = (over: Partial<ScanArgs> = {}): ScanArgs => ({
  command: 'scan', paths: ['.'], format: 'human', excludes: [], maxFileSize: 1 << 20, includeNodeModules: false, strict: false, extra: {}, ...over,
});
const none: SuppressionState = { fingerprints: new Map(), matchesGlob: () => false };
/** One finding per line of `lines` in file `path`, as the engine (keepSuppressed) gives them. */
function found(path: string, text: string): { path: string; finding: Finding }[] {
  return scanText(text, { path, keepSuppressed: true }).filter((f) => f.isSecret).map((finding) => ({ path, finding }));
}

describe('scan stages: plan', () => {
  const trees = new Trees();
  after(() => trees.cleanup());

  it('picks the working tree unless a source option is set, refuses two sources and missing paths, and lists the folders whose ignore files count', () => {
    const d = trees.make({ 'src/a.js': 'x', 'b.txt': 'y' });
    const plan = planScan(args({ paths: ['src', 'b.txt'] }), d, []);
    assert.ok(!('usage' in plan));
    assert.strictEqual(plan.source, workingTreeSource);
    assert.deepStrictEqual(plan.ignoreDirs, [d, `${d}/src`], 'the current folder and each folder scanned (not files)');
    assert.deepStrictEqual(planScan(args({ paths: ['nope'] }), d, []), { usage: 'no such file or folder: nope' });
    const pick = { options: [], select: () => ({ run: async () => undefined }) };
    assert.match((planScan(args(), d, [pick, pick]) as { usage: string }).usage, /choose one source/);
  });
});

describe('scan stages: judge (pure)', () => {
  it('an inline marker, a listed fingerprint or a baseline entry suppresses; the finding stays, marked, and does not fail', () => {
    const t1 = v.token(), t2 = v.token(), t3 = v.token(), t4 = v.token();
    const input: JudgeInput = {
      found: [
        ...found('a.js', `const authToken = '${t1}'; // gitleaks:allow\n`),
        ...found('b.js', `const authToken = '${t2}';\n`),
        ...found('c.js', `const authToken = '${t3}';\n`),
        ...found('d.js', `const authToken = '${t4}';\n`),
      ],
      active: {
        fingerprints: new Map([[fingerprint(t2), '.twilio-credentials-ignore']]),
        matchesGlob: () => false,
        baseline: parseBaseline(JSON.stringify({ tool: 'twilio-credentials', version: 1, findings: [{ fingerprint: fingerprint(t3), path: 'c.js' }] })),
        baselineLabel: 'base.json',
      },
    };
    const j = judge(input);
    assert.deepStrictEqual(j.reported.map((r) => r.path), ['d.js']);
    assert.strictEqual(j.failing, 1);
    assert.deepStrictEqual(j.suppressed.map((r) => [r.path, r.suppressions]), [
      ['a.js', [{ kind: 'inSource', justification: 'inline marker "gitleaks:allow" on line 1' }]],
      ['b.js', [{ kind: 'external', justification: 'fingerprint listed in .twilio-credentials-ignore' }]],
      ['c.js', [{ kind: 'external', justification: 'listed in the baseline base.json' }]],
    ]);
    assert.strictEqual(j.inBaseline, 1);
    assert.deepStrictEqual(j.forBaseline.map((r) => r.path).sort(), ['c.js', 'd.js'], 'a baseline records what is not "not a secret"');
  });

  it('in a range (a tip is given), inline markers never hold, and what only the tip suppresses is reported with a note', () => {
    const t1 = v.token(), t2 = v.token(), t3 = v.token(), t4 = v.token();
    const tip: SuppressionState = {
      fingerprints: new Map([[fingerprint(t2), 'src/.twilio-credentials-ignore']]),
      matchesGlob: (p) => p === 'glob.js',
      baseline: parseBaseline(JSON.stringify({ tool: 'twilio-credentials', version: 1, findings: [{ fingerprint: fingerprint(t4), path: 'bl.js' }] })),
      baselineLabel: 'b.json',
    };
    const j = judge({
      found: [
        ...found('marker.js', `// twilio-credentials-ignore\nconst authToken = '${t1}';\n`),
        ...found('fp.js', `const authToken = '${t2}';\n`),
        ...found('glob.js', `const authToken = '${t3}';\n`),
        ...found('bl.js', `const authToken = '${t4}';\n`),
      ],
      active: none,
      tip,
    });
    assert.strictEqual(j.suppressed.length, 0);
    assert.strictEqual(j.failing, 4);
    assert.deepStrictEqual(j.reported.map((r) => [r.path, r.suppressionsAddedInRange]), [
      ['marker.js', [{ kind: 'inSource', justification: 'inline marker "twilio-credentials-ignore" on line 1, on a line this range added' }]],
      ['fp.js', [{ kind: 'external', justification: 'fingerprint added to src/.twilio-credentials-ignore by this range' }]],
      ['glob.js', [{ kind: 'external', justification: 'path matches a glob added to .twilio-credentials-ignore by this range' }]],
      ['bl.js', [{ kind: 'external', justification: 'added to the baseline b.json by this range' }]],
    ]);
  });

  it('env-file secrets fail only when git commits the file', () => {
    const j = judge({ found: found('.env', `TWILIO_AUTH_TOKEN=${v.token()}\n`), active: none });
    assert.strictEqual(j.failing, 0);
    assert.deepStrictEqual([...j.envFileSecrets], [['.env', 1]]);
    assert.strictEqual(judgeEnvFiles(j, new Set()).failing, 0);
    const committed = judgeEnvFiles(j, new Set(['.env']));
    assert.strictEqual(committed.failing, 1);
    assert.deepStrictEqual([...committed.filesWithSecrets], ['.env']);
  });
});

describe('scan stages: report and exit code (pure)', () => {
  const base = (over: Partial<ReportInput> = {}): ReportInput => ({
    format: 'human', judged: judge({ found: found('a.js', `const authToken = '${v.token()}';\n`), active: none }), skipped: [], scanned: 3,
    envFileLines: [], baselineUsed: false, incomplete: false, root: '/tmp', version: '0.0.0', ...over,
  });

  it('human: findings on stdout, then skips, the range\'s changes and the totals on stderr', () => {
    const lines = renderReport(base({
      skipped: [{ path: 'x.bin', reason: 'binary' }],
      range: { base: 'a'.repeat(40), tip: 'b'.repeat(40), changes: [{ path: '.twilio-credentials-ignore', status: 'M', added: ['**'], removed: [], more: 2 }] },
    }));
    assert.deepStrictEqual(lines.map((l) => l.stream), ['stdout', 'stderr', 'stderr', 'stderr', 'stderr', 'stderr', 'stderr']);
    assert.match(lines[0].text, /^a\.js:1:20 {2}warning/);
    assert.deepStrictEqual(lines.slice(2, 6).map((l) => l.text), [
      `twilio-credentials: suppressions are read at the range's base ${'a'.repeat(12)}; this range changes suppression files, and those changes do not count here:`,
      '  M .twilio-credentials-ignore',
      '      + **',
      '      (2 more changes not listed)',
    ]);
    assert.strictEqual(lines[6].text, 'twilio-credentials: 1 hardcoded secret in 1 file (3 files scanned, 1 skipped)');
  });

  it('json and sarif keep stderr quiet; sarif also lists suppressed results', () => {
    const t = v.token();
    const judged = judge({ found: found('a.js', `const authToken = '${t}'; // ggignore\n`), active: none });
    assert.deepStrictEqual(renderReport(base({ format: 'json', judged })).map((l) => l.stream), ['stdout']);
    const sarif = JSON.parse(renderReport(base({ format: 'sarif', judged }))[0].text);
    assert.deepStrictEqual(sarif.runs[0].results[0].suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'inline marker "ggignore" on line 1' }]);
    assert.deepStrictEqual(JSON.parse(renderReport(base({ format: 'json', judged }))[0].text).findings, [], 'json lists what is reported, as before');
  });

  it('exit code: 2 for an unwritable baseline or a --strict skip, 0 after writing a baseline, else 1 when a secret fails', () => {
    assert.strictEqual(exitCode({ failing: 3, incomplete: false }), 1);
    assert.strictEqual(exitCode({ failing: 0, incomplete: false }), 0);
    assert.strictEqual(exitCode({ failing: 0, incomplete: true }), 2);
    assert.strictEqual(exitCode({ failing: 3, incomplete: false, baselineWrite: { written: 3, label: 'b' } }), 0);
    assert.strictEqual(exitCode({ failing: 0, incomplete: false, baselineWrite: { error: 'EACCES', label: 'b' } }), 2);
    assert.strictEqual(exitCode({ failing: 0, incomplete: true, baselineWrite: { written: 0, label: 'b' } }), 2);
  });
});

describe('output cannot start a CI workflow command', () => {
  it('a line starting (after whitespace) with :: gets its first colon escaped, ##[ anywhere is broken', () => {
    assert.strictEqual(inertForCi('::stop-commands::x:1:1  warning'), '\\x3a:stop-commands::x:1:1  warning');
    assert.strictEqual(inertForCi('  \u00a0::error::x'), '  \u00a0\\x3a:error::x');
    assert.strictEqual(inertForCi('src/a.js:1:1 ##[error]x'), 'src/a.js:1:1 #\\x23[error]x');
    assert.strictEqual(inertForCi('src/a::b.js:1:1'), 'src/a::b.js:1:1', 'only at the start');
    const out: string[] = [];
    const write = inertWriter((t) => out.push(t));
    write('::a\n  ::b\nok ');
    write('::c continues the line\n');
    assert.deepStrictEqual(out, ['\\x3a:a\n  \\x3a:b\nok ', '::c continues the line\n']);
  });

  it('property: no escaped line written through the guard starts a command, whatever its text', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }), (parts) => {
      let text = '';
      inertWriter((t) => { text += t; })(parts.map((p) => escapeForTerminal(p)).join('\n') + '\n');
      for (const line of text.split(/\r\n|\r|\n/)) {
        assert.ok(!/^[\s\u0085]*::/.test(line), JSON.stringify(line));
        assert.ok(!line.includes('##['), JSON.stringify(line));
      }
    }));
  });
});

describe('job summary (Markdown)', () => {
  it('repository text is inert: no link, image, mention, HTML or table cell from a file name or line', () => {
    const name = '[x](https://example.invalid) ![i](y) @team <img src=x> | cell `code` *em*';
    const md = markdownText(name);
    assert.ok(!/[[\]()!@<>|`*]/.test(md), md);
    assert.strictEqual(md.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))), name);
  });

  it('names the range, every finding with its in-range note, and every change to a suppression file', () => {
    const t = v.token();
    const judged = judge({ found: found('src/a.js', `const authToken = '${t}'; // gitleaks:allow\n`), active: none, tip: none });
    const md = formatSummary({
      judged, scanned: 2, skipped: 0, exitCode: 1,
      range: { base: 'a'.repeat(40), tip: 'b'.repeat(40), changes: [{ path: 'tc-baseline.json', status: 'M', added: ['"fingerprint": "tc1:x"'], removed: [], more: 0 }] },
    });
    const text = md.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
    assert.match(text, /\*\*1 hardcoded secret\*\* in 1 file \(2 files scanned, 0 skipped\): exit code 1\./);
    assert.match(text, /\| <code>src\/a\.js<\/code> \| 1 \| Hardcoded Twilio Auth Token .* \| inline marker "gitleaks:allow" on line 1, on a line this range added \|/);
    assert.match(text, /- \*\*M\*\* <code>tc-baseline\.json<\/code>\n\n<pre>\n\+ "fingerprint": "tc1:x"\n<\/pre>/);
  });
});

describe('git helpers (pure parts)', () => {
  it('rangeShape: base and tip of the forms git log takes; none without a base; one of each at most', () => {
    assert.deepStrictEqual(rangeShape(['main..HEAD']), { base: 'main', tip: 'HEAD', symmetric: false });
    assert.deepStrictEqual(rangeShape(['main...feature']), { base: 'main', tip: 'feature', symmetric: true });
    assert.deepStrictEqual(rangeShape(['v1..']), { base: 'v1', tip: 'HEAD', symmetric: false });
    assert.deepStrictEqual(rangeShape(['^main', 'feature']), { base: 'main', tip: 'feature', symmetric: false });
    assert.deepStrictEqual(rangeShape(['HEAD']), { base: undefined });
    assert.deepStrictEqual(rangeShape([]), { base: undefined });
    assert.ok('error' in rangeShape(['a..b', 'c..d']));
    assert.ok('error' in rangeShape(['--output=x']));
  });

  it('filterOverrides empties every configured filter driver, dotted names included', () => {
    assert.deepStrictEqual(filterOverrides(['filter.lfs.clean', 'filter.lfs.process', 'filter.a.b.smudge', 'core.editor', '']), [
      '-c', 'filter.lfs.clean=', '-c', 'filter.lfs.smudge=', '-c', 'filter.lfs.process=', '-c', 'filter.lfs.required=false',
      '-c', 'filter.a.b.clean=', '-c', 'filter.a.b.smudge=', '-c', 'filter.a.b.process=', '-c', 'filter.a.b.required=false',
    ]);
  });
});

describe('engine: keepSuppressed', () => {
  it('returns what a marker suppresses, marked with the marker and its line; without it the finding is dropped as before', () => {
    const t = v.token();
    const text = `// twilio\n// pragma: allowlist nextline secret\nconst authToken = '${t}';\n`;
    assert.deepStrictEqual(scanText(text, { path: 'a.js' }).filter((f) => f.isSecret), []);
    const kept = scanText(text, { path: 'a.js', keepSuppressed: true }).filter((f) => f.isSecret);
    assert.strictEqual(kept.length, 1);
    assert.deepStrictEqual(kept[0].inlineSuppression, { marker: 'pragma: allowlist nextline secret', line: 1 });
  });
});
