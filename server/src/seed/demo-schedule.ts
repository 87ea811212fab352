import { randomUUID } from 'node:crypto';
import { answerKeys } from '@needlepoint/core/knowledge/knowledge.schema';
import { createPlanFromTemplate, transitionPlan } from '@needlepoint/core/plans/plan';
import { findPlanTemplate } from '@needlepoint/core/plans/templates';
import { defaultServiceTypes } from '@needlepoint/core/scheduling/service-types';
import { addDays, localDate, weekdayOf, zonedToUtc } from '@needlepoint/core/scheduling/time-zone';
import type { Queryable } from '../db/database';
import * as repo from './demo.repo';

const timeZone = 'Europe/London';
const MINUTE = 60_000;
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const hours = [
  ...weekdays.flatMap((weekday) => [
    { weekday, start: '09:00', end: '13:00' },
    { weekday, start: '14:00', end: '18:00' },
  ]),
  { weekday: 'saturday', start: '10:00', end: '14:00' },
];
const noToAll = Object.fromEntries(answerKeys.map((k) => [k, { value: 'no' }]));

/** The demo clinic's schedule: hours, rooms, devices, two plans and a week of appointments in London time. */
export async function seedSchedule(
  client: Queryable,
  demo: { clinicId: string; now: Date; patientIds: string[]; userIds: Map<string, string> },
): Promise<void> {
  const { clinicId, now, patientIds } = demo;
  const providers = [
    demo.userIds.get('provider@demo.needlepoint.test')!,
    demo.userIds.get('provider2@demo.needlepoint.test')!,
  ];
  for (const providerId of providers) await repo.insertWorkingHours(client, clinicId, providerId, hours);
  const rooms: string[] = [];
  for (const name of ['Treatment room 1', 'Treatment room 2'])
    rooms.push(await repo.insertRoom(client, clinicId, name));
  const devices: string[] = [];
  for (const [name, serial, room] of [
    ['Pen device A', 'PEN-0001', rooms[0]],
    ['Pen device B', 'PEN-0002', rooms[1]],
    ['RF microneedling unit', 'RF-0001', null],
  ] as const) {
    devices.push(
      await repo.insertDevice(client, { clinicId, name, serialNumber: serial, roomId: room ?? null }),
    );
  }

  // Amelia (the demo portal patient): answered everything, active acne-scars plan, first session done 35 days ago.
  const amelia = patientIds[0]!;
  await repo.setAnswers(client, clinicId, amelia, noToAll, {
    conditions: localDate(now.getTime(), timeZone),
    medications: localDate(now.getTime(), timeZone),
    allergies: localDate(now.getTime(), timeZone),
  });
  const at = now.toISOString();
  const acne = transitionPlan(
    createPlanFromTemplate(findPlanTemplate('acne-scars')!, { id: randomUUID(), patientId: amelia, at }),
    'active',
    'First session booked',
    at,
  );
  const graceDraft = createPlanFromTemplate(findPlanTemplate('acne-scars')!, {
    id: randomUUID(),
    patientId: patientIds[6]!,
    at,
  });
  for (const plan of [acne, graceDraft]) {
    await repo.insertPlan(client, {
      id: plan.id,
      clinicId,
      patientId: plan.patientId,
      status: plan.status,
      plan,
      createdBy: providers[0]!,
    });
  }

  const service = (id: string) => defaultServiceTypes.find((s) => s.id === id)!;
  const insert = async (a: {
    patientId: string;
    providerId: string;
    serviceId: string;
    date: string;
    time: string;
    room?: number;
    device?: number;
    status?: string;
    planId?: string;
    session?: number;
  }) => {
    const svc = service(a.serviceId);
    const start = zonedToUtc(a.date, a.time, timeZone);
    const procedure = start + svc.numbingMinutes * MINUTE;
    const end = procedure + svc.procedureMinutes * MINUTE;
    await repo.insertAppointment(client, {
      clinicId,
      patientId: a.patientId,
      providerId: a.providerId,
      roomId: a.room === undefined ? null : rooms[a.room]!,
      deviceId: a.device === undefined ? null : devices[a.device]!,
      service: svc.id,
      startsAt: new Date(start),
      procedureStartsAt: new Date(procedure),
      endsAt: new Date(end),
      roomFreeAt: new Date(end + (a.room === undefined ? 0 : svc.turnoverMinutes) * MINUTE),
      status: a.status ?? 'booked',
      planId: a.planId ?? null,
      sessionNumber: a.session ?? null,
    });
  };
  const today = localDate(now.getTime(), timeZone);
  await insert({
    patientId: amelia,
    providerId: providers[0]!,
    serviceId: 'microneedling',
    date: addDays(today, -35),
    time: '10:00',
    room: 0,
    device: 0,
    status: 'completed',
    planId: acne.id,
    session: 1,
  });

  // Today, so the front desk's day view has a day to run: one done, one waiting, two still expected.
  const todayVisits = [
    { patient: 10, serviceId: 'consultation', time: '09:00', provider: 1, status: 'completed' },
    { patient: 11, serviceId: 'follow-up', time: '12:00', provider: 0, status: 'arrived' },
    { patient: 12, serviceId: 'consultation', time: '16:30', provider: 1 },
    { patient: 13, serviceId: 'follow-up', time: '17:30', provider: 0 },
  ];
  for (const v of todayVisits) {
    await insert({
      patientId: patientIds[v.patient]!,
      providerId: providers[v.provider]!,
      serviceId: v.serviceId,
      date: today,
      time: v.time,
      ...(v.status ? { status: v.status } : {}),
    });
  }

  // The next working days: consultations and sessions for both providers.
  let date = addDays(today, 1);
  const plan: {
    patient: number;
    serviceId: string;
    time: string;
    provider: number;
    room?: number;
    device?: number;
  }[][] = [
    [
      { patient: 1, serviceId: 'consultation', time: '09:30', provider: 0 },
      { patient: 2, serviceId: 'microneedling', time: '10:30', provider: 0, room: 0, device: 0 },
      { patient: 3, serviceId: 'consultation', time: '09:30', provider: 1 },
    ],
    [
      { patient: 4, serviceId: 'microneedling-prp', time: '14:00', provider: 1, room: 1, device: 1 },
      { patient: 5, serviceId: 'follow-up', time: '11:00', provider: 0 },
    ],
    [{ patient: 7, serviceId: 'consultation', time: '15:00', provider: 0 }],
  ];
  for (const day of plan) {
    while (!(weekdays as readonly string[]).includes(weekdayOf(date))) date = addDays(date, 1);
    for (const a of day) {
      await insert({
        patientId: patientIds[a.patient]!,
        providerId: providers[a.provider]!,
        serviceId: a.serviceId,
        date,
        time: a.time,
        ...(a.room === undefined ? {} : { room: a.room, device: a.device! }),
      });
    }
    date = addDays(date, 1);
  }
}
