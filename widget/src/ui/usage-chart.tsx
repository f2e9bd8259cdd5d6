import { useId, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { AccountUsageData } from "../data/usage.types";
import type { Formatters } from "./format";
import { fill, type Labels } from "./labels";

/** Workspaces drawn as their own band; the rest are one "Other" band. */
export const CHART_BANDS = 4;

export interface ChartBand {
  readonly key: string;
  readonly name: string;
  readonly values: readonly number[];
}

/** The page's workspace series as bands: the top workspaces (the API's order), then Other, the sum of the rest. */
export function chartBands(
  workspaces: AccountUsageData["workspaces"],
  otherLabel: string
): ChartBand[] {
  const bands: ChartBand[] = workspaces
    .slice(0, CHART_BANDS)
    .map((row) => ({
      key: row.workspace.id,
      name: row.workspace.name,
      values: row.series.map((bucket) => bucket.credits),
    }));
  const rest = workspaces.slice(CHART_BANDS);
  if (rest.length > 0) {
    const values = rest[0]!.series.map((_, i) =>
      rest.reduce((sum, row) => sum + (row.series[i]?.credits ?? 0), 0)
    );
    bands.push({ key: "", name: otherLabel, values });
  }
  return bands;
}

const BAR = 10;
const HEIGHT = 100;

/**
 * The window's daily credits above the table, stacked by workspace. Hover or keyboard focus
 * (arrow keys, Home, End) picks a day and says its date and credits in a live region; the same
 * numbers are in a table behind a disclosure for screen readers and for copying. A day whose
 * refunds outweigh its spend draws only its positive bands; the table shows the exact numbers.
 */
export function UsageChart({
  usage,
  formatters,
  labels,
}: {
  usage: AccountUsageData;
  formatters: Formatters;
  labels: Labels;
}) {
  const id = useId();
  const [active, setActive] = useState<number | null>(null);
  // The table is built only while its disclosure is open: a closed <details> still lays out its content.
  const [tableOpen, setTableOpen] = useState(false);
  // The account's series dates the days; every row's credits are the same days in order.
  const buckets = usage.workspaces.length === 0 ? [] : usage.series;
  const bands = chartBands(usage.workspaces, labels.chartOther);
  if (buckets.length === 0) return null;
  const totals = buckets.map((_, i) =>
    bands.reduce((sum, band) => sum + band.values[i]!, 0)
  );
  const stacked = buckets.map((_, i) =>
    bands.reduce((sum, band) => sum + Math.max(0, band.values[i]!), 0)
  );
  const top = Math.max(1, ...stacked);
  const describe = (i: number) =>
    fill(labels.chartBucket, {
      date: formatters.seriesDay(buckets[i]!.from),
      credits: formatters.credits(totals[i]!),
    });
  const last = buckets.length - 1;

  const onKeyDown = (event: KeyboardEvent) => {
    const current = active ?? last;
    const next = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(Math.min(last, Math.max(0, next)));
  };
  const onMouseMove = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0)
      setActive(
        Math.min(
          last,
          Math.max(
            0,
            Math.floor(
              ((event.clientX - box.left) / box.width) * buckets.length
            )
          )
        )
      );
  };

  return (
    <div className="clw-chart">
      <div className="clw-chart-top">
        <span className="clw-chart-title" id={`${id}-title`}>
          {labels.chart}
        </span>
        <span className="clw-chart-tip" id={`${id}-tip`} role="status">
          {active === null ? "" : describe(active)}
        </span>
      </div>
      <div
        className="clw-chart-plot"
        role="group"
        tabIndex={0}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-hint`}
        onKeyDown={onKeyDown}
        onFocus={() => setActive((current) => current ?? last)}
        onBlur={() => setActive(null)}
      >
        <span className="clw-sr" id={`${id}-hint`}>
          {labels.chartHint}
        </span>
        <svg
          viewBox={`0 0 ${buckets.length * BAR} ${HEIGHT}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
          onMouseMove={onMouseMove}
          onMouseLeave={() => setActive(null)}
        >
          {active !== null && (
            <rect
              className="clw-chart-active"
              x={active * BAR}
              y={0}
              width={BAR}
              height={HEIGHT}
            />
          )}
          {buckets.map((bucket, i) => {
            let y = HEIGHT;
            return (
              <g key={bucket.from}>
                {bands.map((band, b) => {
                  const height =
                    (Math.max(0, band.values[i]!) / top) * (HEIGHT - 4);
                  y -= height;
                  return height > 0 ? (
                    <rect
                      key={band.key}
                      className={`clw-band-${band.key === "" ? "other" : b}`}
                      x={i * BAR + 1.5}
                      y={y}
                      width={BAR - 3}
                      height={height}
                    />
                  ) : null;
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="clw-legend">
        {bands.map((band, b) => (
          <li key={band.key}>
            <svg
              className={`clw-swatch clw-band-${band.key === "" ? "other" : b}`}
              viewBox="0 0 10 10"
              aria-hidden="true"
              focusable="false"
            >
              <rect width="10" height="10" rx="2" />
            </svg>
            <span title={band.name}>{band.name}</span>
          </li>
        ))}
      </ul>
      <details
        className="clw-chart-data"
        onToggle={(event) => setTableOpen(event.currentTarget.open)}
      >
        <summary>{labels.chartTable}</summary>
        {tableOpen && (
          <div
            className="clw-table-scroll"
            role="region"
            aria-label={labels.chartTable}
            tabIndex={0}
          >
            <table>
              <thead>
                <tr>
                  <th scope="col">{labels.chartDate}</th>
                  {bands.map((band) => (
                    <th scope="col" key={band.key}>
                      {band.name}
                    </th>
                  ))}
                  <th scope="col">{labels.chartTotal}</th>
                </tr>
              </thead>
              <tbody>
                {buckets.map((bucket, i) => (
                  <tr key={bucket.from}>
                    <th scope="row">{formatters.seriesDay(bucket.from)}</th>
                    {bands.map((band) => (
                      <td key={band.key}>
                        {formatters.credits(band.values[i]!)}
                      </td>
                    ))}
                    <td>{formatters.credits(totals[i]!)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </div>
  );
}
