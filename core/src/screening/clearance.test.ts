import { describe, expect, it } from 'vitest';
import { findingOpen, screeningCleared } from './clearance';

describe('findingOpen', () => {
  it.each([
    ['precaution', null, false],
    ['review', null, true],
    ['review', 'accept-risk', false],
    ['clearance', 'request-clearance', true],
    ['clearance', 'clearance-received', false],
    ['defer', 'defer', true],
    ['defer', 'accept-risk', false],
    ['contraindicated', 'accept-risk', true],
    ['contraindicated', 'clearance-received', true],
  ] as const)('%s with decision %s -> open %s', (severity, decision, open) => {
    expect(findingOpen(severity, decision)).toBe(open);
  });

  it('clears a screening only when no finding is open', () => {
    expect(screeningCleared([])).toBe(true);
    expect(screeningCleared([{ severity: 'precaution', decision: null }])).toBe(true);
    expect(
      screeningCleared([
        { severity: 'precaution', decision: null },
        { severity: 'clearance', decision: 'request-clearance' },
      ]),
    ).toBe(false);
  });
});
