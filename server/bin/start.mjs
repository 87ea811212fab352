#!/usr/bin/env node
// Starts the Needlepoint server (TypeScript run through tsx; no build step for the server).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main();
