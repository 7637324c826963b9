// The state of the art over time: a step line through the results that set a new best.
import {
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type TooltipItem,
} from "chart.js";
import { useEffect, useRef } from "preact/hooks";
import { sotaPoints, yearTicks, type ProgressionRow, type SotaPoint } from "../chartData";

Chart.register(LineController, LineElement, PointElement, LinearScale, Tooltip);

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export function SotaChart(props: {
  progression: ProgressionRow[];
  metric: string;
  higherIsBetter: boolean;
  compact?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const points = sotaPoints(props.progression);
  const key = JSON.stringify(points);

  useEffect(() => {
    if (!canvas.current || !points.length) return;
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        datasets: [
          {
            label: props.metric,
            data: points,
            stepped: "after",
            borderColor: "#1f5fbf",
            backgroundColor: "#1f5fbf",
            pointRadius: props.compact ? 2.5 : 4,
            borderWidth: 2,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        scales: {
          x: {
            type: "linear",
            min: points[0].x - YEAR_MS / 4,
            max: points[points.length - 1].x + YEAR_MS / 4,
            // One tick on the first of January of each year in view, labelled with the year.
            afterBuildTicks: (axis) => {
              axis.ticks = yearTicks(axis.min, axis.max).map((value) => ({ value }));
            },
            ticks: { callback: (value) => new Date(Number(value)).getUTCFullYear().toString() },
          },
          y: {
            title: { display: !props.compact, text: `${props.metric} (${props.higherIsBetter ? "higher" : "lower"} is better)` },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items: TooltipItem<"line">[]) =>
                items.length ? new Date(items[0].parsed.x ?? 0).toISOString().slice(0, 10) : "",
              label: (item: TooltipItem<"line">) => (item.raw as SotaPoint).label,
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [key, props.metric, props.higherIsBetter, props.compact]);

  if (!points.length) return <p class="muted">No dated results to chart.</p>;
  const best = points[points.length - 1];
  return (
    <div class="chart-box">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`State of the art of ${props.metric} over time: ${points.length} results set a new best, the latest ${best.label}`}
      />
    </div>
  );
}
