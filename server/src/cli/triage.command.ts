import { CheckIn } from '@needlepoint/core/aftercare/check-in';
import { triageCheckIn } from '@needlepoint/core/aftercare/triage';
import type { TriageResult } from '@needlepoint/core/aftercare/triage.schema';
import { DomainError } from '@needlepoint/core/errors';

export interface TriageIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => Promise<string>;
}

export const triageUsage = 'usage: needlepoint triage <checkin.json> [--format json|text]';

class UsageError extends Error {}

function parseArgs(args: string[]): { file: string; format: 'json' | 'text' } {
  let file: string | undefined;
  let format: 'json' | 'text' = 'json';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (v !== 'json' && v !== 'text')
        throw new UsageError(`--format must be json or text, got "${v ?? ''}"`);
      format = v;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file !== undefined) {
      throw new UsageError(`unexpected argument ${arg}`);
    } else {
      file = arg;
    }
  }
  if (file === undefined) throw new UsageError('missing <checkin.json>');
  return { file, format };
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');

/** Parses a check-in from JSON text; throws AFTERCARE_CHECKIN_INVALID naming the first bad field. */
export function checkInFromJson(text: string): CheckIn {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DomainError('AFTERCARE_CHECKIN_INVALID', `not JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new DomainError(
      'AFTERCARE_CHECKIN_INVALID',
      `expected one check-in object, got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : `a ${typeof json}`}`,
    );
  const parsed = CheckIn.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'check-in'}: ${issue.message}`,
    );
    throw new DomainError('AFTERCARE_CHECKIN_INVALID', problems.join('; '));
  }
  return parsed.data;
}

export function formatTriageText(result: TriageResult): string {
  const lines = [`Urgency: ${result.urgency}`, `Advice: ${result.advice.headline}`];
  for (const step of result.advice.steps) lines.push(`  - ${step}`);
  lines.push('', 'Reasons:');
  for (const r of result.reasons) {
    const sources = r.sources.length > 0 ? r.sources.map((s) => s.id).join(', ') : 'clinic policy';
    lines.push(`  [${r.urgency}] ${r.code} - ${r.title} (rule ${r.ruleId}; ${sources})`);
  }
  if (result.unanswered.length > 0) lines.push('', `Unanswered: ${result.unanswered.join(', ')}`);
  lines.push('', `Rules ${result.rulesVersion}`);
  return lines.join('\n') + '\n';
}

/** `needlepoint triage`: exit 0 with the result on stdout; exit 2 with one line on stderr for bad input. */
export async function runTriage(args: string[], io: TriageIo): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`needlepoint triage: ${e.message} (${triageUsage})\n`);
    return 2;
  }
  let text: string;
  try {
    text = await io.readFile(options.file);
  } catch (e) {
    io.stderr(`needlepoint triage: cannot read ${options.file}: ${oneLine((e as Error).message)}\n`);
    return 2;
  }
  try {
    const result = triageCheckIn(checkInFromJson(text));
    io.stdout(options.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatTriageText(result));
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    io.stderr(`needlepoint triage: ${options.file}: ${oneLine(e.message)}\n`);
    return 2;
  }
}
