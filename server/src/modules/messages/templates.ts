import type { Locale } from '@needlepoint/core/i18n/locale';
import { translator, type MessageKey, type Translator } from '../../i18n/translate';
import type { Channel } from './messages.repo';
import { scalarText } from '@needlepoint/core/text/scalar-text';

/**
 * Every message the clinic sends, as data: which ones are essential (always sent, whatever the patient's
 * unsubscribe) and what each says. One content model feeds the HTML and plain-text email parts, the SMS and the
 * portal inbox (email-layout.ts).
 */

export interface ClinicForMessage {
  name: string;
  address: string;
  phone: string;
  timeZone: string;
}

export interface CalendarInvite {
  method: 'REQUEST' | 'CANCEL';
  bookingId: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  summary: string;
}

export interface MessageContent {
  subject: string;
  heading: string;
  greeting?: string;
  paragraphs: string[];
  list?: string[];
  action?: { label: string; url: string };
  calendar?: CalendarInvite;
}

export interface RenderContext {
  locale: Locale;
  clinic: ClinicForMessage;
  /** The app's address (PUBLIC_URL) without a trailing slash. */
  baseUrl: string;
  params: Record<string, unknown>;
  secret: Record<string, unknown>;
}

/** The patient's translator (server/src/i18n, ADR 026): messages, and dates in the clinic's time zone. */
export type Translate = Translator['t'];
interface Helpers {
  t: Translate;
  tr: Translator;
}

interface Template {
  /** Essential messages go whatever the patient unsubscribed from; they are appointment changes or urgent. */
  essential: boolean;
  /** Only these channels (e.g. an invitation is email only: the patient has no portal yet). */
  channels?: readonly Channel[];
  render(ctx: RenderContext & Helpers): MessageContent;
}

const str = (params: Record<string, unknown>, key: string): string => scalarText(params[key]);
const orNone = (value: string): string => value || 'none';
const when = (ctx: RenderContext & Helpers, key = 'startsAt') =>
  ctx.tr.dateTime(new Date(str(ctx.params, key)));
const portal = (ctx: RenderContext & Helpers, path = '/portal', label?: string) => ({
  label: label ?? ctx.t('messages.common.openPortal'),
  url: `${ctx.baseUrl}${path}`,
});
/** A pointer to an article of the clinic's library (`/portal/learn/<slug>`, ADR 044) with its address. */
const learnMore = (
  ctx: RenderContext & Helpers,
  article: 'preparation' | 'aftercare' | 'risks-and-when-to-call',
) => ctx.t('messages.common.learnMore', { article, url: `${ctx.baseUrl}/portal/learn/${article}` });
const hello = (ctx: RenderContext & Helpers) =>
  ctx.t('messages.common.hello', { name: str(ctx.params, 'givenName') });

function bookingCalendar(ctx: RenderContext, method: 'REQUEST' | 'CANCEL'): CalendarInvite {
  return {
    method,
    bookingId: str(ctx.params, 'bookingId'),
    sequence: Number(ctx.params.sequence ?? 0),
    startsAt: str(ctx.params, 'startsAt'),
    endsAt: str(ctx.params, 'endsAt'),
    summary: `${str(ctx.params, 'service')} · ${ctx.clinic.name}`,
  };
}

function bookingMessage(
  prefix: 'bookingConfirmed' | 'bookingMoved',
  ctx: RenderContext & Helpers,
): MessageContent {
  const values = {
    clinic: ctx.clinic.name,
    service: str(ctx.params, 'service').toLowerCase(),
    provider: str(ctx.params, 'provider'),
    when: when(ctx),
  };
  return {
    subject: ctx.t(`messages.${prefix}.subject`, values),
    heading: ctx.t(`messages.${prefix}.heading`),
    greeting: hello(ctx),
    paragraphs: [ctx.t(`messages.${prefix}.body`, values), ctx.t(`messages.${prefix}.calendar`)],
    action: portal(ctx),
    calendar: bookingCalendar(ctx, 'REQUEST'),
  };
}

