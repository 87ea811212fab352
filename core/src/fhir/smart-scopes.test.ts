import { describe, expect, it } from 'vitest';
import { formatScope, grantScopes, parseScopes, parseSystemScope, scopeAllows } from './smart-scopes';

describe('SMART system scopes', () => {
  it.each([
    ['system/Patient.rs', 'system/Patient.rs'],
    ['system/*.rs', 'system/*.rs'],
    ['system/Observation.r', 'system/Observation.r'],
    ['system/*.read', 'system/*.rs'],
    ['system/Patient.cruds', 'system/Patient.cruds'],
  ])('reads %s as %s', (text, formatted) => {
    expect(formatScope(parseSystemScope(text)!)).toBe(formatted);
  });

  it.each([
    'patient/Patient.rs',
    'user/*.read',
    'system/Patient.sr',
    'system/Patient.',
    'openid',
    'system/Patient.rs?category=x',
  ])('does not grant %s', (text) => expect(parseSystemScope(text)).toBeUndefined());

  it('allows by type and letter', () => {
    const scopes = parseScopes('system/Patient.r system/Condition.s');
    expect(scopeAllows(scopes, 'Patient', 'r')).toBe(true);
    expect(scopeAllows(scopes, 'Patient', 's')).toBe(false);
    expect(scopeAllows(scopes, 'Condition', 's')).toBe(true);
    expect(scopeAllows(parseScopes('system/*.rs'), 'Consent', 's')).toBe(true);
  });

  it.each([
    ['system/*.rs', 'system/Patient.rs', 'system/Patient.rs'],
    ['system/Patient.rs', 'system/*.rs', 'system/Patient.rs'],
    ['system/Patient.r', 'system/Patient.rs', 'system/Patient.r'],
    ['system/Patient.rs system/Condition.rs', 'system/Patient.rs', 'system/Patient.rs'],
    ['system/Observation.rs', 'system/Patient.rs', ''],
  ])('grants requested %s within registered %s: %s', (requested, registered, granted) => {
    expect(grantScopes(parseScopes(requested), parseScopes(registered)).map(formatScope).join(' ')).toBe(
      granted,
    );
  });
});
