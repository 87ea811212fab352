import { describe, expect, it } from 'vitest';
import { clinicalKnowledge, knowledgeVersion } from './knowledge';
import { evidenceLevels, findingCodes, Knowledge, severities } from './knowledge.schema';
import { defaultScreeningSettings, ScreeningSettings, settingDocs } from './settings';

describe('clinical knowledge base', () => {
  it('matches its schema', () => {
    expect(() => Knowledge.parse(clinicalKnowledge)).not.toThrow();
    expect(clinicalKnowledge.version).toBe(knowledgeVersion);
  });

  it('has a rule for every public finding code', () => {
    const codes = new Set(clinicalKnowledge.rules.map((r) => r.code));
    expect(findingCodes.filter((c) => !codes.has(c))).toEqual([]);
    expect(findingCodes).toHaveLength(36);
  });

  it('has unique rule ids', () => {
    const ids = clinicalKnowledge.rules.map((r) => r.ruleId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(clinicalKnowledge.rules.map((r) => [r.ruleId, r] as const))(
    '%s cites sources that resolve, with evidence level and review date',
    (_id, rule) => {
      expect(rule.sources.length).toBeGreaterThan(0);
      for (const id of rule.sources) {
        const source = clinicalKnowledge.sources[id];
        expect(source, `source ${id}`).toBeDefined();
        expect(source!.citation.length).toBeGreaterThan(10);
        expect(source!.url).toMatch(/^https?:\/\//);
        expect(evidenceLevels).toContain(source!.evidenceLevel);
      }
      expect(evidenceLevels).toContain(rule.evidenceLevel);
      expect(rule.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(severities).toContain(rule.severity);
    },
  );

  it('never tells anyone to stop or discontinue a medicine (actions and explanations)', () => {
    for (const rule of clinicalKnowledge.rules) {
      for (const text of [rule.action, rule.patientExplanation, rule.staffExplanation]) {
        expect(text, rule.ruleId).not.toMatch(
          /\b(stop|stopping|stopped|discontinue|discontinued|discontinuation|cease)\b/i,
        );
      }
    }
  });

  it('antithrombotic and immunosuppressant rules ask for clearance', () => {
    for (const id of ['anticoagulant', 'antiplatelet', 'immunosuppressant']) {
      const rule = clinicalKnowledge.rules.find((r) => r.ruleId === id)!;
      expect(rule.severity).toBe('clearance');
      expect(rule.action).toMatch(/clearance/i);
    }
  });

  it('vocabulary drug classes each have at least one concept and every drug cites only known sources', () => {
    for (const drug of clinicalKnowledge.drugs)
      for (const s of drug.sources ?? []) expect(clinicalKnowledge.sources[s]).toBeDefined();
    const classes = new Set(clinicalKnowledge.drugs.flatMap((d) => d.classes));
    expect(classes.size).toBe(10);
  });

  it('settings: defaults parse, each is documented with resolvable sources, and each rule setting exists', () => {
    expect(ScreeningSettings.parse({})).toEqual(defaultScreeningSettings);
    expect(defaultScreeningSettings).toMatchObject({
      isotretinoinWaitMonths: 6,
      hba1cThresholdPercent: 8,
      neurotoxinIntervalDays: 14,
    });
    for (const [key, doc] of Object.entries(settingDocs)) {
      expect(Object.keys(defaultScreeningSettings)).toContain(key);
      for (const s of doc.sources) expect(clinicalKnowledge.sources[s], `${key} -> ${s}`).toBeDefined();
    }
    for (const rule of clinicalKnowledge.rules) {
      for (const key of [...(rule.settings ?? []), ...(rule.severitySetting ? [rule.severitySetting] : [])]) {
        expect(Object.keys(defaultScreeningSettings), `${rule.ruleId} -> ${key}`).toContain(key);
      }
    }
    expect(() => ScreeningSettings.parse({ isotretinoinWaitMonths: -1 })).toThrow();
  });
});
