import type { AccountStore } from './accountStore';
import type { KeyCache } from './keyCache';
import type { FunctionsAccess } from './functionsAccess';
import type { TwilioService } from './twilioService';
import type { EnvWriter } from '../workspace/dotenv/envWriter';
import type { EnvIndex } from '../workspace/dotenv/envIndex';
import type { Log } from '../platform/log';
import type { KeyLifecycle } from './keyLifecycle';

/** What commands need, built once in activate() and passed down. */
export interface Services {
  log: Log;
  accounts: AccountStore;
  keys: KeyCache;
  /** Each account's Twilio Functions variables that hold a credential (values never kept), made on first use. */
  functions: FunctionsAccess;
  twilio: TwilioService;
  envWriter: EnvWriter;
  envIndex: EnvIndex;
  /** Mint, write to .env and retire keys: the one place a created key's secret is kept. */
  lifecycle: KeyLifecycle;
}
