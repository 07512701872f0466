// A promotion whose outcome is not known, in real VS Code against the emulator: Twilio carries out
// (or not) the promotion of the secondary Auth Token, its answer is lost, and the checks that
// follow get no answer either. The user is told it is not known yet; both tokens stay stored, one
// of them the live one; nothing promotes or deletes blindly; a later check (Check Auth Token, or
// the next Rotate Auth Token) stores the token that works and removes the other.
import * as assert from 'assert';
import * as vscode from 'vscode';
import * as fs from 'fs';
import { legacySlate, connectEmulator, runOurs, waitFor, writeWorkspaceFile } from './helpers';
import { scriptUi, ScriptedUi, watchModalsUnderProgress } from './ui';
import type { Emulator } from '../emulator/server';
import type { RotateAuthTokenResult } from '../../src/features/authToken/rotateAuthToken';
import type { CheckAuthTokenResult } from '../../src/features/authToken/secondaryCommands';

type Testing = Awaited<ReturnType<typeof legacySlate>>['t'];

/** Whether Twilio (the emulator) accepts `token` for the account, asked past the extension. */
async function accepts(em: Emulator, token: string): Promise<boolean> {
  const res = await fetch(`${em.url}/2010-04-01/Accounts/${em.accountSid}.json`, {
    headers: { Authorization: `Basic ${Buffer.from(`${em.accountSid}:${token}`).toString('base64')}` },
  });
  return res.status === 200;
}

/** Every check of a token (GET of the account) gets no answer: the connection resets, or Twilio answers 503. */
function checksFail(em: Emulator, how: 'reset' | 503): void {
  const scope = { method: 'GET', path: '/2010-04-01/Accounts/*.json', times: 1000 };
  em.faults.add(how === 'reset' ? { kind: 'reset', ...scope } : { kind: 'status', status: 503, ...scope });
}

/**
 * Answers the promotion modal with Promote and, at that moment (the secondary has been checked and
 * works), runs `then`: the faults that make the promotion's answer and the checks after it fail.
 */
function whenPromoteIsChosen(then: () => void): void {
  const w = vscode.window as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const scripted = w.showWarningMessage;
  w.showWarningMessage = async (...a: unknown[]) => {
    const answer = await scripted.apply(vscode.window, a);
    if (answer === 'Promote') then();
    return answer;
  };
}

async function setup(name: string): Promise<{ t: Testing; em: Emulator; env: string }> {
  const { t, em } = await legacySlate();
  await connectEmulator(em);
  const env = writeWorkspaceFile(`lost-promotion/${name}/.env`, `TWILIO_ACCOUNT_SID=${em.accountSid}\nTWILIO_AUTH_TOKEN=${em.authToken}\n`);
  await t.envIndex.refresh(vscode.Uri.file(env));
  return { t, em, env };
}

async function command<T>(id: string, arg: object): Promise<T | undefined> {
  const watch = watchModalsUnderProgress();
  try {
    const r = await runOurs<T>(id, arg);
    assert.deepStrictEqual(watch.modalsUnderProgress, [], 'no modal is shown while a progress notification is open');
    return r;
  } finally {
    watch.restore();
  }
}

const primaryOf = (em: Emulator) => em.state.accounts.get(em.accountSid)!.authToken;
const stored = async (t: Testing, em: Emulator) => ({
  current: ((await t.accounts.credentials(em.accountSid))?.auth as { authToken?: string } | undefined)?.authToken,
  secondary: await t.accounts.getSecondaryAuthToken(em.accountSid),
});

/** The rows under the account that say where a rotation stands. */
async function rotationRows(t: Testing): Promise<string[]> {
  const tree = t.accountsView.tree;
  const [account] = await tree.getChildren();
  return (await tree.getChildren(account)).map((n) => String(tree.getTreeItem(n).contextValue)).filter((c) => /^message\.(secondaryAuthToken|authTokenUnknown)$/.test(c));
}

/** The modal that reported where a command stopped: its title and detail. */
function stopModal(ui: ScriptedUi): string {
  const modal = ui.prompts.filter((p) => (p.options as { modal?: boolean } | undefined)?.modal).at(-1);
  return `${modal?.text} ${(modal?.options as { detail?: string } | undefined)?.detail}`;
}

