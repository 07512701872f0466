// Replace Auth Token with API Key: its command and the tree row that offers it (src/core/util/featureManifest.ts). Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { accountRows } from '../../core/util/treeRows';

export const replaceManifest = featureManifest({
  feature: 'replace',
  commands: { [Command.replaceAuthTokenWithKey]: { rows: accountRows((a) => a.authToken && !a.error) } },
});
