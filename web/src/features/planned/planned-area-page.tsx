import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { Permission } from '@needlepoint/core/auth/permissions';
import { PageHeader } from '../../components/page-header';
import { RequirePermission } from '../shell/require-permission';

type Area = 'schedule' | 'screening' | 'aftercare' | 'reports';

const areas: Record<Area, { title: string; permission: Permission; summary: string; planned: string[] }> = {
  schedule: {
    title: 'Schedule',
    permission: 'schedule:read',
    summary: 'Booking treatment sessions for patients.',
    planned: [
      'A day and week view of appointments for each provider and room.',
      'Booking, moving and cancelling sessions, in the clinic’s time zone.',
      'A warning when a session is booked too soon after the previous one in a treatment plan.',
    ],
  },
  screening: {
    title: 'Screening',
    permission: 'screening:read',
    summary: 'Checking whether microneedling is suitable for a patient before treatment.',
    planned: [
      'A verdict for each patient (suitable, needs review, not suitable) from their conditions, medications and intake answers.',
      'The reasons behind each verdict, with the clinical source of each rule.',
      'A place for the provider to record their decision.',
    ],
  },
  aftercare: {
    title: 'Aftercare',
    permission: 'aftercare:triage',
    summary: 'Following up with patients after a session.',
    planned: [
      'Check-ins that patients send after a session (redness, swelling, pain, photos).',
      'Each check-in sorted by urgency, with the suggested next step.',
    ],
  },
  reports: {
    title: 'Reports',
    permission: 'reports:read',
    summary: 'How treatments are going across the clinic.',
    planned: [
      'Outcome scores over a course of treatment (for example scar and pigmentation scales).',
      'Clinic activity: sessions booked and completed, check-ins answered.',
    ],
  },
};

/** An honest page for an area that is not built yet: what will come, and no made-up data. */
export function PlannedAreaPage({ area }: { area: Area }) {
  const info = areas[area];
  return (
    <RequirePermission permission={info.permission}>
      <PageHeader title={info.title} description={info.summary} />
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" maw={720}>
        <Stack gap="sm">
          <Alert variant="light" color="blue" title="Not available yet" data-testid="planned-area">
            This part of Needlepoint is still being built. Nothing is shown here until it is ready.
          </Alert>
          <Title order={2} fz="md">
            What will be here
          </Title>
          <List spacing="xs" size="sm">
            {info.planned.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            Until then, keep using your current process for this work.
          </Text>
        </Stack>
      </Paper>
    </RequirePermission>
  );
}
