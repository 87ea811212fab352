import { describe, expect, it } from 'vitest';
import { CheckIn } from './check-in';
import { normalDay2CheckIn } from './check-in-examples';
import { aftercareSources } from './sources';
import { triageCheckIn } from './triage';
import { triageRules } from './triage-rules';
import { TriageRule, type Urgency } from './triage.schema';

const normalDay2: CheckIn = normalDay2CheckIn;

const triage = (change: Partial<CheckIn>) => triageCheckIn(CheckIn.parse({ ...normalDay2, ...change }));

/** One red flag (or one change) on an otherwise normal check-in: the rule alone reaches its level. */
const cases: [ruleId: string, urgency: Urgency, change: Partial<CheckIn>][] = [
  ['breathing-difficulty', 'emergency', { breathingDifficulty: true }],
  ['hives-with-swelling', 'emergency', { hives: true, swelling: 'moderate' }],
  ['anesthetic-toxicity', 'emergency', { daysSinceTreatment: 0, numbnessAroundMouth: true }],
  ['anesthetic-toxicity', 'emergency', { daysSinceTreatment: 0, metallicTaste: true }],
  ['anesthetic-toxicity', 'emergency', { daysSinceTreatment: 0, ringingEars: true }],
  ['confusion-or-twitching', 'emergency', { confusionOrTwitching: true }],
  ['vision-change', 'emergency', { visionChange: true }],
  ['eye-swelling-with-infection-signs', 'emergency', { swellingNearEye: true, temperatureC: 38.2 }],
  ['hives', 'same-day', { hives: true }],
  ['anesthetic-symptoms-late', 'same-day', { daysSinceTreatment: 1, metallicTaste: true }],
  ['swelling-near-eye', 'same-day', { swellingNearEye: true }],
  ['fever', 'same-day', { temperatureC: 38 }],
  ['spreading-redness', 'same-day', { rednessSpreading: true }],
  ['pus-or-crusts', 'same-day', { pus: true }],
  ['pus-or-crusts', 'same-day', { honeyCrusts: true }],
  ['blisters', 'same-day', { blisters: true }],
  ['pain-increasing', 'same-day', { painNow: 5, painDay1: 4 }],
  ['pain-severe', 'same-day', { painNow: 7, painDay1: 8 }],
  ['bleeding-not-stopping', 'same-day', { bleedingNotStopping: true }],
  ['swelling-severe', 'same-day', { swelling: 'severe' }],
  ['redness-worsening', 'same-day', { daysSinceTreatment: 3, rednessTrend: 'worse' }],
  ['redness-persisting', 'soon', { daysSinceTreatment: 5, rednessTrend: 'same' }],
  ['swelling-persisting', 'soon', { daysSinceTreatment: 4, swelling: 'moderate' }],
  ['new-bumps-late', 'soon', { daysSinceTreatment: 21, newBumps: true }],
  ['dark-patches', 'soon', { daysSinceTreatment: 14, darkPatches: true }],
  ['track-marks', 'soon', { trackMarks: true }],
  ['itch-or-rash', 'soon', { itchOrRash: true }],
  ['redness-worse-early', 'routine', { daysSinceTreatment: 1, rednessTrend: 'worse' }],
  ['new-bumps-early', 'routine', { daysSinceTreatment: 1, newBumps: true }],
  ['patient-note', 'routine', { notes: 'Slept badly' }],
  ['answers-missing', 'routine', { pus: null }],
  ['expected-redness', 'expected', {}],
  ['expected-swelling', 'expected', {}],
  ['expected-flaking', 'expected', {}],
  ['expected-pain', 'expected', {}],
];

