import { describe, expect, it } from 'vitest';
import { shortProviderName } from './providers';

describe('a provider on a slot button', () => {
  it.each([
    ['Dr Ana Ruiz', 'Ana R.'],
    ['Dr. Sam de Vries', 'Sam V.'],
    ['Prof Lee', 'Lee'],
    ['Nurse Kim Park', 'Kim P.'],
    ['Dr', 'Dr'],
    ['Jo', 'Jo'],
    ['', ''],
    [undefined, ''],
  ])('%s → %s', (name, short) => {
    expect(shortProviderName(name)).toBe(short);
  });
});
