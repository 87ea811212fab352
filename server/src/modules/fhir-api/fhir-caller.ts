import { can } from '@needlepoint/core/auth/permissions';
import type { Role } from '@needlepoint/core/auth/roles';
import { DomainError } from '@needlepoint/core/errors';
import { isServedType, staffReadPermission } from '@needlepoint/core/fhir/fhir-search';
import { scopeAllows, type ScopeLetter, type SystemScope } from '@needlepoint/core/fhir/smart-scopes';
import type { Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';

/** Who calls the FHIR API: a registered system (SMART Backend Services token) or a signed-in staff member. */
export type FhirCaller =
  | {
      kind: 'client';
      clientId: string;
      clinicId: string;
      scopes: SystemScope[];
      ip: string | null;
      requestId: string;
      clock: Clock;
    }
  | { kind: 'staff'; actor: Actor };

export const clinicOf = (caller: FhirCaller) =>
  caller.kind === 'client' ? caller.clinicId : caller.actor.clinicId;

/** The audit actor: staff as themselves; a system as no user, its client id in the event's details. */
export function auditActorOf(caller: FhirCaller) {
  if (caller.kind === 'staff') return caller.actor;
  return {
    userId: null,
    clinicId: caller.clinicId,
    role: null,
    ip: caller.ip,
    requestId: caller.requestId,
    clock: caller.clock,
  } as const;
}

export const auditDetailsOf = (caller: FhirCaller) =>
  caller.kind === 'client' ? { fhirClient: caller.clientId } : {};

/** Staff need the type's permission (the route checked patient:read); a system needs the SMART scope. */
export function canAccess(caller: FhirCaller, type: string, letter: ScopeLetter): boolean {
  if (caller.kind === 'client') return scopeAllows(caller.scopes, type, letter);
  return isServedType(type) && can(caller.actor.role as Role, staffReadPermission[type]);
}

export function requireScope(caller: FhirCaller, type: string, letter: ScopeLetter): void {
  if (canAccess(caller, type, letter)) return;
  if (caller.kind === 'staff')
    throw new DomainError('AUTH_FORBIDDEN', `Your role cannot read ${type} resources`);
  const what = letter === 's' ? 'search' : 'read';
  throw new DomainError(
    'AUTH_FORBIDDEN',
    `This client has no scope to ${what} ${type} (system/${type}.${letter})`,
  );
}
