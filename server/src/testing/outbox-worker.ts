// A job worker in a process of its own (DATABASE_URL, SMTP_URL), for the test that kills it mid-batch.
import { createDatabase } from '../db/database';
import { makeTasks } from '../jobs/tasks';
import { systemClock } from '../platform/clock';
import { startJobs } from '../platform/jobs';
import { createMailer } from '../platform/mail';
import { testMailFrom } from './outbox';

const db = createDatabase(process.env.DATABASE_URL!, { max: 5 });
const mailer = createMailer({ smtpUrl: process.env.SMTP_URL, from: testMailFrom, log: () => undefined });
const runner = await startJobs(
  db.pool,
  makeTasks({
    db,
    mailer,
    clock: systemClock,
    publicUrl: 'https://clinic.test',
    mailFrom: testMailFrom,
    log: () => undefined,
  }),
  { concurrency: 3 },
);
process.stdout.write('ready\n');
process.on(
  'SIGTERM',
  () =>
    void runner
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0)),
);
await runner.promise;
