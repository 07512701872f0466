// Every command is a public API: another extension (test/fixtures/hostile-extension, installed
// beside this one in the same real VS Code by the test runner) runs every contributed command with
// every argument shape the README documents, consent-skipping fields included, plus plain objects
// copying a tree row's fields and a CodeLens's arguments, and the CodeLens objects VS Code hands
// it. Every prompt is answered with Escape. Nothing may reach that extension (return values,
// errors, the clipboard, read back after each call), nothing may change (on the emulator: its
// request log; on disk: every workspace file and the git hooks folder; in the editor: accounts,
// stored secrets, the terminal choice and launch grants), and the user must have been asked.
// Then the other side: this extension's own tree rows and CodeLens still skip what they answer.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { legacySlate, connectEmulator, runOurs, testing as testingApi, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';
import { scriptUi, ScriptedUi, type Prompt } from './ui';
import { answerDialogs } from './credentialHelpers';
import { fakeAuthToken, fakeKeySecret, fakeKeySid, fakeAccountSid } from '../support/fakeCredentials';
import { repoRoot } from '../runner/paths';
import type { Emulator } from '../emulator/server';

const HOSTILE = 'twilio-credentials-tests.twilio-credentials-hostile-fixture';

type Testing = Awaited<ReturnType<typeof testingApi>>;

interface Report {
  id: string;
  label: string;
  returned?: unknown;
  error?: string;
  clipboard?: string;
  clipboardError?: string;
}

/** What the user is shown that asks something: an input, a pick, or a message with buttons (not only "Show Log"). */
function isQuestion(p: Prompt): boolean {
  if (p.kind === 'input' || p.kind === 'pick') return true;
  return !!p.items?.some((i) => i !== 'Show Log');
}

/**
 * Nothing to consent to, so they ask nothing (and change nothing below): view actions, and Check
 * Auth Token (GET requests only; it removes a stored token only when Twilio refuses it and accepts
 * the other, and here Twilio accepts both).
 */
const QUIET = new Set(['refresh', 'loadMoreKeys', 'loadMoreSubaccounts', 'loadMoreFunctions', 'clearFilter', 'showLog', 'scanWorkspace', 'checkAuthToken'].map((c) => `twilioCredentials.${c}`));
/** Refused for anyone but this extension: its editor actions' commands (CodeLens look-alikes) and the debug and task variables. */
const REFUSED = (r: Report) =>
  (r.label === 'CodeLens look-alike' || r.label.startsWith('CodeLens look-alike')) ||
  ['accountSid', 'apiKey', 'apiSecret', 'authToken'].some((v) => r.id === `twilioCredentials.${v}`);
/** May say "nothing found here" instead of asking, depending on the machine: still nothing changes. */
const ASKS_OR_SAYS = new Set(['twilioCredentials.connectFromEnvironment', 'twilioCredentials.importCliProfiles']);
/** Not run: it opens a web page (VS Code's own "open external website?" dialog); it takes no consent field and hands out nothing. */
const NOT_RUN = new Set(['twilioCredentials.openInConsole']);

function filesUnder(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (e.isFile()) out.set(path.relative(workspaceRoot(), p), createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
  }
  return out;
}

/** Everything another extension might change through this one, in one comparable value (SIDs and fingerprints, no secret). */
async function editorState(t: Testing): Promise<string> {
  const accounts = [];
  for (const a of t.accounts.list()) {
    const secrets = [];
    for (const k of a.storedKeySids) secrets.push([k, createHash('sha256').update((await t.accounts.getKeySecret(a.accountSid, k)) ?? '').digest('hex')]);
    const creds = await t.accounts.credentials(a.accountSid);
    accounts.push({ ...a, secrets, creds: createHash('sha256').update(JSON.stringify(creds ?? null)).digest('hex'), secondary: !!(await t.accounts.getSecondaryAuthToken(a.accountSid)) });
  }
  const global = [...t.context.globalState.keys()].sort().map((k) => [k, t.context.globalState.get(k)]);
  return JSON.stringify({ accounts, choice: t.terminals.credentials.choice ?? null, grants: t.terminals.credentials.grants, global, filter: t.accountsView.tree.filter });
}

