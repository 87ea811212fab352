import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  CreatePatientRequest,
  EntryInput,
  EntryParams,
  MergePatientsRequest,
  PatientHistory,
  PatientList,
  PatientRecord,
  PatientSearchQuery,
  UpdatePatientRequest,
} from '@needlepoint/core/contracts/patients';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/session';
import * as record from './patient-record.service';
import * as patients from './patients.service';

export function patientsRoutes(deps: { db: Database; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { access: 'patient:read' } as const;
    const write = { access: 'patient:write' } as const;
    const tags = ['patients'];
    app.get(
      '/api/patients',
      { schema: { tags, querystring: PatientSearchQuery, response: { 200: PatientList } }, config: read },
      async (request) => ({
        patients: await patients.searchPatients(deps.db, actorOf(request), request.query),
      }),
    );
    app.get(
      '/api/patients/:id',
      { schema: { tags, params: IdParams, response: { 200: PatientRecord } }, config: read },
      async (request) => patients.getPatientRecord(deps.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/patients/:id/history',
      { schema: { tags, params: IdParams, response: { 200: PatientHistory } }, config: read },
      async (request) => record.getPatientHistory(deps.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/patients',
      { schema: { tags, body: CreatePatientRequest, response: { 201: PatientRecord } }, config: write },
      async (request, reply) =>
        reply.status(201).send(await patients.createPatient(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/api/patients/:id',
      {
        schema: { tags, params: IdParams, body: UpdatePatientRequest, response: { 200: PatientRecord } },
        config: write,
      },
      async (request) => record.updatePatient(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/patients/:id/entries',
      {
        schema: { tags, params: IdParams, body: EntryInput, response: { 201: PatientRecord } },
        config: write,
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await record.addEntry(deps.db, actorOf(request), request.params.id, request.body)),
    );
    app.put(
      '/api/patients/:id/entries/:entryId',
      {
        schema: { tags, params: EntryParams, body: EntryInput, response: { 200: PatientRecord } },
        config: write,
      },
      async (request) =>
        record.changeEntry(
          deps.db,
          actorOf(request),
          request.params.id,
          request.params.entryId,
          request.body,
        ),
    );
    app.post(
      '/api/patients/:id/archive',
      { schema: { tags, params: IdParams, response: { 200: PatientRecord } }, config: write },
      async (request) => record.setArchived(deps.db, actorOf(request), request.params.id, true),
    );
    app.post(
      '/api/patients/:id/restore',
      { schema: { tags, params: IdParams, response: { 200: PatientRecord } }, config: write },
      async (request) => record.setArchived(deps.db, actorOf(request), request.params.id, false),
    );
    app.post(
      '/api/patients/:id/merge',
      {
        schema: { tags, params: IdParams, body: MergePatientsRequest, response: { 200: PatientRecord } },
        config: write,
      },
      async (request) => record.mergePatients(deps.db, actorOf(request), request.params.id, request.body),
    );
  };
}
