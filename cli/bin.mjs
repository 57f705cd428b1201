#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so it imports the very engine the extension ships.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
