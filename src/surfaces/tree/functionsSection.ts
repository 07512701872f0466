import * as vscode from 'vscode';
import type { FunctionsCache, CountedPage } from '../../services/functionsCache';
import type { PagedCache } from '../../services/pagedCache';
import type { AccountRecord } from '../../services/model';
import { environmentsKey, variablesKey } from '../../services/functionsVariables';
import type { TwilioApiError } from '../../core/twilio/errors';
import { Command } from '../../core/util/commandIds';
import { Row } from '../../core/util/treeRows';
import { environmentItem, functionsMessageItem, groupWithCount, listArgument, moreItem, serviceItem, variableItem, type Loaded } from './functionsItems';
import type { FunctionsGroupNode, FunctionsListNode, FunctionsNode } from './functionsNodes';

type Message = Extract<FunctionsNode, { kind: 'functionsMessage' }>;

/** What a list row says while it loads and when it holds nothing. */
interface ListTexts {
  loading: string;
  empty: string;
  /** Nothing kept among the first `listed` (variables: none of those checked holds a credential). */
  noneAmong?: (listed: number) => string;
}

/**
 * The Functions group of each account in the accounts tree: what its rows are, what each lists,
 * and the rows for loading, errors and more. Each list loads when its row is first expanded and
 * stops loading when the row is collapsed; the cache keeps what was loaded until Refresh.
 */
export class FunctionsSection {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly cache: FunctionsCache) {
    this.onDidChange = cache.onDidChange;
  }

  /** The group row under an account (or a subaccount listed under its parent). */
  group(account: AccountRecord): FunctionsGroupNode {
    return { kind: 'functions', account };
  }

  treeItem(node: FunctionsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'functions':
        return groupWithCount(node, loaded(this.cache.services, this.listKey(node)));
      case 'functionsService':
        return serviceItem(node, loaded(this.cache.environments, this.listKey(node)));
      case 'functionsEnvironment':
        return environmentItem(node, loaded(this.cache.variables, this.listKey(node)));
      case 'functionsVariable':
        return variableItem(node);
      case 'functionsMore':
        return moreItem(node);
      case 'functionsMessage':
        return functionsMessageItem(node);
    }
  }

  children(node: FunctionsNode): FunctionsNode[] {
    const { account } = node;
    switch (node.kind) {
      case 'functions':
        // Twilio's parent token reaches a subaccount's REST API 2010 only, not its Functions.
        if (account.parentAccountSid) return [subaccountMessage(node)];
        return this.list(node, this.cache.services, (service) => ({ kind: 'functionsService', account, service }), {
          loading: vscode.l10n.t('Loading Functions services…'),
          empty: vscode.l10n.t('No Functions services'),
        });
      case 'functionsService':
        return this.list(node, this.cache.environments, (environment) => ({ kind: 'functionsEnvironment', account, service: node.service, environment }), {
          loading: vscode.l10n.t('Loading environments…'),
          empty: vscode.l10n.t('No environments'),
        });
      case 'functionsEnvironment':
        return this.list(node, this.cache.variables, (variable) => ({ kind: 'functionsVariable', account, service: node.service, environment: node.environment, variable }), {
          loading: vscode.l10n.t('Checking variables…'),
          empty: vscode.l10n.t('No variable holds a credential'),
          noneAmong: (listed) => vscode.l10n.t('None of the first {0} variables holds a credential', listed),
        });
      default:
        return [];
    }
  }

  /** The row above `node`; undefined for the group (its parent is the account's row, which the tree knows). */
  parentOf(node: FunctionsNode): FunctionsNode | undefined {
    switch (node.kind) {
      case 'functions':
        return undefined;
      case 'functionsService':
        return { kind: 'functions', account: node.account };
      case 'functionsEnvironment':
        return { kind: 'functionsService', account: node.account, service: node.service };
      case 'functionsVariable':
        return { kind: 'functionsEnvironment', account: node.account, service: node.service, environment: node.environment };
      default:
        return node.parent;
    }
  }

  /** A collapsed row stops loading what it lists (expanding it again starts over). */
  collapsed(node: FunctionsNode): void {
    if (node.kind === 'functions') this.cache.services.cancel(this.listKey(node));
    else if (node.kind === 'functionsService') this.cache.environments.cancel(this.listKey(node));
    else if (node.kind === 'functionsEnvironment') this.cache.variables.cancel(this.listKey(node));
  }

  forget(accountSid?: string): void {
    this.cache.forget(accountSid);
  }

  private listKey(node: FunctionsListNode): string {
    const { accountSid, serviceSid, environmentSid } = listArgument(node);
    if (serviceSid && environmentSid) return variablesKey(accountSid, { serviceSid, environmentSid });
    if (serviceSid) return environmentsKey(accountSid, serviceSid);
    return accountSid;
  }

  /** A list row's children: its items once loaded (the first look starts loading), or the row saying why not. */
  private list<T extends { sid: string }>(parent: FunctionsListNode, cache: PagedCache<T>, toNode: (item: T) => FunctionsNode, texts: ListTexts): FunctionsNode[] {
    const key = this.listKey(parent);
    let state = cache.state(key);
    if (!state) {
      void cache.load(key);
      state = cache.state(key);
    }
    switch (state?.status) {
      case undefined:
      case 'loading':
        return [message(parent, texts.loading, 'loading~spin')];
      case 'noCredentials':
        return [credentialsMessage(parent, vscode.l10n.t('No stored credentials for this account'))];
      case 'error':
        return [errorMessage(parent, state.error)];
      case 'loaded': {
        const nodes = state.items.map(toNode);
        const listed = (state.page as CountedPage<T>).listed ?? state.items.length;
        if (!nodes.length) nodes.push(message(parent, state.page.hasMore && texts.noneAmong ? texts.noneAmong(listed) : texts.empty, 'info'));
        if (state.page.hasMore) nodes.push({ kind: 'functionsMore', account: parent.account, parent, loading: state.loadingMore, listed });
        return nodes;
      }
    }
  }
}

