import { describe, expect, it } from 'vitest';
import { renderContent, type RenderContext } from './templates';

const base = (locale: 'en' | 'es', params: Record<string, unknown>): RenderContext => ({
  locale,
  clinic: { name: 'Harbour Skin', address: '', phone: '', timeZone: 'America/New_York' },
  baseUrl: 'https://clinic.test',
  params: { givenName: 'Sofía', ...params },
  secret: {},
});

describe('preparation and aftercare messages link to the library (ADR 044)', () => {
  it.each([
    [
      'es',
      -28,
      'priming',
      'Cómo prepararse, en palabras sencillas: https://clinic.test/portal/learn/preparation',
    ],
    ['es', 1, 'sunscreen', 'Los cuidados posteriores, día a día: https://clinic.test/portal/learn/aftercare'],
    ['en', 1, 'sunscreen', 'Aftercare day by day: https://clinic.test/portal/learn/aftercare'],
  ] as const)('%s timeline step on day %i (%s)', (locale, day, step, line) => {
    const content = renderContent(
      'timeline-step',
      base(locale, { step, day, sessionStartsAt: '2026-12-01T15:00:00Z' }),
    );
    expect(content.paragraphs).toContain(line);
  });

  it('the session reminder and the check-in prompt point to preparation, and to what is normal', () => {
    const reminder = renderContent(
      'session-reminder',
      base('es', { startsAt: '2026-12-01T15:00:00Z', service: 'Microneedling' }),
    );
    expect(reminder.paragraphs.join('\n')).toContain('https://clinic.test/portal/learn/preparation');
    const prompt = renderContent('check-in-prompt', base('en', { day: 3 }));
    expect(prompt.paragraphs).toContain(
      'What is normal and when to call: https://clinic.test/portal/learn/risks-and-when-to-call',
    );
  });
});
