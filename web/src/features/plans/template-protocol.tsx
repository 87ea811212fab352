import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import type { PlanTemplatesResponse } from '@needlepoint/core/contracts/plans';
import type { PlanTemplateDto } from '@needlepoint/core/contracts/plans';
import { adjunctLabels, outcomeScaleLabels, zoneLabels } from './plan-labels';

/** A template's protocol: sessions and intervals, zones with depths, adjuncts with cautions, outcome scale, sources. */
export function TemplateProtocol({
  template,
  sources,
}: {
  template: PlanTemplateDto;
  sources: PlanTemplatesResponse['sources'];
}) {
  const cited = template.sources.map((id) => sources[id]).filter((s) => s !== undefined);
  return (
    <Stack gap="sm" data-testid="template-protocol">
      <Text size="sm">{template.summary}</Text>
      <Text size="sm">
        <b>{template.sessions} sessions</b>, at least {template.minIntervalDays} days apart (typically{' '}
        {template.typicalIntervalDays}). Evidence level {template.evidenceLevel}.
        {template.maintenance
          ? ` Maintenance every ${template.maintenance.everyMonthsMin}–${template.maintenance.everyMonthsMax} months.`
          : ''}
      </Text>
      <div>
        <Text size="sm" fw={600}>
          Zones and needle depths
        </Text>
        <List size="sm">
          {template.zones.map((z) => (
            <List.Item key={z.zone}>
              {zoneLabels[z.zone] ?? z.zone}: {z.minMm}–{z.maxMm} mm{z.note ? ` — ${z.note}` : ''}
            </List.Item>
          ))}
        </List>
      </div>
      {template.adjuncts.length ? (
        <div>
          <Text size="sm" fw={600}>
            Adjuncts
          </Text>
          <List size="sm">
            {template.adjuncts.map((a) => (
              <List.Item key={a.kind}>
                {a.name || adjunctLabels[a.kind]} — {a.use}{' '}
                <Text span c="orange.8" size="sm">
                  Caution: {a.caution}
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
      <Text size="sm">
        <b>Outcome scale:</b> {template.outcomeScales.map((s) => outcomeScaleLabels[s] ?? s).join(', ')}
      </Text>
      {template.cautions.length ? (
        <Alert color="orange" variant="light" p="xs" title="Cautions">
          <List size="sm">
            {template.cautions.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {cited.length ? (
        <div>
          <Text size="sm" fw={600}>
            Sources
          </Text>
          <List size="xs">
            {cited.map((s) => (
              <List.Item key={s.id}>
                <Anchor href={s.url} target="_blank" rel="noreferrer" size="xs">
                  {s.citation}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
    </Stack>
  );
}
