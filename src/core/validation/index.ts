// Pure input validation: each validator returns a user-facing message or undefined.
export * from './credentials';
export * from './names';
export * from './regions';
export * from './mask';
