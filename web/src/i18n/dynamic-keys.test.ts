import { describe, expect, it } from 'vitest';
import { careTipIds } from '@needlepoint/core/aftercare/advice';
import { rednessTrends, swellingLevels, symptomFlags } from '@needlepoint/core/aftercare/check-in';
import { symptomGroups } from '@needlepoint/core/aftercare/questions';
import { triageRules } from '@needlepoint/core/aftercare/triage-rules';
import { urgencies } from '@needlepoint/core/aftercare/triage.schema';
import checkInEn from './check-in/en.json';
import checkInEs from './check-in/es.json';

// Keys the portal builds at run time (`triage.rule.${ruleId}`), which `npm run i18n:check` cannot see in the
// code: every rule, care tip, sign, group and urgency has its words in both languages.
const needed = [
  ...triageRules.map((rule) => `triage.rule.${rule.ruleId}`),
  ...careTipIds.map((id) => `triage.tip.${id}`),
  'triage.measureTemperature',
  'triage.safetyNet',
  ...urgencies.flatMap((u) => [`triage.headline.${u}`, `triage.urgency.${u}`]),
  ...symptomFlags.map((flag) => `checkIn.flag.${flag}`),
  ...symptomGroups.map((group) => `checkIn.group.${group.id}`),
  ...rednessTrends.map((trend) => `checkIn.trend.${trend}`),
  ...swellingLevels.map((level) => `checkIn.swelling.${level}`),
];

describe('check-in and triage words built at run time', () => {
  it.each([
    ['en', checkInEn as Record<string, string>],
    ['es', checkInEs as Record<string, string>],
  ])('are all in the %s catalog', (_language, catalog) => {
    expect(needed.filter((key) => !Object.hasOwn(catalog, key))).toEqual([]);
  });

  it('English advice in the portal says what the triage engine says', () => {
    for (const rule of triageRules)
      expect(checkInEn[`triage.rule.${rule.ruleId}` as keyof typeof checkInEn]).toBe(rule.patientAdvice);
  });
});
