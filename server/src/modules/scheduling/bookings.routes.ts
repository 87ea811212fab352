import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BookingList,
  BookingListQuery,
  CalendarFeedDto,
  CalendarFeedSettings,
  FeedTokenParams,
  PortalBookingRequest,
  PortalRescheduleRequest,
  RescheduleRequest,
  WaitlistList,
} from '@needlepoint/core/contracts/bookings';
import { IdParams, Ok } from '@needlepoint/core/contracts/common';
import { PlanList } from '@needlepoint/core/contracts/plans';
import {
  BookingDto,
  BookingRequest,
  CancelBookingRequest,
  CreateWaitlistEntryRequest,
  NoShowRequest,
  SlotSearchQuery,
  SlotSearchResponse,
  WaitlistEntry,
} from '@needlepoint/core/contracts/scheduling';
import { actorOf, portalPatientId } from '../../platform/session';
import { listPlans } from '../plans/plans.service';
import * as bookings from './bookings.service';
import type { BookingDeps } from './bookings.service';
import * as feeds from './calendar-feeds.service';
import * as portalBooking from './portal-booking.service';
import * as waitlist from './waitlist.service';
import { takeVisitStepNow } from './visit.service';
import { bookingHorizonDays } from '@needlepoint/core/scheduling/booking-rules';

