import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import layers from './layers-plugin.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it;
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' },
});
const modules = '/repo/server/src/modules';

tester.run('needlepoint/sql-in-repos', layers.rules['sql-in-repos'], {
  valid: [
    { code: 'await repo.findPlan(client, clinicId, id);' },
    { code: 'const q = query(x); obj["query"](sql);' },
  ],
  invalid: [
    { code: "await client.query('SELECT 1');", errors: [{ messageId: 'sqlOutsideRepo' }] },
    { code: 'await deps.db.pool.query(sql, [id]);', errors: [{ messageId: 'sqlOutsideRepo' }] },
  ],
});

tester.run('needlepoint/no-foreign-repo', layers.rules['no-foreign-repo'], {
  valid: [
    {
      code: "import * as repo from './bookings.repo';",
      filename: `${modules}/scheduling/bookings.service.ts`,
    },
    {
      code: "import { clinicTimeZone } from '../clinic/clinic.service';",
      filename: `${modules}/scheduling/bookings.service.ts`,
    },
    // Outside the modules (tests' helpers, the command line) the rule does not apply.
    {
      code: "import { findPlan } from '../modules/plans/plans.repo';",
      filename: '/repo/server/src/cli/x.ts',
    },
  ],
  invalid: [
    {
      code: "import { clinicTimeZone } from '../screening/screening.repo';",
      filename: `${modules}/scheduling/bookings.service.ts`,
      errors: [
        { messageId: 'foreignRepo', data: { source: '../screening/screening.repo', owner: 'screening' } },
      ],
    },
    {
      code: "import type { PlanRow } from '../plans/plans.repo';",
      filename: `${modules}/scheduling/bookings.service.ts`,
      errors: [{ messageId: 'foreignRepo' }],
    },
    {
      code: "export { findPatient } from '../patients/patients.repo.ts';",
      filename: `${modules}/portal/intake.service.ts`,
      errors: [{ messageId: 'foreignRepo' }],
    },
    {
      code: "const repo = await import('../../modules/auth/auth.repo');",
      filename: `${modules}/portal/invitations.service.ts`,
      errors: [{ messageId: 'foreignRepo' }],
    },
  ],
});
