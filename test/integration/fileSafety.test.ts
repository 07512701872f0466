// Hostile or unusual workspaces in a real VS Code: links out of the workspace, templates beside
// the .env, env files that git tracks or would commit, an ignore file linked to /dev/zero.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { cleanSlate, connectEmulator, waitFor, workspaceRoot, writeWorkspaceFile, runOurs, storedKeySecret } from './helpers';
import { scriptUi, ScriptedUi } from './ui';
import { fakeAuthToken } from '../support/fakeCredentials';

const GIT_ENV: NodeJS.ProcessEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: GIT_ENV, stdio: 'pipe' }).toString();

/** A git repository inside the workspace (the workspace folder itself is not one). */
function repo(name: string, files: Record<string, string>, commit: boolean): string {
  const dir = path.join(workspaceRoot(), 'safety', name);
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
  if (commit) {
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'init');
  }
  return dir;
}

async function createKeyInto(em: { accountSid: string }, envFile: string, name: string): Promise<{ keySid: string; secretStored: boolean; envFile?: string }> {
  return runOurs('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: name, type: 'standard', envFile });
}

describe('File safety: links, templates, committed env files', function () {
  this.timeout(60_000);
  let ui: ScriptedUi | undefined;
  const outsideDirs: string[] = [];
  const outside = () => {
    const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twilio-cred-outside-')));
    outsideDirs.push(d);
    return d;
  };
  afterEach(() => ui?.restore());
  after(() => {
    fs.rmSync(path.join(workspaceRoot(), 'safety'), { recursive: true, force: true });
    outsideDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  it('a .env that is a symbolic link to a file outside the workspace is refused, and the outside file is untouched', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const target = path.join(outside(), 'other-project.env');
    fs.writeFileSync(target, 'OTHER_PROJECT_PASSWORD=outside\n');
    const link = path.join(workspaceRoot(), 'safety', 'linked', '.env');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link);
    ui = scriptUi();
    const created = await createKeyInto(em, link, 'link attack');
    assert.strictEqual(created.envFile, undefined);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was not replaced by a copy');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'OTHER_PROJECT_PASSWORD=outside\n');
    assert.ok(ui.prompts.some((p) => p.kind === 'error' && /symbolic link/.test(p.text)), JSON.stringify(ui.prompts.map((p) => p.text)));
  });

  it('a folder that is a symbolic link out of the workspace gets no .env', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const out = outside();
    const linkDir = path.join(workspaceRoot(), 'safety', 'outlink');
    fs.mkdirSync(path.dirname(linkDir), { recursive: true });
    fs.symlinkSync(out, linkDir);
    ui = scriptUi();
    const created = await createKeyInto(em, path.join(linkDir, '.env'), 'folder link attack');
    assert.strictEqual(created.envFile, undefined);
    assert.deepStrictEqual(fs.readdirSync(out), []);
  });

  it('rotation never writes the new secret into .env.example beside the .env', async () => {
    const { t, em } = await cleanSlate();
    await connectEmulator(em);
    const dir = path.join(workspaceRoot(), 'safety', 'template');
    fs.mkdirSync(dir, { recursive: true });
    const env = path.join(dir, '.env');
    fs.writeFileSync(env, '');
    ui = scriptUi();
    const created = await createKeyInto(em, env, 'template');
    ui.restore();
    const example = path.join(dir, '.env.example');
    fs.writeFileSync(example, `# copy to .env\nTWILIO_API_KEY=${created.keySid}\nTWILIO_API_SECRET=\n`);
    await t.envIndex(vscode.Uri.file(env));
    await t.envIndex(vscode.Uri.file(example));
    ui = scriptUi();
    const r = await runOurs<{ newKeySid?: string; stoppedAt?: string; state?: string }>('twilioCredentials.rotateKey', { confirm: true, accountSid: em.accountSid, keySid: created.keySid, confirmDelete: true });
    assert.strictEqual(r.stoppedAt, undefined, r.state);
    const secret = em.state.keys.get(r.newKeySid!)!.secret!;
    const exampleText = fs.readFileSync(example, 'utf8');
    assert.ok(!exampleText.includes(secret), 'the new secret is not in .env.example');
    assert.match(exampleText, /^TWILIO_API_SECRET=$/m);
    assert.ok(fs.readFileSync(env, 'utf8').includes(`TWILIO_API_SECRET=${secret}`), 'the .env got it');
  });

  it('warns BEFORE writing a secret into a .env that git tracks, and untracks it on consent', async () => {
    const { em } = await cleanSlate();
    await connectEmulator(em);
    const dir = repo('tracked', { '.env': 'PORT=3000\n' }, true);
    const env = path.join(dir, '.env');
    ui = scriptUi().message('Untrack It, Then Write');
    const created = await createKeyInto(em, env, 'tracked');
    const warning = ui.prompts.find((p) => p.kind === 'warning' && /tracked by git/.test(p.text));
    assert.ok(warning, JSON.stringify(ui.prompts.map((p) => p.text)));
    assert.match(JSON.stringify(warning.options), /does not untrack/);
    assert.strictEqual(created.envFile, env);
    assert.strictEqual(git(dir, 'ls-files', '--', '.env'), '', 'no longer tracked');
    assert.match(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^\/\.env$/m);
    assert.match(fs.readFileSync(env, 'utf8'), /^TWILIO_API_SECRET=\S+$/m);
  });

  it('a secret bound for a .env git would commit is not written when the warning is dismissed', async () => {
    const { em, t } = await cleanSlate();
    await connectEmulator(em);
    const dir = repo('unignored', { '.env': 'PORT=3000\n' }, false);
    const env = path.join(dir, '.env');
    ui = scriptUi().message(undefined);
    const created = await createKeyInto(em, env, 'unignored');
    assert.ok(ui.prompts.some((p) => p.kind === 'warning' && /not ignored by git/.test(p.text)), JSON.stringify(ui.prompts.map((p) => p.text)));
    assert.strictEqual(created.envFile, undefined);
    assert.strictEqual(fs.readFileSync(env, 'utf8'), 'PORT=3000\n');
    assert.ok(await storedKeySecret(t, em.accountSid, created.keySid), 'the secret is still in SecretStorage');
  });

  it('shows a secret in a .env that git tracks at Warning severity, saying why', async () => {
    const dir = repo('severity', { '.env': `TWILIO_AUTH_TOKEN=${fakeAuthToken()}\n` }, true);
    const doc = await vscode.workspace.openTextDocument(path.join(dir, '.env'));
    await vscode.window.showTextDocument(doc);
    const diag = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Twilio Credentials');
      return d.length && d[0].severity === vscode.DiagnosticSeverity.Warning ? d[0] : undefined;
    }, 'a Warning diagnostic on the tracked .env', 20_000);
    assert.match(diag.message, /tracked by git/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an ignore file linked to /dev/zero is refused: "Ignore everywhere" fails clearly and leaves the link', async () => {
    await cleanSlate();
    const link = path.join(workspaceRoot(), '.twilio-credentials-ignore');
    fs.symlinkSync('/dev/zero', link);
    try {
      const file = writeWorkspaceFile('safety/ignore-me.js', `const authToken = '${fakeAuthToken()}';\n`);
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      const lens = await waitFor(async () => {
        const l = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).find((x) => x.command?.command === 'twilioCredentials.ignoreFinding');
        return l;
      }, 'the Ignore lens');
      ui = scriptUi();
      await runOurs('twilioCredentials.ignoreFinding', { ...((lens.command!.arguments ?? [])[0] as object), how: 'file' });
      assert.ok(ui.prompts.some((p) => p.kind === 'error' && /symbolic link/.test(p.text)), JSON.stringify(ui.prompts.map((p) => p.text)));
      assert.ok(fs.lstatSync(link).isSymbolicLink());
    } finally {
      fs.rmSync(link, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
