/** A row's daily credits as a line: decoration beside its change, whose accessible name carries the meaning. */
export function Sparkline({ values }: { values: readonly number[] }) {
  if (values.length < 2) return <span className="clw-spark" aria-hidden="true" />;
  const high = Math.max(0, ...values);
  const low = Math.min(0, ...values);
  const span = high - low || 1;
  const points = values.map((value, i) => `${i},${(20 * (high - value)) / span}`).join(' ');
  return (
    <svg className="clw-spark" viewBox={`0 -1 ${values.length - 1} 22`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <polyline points={points} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
