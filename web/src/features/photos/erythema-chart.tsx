import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import type { ErythemaTrendAnswer } from '@needlepoint/core/contracts/photos';

const day = 86_400_000;
const shortDate = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }).format(new Date(ms));

/**
 * The erythema index of one region across the aftercare check-in photos of a view. Loaded lazily: the chart
 * library is the heaviest part of the app.
 */
export default function ErythemaChart({ readings }: { readings: ErythemaTrendAnswer['readings'] }) {
  const data = readings.map((r) => ({ time: Date.parse(r.takenAt), index: r.meanIndex }));
  const times = data.map((d) => d.time);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max((last - first) * 0.05, day);
  const values = data.map((d) => d.index);
  const low = Math.floor((Math.min(...values) - 2) / 5) * 5;
  const high = Math.ceil((Math.max(...values) + 2) / 5) * 5;
  return (
    <LineChart
      h={220}
      data={data}
      dataKey="time"
      series={[{ name: 'index', label: 'Erythema index', color: 'red.6' }]}
      curveType="linear"
      withDots
      connectNulls
      xAxisProps={{
        type: 'number',
        scale: 'time',
        domain: [first - pad, last + pad],
        tickFormatter: (v: number) => shortDate(v),
      }}
      yAxisProps={{
        domain: [low, high],
        ticks: Array.from({ length: (high - low) / 5 + 1 }, (_, i) => low + i * 5),
      }}
      tooltipProps={{ labelFormatter: (v) => (typeof v === 'number' ? shortDate(v) : v) }}
      data-testid="erythema-chart"
      aria-label="Erythema index over the check-ins"
    />
  );
}
