import { describe, expect, it } from 'vitest';
import { per100, ratesPer100, toCsv, toMedWatch3500 } from './adverse-events';

describe('ratesPer100', () => {
  it('counts events per 100 sessions per group, highest first, groups without events at 0', () => {
    const rates = ratesPer100({
      sessions: new Map([
        ['IV', 40],
        ['II', 60],
        ['VI', 0],
      ]),
      events: new Map([
        ['IV', 3],
        ['II', 1],
        ['VI', 1],
      ]),
    });
    expect(rates).toEqual([
      { key: 'IV', events: 3, sessions: 40, per100: 7.5 },
      { key: 'II', events: 1, sessions: 60, per100: 1.7 },
      { key: 'VI', events: 1, sessions: 0, per100: 0 },
    ]);
  });
  it.each([
    [0, 0, 0],
    [1, 3, 33.3],
    [2, 200, 1],
  ])('%s events in %s sessions -> %s', (e, s, r) => expect(per100(e, s)).toBe(r));
});

describe('toMedWatch3500', () => {
  const input = {
    event: {
      id: 'e-1',
      type: 'pih' as const,
      description: 'Dark patches on both cheeks',
      onsetOn: '2026-12-20',
      seriousness: ['required-intervention' as const],
      actions: 'Hydroquinone prescribed',
      outcome: 'recovering',
      followUps: [{ at: '2027-01-05T10:00:00Z', note: 'Fading' }],
      createdAt: '2026-12-21T09:00:00Z',
    },
    patient: { id: 'abcdef12-0000', birthDate: '1990-12-21', sex: 'female', fitzpatrick: 5 },
    treatment: {
      performedAt: '2026-12-02T10:00:00Z',
      depthsMm: 'cheeks 1.5',
      numbing: 'EMLA 10 g',
      topicals: '',
    },
    device: { name: 'Pen A', model: 'X1', serialNumber: 'SN-1', handpieceSerial: 'HP-9' },
    lots: [{ productName: 'Cartridge 36', gtin: '04006381333931', lot: 'L-77', expiry: '2027-06-30' }],
    reporter: { name: 'Dr P', clinicName: 'Clinic', email: 'p@clinic.test' },
  };
  it('fills the form items from the event, patient, device and lots', () => {
    const form = toMedWatch3500(input);
    expect(form).toMatchObject({
      'A.1 Patient identifier': 'abcdef12',
      'A.2 Age': '35',
      'B.2 Serious': 'yes',
      'B.3 Date of event': '2026-12-20',
      'B.5 Describe event or problem': 'Post-inflammatory hyperpigmentation: Dark patches on both cheeks',
      'B.7 Other relevant history': 'Fitzpatrick skin type V',
      'D.4 Serial #': 'SN-1; handpiece HP-9',
      'D.4 Lot #': 'L-77',
      'D.4 Unique identifier (UDI) #': '(01)04006381333931(17)270630(10)L-77',
    });
    expect(form['F.1 Other actions and outcome']).toContain('2027-01-05: Fading');
  });
  it('a non-serious event leaves B.2 outcomes empty', () => {
    expect(toMedWatch3500({ ...input, event: { ...input.event, seriousness: [] } })['B.2 Serious']).toBe(
      'no',
    );
  });
});

describe('toCsv', () => {
  it('quotes commas, quotes and newlines and defuses formulas', () => {
    expect(
      toCsv([
        { a: 'x,y', b: 'say "hi"' },
        { a: '=1+1', b: 'l1\nl2' },
      ]),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,"l1\nl2"\r\n');
  });
});
