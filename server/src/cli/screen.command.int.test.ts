import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allNoIntake } from '@needlepoint/core/intake/intake-examples';

// The `needlepoint screen` command as a user runs it: a real process, real files, exit codes and streams.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = join(root, 'fixtures/fhir');
const adalberto = join(
  fixtures,
  'synthea-bundles',
  readdirSync(join(fixtures, 'synthea-bundles')).find((f) => f.startsWith('Adalberto'))!,
);
const work = mkdtempSync(join(tmpdir(), 'needlepoint-screen-'));

function screen(...args: string[]) {
  const run = spawnSync(process.execPath, ['server/bin/needlepoint.mjs', 'screen', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function expectOneLineError(result: ReturnType<typeof screen>, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

describe('needlepoint screen', () => {
  it('screens a Synthea FHIR Bundle: clopidogrel needs prescriber clearance', () => {
    const result = screen(adalberto, '--as-of', '2021-06-01');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(json.verdict).toBe('needs-clearance');
    expect(json.knowledgeVersion).toMatch(/^\d{4}\./);
    expect(json.findings.map((f: { code: string }) => f.code)).toContain('ANTIPLATELET');
  });

  it('screens an intake record, with areas and modality', () => {
    const record = {
      ...allNoIntake,
      patient: { birthDate: '1970-01-01', sexAtBirth: 'male' },
      skin: { ...allNoIntake.skin, coldSoreHistory: 'yes' },
      health: { ...allNoIntake.health, implantedElectronicDevice: 'yes' },
      medications: { answer: 'listed', items: [{ name: 'Xarelto' }] },
    };

    const path = file('intake.json', record);
    const rf = JSON.parse(
      screen(path, '--as-of', '2026-06-15', '--area', 'perioral,neck', '--modality', 'rf').stdout,
    );
    expect(rf.verdict).toBe('do-not-treat');
    expect(rf.findings.map((f: { code: string }) => f.code)).toEqual([
      'IMPLANTED_ELECTRONIC_DEVICE',
      'ANTICOAGULANT',
      'HSV_HISTORY',
    ]);
    const scalp = JSON.parse(screen(path, '--as-of', '2026-06-15', '--area', 'scalp').stdout);
    expect(scalp.findings.map((f: { code: string }) => f.code)).toEqual([
      'ANTICOAGULANT',
      'IMPLANTED_ELECTRONIC_DEVICE',
    ]);
  });

  it('prints a readable report with --format text', () => {
    const result = screen(adalberto, '--as-of', '2021-06-01', '--format', 'text');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Verdict: needs-clearance/);
    expect(result.stdout).toMatch(/\[clearance\] ANTIPLATELET/);
  });

  it.each([
    ['not JSON', () => file('bad.json', '{"resourceType": "Bundle", '), /not JSON/],
    [
      'a JSON array',
      () => file('array.json', [1, 2]),
      /neither a FHIR resource or Bundle nor a needlepoint.intake record/,
    ],
    [
      'an invalid intake record',
      () => file('intake-bad.json', { kind: 'needlepoint.intake', version: 1 }),
      /intake record: completedAt/,
    ],
    ['a missing file', () => join(work, 'nope.json'), /cannot read/],
  ])('rejects %s: exit 2, one line on stderr, nothing on stdout', (_label, make, pattern) => {
    expectOneLineError(screen(make()), pattern);
  });

  it('an unreadable medication entry is a warning, the rest is screened, and the verdict is at least needs-review', () => {
    const path = file('entry.json', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'p1',
            name: [{ given: ['A'], family: 'B' }],
            birthDate: '1950-01-01',
            gender: 'male',
          },
        },
        {
          resource: {
            resourceType: 'MedicationRequest',
            id: 'abc',
            status: 'active',
            subject: { reference: 'Patient/p1' },
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'c1',
            subject: { reference: 'Patient/p1' },
            code: { text: 'Rosacea' },
          },
        },
        'not an entry',
      ],
    });
    const result = screen(path, '--as-of', '2026-01-01');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: entry\[1\] \(MedicationRequest\/abc\): .*kept for review/);
    expect(result.stderr).toMatch(/warning: entry\[3\]: no resource/);
    const json = JSON.parse(result.stdout);
    expect(['needs-review', 'needs-clearance', 'defer', 'do-not-treat']).toContain(json.verdict);
    const codes = json.findings.map((f: { code: string }) => f.code);
    expect(codes).toContain('ROSACEA');
    expect(
      json.findings.some((f: { title: string }) => /medication entry that could not be read/.test(f.title)),
    ).toBe(true);
  });

  it('a Bundle with several patients takes --patient, and lists the ids when it is missing', () => {
    const patient = (id: string) => ({
      resource: {
        resourceType: 'Patient',
        id,
        name: [{ given: ['A'], family: id }],
        birthDate: '1950-01-01',
        gender: 'male',
      },
    });
    const path = file('two.json', {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        patient('first'),
        patient('second'),
        {
          resource: {
            resourceType: 'MedicationStatement',
            id: 'w',
            status: 'active',
            subject: { reference: 'Patient/second' },
            medicationCodeableConcept: { text: 'warfarin 5 mg' },
          },
        },
      ],
    });
    expectOneLineError(screen(path), /choose one with --patient <id>: first, second/);
    const second = JSON.parse(screen(path, '--patient', 'second', '--as-of', '2026-01-01').stdout);
    expect(second.findings.map((f: { code: string }) => f.code)).toContain('ANTICOAGULANT');
    const first = JSON.parse(screen(path, '--patient', 'first', '--as-of', '2026-01-01').stdout);
    expect(first.findings.map((f: { code: string }) => f.code)).not.toContain('ANTICOAGULANT');
  });

  it('a single resource file is accepted', () => {
    const path = file('one.json', {
      resourceType: 'MedicationStatement',
      id: 'solo',
      status: 'active',
      subject: { reference: 'Patient/x' },
      medicationCodeableConcept: { text: 'Eliquis 5 mg' },
    });
    const result = screen(path, '--as-of', '2026-01-01');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code)).toContain(
      'ANTICOAGULANT',
    );
  });

  it('screens the US Core style example: contained and referenced anticoagulants, chemotherapy, an unnamed medication', () => {
    const result = screen(
      join(fixtures, 'examples', 'anticoagulant-by-reference.json'),
      '--as-of',
      '2026-01-05',
    );
    expect(result.code).toBe(0);
    const codes = JSON.parse(result.stdout).findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['ANTICOAGULANT', 'CHEMOTHERAPY', 'MISSING_INFORMATION']));
  });

  it.each([
    [['--as-of', '2021-02-30'], /--as-of must be a date/],
    [['--as-of'], /--as-of needs a value/],
    [['--area', 'face,elbow'], /unknown area elbow/],
    [['--modality', 'laser'], /--modality must be mechanical or rf/],
    [['--format', 'xml'], /--format must be json or text/],
    [['--verbose'], /unknown option --verbose/],
  ])('rejects bad flags %j with exit 2', (flags, pattern) => {
    expectOneLineError(screen(adalberto, ...flags), pattern);
  });

  it('rejects a missing file argument and an unknown command', () => {
    expectOneLineError(screen(), /missing <file.json>/);
    const unknown = spawnSync(process.execPath, ['server/bin/needlepoint.mjs', 'frobnicate'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "?frobnicate/);
  });
});
