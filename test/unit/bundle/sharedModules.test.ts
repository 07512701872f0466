// A module with state exists once across the shipped bundles: the lazily loaded ones use the
// activation bundle's own instance of each module of src/platform/sharedModules.json, and any
// other module bundled twice holds no state whose two copies could disagree (run after
// `npm run build:prod`, like the other bundle tests).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Module from 'module';
import { LAZY_BUNDLES, sharedInstances } from '../../../src/platform/lazyBundle';
import { SHARED_MODULES } from '../../../src/platform/sharedModules';
import { Cancelled, reportFailure } from '../../../src/platform/commands';
import type { Log } from '../../../src/platform/log';
import type { Services } from '../../../src/services/services';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const dist = path.join(root, 'dist');

type Metafile = { inputs: Record<string, unknown> };
const metafiles = (): Record<string, Metafile> => JSON.parse(fs.readFileSync(path.join(dist, 'metafile.json'), 'utf8'));
const lazyOutputs = Object.keys(LAZY_BUNDLES).map((name) => `dist/${name}.js`);

/**
 * Module-level state a second copy would hold apart: a top-level `let`/`var`, a module-level Map,
 * Set, WeakMap or WeakSet the module changes, an exported Error class without a global brand
 * (another bundle's `instanceof` would not recognise it).
 */
function stateIn(source: string): string[] {
  const found: string[] = [];
  for (const [, name] of source.matchAll(/^(?:export )?(?:let|var) (\w+)/gm)) found.push(`let ${name}`);
  for (const [, name] of source.matchAll(/^(?:export )?const (\w+)(?::[^=\n]+)? = new (?:Map|Set|WeakMap|WeakSet)\b/gm)) {
    if (new RegExp(`\\b${name}\\.(?:add|set|delete|clear)\\(`).test(source)) found.push(`changes ${name}`);
  }
  for (const [, name] of source.matchAll(/^export class (\w+) extends \w*Error\b/gm)) if (!source.includes('Symbol.for(')) found.push(`class ${name}`);
  return found;
}

/** Modules bundled twice on purpose: each copy's state is private to it and cannot disagree with the other. */
const REVIEWED: Readonly<Record<string, string>> = {
  'src/core/detection/placeholders.ts': 'a scratch counter of one function call',
  'src/core/detection/ignore.ts': 'a cache of compiled globs, a pure function of the glob',
  'src/core/detection/lexicon.ts': 'a cache of name readings, a pure function of the name',
  'src/features/keys/permissions.ts': 'the permission catalogue, built from constants on first use',
  'src/workspace/git/run.ts': 'GitError is thrown and recognised inside dist/git.js only',
  'src/core/util/commandArgs.ts': 'InvalidArgument is recognised only around a parser, and the parsers run in dist/extension.js',
};