export function bookingsRoutes(deps: BookingDeps & { publicUrl: string }): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['scheduling'];
    const read = { access: 'schedule:read' } as const;
    const write = { access: 'schedule:write' } as const;
    const self = { access: 'portal:self' } as const;

    app.get(
      '/api/slots',
      { schema: { tags, querystring: SlotSearchQuery, response: { 200: SlotSearchResponse } }, config: read },
      async (request) => bookings.searchSlots(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/bookings',
      { schema: { tags, querystring: BookingListQuery, response: { 200: BookingList } }, config: read },
      async (request) => bookings.listCalendar(deps, actorOf(request), request.query),
    );
    app.post(
      '/api/bookings',
      { schema: { tags, body: BookingRequest, response: { 201: BookingDto } }, config: write },
      async (request, reply) =>
        reply.status(201).send(await bookings.book(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/api/bookings/:id',
      {
        schema: { tags, params: IdParams, body: RescheduleRequest, response: { 200: BookingDto } },
        config: write,
      },
      async (request) => bookings.reschedule(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/bookings/:id/cancel',
      {
        schema: { tags, params: IdParams, body: CancelBookingRequest, response: { 200: BookingDto } },
        config: write,
      },
      async (request) => bookings.cancel(deps, actorOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/api/bookings/:id/no-show',
      {
        schema: { tags, params: IdParams, body: NoShowRequest, response: { 200: BookingDto } },
        config: write,
      },
      async (request) => bookings.markNoShow(deps, actorOf(request), request.params.id, request.body.note),
    );
    app.post(
      '/api/bookings/:id/complete',
      { schema: { tags, params: IdParams, response: { 200: BookingDto } }, config: write },
      async (request) => bookings.complete(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/bookings/:id/check-in',
      { schema: { tags, params: IdParams, response: { 200: BookingDto } }, config: write },
      async (request) => takeVisitStepNow(deps, actorOf(request), request.params.id, 'check-in'),
    );
    app.post(
      '/api/bookings/:id/start-treatment',
      { schema: { tags, params: IdParams, response: { 200: BookingDto } }, config: write },
      async (request) => takeVisitStepNow(deps, actorOf(request), request.params.id, 'start-treatment'),
    );

    app.get(
      '/api/waitlist',
      { schema: { tags, response: { 200: WaitlistList } }, config: read },
      async (request) => ({
        entries: await waitlist.listWaitlist(deps.db, actorOf(request)),
      }),
    );
    app.post(
      '/api/waitlist',
      { schema: { tags, body: CreateWaitlistEntryRequest, response: { 201: WaitlistEntry } }, config: write },
      async (request, reply) =>
        reply.status(201).send(await waitlist.addToWaitlist(deps.db, actorOf(request), request.body)),
    );
    app.delete(
      '/api/waitlist/:id',
      { schema: { tags, params: IdParams, response: { 200: Ok } }, config: write },
      async (request) => {
        await waitlist.removeFromWaitlist(deps.db, actorOf(request), request.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/calendar-feeds',
      { schema: { tags, response: { 201: CalendarFeedDto } }, config: { access: 'signed-in' } },
      async (request, reply) => {
        const { token: _token, ...feed } = await feeds.createFeed(deps.db, actorOf(request), deps.publicUrl);
        return reply.status(201).send(feed);
      },
    );
    app.get(
      '/api/calendar-feeds',
      {
        schema: {
          tags,
          response: { 200: z.object({ feeds: z.array(z.object({ id: z.uuid(), createdAt: z.string() })) }) },
        },
        config: { access: 'signed-in' },
      },
      async (request) => ({ feeds: await feeds.listFeeds(deps.db, actorOf(request)) }),
    );
    app.delete(
      '/api/calendar-feeds/:id',
      { schema: { tags, params: IdParams, response: { 200: Ok } }, config: { access: 'signed-in' } },
      async (request) => {
        await feeds.revokeFeed(deps.db, actorOf(request), request.params.id);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/calendar-feed-settings',
      { schema: { tags, response: { 200: CalendarFeedSettings } }, config: { access: 'clinic:read' } },
      async (request) => feeds.getFeedSettings(deps.db, actorOf(request)),
    );
    app.put(
      '/api/calendar-feed-settings',
      {
        schema: { tags, body: CalendarFeedSettings, response: { 200: CalendarFeedSettings } },
        config: { access: 'clinic:write' },
      },
      async (request) => feeds.setFeedSettings(deps.db, actorOf(request), request.body),
    );
    app.get(
      '/calendar/:token',
      {
        schema: { hide: true, params: FeedTokenParams },
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      },
      async (request, reply) => {
        const text = await feeds.renderFeed(deps.db, deps.clock, request.params.token.replace(/\.ics$/, ''));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(text);
      },
    );

    // The portal: a patient books consultations, and sessions of their own active plan.
    app.get(
      '/api/portal/plans',
      { schema: { tags, response: { 200: PlanList } }, config: self },
      async (request) => ({
        plans: (await listPlans(deps, actorOf(request), { patientId: portalPatientId(request) })).filter(
          (p) => p.status === 'active' || p.status === 'draft',
        ),
      }),
    );
    app.get(
      '/api/portal/slots',
      { schema: { tags, querystring: SlotSearchQuery, response: { 200: SlotSearchResponse } }, config: self },
      async (request) =>
        portalBooking.searchPortalSlots(deps, actorOf(request), portalPatientId(request), request.query),
    );
    app.post(
      '/api/portal/bookings',
      { schema: { tags, body: PortalBookingRequest, response: { 201: BookingDto } }, config: self },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await portalBooking.bookFromPortal(
              deps,
              actorOf(request),
              portalPatientId(request),
              request.body,
            ),
          ),
    );
    app.get(
      '/api/portal/bookings',
      { schema: { tags, response: { 200: BookingList } }, config: self },
      async (request) => {
        const now = deps.clock.now();
        return bookings.listCalendar(deps, actorOf(request), {
          from: new Date(now.getTime() - 86_400_000).toISOString(),
          to: new Date(now.getTime() + bookingHorizonDays * 86_400_000).toISOString(),
          patientId: portalPatientId(request),
        });
      },
    );
    app.post(
      '/api/portal/bookings/:id/reschedule',
      {
        schema: { tags, params: IdParams, body: PortalRescheduleRequest, response: { 200: BookingDto } },
        config: self,
      },
      async (request) =>
        bookings.reschedule(
          deps,
          actorOf(request),
          request.params.id,
          { start: request.body.start },
          portalPatientId(request),
        ),
    );
    app.post(
      '/api/portal/bookings/:id/cancel',
      {
        schema: { tags, params: IdParams, body: CancelBookingRequest, response: { 200: BookingDto } },
        config: self,
      },
      async (request) =>
        bookings.cancel(
          deps,
          actorOf(request),
          request.params.id,
          request.body.reason,
          portalPatientId(request),
        ),
    );
  };
}
