import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import type { AdverseEventReport } from '@needlepoint/core/contracts/adverse-events';

type RateRow = AdverseEventReport['byType'][number];

const rate = (value: number) => `${value} per 100`;

/**
 * One breakdown of the adverse-event report as horizontal bars (events per 100 signed sessions). The figure is
 * labelled with every bar's value in words, for screen readers; the table beside it carries the counts. Loaded
 * lazily: the chart library is the heaviest part of the app.
 */
export default function RateChart({ title, rows }: { title: string; rows: RateRow[] }) {
  const summary = rows.map((r) => `${r.label}: ${rate(r.per100)} (${r.events} of ${r.sessions})`).join('; ');
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  // Round ticks, with room right of the longest bar for its value.
  const top = Math.max(1, ...rows.map((r) => r.per100)) * 1.15;
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => top / s <= 5) ?? 100;
  const ticks = Array.from({ length: Math.ceil(top / step) + 1 }, (_, i) => i * step);
  return (
    <figure
      aria-label={`Adverse events per 100 signed sessions, ${title.toLowerCase()}. ${summary}`}
      style={{ margin: 0 }}
      data-testid="rate-chart"
    >
      <BarChart
        h={Math.max(130, rows.length * 34 + 70)}
        data={rows}
        dataKey="label"
        orientation="vertical"
        series={[{ name: 'per100', label: 'Per 100 sessions', color: 'red.6' }]}
        valueFormatter={(value) => String(value)}
        withBarValueLabel
        xAxisLabel="Events per 100 signed sessions"
        gridAxis="none"
        tickLine="none"
        yAxisProps={{ width: Math.min(130, Math.max(60, longest * 6.5)) }}
        xAxisProps={{ domain: [0, ticks[ticks.length - 1]!], ticks }}
        barProps={{ radius: 2 }}
        maxBarWidth={22}
      />
    </figure>
  );
}
