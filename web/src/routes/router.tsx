import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  type RouteComponent,
} from '@tanstack/react-router';

import { Loading } from '../components/loading';
import type { PatientTab } from '../features/patients/patient-record-page';
import { validateScheduleSearch } from '../features/schedule/search';

/**
 * Every page is its own chunk, loaded when its route is first opened: the portal downloads no staff code, and a
 * staff member no portal code. Only the router, the session and the shared components load up front.
 */
function page<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  name: keyof M & string,
): RouteComponent {
  return lazyRouteComponent(load, name);
}

const AdverseEventsPage = page(
  () => import('../features/treatment/adverse-events-page'),
  'AdverseEventsPage',
);
const AuditLogPage = page(() => import('../features/settings/audit-log-page'), 'AuditLogPage');
const ChartPage = page(() => import('../features/treatment/chart-page'), 'ChartPage');
const ClinicSettingsPage = page(
  () => import('../features/settings/clinic-settings-page'),
  'ClinicSettingsPage',
);
const ConsentDocumentsPage = page(
  () => import('../features/settings/consent-documents-page'),
  'ConsentDocumentsPage',
);
const ConsentsPage = page(() => import('../features/portal/consents/consents-page'), 'ConsentsPage');
const EducationPage = page(() => import('../features/settings/education-page'), 'EducationPage');
const FhirClientsPage = page(() => import('../features/settings/fhir-clients-page'), 'FhirClientsPage');
const HomeRedirect = page(() => import('../features/shell/home-redirect'), 'HomeRedirect');
const ImportPage = page(() => import('../features/imports/import-page'), 'ImportPage');
const IntakePage = page(() => import('../features/portal/intake/intake-page'), 'IntakePage');
const InventoryPage = page(() => import('../features/treatment/inventory-page'), 'InventoryPage');
const NotFoundPage = page(() => import('../features/shell/not-found-page'), 'NotFoundPage');
const PatientRecordPage = page(() => import('../features/patients/patient-record-page'), 'PatientRecordPage');
const PatientsPage = page(() => import('../features/patients/patients-page'), 'PatientsPage');
const PortalBookingPage = page(
  () => import('../features/portal-booking/portal-booking-page'),
  'PortalBookingPage',
);
const PortalCheckInPage = page(
  () => import('../features/aftercare/portal-check-in-page'),
  'PortalCheckInPage',
);
const PortalHomePage = page(() => import('../features/portal/portal-home-page'), 'PortalHomePage');
const PortalLearnPage = page(() => import('../features/education/portal-learn-page'), 'PortalLearnPage');
const PortalArticlePage = page(
  () => import('../features/education/portal-article-page'),
  'PortalArticlePage',
);
const PortalLayout = page(() => import('../features/portal/portal-layout'), 'PortalLayout');
const PortalMessagesPage = page(
  () => import('../features/messages/portal-messages-page'),
  'PortalMessagesPage',
);
const PortalPhotosPage = page(() => import('../features/portal/photos/photos-page'), 'PortalPhotosPage');
const PortalScoresPage = page(() => import('../features/outcomes/portal-scores-page'), 'PortalScoresPage');
const PortalWelcomePage = page(() => import('../features/portal/portal-welcome-page'), 'PortalWelcomePage');
const RecallsPage = page(() => import('../features/treatment/recalls-page'), 'RecallsPage');
const SchedulePage = page(() => import('../features/schedule/schedule-page'), 'SchedulePage');
const SchedulingSettingsPage = page(
  () => import('../features/schedule/scheduling-settings-page'),
  'SchedulingSettingsPage',
);
const ScreeningQueuePage = page(
  () => import('../features/screening/screening-queue-page'),
  'ScreeningQueuePage',
);
const ScreeningSettingsPage = page(
  () => import('../features/settings/screening-settings-page'),
  'ScreeningSettingsPage',
);
const SecurityPage = page(() => import('../features/auth/security-page'), 'SecurityPage');
const StaffSecurityPage = page(() => import('../features/auth/security-page'), 'StaffSecurityPage');
const SetupPage = page(() => import('../features/auth/setup-page'), 'SetupPage');
const SignInPage = page(() => import('../features/auth/sign-in-page'), 'SignInPage');
const StaffLayout = page(() => import('../features/shell/staff-layout'), 'StaffLayout');
const TodayPage = page(() => import('../features/today/today-page'), 'TodayPage');
const TriageQueuePage = page(() => import('../features/aftercare/triage-queue-page'), 'TriageQueuePage');
const TwoFactorSetupPage = page(() => import('../features/auth/two-factor-setup-page'), 'TwoFactorSetupPage');
const UnsubscribePage = page(() => import('../features/messages/unsubscribe-page'), 'UnsubscribePage');
const UsersPage = page(() => import('../features/settings/users-page'), 'UsersPage');
const JoinPage = page(() => import('../features/auth/join-page'), 'JoinPage');
const ForgotPasswordPage = page(() => import('../features/auth/forgot-password-page'), 'ForgotPasswordPage');
const ResetPasswordPage = page(() => import('../features/auth/reset-password-page'), 'ResetPasswordPage');
const OutcomeReportPage = page(() => import('../features/outcomes/outcome-report-page'), 'default');

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
const staffPage = <P extends string>(path: P, component: RouteComponent) =>
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
  staffPage('/reports', OutcomeReportPage),
  staffPage('/aftercare', TriageQueuePage),
  staffPage('/settings', ClinicSettingsPage),
  staffPage('/settings/users', UsersPage),
  staffPage('/settings/scheduling', SchedulingSettingsPage),
  staffPage('/settings/screening', ScreeningSettingsPage),
  staffPage('/settings/consent-documents', ConsentDocumentsPage),
  staffPage('/settings/education', EducationPage),
  staffPage('/settings/audit', AuditLogPage),
  staffPage('/settings/fhir-clients', FhirClientsPage),
  staffPage('/security', StaffSecurityPage),
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
  createRoute({ getParentRoute: () => portalRoute, path: '/portal/learn', component: PortalLearnPage }),
  createRoute({
    getParentRoute: () => portalRoute,
    path: '/portal/learn/$slug',
    component: PortalArticlePage,
  }),
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

const tokenSearch = (search: Record<string, unknown>): { token?: string } =>
  typeof search.token === 'string' && search.token ? { token: search.token } : {};

/** The staff invitation link: public, the new staff member chooses a password. */
const joinRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/join',
  validateSearch: tokenSearch,
  component: JoinPage,
});

/** "Forgot password?" and the link from the reset email: public, for staff and patients alike. */
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: ResetPasswordPage,
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
  joinRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
]);

export const router = createRouter({
  routeTree,
  defaultPreload: false,
  scrollRestoration: true,
  defaultPendingComponent: () => <Loading />,
  // A short wait shows nothing rather than a flash of the spinner.
  defaultPendingMs: 300,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