export const templates = {
  'booking-confirmed': { essential: true, render: (ctx) => bookingMessage('bookingConfirmed', ctx) },
  'booking-moved': { essential: true, render: (ctx) => bookingMessage('bookingMoved', ctx) },
  'booking-cancelled': {
    essential: true,
    render: (ctx) => ({
      subject: ctx.t('messages.bookingCancelled.subject', { clinic: ctx.clinic.name }),
      heading: ctx.t('messages.bookingCancelled.heading'),
      greeting: hello(ctx),
      paragraphs: [
        ctx.t('messages.bookingCancelled.body', {
          service: str(ctx.params, 'service').toLowerCase(),
          when: when(ctx),
        }),
        ctx.t('messages.bookingCancelled.rebook', { phone: orNone(ctx.clinic.phone) }),
      ],
      action: portal(ctx, '/portal/book'),
      calendar: bookingCalendar(ctx, 'CANCEL'),
    }),
  },
  'session-reminder': {
    essential: true,
    render: (ctx) => ({
      subject: ctx.t('messages.sessionReminder.subject', { clinic: ctx.clinic.name }),
      heading: ctx.t('messages.sessionReminder.heading'),
      greeting: hello(ctx),
      paragraphs: [
        ctx.t('messages.sessionReminder.body', {
          service: str(ctx.params, 'service').toLowerCase(),
          when: when(ctx),
        }),
        learnMore(ctx, 'preparation'),
      ],
      list: [
        ctx.t('messages.sessionReminder.retinoids', { days: Number(ctx.params.retinoidHoldDays ?? 5) }),
        ctx.t('messages.sessionReminder.sun'),
        ctx.t('messages.sessionReminder.numbing'),
        ctx.t('messages.sessionReminder.changes'),
      ],
      action: portal(ctx),
    }),
  },
  'timeline-step': {
    essential: false,
    render: (ctx) => {
      const key = str(ctx.params, 'step');
      const title = ctx.t(`messages.timeline.${key}.title` as MessageKey);
      return {
        subject: ctx.t('messages.timelineStep.subject', { clinic: ctx.clinic.name, title }),
        heading: title,
        greeting: hello(ctx),
        paragraphs: [
          ctx.t(`messages.timeline.${key}.detail` as MessageKey),
          ctx.t('messages.timelineStep.when', {
            phase: Number(ctx.params.day) < 0 ? 'before' : 'after',
            session: when(ctx, 'sessionStartsAt'),
          }),
          learnMore(ctx, Number(ctx.params.day) < 0 ? 'preparation' : 'aftercare'),
        ],
        action: portal(ctx, str(ctx.params, 'path') || '/portal', ctx.t('messages.timelineStep.more')),
      };
    },
  },
  'check-in-prompt': {
    essential: false,
    render: (ctx) => ({
      subject: ctx.t('messages.checkInPrompt.subject', { clinic: ctx.clinic.name }),
      heading: ctx.t('messages.checkInPrompt.heading'),
      greeting: hello(ctx),
      paragraphs: [
        ctx.t('messages.checkInPrompt.body', { day: Number(ctx.params.day) }),
        ctx.t('messages.common.emergency'),
        ...(ctx.clinic.phone ? [ctx.t('messages.checkInPrompt.call', { phone: ctx.clinic.phone })] : []),
        learnMore(ctx, 'risks-and-when-to-call'),
      ],
      action: portal(ctx, '/portal/check-in', ctx.t('messages.checkInPrompt.action')),
    }),
  },
  'urgent-advice': {
    essential: true,
    render: (ctx) => {
      const values = { urgency: str(ctx.params, 'urgency'), phone: orNone(ctx.clinic.phone) };
      return {
        subject: ctx.t('messages.urgentAdvice.subject', { clinic: ctx.clinic.name }),
        heading: ctx.t('messages.urgentAdvice.heading', values),
        greeting: hello(ctx),
        paragraphs: [ctx.t('messages.urgentAdvice.body', values)],
        action: portal(ctx, '/portal/check-in', ctx.t('messages.urgentAdvice.action')),
      };
    },
  },
  'portal-invitation': {
    essential: true,
    channels: ['email'],
    render: (ctx) => ({
      subject: ctx.t('messages.portalInvitation.subject', { clinic: ctx.clinic.name }),
      heading: ctx.t('messages.portalInvitation.heading'),
      greeting: hello(ctx),
      paragraphs: [
        ctx.t('messages.portalInvitation.body', { clinic: ctx.clinic.name }),
        ctx.t('messages.portalInvitation.expires', { days: Number(ctx.params.validDays ?? 7) }),
        ctx.t('messages.portalInvitation.ignore'),
      ],
      action: portal(
        ctx,
        `/portal/welcome?token=${encodeURIComponent(str(ctx.secret, 'token'))}`,
        ctx.t('messages.portalInvitation.action'),
      ),
    }),
  },
  'waitlist-offer': {
    essential: false,
    render: (ctx) => ({
      subject: ctx.t('messages.waitlistOffer.subject', { clinic: ctx.clinic.name }),
      heading: ctx.t('messages.waitlistOffer.heading'),
      greeting: hello(ctx),
      paragraphs: [
        ctx.t('messages.waitlistOffer.body', { when: when(ctx), phone: orNone(ctx.clinic.phone) }),
      ],
      action: portal(ctx, '/portal/book', ctx.t('messages.waitlistOffer.action')),
    }),
  },
  'maintenance-reminder': {
    essential: false,
    render: (ctx) => ({
      subject: ctx.t('messages.maintenanceReminder.subject', { clinic: ctx.clinic.name }),
      heading: ctx.t('messages.maintenanceReminder.heading'),
      greeting: hello(ctx),
      paragraphs: [
        ctx.t('messages.maintenanceReminder.body', {
          latest: ctx.tr.date(str(ctx.params, 'latestDate')),
        }),
      ],
      action: portal(ctx, '/portal/book', ctx.t('messages.maintenanceReminder.action')),
    }),
  },
  'password-reset': {
    essential: true,
    channels: ['email'],
    render: (ctx) => ({
      subject: ctx.t('messages.passwordReset.subject', { clinic: ctx.clinic.name }),
      heading: ctx.t('messages.passwordReset.heading'),
      greeting: hello(ctx),
      paragraphs: [
        ctx.t('messages.passwordReset.body', { email: str(ctx.params, 'email') }),
        ctx.t('messages.passwordReset.expires', { minutes: Number(ctx.params.validMinutes ?? 60) }),
        ctx.t('messages.passwordReset.ignore'),
      ],
      action: {
        label: ctx.t('messages.passwordReset.action'),
        url: `${ctx.baseUrl}/reset-password?token=${encodeURIComponent(str(ctx.secret, 'token'))}`,
      },
    }),
  },
  // Staff messages (staff screens and their mail are in English for now).
  'staff-invitation': {
    essential: true,
    channels: ['email'],
    render: (ctx) => {
      const values = {
        clinic: ctx.clinic.name,
        inviter: str(ctx.params, 'inviterName'),
        role: str(ctx.params, 'roleLabel'),
      };
      return {
        subject: ctx.t('messages.staffInvitation.subject', values),
        heading: ctx.t('messages.staffInvitation.heading', values),
        greeting: hello(ctx),
        paragraphs: [
          ctx.t('messages.staffInvitation.body', values),
          ctx.t('messages.staffInvitation.expires', { hours: Number(ctx.params.validHours ?? 72) }),
          ...(ctx.params.role === 'owner' ? [ctx.t('messages.staffInvitation.twoFactor')] : []),
          ctx.t('messages.staffInvitation.ignore'),
        ],
        action: {
          label: ctx.t('messages.staffInvitation.action'),
          url: `${ctx.baseUrl}/join?token=${encodeURIComponent(str(ctx.secret, 'token'))}`,
        },
      };
    },
  },
  'urgent-alert': {
    essential: true,
    channels: ['email'],
    render: (ctx) => {
      const values = {
        clinic: ctx.clinic.name,
        urgency: str(ctx.params, 'urgency').toUpperCase(),
        patient: str(ctx.params, 'patientName'),
        day: Number(ctx.params.day),
      };
      return {
        subject: ctx.t('messages.urgentAlert.subject', values),
        heading: ctx.t('messages.urgentAlert.heading', values),
        paragraphs: [
          ctx.t('messages.urgentAlert.body', values),
          ctx.t('messages.urgentAlert.told', { headline: str(ctx.params, 'headline') }),
        ],
        list: (ctx.params.reasons as string[] | undefined) ?? [],
        action: {
          label: ctx.t('messages.urgentAlert.action'),
          url: `${ctx.baseUrl}/aftercare?checkIn=${str(ctx.params, 'checkInId')}`,
        },
      };
    },
  },
  'screening-review': {
    essential: true,
    channels: ['email'],
    render: (ctx) => {
      const changes = ctx.params.changes as { previous: string; added: number; resolved: number } | null;
      return {
        subject: ctx.t('messages.screeningReview.subject', {
          clinic: ctx.clinic.name,
          patient: str(ctx.params, 'patientName'),
        }),
        heading: ctx.t('messages.screeningReview.heading'),
        paragraphs: [
          ctx.t('messages.screeningReview.body', {
            patient: str(ctx.params, 'patientName'),
            service: str(ctx.params, 'service').toLowerCase(),
            when: when(ctx),
            verdict: str(ctx.params, 'verdict'),
          }),
          ...(changes ? [ctx.t('messages.screeningReview.changed', changes)] : []),
        ],
        list: (ctx.params.findings as string[] | undefined) ?? [],
        action: {
          label: ctx.t('messages.screeningReview.action'),
          url: `${ctx.baseUrl}/patients/${str(ctx.params, 'patientId')}?tab=screening`,
        },
      };
    },
  },
} satisfies Record<string, Template>;

export type TemplateId = keyof typeof templates;

export function isTemplateId(id: string): id is TemplateId {
  return Object.hasOwn(templates, id);
}

export function renderContent(template: TemplateId, ctx: RenderContext): MessageContent {
  const tr = translator(ctx.locale, ctx.clinic.timeZone);
  return (templates[template] as Template).render({ ...ctx, t: tr.t, tr });
}

export function templateRules(template: TemplateId): {
  essential: boolean;
  channels: readonly Channel[] | null;
} {
  const t = templates[template] as Template;
  return { essential: t.essential, channels: t.channels ?? null };
}
