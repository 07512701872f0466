// The floor plan of src/, enforced (`npm run deps`, part of `npm test`). ARCHITECTURE.md draws it;
// this file is the rule book. Layers from the bottom up: a file may import its own layer and the
// layers below, never one above. Within a layer, folders import each other in one direction only
// (no folder cycle), and no file imports itself around a circle.
/** @type {{ name: string, path: string, rule: string }[]} bottom first */
const LAYERS = [
  { name: 'core', path: '^src/core/', rule: 'Twilio access and pure rules: no vscode' },
  { name: 'platform', path: '^src/platform/', rule: 'VS Code plumbing: log, commands, settings, prompts, l10n, lazy bundles' },
  { name: 'workspace', path: '^src/workspace/', rule: 'files, git and .env on disk' },
  { name: 'services', path: '^src/services/', rule: 'accounts and keys: the long-lived objects activate() builds' },
  { name: 'features', path: '^src/features/', rule: 'one folder per feature: its commands and flows' },
  { name: 'surfaces', path: '^src/surfaces/', rule: 'what the editor shows: the tree, the editor face' },
  { name: 'entry', path: '^src/(extension\\.ts$|testDriver\\.ts$|cli/)', rule: 'entry points: activate() (and its test driver) and the CLI' },
];

// Files of the upper layers that hold pure rules (no vscode): unit-tested in plain Node.
const PURE_FILES = [
  'src/services/(model|functionsVariables|secretOwners)\\.ts',
  'src/features/accounts/(connectSteps|environmentCredentials)\\.ts',
  'src/features/keys/(keyNames|permissions|regions|rotationEdits)\\.ts',
  'src/features/keys/commands/keySteps\\.ts',
  'src/features/terminals/choice\\.ts',
  'src/features/auth/sessionToken\\.ts',
  'src/features/profiles/(cliConfig|index)\\.ts',
  'src/features/replace/envImport\\.ts',
  'src/features/mixups/(rules|age|bundle|clientRewrite)\\.ts',
  'src/features/report/(report|rotationRanking|reportFormat)\\.ts',
  'src/features/functions/(holders|useKeyInFunctionsArgs)\\.ts',
  // Each feature's table of what it contributes (package.json holds against it).
  'src/(features|surfaces)/[^/]+/manifest\\.ts',
  'src/workspace/dotenv/(?!envIndex|envWriter|keyEdits)[^/]+\\.ts',
  // What the CLI shares with the editor (guarded file access, git) and the gate to workspace
  // files; files/editorWorkspace.ts is the gate's VS Code face.
  'src/workspace/files/(?!editorWorkspace)[^/]+\\.ts',
  'src/workspace/git/[^/]+\\.ts',
];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-import-from-${layer.name}`,
  comment: `${layer.name} (${layer.rule}) may import only ${LAYERS.slice(0, i + 1).map((l) => l.name).join(', ')}; see ARCHITECTURE.md`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: LAYERS.slice(i + 1).map((l) => l.path) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-file-cycle',
      comment: 'Files must not import each other around a circle: move the shared part (often a type) to the lower file.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'Two folders must not import each other, directly or around a circle: decide which is below.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-vscode-in-core',
      comment: 'src/core is pure: no vscode; pure modules translate with @vscode/l10n.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^vscode$' },
    },
    {
      name: 'no-vscode-in-pure-files',
      comment: 'These files hold pure rules (unit-tested in plain Node): no vscode.',
      severity: 'error',
      from: { path: PURE_FILES.map((p) => `^${p}$`) },
      to: { path: '^vscode$' },
    },
    {
      name: 'cli-runs-without-vscode',
      comment: 'The CLI runs under plain Node: nothing it reaches may import vscode.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^vscode$', reachable: true },
    },
    {
      name: 'only-core-twilio-imports-twilio',
      comment: 'All Twilio API calls go through the twilio library in src/core/twilio, its only importer (dist/twilio.js).',
      severity: 'error',
      from: { pathNot: '^src/core/twilio/' },
      to: { path: '^node_modules/twilio/' },
    },
    {
      name: 'core-twilio-imports-only-itself',
      comment: 'src/core/twilio is the entry of dist/twilio.js and imports nothing else of src/.',
      severity: 'error',
      from: { path: '^src/core/twilio/' },
      to: { path: '^src/', pathNot: '^src/core/twilio/' },
    },
    {
      name: 'twilio-layer-reached-through-twilio-service',
      comment: 'Outside src/core/twilio only its light modules are imported (anything else as a type only): types, errors, origin and the pure rules the features need before any request (the same list as test/unit/twilio/bundleBoundaries.test.ts). The rest is in dist/twilio.js, reached through TwilioService.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/core/twilio/' },
      to: { path: '^src/core/twilio/', pathNot: '^src/core/twilio/(types|errors|origin|variableKinds|publicKeyPem|pushCredentialHealth)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'detection-imports-only-core-util',
      comment: 'The detection engine is pure and synchronous; outside itself it uses only the pure helpers of src/core/util.',
      severity: 'error',
      from: { path: '^src/core/detection/' },
      to: { path: '^src/', pathNot: '^src/core/(detection|util)/' },
    },
    {
      name: 'src-never-imports-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
