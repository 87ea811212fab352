import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PgTool = 'pg_dump' | 'pg_restore';

/** A PostgreSQL client program found on this machine, with its major version. */
export interface FoundTool {
  path: string;
  major: number;
}

/** Folders where PostgreSQL's client programs are installed by the usual packages, newest first. */
function candidateFolders(): string[] {
  const folders: string[] = [];
  for (const base of ['/usr/lib/postgresql', '/usr/local/lib/postgresql']) {
    if (!existsSync(base)) continue;
    for (const version of readdirSync(base).sort((a, b) => Number(b) - Number(a)))
      folders.push(join(base, version, 'bin'));
  }
  for (const base of ['/usr/pgsql-', '/opt/homebrew/opt/postgresql@', '/usr/local/opt/postgresql@']) {
    for (let major = 30; major >= 12; major--) folders.push(`${base}${major}/bin`);
  }
  folders.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  return folders;
}

async function versionOf(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ['--version']);
    // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Every copy of `tool` on this machine, each once, with its major version. */
export async function findTools(tool: PgTool): Promise<FoundTool[]> {
  const found: FoundTool[] = [];
  const seen = new Set<string>();
  for (const folder of candidateFolders()) {
    const path = join(folder, tool);
    if (seen.has(path) || !existsSync(path)) continue;
    seen.add(path);
    const major = await versionOf(path);
    if (major !== null) found.push({ path, major });
  }
  return found;
}

/** pg_dump must be of the server's major version (an older one refuses a newer server). */
export function pickDump(found: FoundTool[], serverMajor: number): FoundTool | null {
  return found.find((tool) => tool.major === serverMajor) ?? null;
}

/**
 * pg_restore must read the archive (its major at least the one that wrote it); the server's own major is best,
 * else the oldest newer one.
 */
export function pickRestore(found: FoundTool[], serverMajor: number, dumpMajor: number): FoundTool | null {
  const able = found.filter((tool) => tool.major >= dumpMajor).sort((a, b) => a.major - b.major);
  return able.find((tool) => tool.major === serverMajor) ?? able[0] ?? null;
}

/** The one line said when no program fits. */
export function noToolLine(tool: PgTool, major: number, found: FoundTool[]): string {
  const seen = found.length
    ? `found ${found.map((t) => `${t.major} (${t.path})`).join(', ')}`
    : `found none in /usr/lib/postgresql/*/bin or on PATH`;
  return `no ${tool} for PostgreSQL ${major} on this machine (${seen}); install the PostgreSQL ${major} client programs, e.g. apt-get install postgresql-client-${major}`;
}
