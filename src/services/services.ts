import type { AccountStore } from './accountStore';
import type { KeyCache } from './keyCache';
import type { TwilioService } from './twilioService';
import type { EnvWriter } from '../workspace/dotenv/envWriter';
import type { EnvIndex } from '../workspace/dotenv/envIndex';
import type { Log } from '../platform/log';

/** What commands need, built once in activate() and passed down. */
export interface Services {
  log: Log;
  accounts: AccountStore;
  keys: KeyCache;
  twilio: TwilioService;
  envWriter: EnvWriter;
  envIndex: EnvIndex;
}
