import { textCell, usageCsv } from './usage-csv';

describe('usage CSV', () => {
  it('writes a header line, then one CRLF-ended line per row, No campaign with an empty id', () => {
    const csv = usageCsv([
      { workspaceId: 'ws_1', workspaceName: 'Sales', campaignId: 'c_1', campaignName: 'Spring', credits: 30n, percent: 75 },
      { workspaceId: 'ws_1', workspaceName: 'Sales', campaignId: null, campaignName: 'No campaign', credits: 10n, percent: 25 },
    ]);
    expect(csv).toBe(
      'workspace_id,workspace_name,campaign_id,campaign_name,credits,percent_of_workspace\r\n' +
        'ws_1,Sales,c_1,Spring,30,75.0\r\n' +
        'ws_1,Sales,,No campaign,10,25.0\r\n',
    );
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(textCell('a,b')).toBe('"a,b"');
    expect(textCell('say "hi"')).toBe('"say ""hi"""');
    expect(textCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises values a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(textCell(`${start}1+1`)).toMatch(/^"?'/);
    expect(textCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(textCell('Plain')).toBe('Plain');
  });

  it('neutralises a leading line feed, spaces before a formula character, and full-width formula characters', () => {
    expect(textCell('\n=1+1')).toBe(`"'\n=1+1"`);
    for (const value of [' =1+1', '  +1', ' -1', '\u00a0@SUM(A1)', '\u3000=1', '\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)', ' \uFF1D1']) {
      expect(textCell(value)).toBe(`'${value}`);
    }
    expect(textCell('a =1')).toBe('a =1');
    expect(textCell(' plain')).toBe(' plain');
  });

  it('keeps exact credits past 2^53 and leaves negative numbers and null percents as they are', () => {
    const csv = usageCsv([{ workspaceId: 'w', workspaceName: 'W', campaignId: 'c', campaignName: 'C', credits: -(2n ** 60n), percent: null }]);
    expect(csv.split('\r\n')[1]).toBe('w,W,c,C,-1152921504606846976,');
  });
});