/** What new terminals get, as names and fingerprints. */
function terminalVariables(t: Testing): string {
  const out: Array<[string, string]> = [];
  t.context.environmentVariableCollection.forEach((name, m) => out.push([name, createHash('sha256').update(m.value).digest('hex')]));
  return JSON.stringify(out);
}

function emulatorState(em: Emulator): string {
  const keys = [...em.state.keys.values()].map((k) => [k.sid, k.friendlyName, k.type, JSON.stringify(k.policy ?? null)]).sort();
  const accounts = [...em.state.accounts.values()].map((a) => [a.sid, createHash('sha256').update(`${a.authToken}/${a.secondaryAuthToken ?? ''}`).digest('hex')]);
  return JSON.stringify({ keys, accounts });
}

describe('Another extension running every command', function () {
  this.timeout(900_000);
  let ui: ScriptedUi | undefined;
  afterEach(() => ui?.restore());

  it('gets no secret, changes nothing on Twilio, on disk or in the editor, and the user is asked each time', async () => {
    const hostile = vscode.extensions.getExtension(HOSTILE);
    assert.ok(hostile, `${HOSTILE} is installed beside this extension (test/runner/runIntegration.ts)`);
    await hostile.activate();

    // The editor as a user leaves it: an account, a key whose secret is stored, a secondary Auth
    // Token waiting for promotion, the key chosen for terminals, a launch grant, a file with a
    // hardcoded token, a git repository.
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const target = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'target', type: 'standard', then: 'done' });
    ui = scriptUi().message(undefined); // the promotion modal: not now
    await runOurs('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: em.accountSid });
    ui.restore();
    assert.ok(await t.accounts.getSecondaryAuthToken(em.accountSid), 'a secondary is waiting');
    await runOurs('twilioCredentials.useInTerminals', { confirm: true, accountSid: em.accountSid, keySid: target.keySid });
    await t.context.workspaceState.update('twilioCredentials.launchGrants', [{ accountSid: em.accountSid }]);
    const token = fakeAuthToken();
    const source = writeWorkspaceFile('hostile/app.js', `const client = require('twilio')('${fakeAccountSid()}', '${token}');\n`);
    const doc = await vscode.workspace.openTextDocument(source);
    await vscode.window.showTextDocument(doc);
    const finding = await waitFor(() => t.detection.scanner.findingsFor(doc).find((f) => f.kind === 'twilio-auth-token'), 'the hardcoded token to be found');
    const repo = path.join(workspaceRoot(), 'hostile', 'repo');
    fs.mkdirSync(repo, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    // The account's other credentials (issue 20): a public key and an FCM push credential to aim at.
    const publicKey = em.state.addAccountCredential(em.accountSid, { kind: 'publicKey', friendlyName: 'request signing' });
    const push = em.state.addPushCredential(em.accountSid, { type: 'fcm', friendlyName: 'android' });
    fs.writeFileSync(path.join(workspaceRoot(), 'hostile', 'twilio-cli.json'), JSON.stringify({ profiles: { default: { accountSid: em.accountSid, apiKey: target.keySid, apiSecret: fakeKeySecret() } } }));

    const secrets = new Map<string, string>([
      ['Auth Token', em.authToken],
      ['secondary Auth Token', (await t.accounts.getSecondaryAuthToken(em.accountSid))!],
      ['stored key secret', (await t.accounts.getKeySecret(em.accountSid, target.keySid))!],
      ['hardcoded token', token],
    ]);
    for (const k of em.state.keys.values()) secrets.set(`key secret of ${k.sid}`, k.secret);

    const facts = {
      accountSid: em.accountSid,
      keySid: target.keySid,
      subaccountSid: fakeAccountSid(),
      fakeAuthToken: fakeAuthToken(),
      fakeKeySid: fakeKeySid(),
      fakeKeySecret: fakeKeySecret(),
      envFile: 'hostile/.env',
      cliConfigPath: path.join(workspaceRoot(), 'hostile', 'twilio-cli.json'),
      sourceUri: doc.uri.toString(),
      line: finding.range.startLine,
      fingerprint: finding.fingerprint,
      repoUri: vscode.Uri.file(repo).toString(),
      publicKeySid: publicKey.sid,
      pushCredentialSid: push.sid,
    };
    const plan = JSON.parse(await vscode.commands.executeCommand<string>('twilioHostile.plan', JSON.stringify(facts))) as Array<{ id: string; label: string }>;

    // Every contributed command is tried.
    const contributed = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    const tried = new Set(plan.map((c) => c.id));
    assert.deepStrictEqual(contributed.filter((c) => !tried.has(c) && !NOT_RUN.has(c)), [], 'every contributed command is in the plan');

    const editorBefore = await editorState(t);
    const emulatorBefore = emulatorState(em);
    const filesBefore = filesUnder(workspaceRoot());
    const requestsBefore = em.requests.length;
    const collectionBefore = terminalVariables(t);

    const problems: string[] = [];
    for (let i = 0; i < plan.length; i++) {
      const call = `${plan[i].id} (${plan[i].label})`;
      if (NOT_RUN.has(plan[i].id)) continue;
      const sentinel = `clipboard before call ${i}`;
      await vscode.env.clipboard.writeText(sentinel);
      ui = scriptUi(); // no answers: Escape to every input and pick, every message dismissed
      const dialogs = answerDialogs({}); // every open and save dialog dismissed, and counted as a question
      const report = JSON.parse(await vscode.commands.executeCommand<string>('twilioHostile.try', i)) as Report;
      dialogs.restore();
      ui.restore();
      const seen = JSON.stringify({ returned: report.returned ?? null, error: report.error ?? null, clipboard: report.clipboard ?? null });
      for (const [what, secret] of secrets) if (seen.includes(secret)) problems.push(`${call}: the ${what} reached the other extension`);
      if (report.clipboard !== sentinel) problems.push(`${call}: the clipboard changed${report.clipboardError ? ` (${report.clipboardError})` : ''}`);
      if (QUIET.has(report.id)) continue;
      if (REFUSED(report)) {
        if (!ui.prompts.some((p) => p.kind === 'error')) problems.push(`${call}: expected a refusal, saw ${ui.prompts.map((p) => p.kind).join(', ') || 'nothing'}`);
      } else if (ASKS_OR_SAYS.has(report.id)) {
        if (!ui.prompts.length) problems.push(`${call}: nothing was shown`);
      } else if (!ui.prompts.some(isQuestion) && !dialogs.shown.length) {
        problems.push(`${call}: the user was not asked (${ui.prompts.map((p) => `${p.kind}: ${p.text}`).join(' | ') || 'nothing shown'})`);
      }
    }
    assert.deepStrictEqual(problems, []);

    // Nothing changed anywhere.
    const writes = em.requests.slice(requestsBefore).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    assert.deepStrictEqual(writes, [], 'no request that creates, deletes, updates or promotes reached Twilio');
    assert.strictEqual(emulatorState(em), emulatorBefore, 'keys and tokens on Twilio are as they were');
    const filesAfter = filesUnder(workspaceRoot());
    assert.deepStrictEqual([...filesAfter].filter(([p, h]) => filesBefore.get(p) !== h).map(([p]) => p), [], 'no workspace file written or created');
    assert.deepStrictEqual([...filesBefore.keys()].filter((p) => !filesAfter.has(p)), [], 'no workspace file deleted');
    assert.ok(!fs.existsSync(path.join(repo, '.git', 'hooks', 'pre-commit')), 'no git hook installed');
    assert.strictEqual(await editorState(t), editorBefore, 'accounts, stored secrets, the terminal choice and launch grants are as they were');
    assert.strictEqual(terminalVariables(t), collectionBefore, 'terminals get what they got');
    assert.ok(doc.getText().includes(token), 'the document was not edited either');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the tree rows and CodeLens of this extension still answer what they stand for: only the consent modal is asked', async () => {
    const { t, em } = await legacySlate();
    await connectEmulator(em);
    const target = await runOurs<{ keySid: string }>('twilioCredentials.createKey', { confirm: true, accountSid: em.accountSid, friendlyName: 'row key', type: 'standard', then: 'done' });
    await t.keys.load(em.accountSid);
    const [account] = await t.accountsView.tree.getChildren();
    const row = (await t.accountsView.tree.getChildren(account)).find((n) => n.kind === 'key' && n.key.sid === target.keySid)!;
    const lookAlike = JSON.parse(JSON.stringify(row));

    // Copy Key Secret from the row: no key picker; the modal is the only question, and it copies once answered.
    ui = scriptUi().message('Copy Secret');
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.copyKeySecret', row), true);
    assert.deepStrictEqual(ui.prompts.filter(isQuestion).map((p) => p.kind), ['warning'], 'the row named the key: only the modal asked');
    assert.ok((ui.prompts[0].options as { modal?: boolean }).modal);
    assert.strictEqual(await vscode.env.clipboard.readText(), em.state.keys.get(target.keySid)!.secret, 'answered: the secret is copied');
    await vscode.env.clipboard.writeText('');
    ui.restore();
    // The same fields copied into a plain object: the key is asked for, as from the palette.
    ui = scriptUi();
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.copyKeySecret', lookAlike), undefined);
    assert.strictEqual(ui.prompts[0]?.kind, 'pick', 'a look-alike of the row gets the key picker');
    ui.restore();

    // Delete from the row: no picker, the delete modal; dismissed, nothing is deleted.
    ui = scriptUi().message(undefined);
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.deleteKey', row), false);
    assert.deepStrictEqual(ui.prompts.map((p) => p.kind), ['warning']);
    assert.match(ui.prompts[0].text, /Delete the API key "row key"/);
    assert.ok(em.state.keys.get(target.keySid));
    ui.restore();

    // Use Key in Terminals from the row: the change is shown in a modal first.
    ui = scriptUi().message('Use in Terminals');
    await vscode.commands.executeCommand('twilioCredentials.useInTerminals', row);
    assert.deepStrictEqual(ui.prompts.filter(isQuestion).map((p) => p.items), [['Use in Terminals']]);
    assert.deepStrictEqual(t.terminals.credentials.choice, { accountSid: em.accountSid, keySid: target.keySid });
    ui.restore();
    ui = scriptUi().message('Stop Using');
    assert.strictEqual(await vscode.commands.executeCommand('twilioCredentials.stopUsingInTerminals'), true, 'the palette asks, then stops');
    ui.restore();

    // The CodeLens VS Code shows above a hardcoded token: Move to .env goes straight to the file picker.
    const source = writeWorkspaceFile('own/app.js', `const authToken = '${fakeAuthToken()}';\n`);
    const doc = await vscode.workspace.openTextDocument(source);
    await vscode.window.showTextDocument(doc);
    const lens = await waitFor(
      async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).find((l) => l.command?.command === 'twilioCredentials.moveToEnv'),
      'the Move to .env lens',
    );
    ui = scriptUi();
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.strictEqual(ui.prompts[0]?.kind, 'pick', 'the lens named the finding: the .env picker is the first question');
    assert.match(ui.prompts[0].text, /Move .* to which \.env file\?/);
    ui.restore();
    // Its arguments cannot be given a field that skips a question.
    assert.ok(Object.isFrozen(lens.command!.arguments![0]), 'CodeLens arguments are frozen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the README lists, for every command that takes an argument object, which fields pre-fill and which skip consent', async () => {
    const t = await testingApi();
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Argument objects'), readme.indexOf('\n## ', readme.indexOf('### Argument objects')));
    const documented = new Map<string, { prefill: string[]; consent: string[] }>();
    const fields = (s: string) => [...new Set([...s.matchAll(/`(\w+)`/g)].map((x) => x[1]))].sort();
    for (const m of section.matchAll(/^\| (`twilioCredentials\.[^|]*?) \|([^|]*)\|([^|]*)\|/gm)) {
      // One row may list several commands: `twilioCredentials.a`, `b`, …
      for (const name of [...m[1].matchAll(/`(?:twilioCredentials\.)?(\w+)`/g)].map((x) => x[1])) {
        documented.set(`twilioCredentials.${name}`, { prefill: fields(m[2]), consent: fields(m[3]) });
      }
    }
    const problems: string[] = [];
    for (const [id, roles] of t.commandArgumentRoles()) {
      const entries = Object.entries(roles);
      if (!entries.length) continue;
      const want = { prefill: entries.filter(([, r]) => r === 'prefill').map(([f]) => f).sort(), consent: entries.filter(([, r]) => r === 'consent').map(([f]) => f).sort() };
      const got = documented.get(id);
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${id}: the code says ${JSON.stringify(want)}, the README ${JSON.stringify(got ?? null)}`);
    }
    assert.deepStrictEqual(problems, []);
  });
});
