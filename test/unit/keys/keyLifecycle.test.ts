// "A created key's secret is never dropped", the rule of src/services/keyLifecycle.ts, held in one
// place and tested here once: the real AccountStore over in-memory storage, a fake Twilio that
// creates a key, and every failure that can follow the creation, alone and combined (SecretStorage
// refuses it, the tree refuses it, the .env write fails or throws, the caller throws, the progress
// notification fails). Whatever happens, the secret ends in SecretStorage, in a .env, or in the
// user's hands through the hand-off; the caller's error is never swallowed.
import * as assert from 'assert';
import { AccountStore } from '../../../src/services/accountStore';
import { KeyLifecycle, type LifecycleServices, type LifecycleUi, type MintedKey } from '../../../src/services/keyLifecycle';
import type { AccountRecord } from '../../../src/services/model';
import type { ApiKey, CreatedKey } from '../../../src/core/twilio/types';
import { TwilioApiError } from '../../../src/core/twilio/errors';
import { Cancelled } from '../../../src/platform/commands';
import type { DotenvEdit } from '../../../src/workspace/dotenv/edit';
import type { WriteOutcome } from '../../../src/workspace/dotenv/envWriter';
import { InMemoryMemento, InMemorySecretStorage } from '../../support/inMemoryStorage';
import { fakeAccountSid, fakeAuthToken, fakeKeySecret, fakeKeySid } from '../../support/fakeCredentials';

/** What can go wrong once Twilio has answered with the key. */
interface Faults {
  store: boolean;
  tree: boolean;
  /** The caller writes the key to a .env: not at all, and the write succeeds, fails, or throws. */
  env: 'none' | 'ok' | 'fails' | 'throws';
  caller: boolean;
  progress: boolean;
}

/** What the hand-off does when it is shown: the user only copies the secret, or writes it to a .env. */
type HandOffChoice = 'copy' | 'env';

async function world(faults: Partial<Faults> = {}, handOffChoice: HandOffChoice = 'copy') {
  const secrets = new InMemorySecretStorage();
  const accounts = new AccountStore(new InMemoryMemento(), secrets);
  const accountSid = fakeAccountSid();
  await accounts.connect({ accountSid, label: 'Test', auth: 'authToken', region: 'us1' }, fakeAuthToken());
  const account = accounts.get(accountSid) as AccountRecord;
  if (faults.store) secrets.failStoreWith = new Error('keyring is locked');

  const created: CreatedKey[] = [];
  const deleted: string[] = [];
  const api = {
    createFails: undefined as TwilioApiError | undefined,
    listed: [] as ApiKey[],
    async createKey(_creds: unknown, req: { friendlyName?: string; type: 'standard' | 'restricted' }): Promise<CreatedKey> {
      if (api.createFails) throw api.createFails;
      const key: CreatedKey = { sid: fakeKeySid(), friendlyName: req.friendlyName ?? '', type: req.type, secret: fakeKeySecret() };
      created.push(key);
      return key;
    },
    async deleteKey(_creds: unknown, sid: string): Promise<void> {
      deleted.push(sid);
    },
    async listKeys() {
      return { keys: api.listed, hasMore: false, next: async () => ({ keys: [], hasMore: false }) };
    },
  };
  /** What each .env file received, by path. */
  const envFiles = new Map<string, DotenvEdit[]>();
  const envWrite = async (edits: DotenvEdit[], file: string, mode: Faults['env']): Promise<WriteOutcome> => {
    if (mode === 'throws') throw new Error('disk full');
    if (mode === 'fails') return { ok: false, reason: 'io', message: 'cannot write' };
    envFiles.set(file, [...(envFiles.get(file) ?? []), ...edits]);
    return { ok: true, uri: { fsPath: file, toString: () => `file://${file}` } as Extract<WriteOutcome, { ok: true }>['uri'], created: true };
  };
  const shown: string[] = [];
  const logged: string[] = [];
  const s: LifecycleServices = {
    log: { protect: () => undefined, info: (m) => void logged.push(m), warn: (m) => void logged.push(m), error: (m) => void logged.push(m) },
    accounts,
    keys: {
      upsert: (_sid: string, key: ApiKey) => {
        if (faults.tree) throw new Error('the tree is gone');
        shown.push(key.sid);
      },
      remove: () => undefined,
    },
    twilio: { get: async () => api as never },
    envWriter: {
      // The caller's write follows `faults.env`; the hand-off's "Write to .env" succeeds.
      write: (uri, edits) => envWrite(edits, uri.fsPath, faults.env ?? 'ok'),
      pickAndWrite: (edits, opts) => envWrite(edits, opts?.envFile ?? '/ws/picked/.env', opts?.envFile ? faults.env ?? 'ok' : 'ok'),
    },
    envIndex: { refresh: async () => undefined, whenReady: async () => undefined, referencing: () => [] },
  };
  const handedOff: Array<{ secret: string; reason: string; wroteEnv?: boolean }> = [];
  const ui: LifecycleUi = {
    creating: async (_name, work) => {
      const result = await work();
      if (faults.progress) throw new Error('the notification failed');
      return result;
    },
    async handOff(key, reason, writeToEnv) {
      handedOff.push({ secret: key.secret, reason, wroteEnv: handOffChoice === 'env' ? await writeToEnv() : undefined });
    },
    lostAnswer: async () => true,
  };
  const stored = (sid: string) => accounts.getKeySecret(accountSid, sid);
  const inEnv = (secret: string) => [...envFiles.values()].some((edits) => edits.some((e) => 'value' in e && e.value === secret));
  return { lifecycle: new KeyLifecycle(s, ui), account, api, created, deleted, envFiles, shown, logged, handedOff, stored, inEnv };
}

