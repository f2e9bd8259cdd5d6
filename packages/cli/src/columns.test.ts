import { columnsOf } from './columns';

describe('columnsOf', () => {
  const rows = [
    ['Name', 'Credits'],
    ['Outbound', '1,200'],
    ['EU', '7'],
  ];

  it('pads every cell to its column, left or right as asked, and trims the line end', () => {
    const columns = columnsOf(rows, (column) => (column === 1 ? 'right' : 'left'));
    expect(rows.map(columns.render)).toEqual(['Name      Credits', 'Outbound    1,200', 'EU              7']);
    expect(columns.widths).toEqual([8, 7]);
  });

  it('rules a line as wide as the table', () => {
    expect(columnsOf(rows, () => 'left').rule).toBe('-'.repeat(8 + 2 + 7));
  });
});
