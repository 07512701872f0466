// The key commands' flows: in dist/flows.js, loaded when a key command first runs (register.ts).
export { createKey } from './commands/createKey';
export { deleteKey } from './commands/deleteKey';
export { rotateKey } from './commands/rotateKey';
export { editPermissions } from './commands/editPermissions';
export { createAccessToken } from './commands/createAccessToken';
export { copyKeySecret, copyKeySid, openInConsole, renameKey, writeKeyToEnv } from './commands/simpleKeyCommands';
