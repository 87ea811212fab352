import { describe, expect, it } from 'vitest';
import { errorOfAnswer } from './error-of-answer';

const body = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: 'Refused', requestId: 'req-1', ...extra },
});

describe('errorOfAnswer', () => {
  it('keeps a code from the closed list, with its fields and details', () => {
    const error = errorOfAnswer(
      422,
      body('BOOKING_TOO_SOON', { fields: [{ path: 'body.start', message: 'Too soon' }], details: { a: 1 } }),
      null,
    );
    expect(error).toMatchObject({
      code: 'BOOKING_TOO_SOON',
      status: 422,
      message: 'Refused',
      requestId: 'req-1',
    });
    expect(error.fieldError('start')).toBe('Too soon');
    expect(error.details).toEqual({ a: 1 });
  });

  it.each([
    ['a code this page does not know', 'BOOKING_NOT_CANCELLABLE'],
    ['a name inherited from Object', 'constructor'],
  ])('reads %s as UNKNOWN and keeps the message', (_name, code) => {
    const error = errorOfAnswer(409, body(code), null);
    expect(error).toMatchObject({ code: 'UNKNOWN', status: 409, message: 'Refused' });
  });

  it.each([
    [502, 'not json', 'INTERNAL'],
    [404, { error: 'no' }, 'UNKNOWN'],
    [400, undefined, 'UNKNOWN'],
    [200, undefined, 'UNEXPECTED_RESPONSE'],
  ])('without the error body, a %i reads as its fallback', (status, json, code) => {
    const error = errorOfAnswer(status, json, 'req-2');
    expect(error).toMatchObject({ code, status, requestId: 'req-2' });
  });
});
