import { DomainError } from '@needlepoint/core/errors';
import { bundleRecordToFactsRecord, bundleToRecord } from '@needlepoint/core/fhir/bundle-to-record';
import { intakeToFacts, parseIntakeRecord } from '@needlepoint/core/intake/intake-record';
import { clinicalKnowledge } from '@needlepoint/core/knowledge/knowledge';
import { areas, modalities, type Area, type Modality } from '@needlepoint/core/knowledge/knowledge.schema';
import { defaultScreeningSettings } from '@needlepoint/core/knowledge/settings';
import { isIsoDate } from '@needlepoint/core/screening/dates';
import { evaluate, type ScreeningResult } from '@needlepoint/core/screening/evaluate';
import type { ScreeningFacts } from '@needlepoint/core/screening/facts';
import { recordToFacts } from '@needlepoint/core/screening/record-to-facts';
import { recordProblem } from '../modules/imports/fhir-validation';

export interface ScreenIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => Promise<string>;
  today: () => string;
}

export const screenUsage =
  'usage: needlepoint screen <file.json> [--patient <id>] [--as-of YYYY-MM-DD] [--area face,perioral,...] [--modality mechanical|rf] [--format json|text]';

interface ScreenOptions {
  file: string;
  patient?: string;
  asOf: string;
  areas: Area[];
  modality: Modality;
  format: 'json' | 'text';
}

class UsageError extends Error {}

function parseArgs(args: string[], today: string): ScreenOptions {
  let file: string | undefined;
  const options: Omit<ScreenOptions, 'file'> = {
    asOf: today,
    areas: ['face'],
    modality: 'mechanical',
    format: 'json',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--as-of': {
        const v = value();
        if (!isIsoDate(v)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${v}"`);
        options.asOf = v;
        break;
      }
      case '--area': {
        const list = value()
          .split(',')
          .map((a) => a.trim());
        const bad = list.filter((a) => !(areas as readonly string[]).includes(a));
        if (bad.length > 0)
          throw new UsageError(`--area: unknown area ${bad.join(', ')} (use ${areas.join(', ')})`);
        options.areas = [...new Set(list)] as Area[];
        break;
      }
      case '--modality': {
        const v = value();
        if (!(modalities as readonly string[]).includes(v))
          throw new UsageError(`--modality must be mechanical or rf, got "${v}"`);
        options.modality = v as Modality;
        break;
      }
      case '--patient':
        options.patient = value();
        break;
      case '--format': {
        const v = value();
        if (v !== 'json' && v !== 'text') throw new UsageError(`--format must be json or text, got "${v}"`);
        options.format = v;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        if (file !== undefined) throw new UsageError(`unexpected argument ${arg}`);
        file = arg;
    }
  }
  if (file === undefined) throw new UsageError('missing <file.json>');
  return { file, ...options };
}

/**
 * Reads a FHIR Bundle, a single FHIR resource or a Needlepoint intake record and returns ScreeningFacts; FHIR goes
 * through the import's own mapping and validation (FHIR -> record entries -> facts). Throws DomainError when
 * nothing can be screened; entries that cannot be read are `warnings`.
 */
export function factsFromJson(
  text: string,
  options: { patientId?: string; asOf: string },
): { facts: ScreeningFacts; warnings: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DomainError('SCREENING_INPUT_INVALID', `not JSON: ${(e as Error).message}`);
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    if (typeof record.resourceType === 'string') {
      const read = bundleToRecord(json, {
        ...(options.patientId !== undefined ? { patientId: options.patientId } : {}),
        problemOf: recordProblem,
      });
      return {
        facts: recordToFacts(bundleRecordToFactsRecord(read, options.asOf)),
        warnings: read.warnings,
      };
    }
    if (record.kind === 'needlepoint.intake')
      return { facts: intakeToFacts(parseIntakeRecord(json)), warnings: [] };
  }
  throw new DomainError(
    'SCREENING_INPUT_INVALID',
    'neither a FHIR resource or Bundle nor a needlepoint.intake record',
  );
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

export function formatText(result: ScreeningResult): string {
  const lines = [
    `Verdict: ${result.verdict}`,
    `As of ${result.asOf}; areas ${result.request.areas.join(', ')}; ${result.request.modality}; knowledge ${result.knowledgeVersion}`,
  ];
  if (result.findings.length === 0) lines.push('', 'No findings.');
  for (const f of result.findings) {
    lines.push('', `[${f.severity}] ${f.code} - ${f.title}${f.until ? ` (until ${f.until})` : ''}`);
    lines.push(
      `  Why: ${f.reason}`,
      `  Action: ${f.action}`,
      `  Sources: ${f.sources.map((s) => s.id).join(', ')} (${f.evidenceLevel}); rule ${f.ruleId}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** `needlepoint screen`: exit 0 with the result on stdout; exit 2 with one line on stderr for bad input. */
export async function runScreen(args: string[], io: ScreenIo): Promise<number> {
  let options: ScreenOptions;
  try {
    options = parseArgs(args, io.today());
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`needlepoint screen: ${e.message} (${screenUsage})\n`);
    return 2;
  }
  let text: string;
  try {
    text = await io.readFile(options.file);
  } catch (e) {
    io.stderr(`needlepoint screen: cannot read ${options.file}: ${oneLine((e as Error).message)}\n`);
    return 2;
  }
  try {
    const { facts, warnings } = factsFromJson(text, {
      asOf: options.asOf,
      ...(options.patient !== undefined ? { patientId: options.patient } : {}),
    });
    for (const w of warnings) io.stderr(`needlepoint screen: warning: ${oneLine(w)}\n`);
    const result = evaluate(facts, clinicalKnowledge, defaultScreeningSettings, options.asOf, {
      areas: options.areas,
      modality: options.modality,
    });
    io.stdout(options.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatText(result));
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    io.stderr(`needlepoint screen: ${options.file}: ${oneLine(e.message)}\n`);
    return 2;
  }
}
