#!/usr/bin/env node
// The `needlepoint` command: `npx needlepoint <command> ...` (TypeScript run through tsx).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
// Exit explicitly: the embedded database's exit hooks would otherwise replace the exit code.
process.exit(await main(process.argv.slice(2)));