describe('Shared modules across the shipped bundles', () => {
  before(function () {
    if (!fs.existsSync(path.join(dist, 'metafile.json')) || !fs.existsSync(path.join(dist, 'flows.js'))) this.skip();
  });

  it('every module of sharedModules.json is handed over by the loader', () => {
    assert.deepStrictEqual(Object.keys(sharedInstances()).sort(), [...SHARED_MODULES].sort());
  });

  it('a shared module is bundled into dist/extension.js only: a lazy bundle holds a stand-in and exports the receiver', () => {
    const all = metafiles();
    for (const file of SHARED_MODULES) {
      assert.ok(Object.keys(all['dist/extension.js'].inputs).includes(file), `dist/extension.js holds ${file}`);
      for (const out of lazyOutputs) {
        const inputs = Object.keys(all[out].inputs);
        assert.ok(!inputs.includes(file), `${out} does not hold its own copy of ${file}`);
        if (inputs.includes(`shared-module:${file}`)) {
          assert.ok(fs.readFileSync(path.join(root, out), 'utf8').includes('receiveSharedModules'), `${out} exports receiveSharedModules`);
        }
      }
    }
  });

  it('no other module with state is bundled into both dist/extension.js and a lazy bundle', () => {
    const all = metafiles();
    const activation = new Set(Object.keys(all['dist/extension.js'].inputs));
    const twice: string[] = [];
    for (const out of lazyOutputs) {
      for (const file of Object.keys(all[out].inputs)) {
        if (!file.startsWith('src/') || !activation.has(file) || REVIEWED[file]) continue;
        const state = stateIn(fs.readFileSync(path.join(root, file), 'utf8'));
        if (state.length) twice.push(`${file} (${state.join(', ')}) is in dist/extension.js and ${out}`);
      }
    }
    assert.deepStrictEqual(twice, [], 'share it (sharedModules.json) or keep it in one bundle');
  });

  it('the state check finds a module-level set a module changes, a top-level let and an unbranded error class', () => {
    assert.deepStrictEqual(stateIn('const made = new WeakSet<object>();\nexport function f(o: object) { made.add(o); }'), ['changes made']);
    assert.deepStrictEqual(stateIn('const KINDS = new Set(["a"]);\nexport const has = (k: string) => KINDS.has(k);'), []);
    assert.deepStrictEqual(stateIn('let cache: string | undefined;'), ['let cache']);
    assert.deepStrictEqual(stateIn('export class Stop extends Error {}'), ['class Stop']);
  });

  describe('dist/flows.js, loaded as the activation bundle loads it', () => {
    type Flows = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> & {
      receiveSharedModules(modules: Readonly<Record<string, object>>): void;
    };
    let flows: Flows;
    let handedOver = false;
    /** What the loader does right after `require`, once. */
    const handOver = () => {
      if (!handedOver) flows.receiveSharedModules(sharedInstances());
      handedOver = true;
    };

    before(() => {
      // The bundle requires `vscode`; here it gets what a flow needs before it stops: strings as
      // written, and no answer to any question.
      const vscode = { l10n: { t: (message: string) => message }, window: { showInformationMessage: async () => undefined }, commands: {} };
      const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
      const load = loader._load;
      loader._load = function (request: string, ...rest: unknown[]) {
        return request === 'vscode' ? vscode : load.call(this, request, ...rest);
      };
      try {
        flows = require(path.join(dist, 'flows.js')) as Flows;
      } finally {
        loader._load = load;
      }
    });

    it('refuses a hand-over that lacks a shared module or one of its exports, naming it, and a second one', () => {
      if (!handedOver) {
        assert.throws(() => flows.receiveSharedModules({}), /did not hand over src\/platform\/commands\.ts/);
        const partial = { ...sharedInstances(), 'src/platform/commands.ts': { Cancelled } };
        assert.throws(() => flows.receiveSharedModules(partial), /src\/platform\/commands\.ts: .*orCancel/);
      }
      handOver();
      const forged = { ...sharedInstances(), 'src/platform/commands.ts': { ...sharedInstances()['src/platform/commands.ts'], agree: async () => true } };
      assert.throws(() => flows.receiveSharedModules(forged), /already handed over/);
    });

    it('each feature registers flows that dist/flows.js has, under the namespace its register.ts loads', () => {
      const features = path.join(root, 'src', 'features');
      const withFlows = fs.readdirSync(features).filter((f) => fs.existsSync(path.join(features, f, 'flows.ts')));
      assert.ok(withFlows.length >= 5, 'the features with lazily loaded flows');
      for (const feature of withFlows) {
        const register = fs.readFileSync(path.join(features, feature, 'register.ts'), 'utf8');
        assert.match(register, new RegExp(`loadLazyBundle<\\{ ${feature}: typeof Flows \\}>\\('flows'\\)\\.${feature}\\b`), `${feature}/register.ts loads its own namespace`);
        for (const [, name] of register.matchAll(/Flows\(\)\.(\w+)\(/gi)) {
          assert.strictEqual(typeof flows[feature]?.[name], 'function', `dist/flows.js has ${feature}.${name}`);
        }
      }
    });

    it("a prompt dismissed in a flow is the activation bundle's Cancelled: the command ends quietly", async () => {
      handOver();
      // No account connected: Rename API Key offers to connect one, gets no answer, and stops.
      const s = { accounts: { roots: () => [], get: () => undefined } } as unknown as Services;
      const errors: unknown[] = [];
      const log = { error: (...args: unknown[]) => errors.push(args) } as unknown as Log;
      const stopped = await flows.keys.renameKey(s, {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(stopped instanceof Cancelled, 'the flow stopped with the Cancelled the error handling knows');
      reportFailure(log, 'twilioCredentials.renameKey', stopped);
      assert.deepStrictEqual(errors, [], 'nothing logged, no error shown');
    });
  });
});
