// "Also in git history" in a real VS Code: a git repository made at test time inside the fixture
// workspace, a secret committed on a known date, then moved within the file. The Problems entry
// and the hover name the commit that first added it; a secret never committed gets no such note.
// And the editor command that installs the plain git pre-commit hook.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { cleanSlate, waitFor, writeWorkspaceFile, workspaceRoot, runOurs } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { fakeAccountSid, fakeAuthToken } from '../support/fakeCredentials';

const gitEnv = (date: string): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid', GIT_COMMITTER_DATE: date,
});

function git(dir: string, date: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: gitEnv(date), encoding: 'utf8' });
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Twilio Credentials');
}

async function hoverText(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
}

describe('Git history in the hover and Problems (trusted workspace)', function () {
  this.timeout(240_000);
  let repo: string;
  let ui: ScriptedUi | undefined;
  afterEach(async () => {
    ui?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  before(() => {
    repo = path.join(workspaceRoot(), `git-history-${Date.now()}`);
    fs.mkdirSync(repo, { recursive: true });
    git(repo, '2026-03-02T10:00:00+00:00', 'init', '-q', '-b', 'main');
  });

  it('says in which commit a hardcoded secret was first committed, in the Problems entry and the hover', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, true);
    await cleanSlate();
    const sid = fakeAccountSid(), committed = fakeAuthToken(), fresh = fakeAuthToken();
    const file = writeWorkspaceFile(path.relative(workspaceRoot(), path.join(repo, 'src', 'sms.js')), `const twilio = require('twilio');\nconst client = twilio('${sid}', '${committed}');\n`);
    git(repo, '2026-03-02T10:00:00+00:00', 'add', '.');
    git(repo, '2026-03-02T10:00:00+00:00', 'commit', '-q', '-m', 'sms');
    const sha = git(repo, '2026-03-02T10:00:00+00:00', 'rev-parse', 'HEAD').trim();
    // Moved down in the working copy, and a second token that was never committed.
    fs.writeFileSync(file, `// notes\n\nconst twilio = require('twilio');\nconst client = twilio('${sid}', '${committed}');\nconst authToken = '${fresh}';\n`);

    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const note = `First committed in ${sha.slice(0, 7)} on 2026-03-02: moving it does not un-leak it, rotate it.`;
    const diags = await waitFor(() => {
      const d = ours(doc.uri);
      return d.length === 2 && d.some((x) => x.message.includes(note)) ? d : undefined;
    }, 'the Problems entry to name the first commit', 120_000).catch((e: Error) => {
      throw new Error(`${e.message}; entries: ${JSON.stringify(ours(doc.uri).map((d) => d.message))}`);
    });
    const onCommitted = diags.find((d) => d.range.start.line === 3)!;
    const onFresh = diags.find((d) => d.range.start.line === 4)!;
    assert.ok(onCommitted.message.startsWith('Hardcoded Twilio Auth Token'), onCommitted.message);
    assert.ok(onCommitted.message.includes(note), onCommitted.message);
    assert.ok(!onFresh.message.includes('First committed'), 'the token never committed has no history note: ' + onFresh.message);

    const hover = await hoverText(doc.uri, onCommitted.range.start.translate(0, 2));
    assert.ok(hover.includes(note), hover);
    const hoverFresh = await hoverText(doc.uri, onFresh.range.start.translate(0, 2));
    assert.match(hoverFresh, /Hardcoded/);
    assert.ok(!hoverFresh.includes('First committed'), hoverFresh);
    assert.ok(![committed, fresh].some((t) => hover.includes(t) || hoverFresh.includes(t)), 'no value in hovers');

    // Typing does not wait for git and keeps the note for the same secret.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// more\n'));
    await waitFor(() => {
      const d = ours(doc.uri).find((x) => x.range.start.line === 4);
      return d && d.message.includes(note) ? d : undefined;
    }, 'the note to follow the moved line', 60_000);
  });

  it('installs the pre-commit hook from the command, once (idempotent), and never over a foreign hook without asking', async () => {
    const folder = vscode.Uri.file(repo);
    assert.strictEqual(await runOurs('twilioCredentials.installGitHook', { confirm: true, folder }), 'installed');
    const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
    const text = fs.readFileSync(hook, 'utf8');
    assert.match(text, /twilio-credentials pre-commit hook/);
    assert.match(text, /dist\/cli\.js/);
    assert.strictEqual(await runOurs('twilioCredentials.installGitHook', { confirm: true, folder }), 'unchanged');

    fs.writeFileSync(hook, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    ui = scriptUi().message(undefined);
    assert.strictEqual(await runOurs('twilioCredentials.installGitHook', { confirm: true, folder }), 'exists');
    assert.strictEqual(fs.readFileSync(hook, 'utf8'), '#!/bin/sh\nexit 0\n', 'left alone when the user says no');
    ui.restore();
    ui = scriptUi().message('Keep It and Run It First');
    assert.strictEqual(await runOurs('twilioCredentials.installGitHook', { confirm: true, folder }), 'chained');
    assert.strictEqual(fs.readFileSync(hook + '.before-twilio-credentials', 'utf8'), '#!/bin/sh\nexit 0\n');
  });

  it('asks (modal) before writing into a hooks folder the repository put outside itself (core.hooksPath)', async () => {
    const folder = vscode.Uri.file(repo);
    const outside = fs.mkdtempSync(path.join(path.dirname(workspaceRoot()), 'tc-outside-hooks-'));
    try {
      git(repo, '2026-03-02T10:00:00+00:00', 'config', 'core.hooksPath', outside);
      ui = scriptUi().message(undefined);
      assert.strictEqual(await runOurs('twilioCredentials.installGitHook', { confirm: true, folder }), 'external-hooks-dir');
      assert.deepStrictEqual(fs.readdirSync(outside), [], 'nothing written when the user says no');
      ui.restore();
      ui = scriptUi().message('Install There');
      assert.strictEqual(await runOurs('twilioCredentials.installGitHook', { confirm: true, folder }), 'installed');
      assert.match(fs.readFileSync(path.join(outside, 'pre-commit'), 'utf8'), /twilio-credentials pre-commit hook/);
    } finally {
      git(repo, '2026-03-02T10:00:00+00:00', 'config', '--unset', 'core.hooksPath');
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
