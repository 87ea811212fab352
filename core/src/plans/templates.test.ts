import { describe, expect, it } from 'vitest';
import { Source } from '../knowledge/knowledge.schema';
import { planSources } from './sources';
import { indications, PlanTemplate, type Indication, type OutcomeScale } from './template.schema';
import { findPlanTemplate, planTemplates } from './templates';

describe('plan templates', () => {
  it('has one valid template per indication', () => {
    expect(planTemplates.map((t) => t.indication).sort()).toEqual([...indications].sort());
    for (const template of planTemplates)
      expect(() => PlanTemplate.parse(template), template.id).not.toThrow();
  });

  it('cites only sources that exist, everywhere a template cites', () => {
    for (const source of Object.values(planSources))
      expect(() => Source.parse(source), source.id).not.toThrow();
    for (const t of planTemplates) {
      const cited = [
        ...t.sources,
        ...t.zones.flatMap((z) => z.sources),
        ...t.adjuncts.flatMap((a) => a.sources),
        ...(t.maintenance?.sources ?? []),
        ...(t.scales ?? []).flatMap((s) => s.sources),
        ...[t.summary, ...t.cautions, ...t.adjuncts.map((a) => a.caution + a.use)].flatMap(
          (text) => text.match(/S\d+b?/g) ?? [],
        ),
      ];
      for (const id of cited) expect(planSources[id], `${t.id} cites ${id}`).toBeDefined();
    }
  });

  // evidence.md 1.x (sessions, interval) and 8.9 (primary scale).
  it.each<[Indication, number, number, number, OutcomeScale, string[]]>([
    ['acne-scars', 4, 28, 30, 'goodman-baron', ['prp']],
    ['surgical-scars', 3, 28, 28, 'posas', ['prp']],
    ['burn-scars', 3, 28, 42, 'posas', []],
    ['striae', 4, 28, 30, 'gais', ['prp']],
    ['fine-lines', 4, 28, 30, 'gais', []],
    ['pores', 3, 28, 35, 'gais', []],
    ['dark-spots', 3, 28, 35, 'pahpi', []],
    ['melasma', 3, 14, 28, 'mmasi', ['tranexamic-acid']],
    ['rosacea', 3, 14, 14, 'cea', ['tranexamic-acid']],
    ['vitiligo', 6, 14, 14, 'vasi', ['5-fluorouracil']],
    ['androgenetic-alopecia', 12, 7, 7, 'hair-count', ['minoxidil']],
    ['alopecia-areata', 3, 21, 21, 'salt', ['triamcinolone']],
  ])(
    '%s: %i sessions, min %i / typical %i days, %s, adjuncts %j',
    (id, sessions, min, typical, scale, adj) => {
      const t = findPlanTemplate(id);
      expect(t).toBeDefined();
      expect([t?.sessions, t?.minIntervalDays, t?.typicalIntervalDays, t?.outcomeScales[0]]).toEqual([
        sessions,
        min,
        typical,
        scale,
      ]);
      expect(t?.adjuncts.map((a) => a.kind)).toEqual(adj);
    },
  );

  // evidence.md 8.9: which scales each indication scores; empty where no defined scale fits (PAHPI, IGA, CEA).
  it.each<[Indication, string[]]>([
    ['acne-scars', ['goodman-baron-qualitative', 'goodman-baron-quantitative', 'ecca', 'satisfaction']],
    ['surgical-scars', ['posas-observer', 'posas-patient', 'vss']],
    ['burn-scars', ['posas-observer', 'posas-patient', 'vss']],
    ['striae', ['gais-investigator', 'gais-subject']],
    ['fine-lines', ['gais-investigator', 'gais-subject']],
    ['pores', ['gais-investigator', 'gais-subject']],
    ['dark-spots', []],
    ['melasma', ['mmasi', 'masi']],
    ['rosacea', []],
    ['vitiligo', ['vasi', 'f-vasi']],
    ['androgenetic-alopecia', ['hair-count', 'satisfaction']],
    ['alopecia-areata', ['salt']],
  ])('%s scores %j', (id, scales) => {
    expect(findPlanTemplate(id)?.scales?.map((s) => s.scale)).toEqual(scales);
  });

  it('keeps thin zones at or below 0.5 mm and RF only where the sources use it', () => {
    for (const t of planTemplates) {
      for (const z of t.zones.filter((z) => ['periorbital', 'forehead', 'nose', 'perioral'].includes(z.zone)))
        expect(z.maxMm, `${t.id} ${z.zone}`).toBeLessThanOrEqual(0.5);
      if (t.modalities.includes('rf')) expect(['acne-scars', 'fine-lines', 'pores']).toContain(t.id);
    }
  });

  it('rejects a clinic copy with a broken protocol', () => {
    const base = findPlanTemplate('acne-scars');
    expect(PlanTemplate.safeParse({ ...base, minIntervalDays: 60 }).success).toBe(false);
    expect(PlanTemplate.safeParse({ ...base, sessions: 0 }).success).toBe(false);
    expect(
      PlanTemplate.safeParse({ ...base, zones: [{ zone: 'cheeks', minMm: 2, maxMm: 1, sources: [] }] })
        .success,
    ).toBe(false);
    expect(PlanTemplate.safeParse({ ...base, id: 'My Copy' }).success).toBe(false);
    expect(PlanTemplate.safeParse({ ...base, id: 'acne-scars-clinic-copy', sessions: 5 }).success).toBe(true);
  });
});
