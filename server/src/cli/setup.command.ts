import { parseArgs } from 'node:util';
import { CreateClinicRequest } from '@needlepoint/core/contracts/setup';
import { DomainError } from '@needlepoint/core/errors';
import { openDatabase } from '../main';
import { systemClock } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { createClinic } from '../modules/clinic/create-clinic.service';

export interface SetupIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

export const setupUsage = `usage: needlepoint setup --clinic-name <name> --time-zone <IANA zone> --owner-name <name> --email <email>
  The owner's password comes from NEEDLEPOINT_OWNER_PASSWORD (or --password, visible to other users of the machine).
  Each option can also come from the environment: NEEDLEPOINT_CLINIC_NAME, NEEDLEPOINT_TIME_ZONE,
  NEEDLEPOINT_OWNER_NAME, NEEDLEPOINT_OWNER_EMAIL.`;

const fieldToOption: Record<string, string> = {
  clinicName: '--clinic-name',
  timeZone: '--time-zone',
  ownerName: '--owner-name',
  email: '--email',
  password: 'NEEDLEPOINT_OWNER_PASSWORD',
};

/**
 * `needlepoint setup`: creates the first clinic and its owner, non-interactively (for scripts). Exit 0 when
 * created, 2 for bad input or when the database already has a clinic.
 */
export async function runSetup(args: string[], io: SetupIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        'clinic-name': { type: 'string' },
        'time-zone': { type: 'string' },
        'owner-name': { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr(
      `needlepoint setup: ${error instanceof Error ? error.message : 'bad arguments'}\n${setupUsage}`,
    );
    return 2;
  }
  const v = parsed.values;
  const input = CreateClinicRequest.safeParse({
    clinicName: v['clinic-name'] ?? io.env.NEEDLEPOINT_CLINIC_NAME,
    timeZone: v['time-zone'] ?? io.env.NEEDLEPOINT_TIME_ZONE,
    ownerName: v['owner-name'] ?? io.env.NEEDLEPOINT_OWNER_NAME,
    email: v.email ?? io.env.NEEDLEPOINT_OWNER_EMAIL,
    password: v.password ?? io.env.NEEDLEPOINT_OWNER_PASSWORD,
  });
  if (!input.success) {
    const problems = input.error.issues.map(
      (issue) => `  ${fieldToOption[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`,
    );
    io.stderr(`needlepoint setup: missing or invalid:\n${problems.join('\n')}\n${setupUsage}`);
    return 2;
  }
  const config = loadConfig(io.env);
  const { db, embedded } = await openDatabase(config);
  try {
    const created = await createClinic(db, input.data, {
      ip: null,
      requestId: 'cli-setup',
      clock: systemClock,
    });
    io.stdout(
      `Clinic "${input.data.clinicName}" created (${created.clinicId}).\n` +
        `Owner: ${input.data.ownerName} <${input.data.email}>. Sign in at ${config.publicUrl}/sign-in; ` +
        'the first sign-in sets up two-factor sign-in.',
    );
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      const field = error.fields?.[0];
      io.stderr(
        `needlepoint setup: ${error.message}${field ? ` (${fieldToOption[field.path.replace(/^body\./, '')] ?? field.path}: ${field.message})` : ''}`,
      );
      return 2;
    }
    throw error;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}