describe('triage rules, one at a time', () => {
  it('a normal day-2 check-in is expected healing, with reassurance and care tips', () => {
    const result = triage({});
    expect(result.urgency).toBe('expected');
    expect(result.unanswered).toEqual([]);
    expect(result.reasons.map((r) => r.ruleId).sort()).toEqual([
      'expected-flaking',
      'expected-pain',
      'expected-redness',
      'expected-swelling',
    ]);
    expect(result.advice.headline).toMatch(/normal healing/);
    expect(result.advice.steps).toContain('Use sunscreen SPF 30 or more every day.');
  });

  it.each(cases)('%s alone reaches %s', (ruleId, urgency, change) => {
    const result = triage(change);
    expect(result.urgency).toBe(urgency);
    const reason = result.reasons.find((r) => r.ruleId === ruleId);
    expect(reason, JSON.stringify(result.reasons.map((r) => r.ruleId))).toBeDefined();
    expect(reason!.urgency).toBe(urgency);
    // It cites exactly the sources its rule names.
    const rule = triageRules.find((r) => r.ruleId === ruleId)!;
    expect(reason!.sources.map((s) => s.id)).toEqual(rule.sources);
    // The reason with the result's urgency comes first.
    expect(result.reasons[0]!.urgency).toBe(urgency);
  });

  it('has a case for every rule', () => {
    const tested = new Set(cases.map(([id]) => id));
    expect(triageRules.map((r) => r.ruleId).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('every rule is valid data and cites sources the file lists', () => {
    const ids = new Set<string>();
    for (const rule of triageRules) {
      const parsed = TriageRule.parse(rule);
      expect(ids.has(parsed.ruleId), parsed.ruleId).toBe(false);
      ids.add(parsed.ruleId);
      for (const id of parsed.sources) expect(aftercareSources[id], `${parsed.ruleId} ${id}`).toBeDefined();
    }
  });
});

describe('day-dependent rules', () => {
  it.each([
    ['redness worse on day 2 is reviewed, on day 3 a same-day call', 2, { rednessTrend: 'worse' }, 'routine'],
    ['redness worse on day 3', 3, { rednessTrend: 'worse' }, 'same-day'],
    ['redness the same on day 4 is still normal', 4, { rednessTrend: 'same', swelling: 'none' }, 'expected'],
    ['redness the same on day 5 needs a check', 5, { rednessTrend: 'same', swelling: 'none' }, 'soon'],
    ['redness fading on day 9 is fine', 9, { rednessTrend: 'better', swelling: 'none' }, 'expected'],
    ['moderate swelling on day 3 is normal', 3, { swelling: 'moderate' }, 'expected'],
    ['numbness on the day of the session is an emergency', 0, { numbnessAroundMouth: true }, 'emergency'],
    ['numbness on day 2 is a same-day call', 2, { numbnessAroundMouth: true }, 'same-day'],
    ['new bumps on day 2 are reviewed', 2, { newBumps: true }, 'routine'],
    ['new bumps on day 3 (granuloma window) need a visit', 3, { newBumps: true }, 'soon'],
    [
      'pain higher than day 1 on day 1 itself is not "increasing"',
      1,
      { painNow: 5, painDay1: 4 },
      'expected',
    ],
    ['fever just under 38 °C', 2, { temperatureC: 37.9 }, 'expected'],
  ] as const)('%s', (_name, day, change, urgency) => {
    expect(triage({ daysSinceTreatment: day, ...change }).urgency).toBe(urgency);
  });

  it('swelling near the eye with spreading redness is an emergency', () => {
    const result = triage({ swellingNearEye: true, rednessSpreading: true });
    expect(result.urgency).toBe('emergency');
    expect(result.reasons.map((r) => r.ruleId)).toEqual([
      'eye-swelling-with-infection-signs',
      'swelling-near-eye',
      'spreading-redness',
    ]);
  });
});

describe('missing and "not sure" answers', () => {
  it('an unanswered red flag is never read as "no"', () => {
    const { breathingDifficulty: _, ...rest } = normalDay2;
    const result = triageCheckIn(CheckIn.parse(rest));
    expect(result.urgency).toBe('routine');
    expect(result.unanswered).toEqual(['breathingDifficulty']);
    expect(result.reasons.map((r) => r.code)).toEqual(['ANSWERS_MISSING']);
    expect(result.reasons[0]!.sources).toEqual([]);
    expect(result.advice.steps[0]).toMatch(/Not answered: Difficulty breathing\./);
  });

  it('"not sure" counts as unanswered', () => {
    const result = triage({ blisters: null, swelling: null });
    expect(result.urgency).toBe('routine');
    expect(result.unanswered.sort()).toEqual(['blisters', 'swelling']);
  });

  it('a temperature not measured is reported, with advice to measure it, but does not hold the check-in', () => {
    const result = triage({ temperatureC: null });
    expect(result.urgency).toBe('expected');
    expect(result.unanswered).toEqual(['temperatureC']);
    expect(result.advice.steps.join(' ')).toMatch(/measure your temperature/);
  });

  it('pain on day 1 is needed from day 2, unless there is no pain now', () => {
    expect(triage({ painDay1: undefined }).unanswered).toEqual(['painDay1']);
    expect(triage({ painDay1: undefined }).urgency).toBe('routine');
    expect(triage({ painDay1: undefined, painNow: 0 }).urgency).toBe('expected');
    expect(triage({ daysSinceTreatment: 1, painDay1: undefined }).urgency).toBe('expected');
  });

  it('a known red flag still wins over missing answers', () => {
    const result = triage({ pus: true, blisters: null });
    expect(result.urgency).toBe('same-day');
    expect(result.reasons.map((r) => r.code)).toEqual(['PUS_OR_CRUSTS', 'ANSWERS_MISSING']);
  });

  it('the redness trend on the day of the session does not matter', () => {
    expect(triage({ daysSinceTreatment: 0, rednessTrend: undefined }).urgency).toBe('expected');
  });

  it('an empty check-in is held for review, listing what is missing', () => {
    const result = triageCheckIn(CheckIn.parse({ daysSinceTreatment: 3 }));
    expect(result.urgency).toBe('routine');
    expect(result.unanswered).toEqual(
      expect.arrayContaining(['breathingDifficulty', 'pus', 'rednessTrend', 'swelling', 'painNow']),
    );
  });
});

describe('advice', () => {
  it('tells the patient to call emergency services first, without care tips', () => {
    const result = triage({ breathingDifficulty: true });
    expect(result.advice.headline).toMatch(/emergency number now/);
    expect(result.advice.steps.join(' ')).not.toMatch(/sunscreen/);
  });

  it('repeats the emergency signs under every other result', () => {
    for (const change of [{}, { pus: true }, { trackMarks: true }]) {
      expect(triage(change).advice.steps.at(-1)).toMatch(/trouble breathing/);
    }
  });

  it('never tells the patient to stop a prescribed medicine', () => {
    const all = cases.flatMap(([, , change]) => triage(change).advice.steps);
    for (const step of all) expect(step).not.toMatch(/stop (taking|your) .*(medicine|medication)/i);
    expect(triage({ bleedingNotStopping: true }).advice.steps.join(' ')).toMatch(
      /Do not stop any prescribed medicine/,
    );
  });
});

describe('the check-in contract', () => {
  it.each([
    ['an unknown field', { ...normalDay2, fever: true }],
    ['pain above 10', { ...normalDay2, painNow: 11 }],
    ['a fractional pain score', { ...normalDay2, painNow: 2.5 }],
    ['a wrong redness trend', { ...normalDay2, rednessTrend: 'awful' }],
    ['a temperature in Fahrenheit', { ...normalDay2, temperatureC: 101 }],
    ['a negative day', { ...normalDay2, daysSinceTreatment: -1 }],
    ['no day', { pus: false }],
    ['a string for a yes/no', { ...normalDay2, pus: 'no' }],
  ])('rejects %s', (_name, input) => {
    expect(CheckIn.safeParse(input).success).toBe(false);
  });
});
