import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalDay2CheckIn } from '@needlepoint/core/aftercare/check-in-examples';

// `needlepoint triage` as a user runs it: a real process, real files, exit codes and streams.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'needlepoint-triage-'));

const normalDay2 = { ...normalDay2CheckIn, notes: null };

function triage(...args: string[]) {
  const run = spawnSync(process.execPath, ['server/bin/needlepoint.mjs', 'triage', ...args], {
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

function expectOneLineError(result: ReturnType<typeof triage>, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

describe('needlepoint triage', () => {
  it('calls a normal day-2 check-in expected healing', () => {
    const result = triage(file('normal.json', normalDay2));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['urgency', 'reasons', 'advice', 'unanswered', 'rulesVersion']);
    expect(json.urgency).toBe('expected');
    expect(json.advice.headline).toMatch(/normal healing/);
    for (const reason of json.reasons) {
      expect(Object.keys(reason)).toEqual(expect.arrayContaining(['code', 'title', 'ruleId', 'sources']));
    }
  });

  it('sends breathing difficulty to emergency services, with sources', () => {
    const result = triage(file('breathing.json', { ...normalDay2, breathingDifficulty: true }));
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.urgency).toBe('emergency');
    expect(json.reasons[0]).toMatchObject({
      code: 'BREATHING_DIFFICULTY',
      ruleId: 'breathing-difficulty',
      sources: [{ id: 'S10' }],
    });
    expect(json.advice.headline).toMatch(/emergency number now/);
  });

  it('prints a readable report with --format text', () => {
    const result = triage(
      file('pus.json', { ...normalDay2, daysSinceTreatment: 3, pus: true }),
      '--format',
      'text',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Urgency: same-day\nAdvice: Call the clinic today/);
    expect(result.stdout).toMatch(/\[same-day\] PUS_OR_CRUSTS .*rule pus-or-crusts; S7, S81/);
  });

  it('reports a check-in with unanswered signs as routine, listing them', () => {
    const { pus: _, ...rest } = normalDay2;
    const json = JSON.parse(triage(file('no-pus.json', rest)).stdout);
    expect(json.urgency).toBe('routine');
    expect(json.unanswered).toEqual(['pus']);
  });

  it.each([
    ['not JSON', () => file('bad.json', '{"daysSinceTreatment": 2, '), /not JSON/],
    ['an array', () => file('array.json', [normalDay2]), /expected one check-in object, got an array/],
    ['a number', () => file('number.json', '42'), /expected one check-in object, got a number/],
    [
      'a wrong type',
      () => file('type.json', { ...normalDay2, pus: 'no' }),
      /pus: Invalid input: expected boolean/,
    ],
    [
      'an out-of-range pain score',
      () => file('range.json', { ...normalDay2, painNow: 11 }),
      /painNow: Too big/,
    ],
    [
      'an unknown redness trend',
      () => file('trend.json', { ...normalDay2, rednessTrend: 'awful' }),
      /rednessTrend: Invalid option/,
    ],
    [
      'a misspelt field',
      () => file('typo.json', { ...normalDay2, temperature: 38 }),
      /Unrecognized key: "temperature"/,
    ],
    ['no day', () => file('noday.json', { pus: false }), /daysSinceTreatment/],
    ['a missing file', () => join(work, 'nope.json'), /cannot read/],
  ])('rejects %s: exit 2, one line on stderr, nothing on stdout', (_label, make, pattern) => {
    expectOneLineError(triage(make()), pattern);
  });

  it.each([
    [[], /missing <checkin.json>/],
    [['--format', 'xml'], /--format must be json or text/],
    [['--verbose'], /unknown option --verbose/],
  ])('rejects bad arguments %j with exit 2', (args, pattern) => {
    const path = file('ok.json', normalDay2);
    expectOneLineError(triage(...(args.length === 0 ? [] : [path, ...args])), pattern);
  });
});
