import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  CreatePatientRequest,
  PatientList,
  PatientRecord,
  PatientSearchQuery,
} from '@needlepoint/core/contracts/patients';
import type { Database } from '../../db/database';
import { actorOf } from '../../platform/session';
import * as patients from './patients.service';

export function patientsRoutes(deps: { db: Database }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/patients',
      {
        schema: { tags: ['patients'], querystring: PatientSearchQuery, response: { 200: PatientList } },
        config: { access: 'patient:read' },
      },
      async (request) => ({
        patients: await patients.searchPatients(deps.db, actorOf(request), request.query),
      }),
    );
    app.get(
      '/api/patients/:id',
      {
        schema: { tags: ['patients'], params: IdParams, response: { 200: PatientRecord } },
        config: { access: 'patient:read' },
      },
      async (request) => patients.getPatientRecord(deps.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/patients',
      {
        schema: { tags: ['patients'], body: CreatePatientRequest, response: { 201: PatientRecord } },
        config: { access: 'patient:write' },
      },
      async (request, reply) =>
        reply.status(201).send(await patients.createPatient(deps.db, actorOf(request), request.body)),
    );
  };
}
