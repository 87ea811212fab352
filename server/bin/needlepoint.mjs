#!/usr/bin/env node
// The `needlepoint` command: `npx needlepoint <command> ...` (TypeScript run through tsx).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// An import streams its input; a capped heap keeps the whole process small however large the input is.
if (process.argv[2] === 'import' && !process.env.NEEDLEPOINT_IMPORT_CHILD) {
  const child = spawnSync(
    process.execPath,
    ['--max-old-space-size=384', fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, NEEDLEPOINT_IMPORT_CHILD: '1' },
    },
  );
  process.exit(child.status ?? 1);
}

register();
const { main } = await import('../src/cli/main.ts');
// Exit explicitly: the embedded database's exit hooks would otherwise replace the exit code.
process.exit(await main(process.argv.slice(2)));