function loaded(cache: PagedCache<{ sid: string }>, key: string): Loaded | undefined {
  const s = cache.state(key);
  return s?.status === 'loaded' ? { count: s.items.length, more: s.page.hasMore } : undefined;
}

function message(parent: FunctionsListNode, text: string, icon: string, extra: Partial<Message> = {}): Message {
  return { kind: 'functionsMessage', account: parent.account, parent, message: text, icon, ...extra };
}

function credentialsMessage(parent: FunctionsListNode, text: string, tooltip?: string): Message {
  return message(parent, text, 'error', {
    detail: vscode.l10n.t('Update credentials'),
    tooltip,
    contextValue: Row.credentials,
    action: { command: Command.updateCredentials, title: vscode.l10n.t('Update Credentials'), arguments: [{ accountSid: parent.account.accountSid }] },
  });
}

/** A short row for why a list could not load; the tooltip has Twilio's full message; Retry loads it again. */
function errorMessage(parent: FunctionsListNode, e: TwilioApiError): Message {
  if (e.kind === 'authentication' || e.kind === 'standardKeyCannotManage') return credentialsMessage(parent, vscode.l10n.t('Twilio did not accept the credentials'), e.message);
  const retry = { command: Command.loadMoreFunctions, title: vscode.l10n.t('Retry'), arguments: [listArgument(parent)] };
  const row = (text: string, icon = 'error', detail = vscode.l10n.t('Retry')) => message(parent, text, icon, { detail, tooltip: e.message, action: retry, contextValue: Row.retry });
  switch (e.kind) {
    case 'permissionDenied':
      return message(parent, vscode.l10n.t('This API key may not read Twilio Functions'), 'shield', {
        detail: vscode.l10n.t('needs Serverless permissions'),
        tooltip: vscode.l10n.t(
          'The API key this account is connected with lacks the permissions to read Twilio Functions (/twilio/serverless/services/read, /twilio/serverless/environments/read, /twilio/serverless/variables/read). Grant them to the key in the Twilio Console, or connect with a Main key or the Auth Token.',
        ),
        action: retry,
      });
    case 'rateLimited':
      return row(vscode.l10n.t('Twilio is limiting requests'), 'watch', vscode.l10n.t('Retry in a moment'));
    case 'offline':
      return row(vscode.l10n.t('Could not reach Twilio'), 'debug-disconnect');
    case 'timeout':
      return row(vscode.l10n.t('Twilio did not answer in time'), 'debug-disconnect');
    default:
      return row(e.message);
  }
}

/** A subaccount listed under its parent is reached with the parent's token, which Functions refuse. */
function subaccountMessage(parent: FunctionsGroupNode): Message {
  const { account } = parent;
  return message(parent, vscode.l10n.t('Needs the subaccount’s own credentials'), 'info', {
    detail: vscode.l10n.t('Connect it with its own Auth Token'),
    tooltip: vscode.l10n.t(
      'This subaccount is managed with its parent’s Auth Token, which reaches only the REST API 2010. Its Twilio Functions need the subaccount’s own Auth Token or API key: connect it with those (Twilio Console → the subaccount → API keys & tokens).',
    ),
    action: {
      command: Command.connectAccount,
      title: vscode.l10n.t('Connect with Its Own Auth Token'),
      arguments: [{ accountSid: account.accountSid, label: account.label, region: account.region ?? 'us1' }],
    },
  });
}
