import { readFile } from 'node:fs/promises';
import { runScreen } from './screen.command';
import { runSetup } from './setup.command';

const usage = `usage: needlepoint <command> [options]

commands:
  screen <file.json> [--patient <id>] [--as-of YYYY-MM-DD] [--area face,...] [--modality mechanical|rf] [--format json|text]
      screen an intake record, a FHIR Bundle or one FHIR resource (read as the import reads it); prints the verdict
      and findings; entries that cannot be read are warnings on stderr
  import <file-or-folder> [--format json|text] [--clinic <id>]
      import a FHIR R4 Bundle, a Bulk Data NDJSON file, or a folder of them into the clinic's records
      (uses the same DATA_DIR / DATABASE_URL as the app)
  setup --clinic-name <name> --time-zone <zone> --owner-name <name> --email <email>
      create the first clinic and its owner (password from NEEDLEPOINT_OWNER_PASSWORD); non-interactive
  triage <checkin.json> [--format json|text]
      triage a symptom check-in after a session; prints the urgency, reasons with sources, and advice
  photos move
      move photos still kept in the database to the photo store (PHOTO_STORE), each checked against its checksum
  backup <file>
      write one archive of the database, the photos and the files under DATA_DIR (audit anchors); the app may run
  restore <file> [--force]
      put a backup back into an empty database and DATA_DIR (--force replaces a database that has tables)`;

/** Runs one command; returns its exit code (0 done, 2 bad input or usage). */
export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const io = {
    stdout: (s: string) => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
    stderr: (s: string) => void process.stderr.write(s.endsWith('\n') ? s : `${s}\n`),
    readFile: (p: string) => readFile(p, 'utf8'),
    today: () => new Date().toISOString().slice(0, 10),
  };
  switch (command) {
    case 'screen':
      return runScreen(rest, io);
    case 'triage':
      // Loaded on demand: triage needs neither the database nor the FHIR definitions.
      return (await import('./triage.command')).runTriage(rest, io);
    case 'import':
      return (await import('./import.command')).runImport(rest, {
        ...io,
        progress: (s: string) => void process.stderr.write(s),
        isTty: process.stderr.isTTY === true,
        env: process.env,
      });
    case 'setup':
      return runSetup(rest, { ...io, env: process.env });
    case 'photos':
      return (await import('./photos.command')).runPhotos(rest, { ...io, env: process.env });
    case 'backup':
      return (await import('./backup.command')).runBackup(rest, { ...io, env: process.env });
    case 'restore':
      return (await import('./backup.command')).runRestore(rest, { ...io, env: process.env });
    case undefined:
    case '--help':
    case 'help':
      io.stdout(usage);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`needlepoint: unknown command "${command}"\n${usage}`);
      return 2;
  }
}
