import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '@needlepoint/core/contracts/common';
import {
  AddendumRequest,
  AppointmentParams,
  PatientTreatmentRecords,
  SaveTreatmentRecordRequest,
  ScreeningOverrideRequest,
  SignTreatmentRecordRequest,
  StatusQuery,
  TreatmentRecordDto,
  TreatmentRecordStatusList,
} from '@needlepoint/core/contracts/treatment-records';
import type { Database } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { actorOf } from '../../platform/session';
import * as records from './treatment-records.service';

/** Charting in the room: open from a booked session, save with a version, override, sign, addenda, PDF. */
export function treatmentRecordsRoutes(deps: { db: Database; clock: Clock }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['treatment-records'];
    const read = { access: 'treatment:read' } as const;
    const chart = { access: 'treatment:chart' } as const;
    const sign = { access: 'treatment:sign' } as const;
    const one = { 200: TreatmentRecordDto };

    app.post(
      '/api/appointments/:appointmentId/treatment-record',
      { schema: { tags, params: AppointmentParams, response: one }, config: chart },
      async (request) => records.openRecord(deps, actorOf(request), request.params.appointmentId),
    );
    app.get(
      '/api/treatment-records/status',
      {
        schema: { tags, querystring: StatusQuery, response: { 200: TreatmentRecordStatusList } },
        config: { access: 'treatment:status' },
      },
      async (request) => ({
        statuses: await records.recordStatuses(deps, actorOf(request), request.query.from, request.query.to),
      }),
    );
    app.get(
      '/api/patients/:id/treatment-records',
      { schema: { tags, params: IdParams, response: { 200: PatientTreatmentRecords } }, config: read },
      async (request) => ({
        records: await records.patientRecords(deps, actorOf(request), request.params.id),
      }),
    );
    app.get(
      '/api/treatment-records/:id',
      { schema: { tags, params: IdParams, response: one }, config: read },
      async (request) => records.getRecord(deps, actorOf(request), request.params.id),
    );
    app.put(
      '/api/treatment-records/:id',
      { schema: { tags, params: IdParams, body: SaveTreatmentRecordRequest, response: one }, config: chart },
      async (request) => records.saveRecord(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/treatment-records/:id/screening',
      { schema: { tags, params: IdParams, response: one }, config: chart },
      async (request) => records.rescreen(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/treatment-records/:id/screening-override',
      { schema: { tags, params: IdParams, body: ScreeningOverrideRequest, response: one }, config: sign },
      async (request) =>
        records.overrideScreening(deps, actorOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/api/treatment-records/:id/sign',
      { schema: { tags, params: IdParams, body: SignTreatmentRecordRequest, response: one }, config: sign },
      async (request) =>
        records.signRecord(deps, actorOf(request), request.params.id, request.body.expectedVersion),
    );
    app.post(
      '/api/treatment-records/:id/addenda',
      {
        schema: { tags, params: IdParams, body: AddendumRequest, response: { 201: TreatmentRecordDto } },
        config: sign,
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await records.addAddendum(deps, actorOf(request), request.params.id, request.body.text)),
    );
    app.get(
      '/api/treatment-records/:id/pdf',
      { schema: { tags, params: IdParams }, config: read },
      async (request, reply) => {
        const { filename, pdf } = await records.recordPdf(deps, actorOf(request), request.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${filename}"`)
          .send(Buffer.from(pdf));
      },
    );
  };
}
