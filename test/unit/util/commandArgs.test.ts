// Command arguments are parsed once, at registration: a tree row, an argument object or nothing
// becomes the handler's typed value, and anything else is one InvalidArgument naming the field.
import * as assert from 'node:assert/strict';
import { accountRef, argsOf, consent, field, InvalidArgument, keyRef, noArgs, prefill, suggestion, treeRowRef, withRequired } from '../../../src/core/util/commandArgs';

const AC = 'AC' + '0'.repeat(32);
const SUB = 'AC' + '1'.repeat(32);
const SK = 'SK' + 'f'.repeat(32);
const account = { accountSid: AC, label: 'Prod', auth: 'authToken', storedKeySids: [], connectedAt: '' };
const rows = {
  account: { kind: 'account', account },
  key: { kind: 'key', account, key: { sid: SK, friendlyName: 'ci', type: 'standard' } },
  subaccount: { kind: 'subaccount', account: { ...account, accountSid: SUB }, parent: account, info: { sid: SUB, friendlyName: 'sub' } },
  message: { kind: 'message', account, message: 'Secondary Auth Token waiting for promotion', icon: 'history', contextValue: 'message.secondaryAuthToken' },
};

const invalid = (f: () => unknown, field: string) =>
  assert.throws(f, (e: unknown) => e instanceof InvalidArgument && e.message.includes(`"${field}"`), `an InvalidArgument naming ${field}`);