describe('Rotate Auth Token: a promotion whose answer is lost', function () {
  this.timeout(120_000);
  let ui: ScriptedUi | undefined;
  let em: Emulator | undefined;
  afterEach(async () => {
    ui?.restore();
    em?.faults.clear();
    await vscode.workspace.getConfiguration('twilioCredentials').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('committed, answer lost, checks failing: "not known yet", both tokens kept, nothing blind; Check Auth Token then stores the live one', async () => {
    const s = await setup('committed');
    em = s.em;
    const { t, env } = s;
    const old = s.em.authToken;
    ui = scriptUi().message('Promote');
    whenPromoteIsChosen(() => {
      s.em.faults.commitThenDrop(1, { path: '/v1/AuthTokens/Promote' });
      checksFail(s.em, 'reset');
    });
    const r = (await command<RotateAuthTokenResult>('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: s.em.accountSid }))!;

    // Twilio did promote: the live token is the secondary; the old one is dead.
    const live = primaryOf(s.em);
    assert.notStrictEqual(live, old);
    assert.strictEqual(s.em.requests.filter((q) => q.path === '/v1/AuthTokens/Promote').map((q) => q.status).join(), 'dropped');
    // The user is told it is not known, never that the old token still works.
    assert.deepStrictEqual([r.stoppedAt, r.promoted], ['promote', 'unknown']);
    assert.match(String(r.state), /not known yet/);
    assert.match(String(r.state), /Check Auth Token/);
    assert.doesNotMatch(String(r.state), /still accepts the old token|Both tokens (still )?work/);
    assert.match(stopModal(ui), /stopped.*not known yet/s);
    // Both tokens are stored; the secondary slot holds the live one. The .env holds it too.
    assert.deepStrictEqual(await stored(t, s.em), { current: old, secondary: live });
    assert.strictEqual(fs.readFileSync(env, 'utf8'), `TWILIO_ACCOUNT_SID=${s.em.accountSid}\nTWILIO_AUTH_TOKEN=${live}\n`);
    assert.strictEqual(t.accounts.authTokenState(s.em.accountSid)?.kind, 'unknown');
    assert.deepStrictEqual(await rotationRows(t), ['message.authTokenUnknown']);

    // Still unreachable: "promote again" and "delete the secondary" ask Twilio first, and act on nothing.
    ui.restore();
    ui = scriptUi();
    const promotes = s.em.requests.filter((q) => q.path.startsWith('/v1/AuthTokens')).length;
    assert.strictEqual(await command('twilioCredentials.promoteSecondaryAuthToken', { accountSid: s.em.accountSid, confirm: true }), undefined);
    assert.match(stopModal(ui), /not settled.*not known yet/s);
    assert.strictEqual(await command('twilioCredentials.deleteSecondaryAuthToken', { accountSid: s.em.accountSid, confirm: true }), undefined);
    assert.strictEqual(s.em.requests.filter((q) => q.path.startsWith('/v1/AuthTokens')).length, promotes, 'nothing was promoted or deleted on Twilio');
    assert.deepStrictEqual(await stored(t, s.em), { current: old, secondary: live }, 'the live token is still stored');
    const check = await command<CheckAuthTokenResult>('twilioCredentials.checkAuthToken', { accountSid: s.em.accountSid });
    assert.deepStrictEqual(check, { accountSid: s.em.accountSid, outcome: 'unknown' });
    assert.deepStrictEqual(await stored(t, s.em), { current: old, secondary: live });

    // Twilio answers again: the check finds the promotion done and keeps the live token only.
    s.em.faults.clear();
    assert.deepStrictEqual([await accepts(s.em, live), await accepts(s.em, old)], [true, false]);
    const settled = await command<CheckAuthTokenResult>('twilioCredentials.checkAuthToken', { accountSid: s.em.accountSid });
    assert.deepStrictEqual(settled, { accountSid: s.em.accountSid, outcome: 'promoted' });
    assert.deepStrictEqual(await stored(t, s.em), { current: live, secondary: undefined });
    assert.strictEqual(t.accounts.authTokenState(s.em.accountSid), undefined);
    assert.deepStrictEqual(await rotationRows(t), []);
    assert.ok(ui.prompts.some((p) => p.kind === 'info' && /went through/.test(p.text)), JSON.stringify(ui.prompts.map((p) => p.text)));
    // The account works again with what is stored.
    t.keys.forget(s.em.accountSid);
    await t.keys.load(s.em.accountSid);
    assert.strictEqual(t.keys.state(s.em.accountSid)?.status, 'loaded');
    // No message and no result carried a token.
    const everything = JSON.stringify([r, check, settled, ui.prompts]);
    assert.ok(!everything.includes(old) && !everything.includes(live), 'a token leaked into the UI or a result');
  });

  it('committed, then no answer before the deadline, checks answering 503: the next Rotate Auth Token settles it as done', async () => {
    const s = await setup('timeout');
    em = s.em;
    const old = s.em.authToken;
    await vscode.workspace.getConfiguration('twilioCredentials').update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    ui = scriptUi().message('Promote');
    whenPromoteIsChosen(() => {
      s.em.faults.commitThenHang(1, { path: '/v1/AuthTokens/Promote' });
      checksFail(s.em, 503);
    });
    const r = (await command<RotateAuthTokenResult>('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: s.em.accountSid }))!;
    const live = primaryOf(s.em);
    assert.notStrictEqual(live, old);
    assert.deepStrictEqual([r.stoppedAt, r.promoted], ['promote', 'unknown']);
    assert.match(String(r.state), /did not answer within 2 seconds/);
    assert.deepStrictEqual(await stored(s.t, s.em), { current: old, secondary: live });

    // The next rotation asks first, finds it done, and creates nothing new.
    s.em.faults.clear();
    ui.restore();
    ui = scriptUi();
    const before = s.em.requests.length;
    const again = (await command<RotateAuthTokenResult>('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: s.em.accountSid, confirmPromote: true }))!;
    assert.deepStrictEqual([again.promoted, again.stoppedAt], [true, undefined]);
    assert.match(String(again.state), /went through/);
    assert.deepStrictEqual(s.em.requests.slice(before).filter((q) => q.method !== 'GET'), [], 'no new secondary, no promotion');
    assert.deepStrictEqual(await stored(s.t, s.em), { current: live, secondary: undefined });
    assert.strictEqual(primaryOf(s.em), live);
  });

  it('not applied (the connection reset first), checks failing: not known; the check finds both working and the secondary waits again', async () => {
    const s = await setup('not-applied');
    em = s.em;
    const old = s.em.authToken;
    ui = scriptUi().message('Promote');
    whenPromoteIsChosen(() => {
      s.em.faults.resetNext(1, { method: 'POST', path: '/v1/AuthTokens/Promote' });
      checksFail(s.em, 'reset');
    });
    const r = (await command<RotateAuthTokenResult>('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: s.em.accountSid }))!;
    assert.strictEqual(primaryOf(s.em), old, 'Twilio promoted nothing');
    assert.deepStrictEqual([r.stoppedAt, r.promoted], ['promote', 'unknown']);
    const secondary = (await s.t.accounts.getSecondaryAuthToken(s.em.accountSid))!;
    assert.deepStrictEqual(await stored(s.t, s.em), { current: old, secondary });

    s.em.faults.clear();
    ui.restore();
    ui = scriptUi();
    const check = await command<CheckAuthTokenResult>('twilioCredentials.checkAuthToken', { accountSid: s.em.accountSid });
    assert.deepStrictEqual(check?.outcome, 'notPromoted');
    assert.deepStrictEqual(await stored(s.t, s.em), { current: old, secondary });
    assert.strictEqual(s.t.accounts.authTokenState(s.em.accountSid)?.kind, 'secondaryWaiting');
    assert.deepStrictEqual(await waitFor(async () => ((await rotationRows(s.t)).length ? rotationRows(s.t) : undefined), 'the waiting row'), ['message.secondaryAuthToken']);
    assert.deepStrictEqual([await accepts(s.em, old), await accepts(s.em, secondary)], [true, true]);
    // Promoting it now works as usual.
    const p = await command<RotateAuthTokenResult>('twilioCredentials.promoteSecondaryAuthToken', { accountSid: s.em.accountSid, confirm: true });
    assert.deepStrictEqual([p?.promoted, p?.stoppedAt], [true, undefined]);
    assert.deepStrictEqual(await stored(s.t, s.em), { current: secondary, secondary: undefined });
  });

  it('a waiting secondary deleted elsewhere: Check Auth Token keeps the current token, removes the secondary and names the .env files holding it', async () => {
    const s = await setup('deleted-elsewhere');
    em = s.em;
    ui = scriptUi().message(undefined);
    await command('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: s.em.accountSid });
    assert.ok(await s.t.accounts.getSecondaryAuthToken(s.em.accountSid));
    const res = await fetch(`${s.em.url}/v1/AuthTokens/Secondary`, {
      method: 'DELETE',
      headers: { Authorization: `Basic ${Buffer.from(`${s.em.accountSid}:${s.em.authToken}`).toString('base64')}` },
    });
    assert.strictEqual(res.status, 204);
    ui.restore();
    ui = scriptUi();
    const check = await command<CheckAuthTokenResult>('twilioCredentials.checkAuthToken', { accountSid: s.em.accountSid });
    assert.deepStrictEqual(check?.outcome, 'secondaryRefused');
    assert.deepStrictEqual(await stored(s.t, s.em), { current: s.em.authToken, secondary: undefined });
    assert.strictEqual(s.t.accounts.authTokenState(s.em.accountSid), undefined);
    const told = ui.prompts.find((p) => p.kind === 'info' && /refuses the secondary/.test(p.text));
    assert.match(String(told?.text), /lost-promotion\/deleted-elsewhere\/\.env/);
  });

  it('a promotion refused because an earlier one went through is recognised, not reported as "both tokens work"', async () => {
    const s = await setup('earlier');
    em = s.em;
    ui = scriptUi().message(undefined);
    await command('twilioCredentials.rotateAuthToken', { confirm: true, accountSid: s.em.accountSid });
    const secondary = (await s.t.accounts.getSecondaryAuthToken(s.em.accountSid))!;
    // Promoted elsewhere (another window, the Console): the token this editor holds is now dead.
    const res = await fetch(`${s.em.url}/v1/AuthTokens/Promote`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${s.em.accountSid}:${s.em.authToken}`).toString('base64')}` },
    });
    assert.strictEqual(res.status, 200);
    ui.restore();
    ui = scriptUi();
    const p = await command<RotateAuthTokenResult>('twilioCredentials.promoteSecondaryAuthToken', { accountSid: s.em.accountSid, confirm: true });
    assert.deepStrictEqual([p?.promoted, p?.stoppedAt], [true, undefined], p?.state);
    assert.deepStrictEqual(await stored(s.t, s.em), { current: secondary, secondary: undefined });
  });
});
