// The Accounts view: the view, and the commands that act on the view itself
// (src/core/util/featureManifest.ts). Every account and key command is in its own feature's table. Pure.
import { featureManifest } from '../../core/util/featureManifest';
import { Command } from '../../core/util/commandIds';
import { accountRows, Row } from '../../core/util/treeRows';

export const ACCOUNTS_VIEW = 'twilioCredentials.accounts';

export const accountsViewManifest = featureManifest({
  feature: 'tree',
  views: [ACCOUNTS_VIEW],
  commands: {
    // An account's row reloads its keys and Functions; the Functions group's row the same.
    [Command.refresh]: { rows: [...accountRows(), Row.functions] },
    [Command.loadMoreKeys]: {},
    [Command.loadMoreSubaccounts]: {},
    [Command.filter]: {},
    [Command.clearFilter]: {},
    [Command.showLog]: {},
  },
});
