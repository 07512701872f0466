// The detection engine in the editor: the commands of its quick fixes, hovers and links, and the
// activation events it needs (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';

/** The languages whose documents are scanned as they open (those worth waking the extension for). */
const SCANNED_LANGUAGES = [
  'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'ruby', 'php', 'java', 'kotlin', 'csharp', 'go', 'swift',
  'shellscript', 'yaml', 'dockercompose', 'json', 'jsonc', 'properties', 'java-properties', 'ini', 'toml', 'dotenv', 'xml', 'dockerfile', 'jupyter',
];

export const detectionManifest = featureManifest({
  feature: 'detection',
  commands: {
    [Command.moveToEnv]: {},
    [Command.useEnvReadingClient]: {},
    [Command.ignoreFinding]: {},
    [Command.checkLive]: {},
    [Command.explainFinding]: {},
    [Command.installGitHook]: {},
    [Command.scanWorkspace]: {},
  },
  activationEvents: Object.fromEntries(SCANNED_LANGUAGES.map((id) => [`onLanguage:${id}`, 'scans a document of this language as it opens'])),
});
