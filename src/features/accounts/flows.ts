// The account commands' flows: in dist/flows.js, loaded when one first runs (register.ts).
export { connectAccount } from './connectAccount';
export { connectFromEnvironment, disconnectAccount, updateCredentials } from './accountCommands';
