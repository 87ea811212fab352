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
