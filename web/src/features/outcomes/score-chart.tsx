import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import type { OutcomeScoreDto } from '@needlepoint/core/contracts/outcomes';
import type { ScaleDefinition } from '@needlepoint/core/outcomes/scale.schema';

const day = 86_400_000;
const shortDate = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(ms));

/**
 * One scale's totals over time, with the plan's session dates marked as vertical lines. Loaded lazily: the chart
 * library is the heaviest part of the app.
 */
export default function ScoreChart({
  scale,
  range,
  scores,
  sessions,
}: {
  scale: ScaleDefinition;
  range: { min: number; max: number };
  scores: OutcomeScoreDto[];
  sessions: { sessionNumber: number | null; startsAt: string }[];
}) {
  const data = scores.map((s) => ({ time: Date.parse(s.scoredAt), total: s.total }));
  const marks = sessions.map((s) => ({ time: Date.parse(s.startsAt), label: `S${s.sessionNumber ?? ''}` }));
  const times = [...data, ...marks].map((d) => d.time);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max((last - first) * 0.05, day);
  return (
    <LineChart
      h={200}
      data={data}
      dataKey="time"
      series={[{ name: 'total', label: scale.shortName, color: 'blue.6' }]}
      curveType="linear"
      withDots
      connectNulls
      xAxisProps={{
        type: 'number',
        scale: 'time',
        domain: [first - pad, last + pad],
        tickFormatter: (v: number) => shortDate(v),
      }}
      yAxisProps={{ domain: [range.min, range.max], allowDecimals: scale.decimals > 0 }}
      tooltipProps={{ labelFormatter: (v) => (typeof v === 'number' ? shortDate(v) : v) }}
      referenceLines={marks.map((m) => ({ x: m.time, label: m.label, color: 'gray.5' }))}
      data-testid={`score-chart-${scale.id}`}
      aria-label={`${scale.shortName} over time`}
    />
  );
}
