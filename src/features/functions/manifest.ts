// Twilio Functions: its commands and the tree rows that offer them (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { keyRows, Row } from '../../core/util/treeRows';

export const functionsManifest = featureManifest({
  feature: 'functions',
  commands: {
    // A key is written with its secret, so only a key whose secret is stored here; or into the environment picked.
    [Command.useKeyInFunctions]: { rows: [...keyRows((k) => k.secretStored), Row.functionsEnvironment] },
    // The Functions group's "load more" and Retry rows run it as their own action, not from a menu.
    [Command.loadMoreFunctions]: {},
  },
});
