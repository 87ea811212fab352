import { describe, expect, it } from 'vitest';
import { checkCatalogs, findUsedKeys, messageArguments } from './catalog-check';

describe('findUsedKeys', () => {
  it.each([
    ["t('portal.nav.home')", ['portal.nav.home']],
    ['t("checkIn.day", { day })', ['checkIn.day']],
    ["t.rich('consent.agree', { b: (c) => c })", ['consent.agree']],
    [
      "const { t } = translator('es', zone); t( 'appointment.booked.subject')",
      ['appointment.booked.subject'],
    ],
    // Not message keys: other calls, keys without a dot, keys built at run time.
    ["it('adds a.b')", []],
    ["set('a.b'); t('plain'); t(`urgency.${u}`)", []],
  ])('%s', (source, keys) => {
    expect(findUsedKeys(source)).toEqual(keys);
  });
});

describe('messageArguments', () => {
  it('collects plain, plural, date and tag arguments, nested', () => {
    expect(
      messageArguments(
        'Hi {name}, {n, plural, one {# day at {when, time, short}} other {# days}} <b>now</b>',
      ),
    ).toEqual({ names: ['b', 'n', 'name', 'when'] });
  });
  it('reports a message that does not parse', () => {
    expect(messageArguments('Hello {name')).toHaveProperty('error');
  });
});

describe('checkCatalogs', () => {
  const en = { 'a.one': 'One {x}', 'a.two': 'Two', 'a.three': 'Three' };

  it('accepts equal catalogs whose used keys all exist', () => {
    const es = { 'a.one': 'Uno {x}', 'a.two': 'Dos', 'a.three': 'Tres' };
    expect(checkCatalogs({ en, es }, [{ key: 'a.one', file: 'x.tsx' }])).toEqual([]);
  });

  it('lists keys missing in either language', () => {
    const es = { 'a.one': 'Uno {x}', 'a.four': 'Cuatro' };
    expect(checkCatalogs({ en, es }, [])).toEqual([
      { key: 'a.four', problem: 'missing in en' },
      { key: 'a.three', problem: 'missing in es' },
      { key: 'a.two', problem: 'missing in es' },
    ]);
  });

  it('lists keys used in code but in no catalog, once each', () => {
    const es = { 'a.one': 'Uno {x}', 'a.two': 'Dos', 'a.three': 'Tres' };
    const uses = [
      { key: 'a.five', file: 'web/src/a.tsx' },
      { key: 'a.five', file: 'web/src/b.tsx' },
      { key: 'a.two', file: 'web/src/b.tsx' },
    ];
    expect(checkCatalogs({ en, es }, uses)).toEqual([
      { key: 'a.five', problem: 'used in web/src/a.tsx but in no catalog' },
    ]);
  });

  it('lists messages whose languages take different arguments, and broken messages', () => {
    const es = { 'a.one': 'Uno {y}', 'a.two': 'Dos {', 'a.three': 'Tres' };
    const problems = checkCatalogs({ en, es }, []);
    expect(problems).toContainEqual({ key: 'a.one', problem: 'arguments differ: en {x} but es {y}' });
    expect(problems.find((p) => p.key === 'a.two')?.problem).toMatch(/^es is not a valid ICU message/);
    expect(problems).toHaveLength(2);
  });
});
