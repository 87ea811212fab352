import { Alert, SimpleGrid, Stack } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useSession } from '../../lib/session';
import { useClinicSettings } from '../staff-shared';
import { RequirePermission } from '../shell/require-permission';
import { zoneLabel } from '../../lib/clinic-time';
import { TimeOffSection } from './time-off-section';
import { WorkingHoursSection } from './working-hours-section';
import { ServiceTypesSection } from './service-types-section';
import { DevicesSection } from './devices-section';
import { RoomsSection } from './rooms-section';

/** Settings → Scheduling: rooms, devices, service types (clinic:write), working hours and time off (schedule:write). */
export function SchedulingSettingsPage() {
  return (
    <RequirePermission permission="schedule:read">
      <SchedulingSettingsView />
    </RequirePermission>
  );
}

function SchedulingSettingsView() {
  const settings = useClinicSettings();
  const { can } = useSession();
  if (settings.isError && !settings.data)
    return (
      <ErrorAlert
        error={settings.error}
        title="Could not load the settings"
        onRetry={() => void settings.refetch()}
      />
    );
  if (!settings.data) return <Loading />;
  const timeZone = settings.data.timeZone;
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title="Scheduling"
        description={`Rooms, devices, services, working hours and time off. Times are ${zoneLabel(timeZone)}.`}
      />
      {!can('clinic:write') ? (
        <Alert variant="light" color="blue">
          Only the clinic owner can change rooms, devices and services.
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <RoomsSection />
        <DevicesSection />
      </SimpleGrid>
      <ServiceTypesSection />
      <WorkingHoursSection />
      <TimeOffSection timeZone={timeZone} />
    </Stack>
  );
}
