import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Collapse,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { PatientConsents } from '@needlepoint/core/contracts/consents';
import type { PatientIntakes } from '@needlepoint/core/contracts/portal';
import { ErrorAlert } from '../../components/error-alert';
import { SectionCard } from '../../components/section-card';
import { Loading } from '../../components/loading';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/clinic-time';
import { useApiQuery } from '../../lib/query';
import { keys } from '../../lib/query-keys';
import { consentKindLabels, consentStateInfo } from './consent-labels';
import { scalarText } from '@needlepoint/core/text/scalar-text';

const signedLanguageNames = { en: 'English', es: 'Spanish' } as const;

/** Submitted intake forms (what the patient wrote) and consents: standing per kind and every signature. */
export function IntakeAndConsents({ patientId }: { patientId: string }) {
  return (
    <Stack gap="lg">
      <ConsentsSection patientId={patientId} />
      <IntakesSection patientId={patientId} />
    </Stack>
  );
}

function ConsentsSection({ patientId }: { patientId: string }) {
  const consents = useApiQuery(keys.patients.consents(patientId), (signal) =>
    api.get<typeof PatientConsents>(`/api/patients/${patientId}/consents`, undefined, signal),
  );
  const data = consents.data;
  return (
    <SectionCard titleId="consents-title">
      <Title order={2} fz="lg" id="consents-title" mb="sm">
        Consents
      </Title>
      {consents.isError && !data ? (
        <ErrorAlert
          error={consents.error}
          title="Could not load consents"
          onRetry={() => void consents.refetch()}
        />
      ) : !data ? (
        <Loading />
      ) : (
        <Stack gap="md">
          {data.consents.length === 0 ? (
            <Text size="sm" c="dimmed">
              The clinic has not published any consent documents yet.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" data-testid="consent-states">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Consent</Table.Th>
                    <Table.Th>Standing</Table.Th>
                    <Table.Th>Current document</Table.Th>
                    <Table.Th>Last signed</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.consents.map((c) => {
                    const state = consentStateInfo[c.state];
                    return (
                      <Table.Tr key={c.kind}>
                        <Table.Td>{consentKindLabels[c.kind]}</Table.Td>
                        <Table.Td>
                          <Badge color={state.color} variant="light">
                            {state.icon} {state.label}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {c.document.title}{' '}
                          <Text span size="xs" c="dimmed">
                            (version {c.document.version})
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {c.latestSignature
                            ? `${formatDateTime(c.latestSignature.signedAt)} (version ${c.latestSignature.documentVersion})`
                            : '—'}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <div>
            <Title order={3} fz="md" mb="xs">
              Signatures ({data.signatures.length})
            </Title>
            {data.signatures.length === 0 ? (
              <Text size="sm" c="dimmed">
                No signatures yet.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="xs" data-testid="consent-signatures">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Signed</Table.Th>
                      <Table.Th>Document</Table.Th>
                      <Table.Th>Typed name</Table.Th>
                      <Table.Th>Withdrawn</Table.Th>
                      <Table.Th>Copy</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.signatures.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.signedAt)}</Table.Td>
                        <Table.Td>
                          {s.documentTitle}{' '}
                          <Text span size="xs" c="dimmed" data-testid="signature-language">
                            (version {s.documentVersion}, signed in {signedLanguageNames[s.language]})
                          </Text>
                        </Table.Td>
                        <Table.Td>{s.typedName}</Table.Td>
                        <Table.Td>
                          {s.revocation
                            ? `${formatDateTime(s.revocation.revokedAt)}${s.revocation.reason ? `: ${s.revocation.reason}` : ''}`
                            : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Anchor
                            href={`/api/patients/${patientId}/consent-signatures/${s.id}/pdf`}
                            download
                            size="sm"
                          >
                            PDF<VisuallyHidden> of {s.documentTitle}</VisuallyHidden>
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </div>
        </Stack>
      )}
    </SectionCard>
  );
}

function IntakesSection({ patientId }: { patientId: string }) {
  const intakes = useApiQuery(keys.patients.intakes(patientId), (signal) =>
    api.get<typeof PatientIntakes>(`/api/patients/${patientId}/intakes`, undefined, signal),
  );
  const data = intakes.data;
  return (
    <SectionCard titleId="intakes-title">
      <Title order={2} fz="lg" id="intakes-title" mb="sm">
        Intake forms
      </Title>
      {intakes.isError && !data ? (
        <ErrorAlert
          error={intakes.error}
          title="Could not load intake forms"
          onRetry={() => void intakes.refetch()}
        />
      ) : !data ? (
        <Loading />
      ) : (
        <Stack gap="sm">
          {data.draftUpdatedAt ? (
            <Text size="sm">
              The patient has a form in progress (last saved {formatDateTime(data.draftUpdatedAt)}).
            </Text>
          ) : null}
          {data.intakes.length === 0 ? (
            <Text size="sm" c="dimmed">
              No intake form submitted yet.
            </Text>
          ) : (
            data.intakes.map((i) => (
              <IntakeItem
                key={i.id}
                submittedAt={i.submittedAt}
                record={i.record}
                screened={!!i.screeningId}
              />
            ))
          )}
        </Stack>
      )}
    </SectionCard>
  );
}

function IntakeItem({
  submittedAt,
  record,
  screened,
}: {
  submittedAt: string;
  record: unknown;
  screened: boolean;
}) {
  const [open, setOpen] = useState(false);
  const id = `intake-${submittedAt}`;
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          Submitted {formatDateTime(submittedAt)}
          {screened ? (
            <Text span size="xs" c="dimmed" fw={400}>
              {' '}
              · screened automatically
            </Text>
          ) : null}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={id}
        >
          {open ? 'Hide answers' : 'Show answers'}
        </Button>
      </Group>
      <Collapse expanded={open} id={id}>
        <ReadableValue value={record} />
      </Collapse>
    </Paper>
  );
}

function words(key: string): string {
  const text = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Any JSON as nested labelled lists, so staff read what the patient answered without raw JSON. */
function ReadableValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '')
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  if (typeof value !== 'object')
    return (
      <Text span size="sm">
        {scalarText(value)}
      </Text>
    );
  if (Array.isArray(value)) {
    if (value.length === 0)
      return (
        <Text span size="sm" c="dimmed">
          none
        </Text>
      );
    return (
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {(value as unknown[]).map((v, i) => (
          <li key={i}>
            <ReadableValue value={v} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl style={{ margin: 0 }}>
      {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
        <div key={k} style={{ display: 'flex', gap: 8, flexWrap: 'wrap', paddingLeft: 4 }}>
          <Text component="dt" size="sm" fw={600}>
            {words(k)}:
          </Text>
          <dd style={{ margin: 0 }}>
            <ReadableValue value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
