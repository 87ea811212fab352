import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PatientRecord } from '@needlepoint/core/contracts/patients';
import { DomainError } from '@needlepoint/core/errors';
import type { Database } from '../../db/database';
import { actorOf, requireUser } from '../../platform/session';
import { getPatientRecord } from '../patients/patients.service';

/** The patient portal: a patient reaches only the record linked to their own account. */
export function portalRoutes(deps: { db: Database }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/portal/me',
      { schema: { tags: ['portal'], response: { 200: PatientRecord } }, config: { access: 'portal:self' } },
      async (request) => {
        const patientId = requireUser(request).patientId;
        if (!patientId)
          throw new DomainError('AUTH_FORBIDDEN', 'This account is not linked to a patient record');
        return getPatientRecord(deps.db, actorOf(request), patientId);
      },
    );
  };
}
