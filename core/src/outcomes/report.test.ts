import { describe, expect, it } from 'vitest';
import {
  baselineAndLatest,
  improvementPercent,
  outcomeReportCsv,
  summarizeOutcomes,
  type PlanScaleScores,
} from './report';

const plan = (over: Partial<PlanScaleScores>): PlanScaleScores => ({
  planId: 'p',
  scaleId: 'mmasi',
  indication: 'melasma',
  fitzpatrick: 4,
  adjuncts: [],
  provider: 'Dr Ada',
  scores: [],
  ...over,
});
const at = (day: number) => `2026-0${day < 10 ? 1 : 2}-${String((day % 9) + 10)}T10:00:00Z`;

describe('improvement from baseline', () => {
  it.each([
    ['mmasi', 10, 5, 50],
    ['mmasi', 10, 12, -20],
    ['mmasi', 0, 0, null],
    ['hair-count', 100, 150, 50],
    ['salt', 80, 20, 75],
    ['gais-investigator', 3, 1, null],
    ['satisfaction', 5, 9, null],
    ['vss', null, 4, null],
  ] as const)('%s %s -> %s = %s%%', (scale, baseline, latest, percent) => {
    expect(improvementPercent(scale, baseline, latest)).toBe(percent);
  });

  it('takes the first baseline and the latest later score, whatever the order given', () => {
    expect(
      baselineAndLatest([
        { timepoint: 'follow-up', scoredAt: '2026-06-01T00:00:00Z', total: 2 },
        { timepoint: 'baseline', scoredAt: '2026-01-01T00:00:00Z', total: 9 },
        { timepoint: 'session', scoredAt: '2026-03-01T00:00:00Z', total: 6 },
      ]),
    ).toEqual({ baseline: 9, latest: 2 });
    expect(baselineAndLatest([{ timepoint: 'baseline', scoredAt: at(1), total: 9 }])).toEqual({
      baseline: 9,
      latest: null,
    });
  });
});

describe('clinic report', () => {
  const baselineThen = (b: number, l: number) => [
    { timepoint: 'baseline' as const, scoredAt: '2026-01-05T10:00:00Z', total: b },
    { timepoint: 'follow-up' as const, scoredAt: '2026-05-05T10:00:00Z', total: l },
  ];
  const rows = summarizeOutcomes([
    plan({ planId: 'a', adjuncts: ['prp'], scores: baselineThen(10, 4) }),
    plan({ planId: 'b', fitzpatrick: null, provider: null, scores: baselineThen(8, 8) }),
    plan({ planId: 'c', scores: [{ timepoint: 'baseline', scoredAt: at(1), total: 6 }] }),
    plan({
      planId: 'd',
      scaleId: 'gais-subject',
      scores: [{ timepoint: 'follow-up', scoredAt: at(2), total: 2 }],
    }),
    plan({
      planId: 'e',
      scaleId: 'gais-subject',
      scores: [{ timepoint: 'follow-up', scoredAt: at(2), total: 4 }],
    }),
    plan({ planId: 'f', scaleId: 'salt', scores: [] }),
  ]);
  const row = (dimension: string, group: string, scaleId = 'mmasi') =>
    rows.find((r) => r.dimension === dimension && r.group === group && r.scaleId === scaleId);

  it('compares baseline with the latest score per group; plans without a follow-up are counted, not assessed', () => {
    expect(row('indication', 'melasma')).toEqual({
      dimension: 'indication',
      group: 'melasma',
      scaleId: 'mmasi',
      plans: 3,
      assessed: 2,
      meanBaseline: 9,
      meanLatest: 6,
      meanImprovementPercent: 30,
      improved: 1,
    });
  });

  it('splits by PRP, Fitzpatrick type and provider, and names missing facts', () => {
    expect(row('adjunct', 'With PRP')).toMatchObject({ plans: 1, meanImprovementPercent: 60, improved: 1 });
    expect(row('adjunct', 'Without PRP')).toMatchObject({ plans: 2, assessed: 1, meanImprovementPercent: 0 });
    expect(row('fitzpatrick', 'Fitzpatrick not recorded')).toMatchObject({ plans: 1, improved: 0 });
    expect(row('fitzpatrick', 'Type IV')).toMatchObject({ plans: 2, assessed: 1 });
    expect(row('provider', 'Provider not recorded')).toMatchObject({ plans: 1 });
    expect(rows.some((r) => r.scaleId === 'salt')).toBe(false);
  });

  it('counts GAIS 1–3 as improved', () => {
    expect(row('indication', 'melasma', 'gais-subject')).toMatchObject({
      plans: 2,
      meanLatest: 3,
      improved: 1,
      meanBaseline: null,
    });
  });

  it('exports CSV with a header, quoted cells and no formulas', () => {
    const csv = outcomeReportCsv([{ ...row('provider', 'Dr Ada')!, group: '=HYPERLINK("x"), Dr' }]);
    const [header, line] = csv.split('\r\n');
    expect(header).toBe(
      'dimension,group,scaleId,scale,plans,assessed,meanBaseline,meanLatest,meanImprovementPercent,improved',
    );
    expect(line).toBe('provider,"\'=HYPERLINK(""x""), Dr",mmasi,mMASI,2,1,10,4,60,1');
  });
});
