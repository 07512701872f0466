// The key commands and the tree rows that offer them (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { accountRows, keyRows } from '../../core/util/treeRows';

export const keysManifest = featureManifest({
  feature: 'keys',
  commands: {
    [Command.createKey]: { rows: accountRows() },
    [Command.deleteKey]: { rows: keyRows() },
    [Command.renameKey]: { rows: keyRows() },
    [Command.copyKeySid]: { rows: keyRows() },
    [Command.copyKeySecret]: { rows: keyRows((k) => k.secretStored) },
    [Command.writeKeyToEnv]: { rows: keyRows() },
    // Main keys are made in the Console only; the key the extension signs in with is rotated there.
    [Command.rotateKey]: { rows: keyRows((k) => k.type !== 'main' && !k.self) },
    [Command.editKeyPermissions]: { rows: keyRows((k) => k.type === 'restricted') },
    // Restricted keys cannot sign Access Tokens, and signing needs the secret here.
    [Command.createAccessToken]: { rows: keyRows((k) => k.type !== 'restricted' && k.secretStored) },
    [Command.openInConsole]: { rows: [...accountRows(), ...keyRows()] },
  },
});
