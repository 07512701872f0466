// `npm test` builds each set of bundles once (the production bundles, the test bundles), and
// `npm run test:integration` still builds what it needs when run alone. Checked by expanding the
// scripts in package.json as npm would run them (`vsce package` runs `vscode:prepublish`).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

/** The commands `npm run name` ends up running, in order, with `npm run` and `vsce package` expanded. */
function expand(name: string, seen: string[] = []): string[] {
  assert.ok(scripts[name], `script ${name} exists`);
  assert.ok(!seen.includes(name), `no cycle through ${name}`);
  return scripts[name].split('&&').flatMap((part) => {
    const command = part.trim().replace(/\s+/g, ' ');
    const run = /^npm run (\S+)/.exec(command);
    if (run) return expand(run[1], [...seen, name]);
    if (/^vsce package\b/.test(command) && scripts['vscode:prepublish']) return [...expand('vscode:prepublish', [...seen, name]), command];
    return [command];
  });
}

const builds = (commands: string[]) => commands.filter((c) => /^node esbuild\.js\b/.test(c)).map((c) => c.replace(/^node esbuild\.js ?/, '') || '(development)');

describe('npm scripts', () => {
  it('npm test builds the production bundles once and the test bundles once', () => {
    assert.deepStrictEqual(builds(expand('test')).sort(), ['--production', '--tests']);
  });

  it('npm test builds before it tests what it built, and packages the bundles it tested', () => {
    const commands = expand('test');
    const at = (re: RegExp) => commands.findIndex((c) => re.test(c));
    assert.ok(at(/esbuild\.js --production/) < at(/^mocha .*out\/test\/unit/), 'production build before the unit tests (they check dist/)');
    assert.ok(at(/esbuild\.js --tests/) < at(/^mocha .*out\/test\/unit/), 'test build before the unit tests');
    assert.ok(at(/runIntegration\.js/) > at(/esbuild\.js --tests/), 'test build before the integration tests');
    assert.ok(at(/^vsce package/) < at(/out\/test\/e2e/), 'the .vsix exists before the end-to-end tests');
  });

  it('npm run test:integration alone builds both sets, then runs the in-host suite last', () => {
    const commands = expand('test:integration');
    assert.deepStrictEqual(builds(commands).sort(), ['--production', '--tests']);
    assert.match(commands[commands.length - 1], /runIntegration\.js$/, 'file arguments reach the runner');
  });
});
