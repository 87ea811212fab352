/**
 * The bookings service: one use case per file, each loading its context once, deciding (pure functions in
 * `core/src/scheduling`) and writing in one transaction. Other modules and the routes import them from here.
 */
export { bookingForRecord, lockedBooking, toBookingDto, type BookingDeps } from './booking-common';
export { book } from './book';
export { cancel } from './cancel';
export { complete } from './complete';
export { listCalendar } from './list-calendar';
export { markNoShow } from './no-show';
export { reschedule } from './reschedule';
export { searchSlots } from './search-slots';
