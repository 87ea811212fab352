import { SimpleGrid, Text } from '@mantine/core';
import { symptomFlags } from '@needlepoint/core/aftercare/check-in';
import {
  checkInFieldLabels,
  rednessTrendLabels,
  swellingLabels,
  symptomQuestions,
} from '@needlepoint/core/aftercare/questions';
import type { CheckInDto } from '@needlepoint/core/contracts/aftercare';

/** A check-in's answers for staff: what was reported, what was not, and what was left unanswered. */
export function CheckInAnswersView({ checkIn }: { checkIn: CheckInDto }) {
  const a = checkIn.answers;
  const yes = symptomFlags.filter((f) => a[f] === true).map((f) => symptomQuestions[f]);
  const rows: [string, string][] = [
    ['Reported', yes.length > 0 ? yes.join('; ') : 'None of the listed signs'],
    ['Redness', a.rednessTrend ? rednessTrendLabels[a.rednessTrend] : 'Not answered'],
    ['Swelling', a.swelling ? swellingLabels[a.swelling] : 'Not answered'],
    [
      'Pain',
      `${a.painNow ?? '?'} / 10 now${a.painDay1 !== undefined && a.painDay1 !== null ? `, ${a.painDay1} / 10 on day 1` : ''}`,
    ],
    ['Temperature', typeof a.temperatureC === 'number' ? `${a.temperatureC} °C` : 'Not measured'],
  ];
  if (a.notes) rows.push(['Note', a.notes]);
  if (checkIn.triage.unanswered.length > 0)
    rows.push([
      'Unanswered',
      checkIn.triage.unanswered
        .map((f) => checkInFieldLabels[f as keyof typeof checkInFieldLabels] ?? f)
        .join('; '),
    ]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} verticalSpacing={4} data-testid="check-in-answers">
      {rows.map(([label, value]) => (
        <Text key={label} size="sm">
          <Text span fw={600}>
            {label}:
          </Text>{' '}
          {value}
        </Text>
      ))}
    </SimpleGrid>
  );
}
