import { lazy, Suspense } from 'react';
import { createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { SignInPage } from '../features/auth/sign-in-page';
import { SetupPage } from '../features/auth/setup-page';
import { TwoFactorSetupPage } from '../features/auth/two-factor-setup-page';
import { SecurityPage } from '../features/auth/security-page';
import { HomeRedirect } from '../features/shell/home-redirect';
import { NotFoundPage } from '../features/shell/not-found-page';
import { StaffLayout } from '../features/shell/staff-layout';
import { PatientsPage } from '../features/patients/patients-page';
import { PatientRecordPage, type PatientTab } from '../features/patients/patient-record-page';
import { ImportPage } from '../features/imports/import-page';
import { ScreeningQueuePage } from '../features/screening/screening-queue-page';
import { ScreeningSettingsPage } from '../features/settings/screening-settings-page';
import { ConsentDocumentsPage } from '../features/settings/consent-documents-page';
import { SchedulePage, validateScheduleSearch } from '../features/schedule/schedule-page';
import { TodayPage } from '../features/today/today-page';
import { SchedulingSettingsPage } from '../features/schedule/scheduling-settings-page';
import { ClinicSettingsPage } from '../features/settings/clinic-settings-page';
import { UsersPage } from '../features/settings/users-page';
import { AuditLogPage } from '../features/settings/audit-log-page';
import { FhirClientsPage } from '../features/settings/fhir-clients-page';
import { PortalLayout } from '../features/portal/portal-layout';
import { PortalHomePage } from '../features/portal/portal-home-page';
import { PortalWelcomePage } from '../features/portal/portal-welcome-page';
import { IntakePage } from '../features/portal/intake/intake-page';
import { ConsentsPage } from '../features/portal/consents/consents-page';
import { PortalBookingPage } from '../features/portal-booking/portal-booking-page';
import { PortalPhotosPage } from '../features/portal/photos/photos-page';
import { PortalScoresPage } from '../features/outcomes/portal-scores-page';
import { Loading } from '../components/loading';
import { PortalMessagesPage } from '../features/messages/portal-messages-page';
import { UnsubscribePage } from '../features/messages/unsubscribe-page';

// The report carries the chart library: its own chunk, loaded when opened.
const OutcomeReportPage = lazy(() => import('../features/outcomes/outcome-report-page'));
import { PortalCheckInPage } from '../features/aftercare/portal-check-in-page';
import { TriageQueuePage } from '../features/aftercare/triage-queue-page';
import { ChartPage } from '../features/treatment/chart-page';
import { InventoryPage } from '../features/treatment/inventory-page';
import { RecallsPage } from '../features/treatment/recalls-page';
import { AdverseEventsPage } from '../features/treatment/adverse-events-page';

/** Only same-site paths are followed after sign-in. */
function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined;
}

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const redirect = safeRedirect(search.redirect);
    return redirect ? { redirect } : {};
  },
  component: SignInPage,
});

/** First run: shown while the database has no clinic. */
const setupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/setup', component: SetupPage });

const twoFactorSetupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/two-factor-setup',
  component: TwoFactorSetupPage,
});

const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomeRedirect });

const staffRoute = createRoute({ getParentRoute: () => rootRoute, id: 'staff', component: StaffLayout });
const staffPage = <P extends string>(path: P, component: () => React.ReactNode) =>
  createRoute({ getParentRoute: () => staffRoute, path, component });

const patientsRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/patients',
  validateSearch: (search: Record<string, unknown>): { q?: string } =>
    typeof search.q === 'string' && search.q ? { q: search.q } : {},
  component: PatientsPage,
});
const patientRecordRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/patients/$patientId',
  validateSearch: (search: Record<string, unknown>): { tab?: PatientTab } =>
    ['screening', 'plans', 'photos', 'history', 'intake', 'messages'].includes(search.tab as string)
      ? { tab: search.tab as PatientTab }
      : {},
  component: PatientRecordPage,
});

const scheduleRoute = createRoute({
  getParentRoute: () => staffRoute,
  path: '/schedule',
  validateSearch: validateScheduleSearch,
  component: SchedulePage,
});

const staffChildren = [
  patientsRoute,
  patientRecordRoute,
  staffPage('/patients/import', ImportPage),
  staffPage('/today', TodayPage),
  scheduleRoute,
  staffPage('/screening', ScreeningQueuePage),
  staffPage('/reports', () => (
    <Suspense fallback={<Loading />}>
      <OutcomeReportPage />
    </Suspense>
  )),
  staffPage('/aftercare', TriageQueuePage),
  staffPage('/settings', ClinicSettingsPage),
  staffPage('/settings/users', UsersPage),
  staffPage('/settings/scheduling', SchedulingSettingsPage),
  staffPage('/settings/screening', ScreeningSettingsPage),
  staffPage('/settings/consent-documents', ConsentDocumentsPage),
  staffPage('/settings/audit', AuditLogPage),
  staffPage('/settings/fhir-clients', FhirClientsPage),
  staffPage('/security', SecurityPage),
  staffPage('/chart/$appointmentId', ChartPage),
  staffPage('/inventory', InventoryPage),
  staffPage('/recalls', RecallsPage),
  staffPage('/adverse-events', AdverseEventsPage),
] as const;

const portalRoute = createRoute({ getParentRoute: () => rootRoute, id: 'portal', component: PortalLayout });
const portalChildren = [
  createRoute({ getParentRoute: () => portalRoute, path: '/portal', component: PortalHomePage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/security', component: SecurityPage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/intake', component: IntakePage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/consents', component: ConsentsPage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/book', component: PortalBookingPage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/photos', component: PortalPhotosPage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/results', component: PortalScoresPage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/check-in', component: PortalCheckInPage }),
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/messages', component: PortalMessagesPage }),
] as const;

/** The unsubscribe link at the foot of a tip or reminder email: public, one button. */
const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/unsubscribe/$token',
  component: UnsubscribePage,
});

/** The invitation link: public, the patient has no password yet. */
const portalWelcomeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal/welcome',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' && search.token ? { token: search.token } : {},
  component: PortalWelcomePage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  twoFactorSetupRoute,
  indexRoute,
  staffRoute.addChildren(staffChildren),
  portalRoute.addChildren(portalChildren),
  portalWelcomeRoute,
  unsubscribeRoute,
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