/** The caller of mint: writes the key to a .env as `faults.env` says, then throws if `faults.caller`. */
function caller(faults: Partial<Faults>) {
  return async (key: MintedKey) => {
    if (faults.env && faults.env !== 'none') await key.writeToEnv({ envFile: '/ws/app/.env' });
    if (faults.caller) throw new Error('the caller failed');
    return key.secret;
  };
}

/** Every combination of the faults. */
function allFaults(): Faults[] {
  const out: Faults[] = [];
  for (const store of [false, true])
    for (const tree of [false, true])
      for (const env of ['none', 'ok', 'fails', 'throws'] as const)
        for (const callerFails of [false, true])
          for (const progress of [false, true]) out.push({ store, tree, env, caller: callerFails, progress });
  return out;
}

const name = (f: Faults) =>
  Object.entries(f)
    .filter(([k, v]) => v !== false && !(k === 'env' && v === 'none'))
    .map(([k, v]) => (k === 'env' ? `.env ${v}` : `${k} fails`))
    .join(', ') || 'nothing fails';

describe("The key lifecycle: a created key's secret is never dropped", () => {
  for (const faults of allFaults()) {
    it(name(faults), async () => {
      const w = await world(faults);
      const outcome = await w.lifecycle.mint(w.account, { friendlyName: 'app', type: 'standard' }, caller(faults)).then(
        (value) => ({ value }),
        (error: Error) => ({ error }),
      );
      assert.strictEqual(w.created.length, 1, 'Twilio created one key');
      const [{ sid, secret }] = w.created;
      const storedIt = (await w.stored(sid)) === secret;
      const wroteIt = w.inEnv(secret);
      const handedIt = w.handedOff.some((h) => h.secret === secret);

      assert.strictEqual(storedIt, !faults.store, 'stored unless SecretStorage refused');
      assert.strictEqual(wroteIt, faults.env === 'ok' && !faults.progress, 'in the .env the caller wrote');
      // The rule: a secret neither stored nor written is handed to the user, and only then.
      assert.strictEqual(handedIt, !storedIt && !wroteIt, 'handed to the user exactly when it is kept nowhere else');
      if (handedIt) assert.match(w.handedOff[0].reason, faults.store ? /keyring is locked/ : /./, 'the hand-off says why');

      const thrown = faults.progress ? /the notification failed/ : faults.env === 'throws' ? /disk full/ : faults.caller ? /the caller failed/ : undefined;
      if (thrown) assert.match(String('error' in outcome ? outcome.error.message : 'resolved'), thrown, "the failure reaches the caller's caller");
      else assert.deepStrictEqual(outcome, { value: secret }, 'the caller got the secret in memory, and its result is returned');
      assert.strictEqual(w.shown.includes(sid), !faults.tree, 'in the tree unless the tree refused it');
      assert.ok(!w.logged.some((line) => line.includes(secret)), 'never logged');
    });
  }

  it('a hand-off that writes the secret to a .env saves it there', async () => {
    const w = await world({ store: true }, 'env');
    await w.lifecycle.mint(w.account, { friendlyName: 'app', type: 'standard' }, () => undefined);
    const [{ secret }] = w.created;
    assert.deepStrictEqual(w.handedOff.map((h) => h.wroteEnv), [true]);
    assert.ok(w.inEnv(secret));
  });

  it('a failed create request keeps nothing and hands nothing over', async () => {
    const w = await world();
    w.api.createFails = new TwilioApiError('keyLimit');
    await assert.rejects(w.lifecycle.mint(w.account, { friendlyName: 'app', type: 'standard' }, () => assert.fail('no key to use')), (e) => e instanceof TwilioApiError && e.kind === 'keyLimit');
    assert.deepStrictEqual([w.created.length, w.handedOff.length], [0, 0]);
  });

  it('a lost answer: the key Twilio made anyway is found, shown and, as the user asks, deleted', async () => {
    const w = await world();
    const orphan: ApiKey = { sid: fakeKeySid(), friendlyName: 'app', type: 'standard', dateCreated: new Date() };
    w.api.listed = [{ sid: fakeKeySid(), friendlyName: 'older', type: 'standard' }, orphan];
    w.api.createFails = new TwilioApiError('timeout', undefined, { outcomeUnknown: true });
    await assert.rejects(w.lifecycle.mint(w.account, { friendlyName: 'app', type: 'standard' }, () => assert.fail('no key to use')), (e) => e instanceof Cancelled);
    assert.deepStrictEqual(w.shown, [orphan.sid]);
    assert.deepStrictEqual(w.deleted, [orphan.sid]);
  });

  it('a Restricted key outside US1 is refused before Twilio is asked', async () => {
    const w = await world();
    await assert.rejects(
      w.lifecycle.mint({ ...w.account, region: 'ie1' }, { friendlyName: 'app', type: 'restricted', permissions: ['/twilio/messaging/messages/create'] }, () => undefined),
      /Restricted keys exist only/,
    );
    assert.strictEqual(w.created.length, 0);
  });
});
