import { describe, expect, it } from 'vitest';
import { dateRange, maxCount, parseSearch, searchQueryString } from './fhir-search';

describe('date search values', () => {
  it.each([
    ['2024', 'eq', '2024-01-01', '2025-01-01'],
    ['2024-02', 'eq', '2024-02-01', '2024-03-01'],
    ['ge2024-02-29', 'ge', '2024-02-29', '2024-03-01'],
    ['lt1997', 'lt', '1997-01-01', '1998-01-01'],
    ['gt2024-12-31T23:30:00Z', 'gt', '2024-12-31', '2025-01-01'],
  ])('%s covers [%s, %s)', (raw, prefix, startDate, endDate) => {
    expect(dateRange(raw)).toMatchObject({ prefix, startDate, endDate });
  });

  it.each(['yesterday', '2023-02-29', '2024-13', 'sa2024', '24-01-01'])('refuses %s', (raw) => {
    expect(dateRange(raw)).toBeUndefined();
  });
});

describe('search queries', () => {
  it('reads tokens, strings, references and dates; ANDs repeats, ORs commas', () => {
    const parsed = parseSearch('Patient', {
      identifier: 'urn:mrn|A1,B2',
      name: ['ann', 'zet'],
      birthdate: 'ge1980',
      _count: '10',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.count).toBe(10);
    expect(parsed.value.filters).toEqual([
      { param: 'identifier', type: 'token', values: [{ system: 'urn:mrn', code: 'A1' }, { code: 'B2' }] },
      { param: 'name', type: 'string', exact: false, values: ['ann'] },
      { param: 'name', type: 'string', exact: false, values: ['zet'] },
      expect.objectContaining({ param: 'birthdate', type: 'date' }),
    ]);
    const condition = parseSearch('Condition', {
      patient: 'Patient/abc',
      code: 'http://snomed.info/sct|123',
    });
    expect(condition.ok && condition.value.filters[0]).toEqual({
      param: 'patient',
      type: 'reference',
      ids: ['abc'],
    });
  });

  it('caps _count and ignores unknown parameters unless strict', () => {
    const lenient = parseSearch('Observation', { _count: '99999', colour: 'blue' });
    expect(lenient.ok && lenient.value).toMatchObject({ count: maxCount, ignored: ['colour'] });
    expect(parseSearch('Observation', { colour: 'blue' }, { strict: true }).ok).toBe(false);
  });

  it.each([
    ['Patient', { birthdate: 'soon' }],
    ['Patient', { _count: '-1' }],
    ['Patient', { 'name:contains': 'a' }],
    ['Condition', { patient: 'Group/1' }],
    ['Condition', { code: 'http://snomed.info/sct|' }],
    ['AllergyIntolerance', { date: '2020' }],
  ] as const)('refuses %s %j when strict or malformed', (type, query) => {
    expect(parseSearch(type, query, { strict: true }).ok).toBe(false);
  });

  it('repeats the query in links, with the cursor replaced and ignored parameters left out', () => {
    expect(searchQueryString({ name: 'a b', _cursor: 'old', colour: 'x' }, ['colour'], 'new')).toBe(
      'name=a%20b&_cursor=new',
    );
  });
});