describe('command arguments', () => {
  it('nothing means the command asks', () => {
    assert.deepEqual(keyRef(undefined, 'ours'), {});
    assert.deepEqual(keyRef(null, 'ours'), {});
    assert.equal(noArgs({ anything: 1 }, 'ours'), undefined);
  });

  it('a tree row gives the account and key it stands for', () => {
    assert.deepEqual(keyRef(rows.key, 'ours'), { accountSid: AC, keySid: SK });
    assert.deepEqual(keyRef(rows.account, 'ours'), { accountSid: AC });
    assert.deepEqual(accountRef(rows.key, 'ours'), { accountSid: AC }, 'an account command on a key row: its account');
    assert.deepEqual(accountRef(rows.message, 'ours'), { accountSid: AC }, 'a message row: the account it is under');
    assert.equal(treeRowRef({ accountSid: AC }), undefined, 'an argument object is not a row');
  });

  it('a subaccount row names the subaccount, never its parent, and how to record it', () => {
    // Its record may not exist until the row is expanded: the command records it (pickAccount).
    // Before, the row named nothing and a command with one connected account used the parent.
    const sub = { accountSid: SUB, subaccount: { parentSid: AC, friendlyName: 'sub' } };
    assert.deepEqual(accountRef(rows.subaccount, 'ours'), sub);
    assert.deepEqual(keyRef(rows.subaccount, 'ours'), sub, 'no key');
    assert.deepEqual(treeRowRef(rows.subaccount), sub);
    const { account: _drawn, ...notRecorded } = rows.subaccount;
    assert.deepEqual(accountRef(notRecorded, 'ours'), sub, 'read from the row itself, not from the record drawn for it');
    const create = argsOf<{ accountSid?: string; friendlyName?: string }>({ accountSid: prefill(field.string), friendlyName: prefill(field.string) });
    assert.deepEqual(create(rows.subaccount, 'ours'), sub, 'a command taking an account gets the subaccount');
    assert.deepEqual(argsOf<{ friendlyName?: string }>({ friendlyName: prefill(field.string) })(rows.subaccount, 'ours'), {}, 'a command taking no account gets nothing');
    assert.deepEqual(argsOf<{ accountSid?: string }>({ accountSid: prefill(field.string) }, { fromRow: false })(rows.subaccount, 'ours'), {});
    invalid(() => accountRef({ kind: 'subaccount', parent: account, info: {} }, 'ours'), 'info.sid');
    invalid(() => accountRef({ kind: 'subaccount', info: { sid: SUB } }, 'ours'), 'parent.accountSid');
    assert.deepEqual(accountRef({ accountSid: SUB, subaccount: { parentSid: AC, friendlyName: 'x' } }, 'ours'), { accountSid: SUB }, 'only a row says how to record a subaccount');
  });

  it('a row answers nothing else, and commands that are not about a row ignore it', () => {
    const parse = argsOf<{ accountSid?: string; confirm?: boolean }>({ accountSid: prefill(field.string), confirm: consent(field.boolean) });
    assert.deepEqual(parse({ ...rows.account, confirm: true }, 'ours'), { accountSid: AC }, 'a row never confirms');
    const connect = argsOf<{ accountSid?: string; label?: string }>({ accountSid: prefill(field.string), label: prefill(field.string) }, { fromRow: false });
    assert.deepEqual(connect(rows.account, 'ours'), {});
    assert.deepEqual(connect({ accountSid: AC, label: 'Prod' }, 'ours'), { accountSid: AC, label: 'Prod' });
  });

  it('an argument object keeps the fields the command takes, and only those', () => {
    const parse = argsOf<{ accountSid?: string; keySid?: string; confirm?: boolean; permissions?: string[]; ttl?: number; type?: 'standard' | 'restricted' }>({
      accountSid: prefill(field.string),
      keySid: prefill(field.string),
      confirm: consent(field.boolean),
      permissions: prefill(field.strings),
      ttl: prefill(field.number),
      type: prefill(field.oneOf('standard', 'restricted')),
    });
    assert.deepEqual(parse({ accountSid: AC, keySid: SK, confirm: false, permissions: ['/a'], ttl: 60, type: 'restricted', other: 1 }, 'ours'), {
      accountSid: AC,
      keySid: SK,
      confirm: false,
      permissions: ['/a'],
      ttl: 60,
      type: 'restricted',
    });
    assert.deepEqual(parse({ keySid: undefined }, 'ours'), {}, 'an undefined field is a missing one');
  });

  it('a field of the wrong kind is one InvalidArgument naming it, never echoing the value', () => {
    const parse = argsOf<{ confirm?: boolean; permissions?: string[]; ttl?: number; type?: 'standard' | 'restricted'; grants?: object }>({
      confirm: consent(field.boolean),
      permissions: prefill(field.strings),
      ttl: prefill(field.number),
      type: prefill(field.oneOf('standard', 'restricted')),
      grants: prefill(field.object()),
    });
    invalid(() => parse({ confirm: 'yes' }, 'ours'), 'confirm');
    invalid(() => parse({ permissions: ['/a', 2] }, 'ours'), 'permissions');
    invalid(() => parse({ ttl: Number.NaN }, 'ours'), 'ttl');
    invalid(() => parse({ type: 'main' }, 'ours'), 'type');
    invalid(() => parse({ grants: [] }, 'ours'), 'grants');
    const secretish = 'f'.repeat(32);
    assert.throws(
      () => keyRef({ keySid: { value: secretish } }, 'ours'),
      (e: unknown) => e instanceof InvalidArgument && !e.message.includes(secretish),
    );
  });

  it('an argument that is not an object names the fields the command takes', () => {
    assert.throws(() => keyRef('SK123', 'ours'), (e: unknown) => e instanceof InvalidArgument && /accountSid, keySid/.test(e.message));
    assert.throws(() => keyRef([AC], 'ours'), InvalidArgument);
  });

  it('required fields: for arguments only the extension itself passes', () => {
    const parse = withRequired(argsOf<{ uri?: string; line?: number }>({ uri: prefill(field.string), line: prefill(field.number) }), 'uri', 'line');
    assert.deepEqual(parse({ uri: 'file:///a', line: 3 }, 'ours'), { uri: 'file:///a', line: 3 });
    assert.throws(() => parse({ uri: 'file:///a' }, 'ours'), (e: unknown) => e instanceof InvalidArgument && /line/.test(e.message));
    assert.throws(() => parse(undefined, 'ours'), InvalidArgument);
  });

  describe('the consent rule: a caller that is not this extension', () => {
    const parse = argsOf<{ accountSid?: string; keySid?: string; friendlyName?: string; envFile?: string; confirm?: boolean }>({
      accountSid: prefill(field.string),
      keySid: prefill(field.string),
      friendlyName: prefill(field.string),
      envFile: consent(field.string),
      confirm: consent(field.boolean),
    });

    it('gets every question asked: pre-fill fields become starting answers, never answers', () => {
      const args = parse({ accountSid: AC, keySid: SK, friendlyName: 'ci' }, 'other');
      assert.equal(args.accountSid, undefined, 'no answer: the account is still asked');
      assert.equal(suggestion(args, 'friendlyName'), 'ci', 'the question starts from it');
      assert.ok(Object.isFrozen(args.prefill), 'a handler cannot turn a suggestion into an answer by accident');
      assert.deepEqual(args, { prefill: { accountSid: AC, keySid: SK, friendlyName: 'ci' } });
    });

    it('has consent fields dropped unread: neither honoured nor able to fail', () => {
      assert.deepEqual(parse({ confirm: true, envFile: '.env' }, 'other'), {});
      assert.deepEqual(parse({ confirm: 'yes', envFile: 42 }, 'other'), {}, 'not even checked');
      assert.deepEqual(parse({ accountSid: AC, confirm: true }, 'ours'), { accountSid: AC, confirm: true }, 'this extension\'s own call keeps them');
    });

    it('gets a tree-row look-alike treated as a suggestion, and no subaccount recorded', () => {
      assert.deepEqual(keyRef(rows.key, 'other'), { prefill: { accountSid: AC, keySid: SK } });
      assert.deepEqual(accountRef(rows.subaccount, 'other'), { prefill: { accountSid: SUB } }, 'recording a subaccount is for rows this extension drew');
      assert.deepEqual(parse({ ...rows.key, contextValue: 'key.standard.secretStored', confirm: true }, 'other'), { prefill: { accountSid: AC, keySid: SK } });
    });

    it('still gets a pre-fill field of the wrong kind refused, with nothing asked', () => {
      invalid(() => parse({ friendlyName: 7 }, 'other'), 'friendlyName');
    });

    it('cannot run the finding commands, which only the editor actions of this extension call', () => {
      const finding = withRequired(argsOf<{ uri?: string; line?: number }>({ uri: prefill(field.string), line: prefill(field.number) }), 'uri', 'line');
      assert.throws(() => finding({ uri: 'file:///a', line: 3 }, 'other'), InvalidArgument);
      assert.deepEqual(finding({ uri: 'file:///a', line: 3 }, 'ours'), { uri: 'file:///a', line: 3 });
    });

    it('every table says, per field, which role it has', () => {
      assert.deepEqual(parse.roles, { accountSid: 'prefill', keySid: 'prefill', friendlyName: 'prefill', envFile: 'consent', confirm: 'consent' });
    });
  });
});
