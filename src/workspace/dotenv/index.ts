// Pure `.env`, `.env.example` and `.gitignore` text handling; the file writer lives elsewhere.
export * from './parse';
export { formatValue, isPlainValue } from './format';
export * from './edit';
export * from './example';
export * from './gitignore';
