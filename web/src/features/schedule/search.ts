/** The schedule's URL search (day or week, a date, an open booking form): read by the router before the page loads. */
export interface ScheduleSearch {
  date?: string;
  view?: 'day' | 'week';
  /** Opens "New booking", prefilled (from a plan's "Book next session"). */
  book?: boolean;
  patientId?: string;
  planId?: string;
  service?: string;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);

export function validateScheduleSearch(search: Record<string, unknown>): ScheduleSearch {
  return {
    ...(isDate(search.date) ? { date: search.date } : {}),
    ...(search.view === 'day' || search.view === 'week' ? { view: search.view } : {}),
    ...(search.book === true || search.book === 'true' || search.book === 1 ? { book: true } : {}),
    ...(isId(search.patientId) ? { patientId: search.patientId } : {}),
    ...(isId(search.planId) ? { planId: search.planId } : {}),
    ...(typeof search.service === 'string' && /^[a-z0-9-]{2,64}$/.test(search.service)
      ? { service: search.service }
      : {}),
  };
}
