import ICAL from 'ical.js';

// ical.js folds after this many characters and then adds the leading space; 74 keeps every line within RFC 5545's 75 octets.
ICAL.foldLength = 74;

export interface CalendarEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  description?: string;
  cancelled?: boolean;
}

/** An RFC 5545 calendar made with ical.js (line folding, escaping and CRLF are the library's). */
export function toICalendar(
  events: readonly CalendarEvent[],
  options: { name: string; generatedAt: Date },
): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Needlepoint//Clinic calendar//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', 'PUBLISH');
  calendar.updatePropertyWithValue('x-wr-calname', options.name);
  for (const e of events) {
    const component = new ICAL.Component('vevent');
    const event = new ICAL.Event(component);
    event.uid = `${e.uid}@needlepoint`;
    event.summary = e.summary;
    event.startDate = ICAL.Time.fromJSDate(e.start, true);
    event.endDate = ICAL.Time.fromJSDate(e.end, true);
    if (e.location) event.location = e.location;
    if (e.description) event.description = e.description;
    component.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(options.generatedAt, true));
    component.addPropertyWithValue('status', e.cancelled ? 'CANCELLED' : 'CONFIRMED');
    calendar.addSubcomponent(component);
  }
  return calendar.toString();
}

export interface CalendarInvitation {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  /** RFC 5546: rises on every change of the event (a move, a cancellation); the UID stays the same. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * An RFC 5546 iTIP message for one session: `METHOD:REQUEST` adds or updates it in the patient's calendar,
 * `METHOD:CANCEL` removes it. Same UID as the calendar feeds.
 */
export function toCalendarInvitation(invitation: CalendarInvitation, generatedAt: Date): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Needlepoint//Clinic calendar//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', invitation.method);
  const component = new ICAL.Component('vevent');
  const event = new ICAL.Event(component);
  event.uid = `${invitation.uid}@needlepoint`;
  event.summary = invitation.summary;
  event.startDate = ICAL.Time.fromJSDate(invitation.start, true);
  event.endDate = ICAL.Time.fromJSDate(invitation.end, true);
  if (invitation.location) event.location = invitation.location;
  component.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(generatedAt, true));
  component.addPropertyWithValue('sequence', invitation.sequence);
  component.addPropertyWithValue('status', invitation.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
  const organizer = component.addPropertyWithValue('organizer', `mailto:${invitation.organizer.email}`);
  organizer.setParameter('cn', invitation.organizer.name);
  const attendee = component.addPropertyWithValue('attendee', `mailto:${invitation.attendee.email}`);
  attendee.setParameter('cn', invitation.attendee.name);
  attendee.setParameter('role', 'REQ-PARTICIPANT');
  // The clinic booked it with the patient: nothing to answer.
  if (invitation.method === 'REQUEST') attendee.setParameter('partstat', 'ACCEPTED');
  calendar.addSubcomponent(component);
  return calendar.toString();
}
