import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redaction';

describe('redactUrl', () => {
  it.each([
    ['/calendar/abcDEF123_-xyz.ics', '/calendar/[redacted]'],
    ['/api/portal/invitations/tok3n-value-long-enough', '/api/portal/invitations/[redacted]'],
    ['/api/portal/invitations/tok3n-value-long-enough/accept', '/api/portal/invitations/[redacted]/accept'],
    ['/api/staff-invitations/tok3n-value-long-enough/accept', '/api/staff-invitations/[redacted]/accept'],
    ['/api/auth/password-reset/tok3n-value-long-enough', '/api/auth/password-reset/[redacted]'],
    ['/api/auth/password-reset', '/api/auth/password-reset'],
    ['/join?token=tok3n-value', '/join?token=[redacted]'],
    ['/portal/welcome?token=secret-value&x=1', '/portal/welcome?token=[redacted]&x=1'],
    ['/api/patients?q=smith', '/api/patients?q=smith'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
