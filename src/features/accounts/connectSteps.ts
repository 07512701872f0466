// The steps of Connect Account and when each is asked: pure, so the step counts of every path are
// unit-tested. The prompts are in connectAccount.ts.
import type { Step } from '../../core/util/steps';
import type { Args } from '../../core/util/commandArgs';

/** The argument object that answers the connect prompts (documented in the README). */
export interface ConnectArgs {
  label?: string;
  accountSid?: string;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  region?: string;
  edge?: string;
}

export type ConnectMethod = 'authToken' | 'apiKey';

/** The answers so far; `args` holds those given by argument, whose steps ask nothing. */
export interface ConnectState {
  readonly args: ConnectArgs;
  label?: string;
  accountSid?: string;
  method?: ConnectMethod;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  region?: string;
  edge?: string;
}

export type ConnectStepName = 'label' | 'accountSid' | 'method' | 'authToken' | 'apiKeySid' | 'apiKeySecret' | 'region';

/** The method the arguments decide, if they do. */
export function methodOf(args: ConnectArgs): ConnectMethod | undefined {
  if (args.authToken) return 'authToken';
  if (args.apiKeySid || args.apiKeySecret) return 'apiKey';
  return undefined;
}

/** Programmatic callers that give credentials get no further prompts for region. */
export function hasPromptAnswers(args: ConnectArgs): boolean {
  return !!(args.authToken || args.apiKeySecret);
}

/** The answers given by argument, and the starting answers another caller suggested (their steps still ask). */
export function connectState(args: Args<ConnectArgs>): ConnectState {
  const { prefill, ...answers } = args;
  const start = { ...prefill, ...answers };
  const { label, accountSid, authToken, apiKeySid, apiKeySecret, region, edge } = start;
  return { args: answers, label, accountSid, method: methodOf(start), authToken, apiKeySid, apiKeySecret, region, edge };
}

/**
 * In order. Until the method is chosen the Auth Token path (the first choice) is counted: five
 * steps; choosing a Main API key makes it six.
 */
export const CONNECT_STEPS: ReadonlyArray<Step<ConnectState> & { name: ConnectStepName }> = [
  { name: 'label', asks: (s) => s.args.label === undefined },
  { name: 'accountSid', asks: (s) => s.args.accountSid === undefined },
  { name: 'method', asks: (s) => methodOf(s.args) === undefined },
  { name: 'authToken', asks: (s) => s.method !== 'apiKey' && s.args.authToken === undefined },
  { name: 'apiKeySid', asks: (s) => s.method === 'apiKey' && s.args.apiKeySid === undefined },
  { name: 'apiKeySecret', asks: (s) => s.method === 'apiKey' && s.args.apiKeySecret === undefined },
  { name: 'region', asks: (s) => s.args.region === undefined && !hasPromptAnswers(s.args) },
];
