/**
 * @jest-environment node
 */
import { renderToString } from 'react-dom/server';
import { CreditUsageBreakdown } from './index';

describe('CreditUsageBreakdown on a server', () => {
  it('imports and renders without a window, as the busy treegrid that the browser will fill in', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(<CreditUsageBreakdown endpoint="http://creditlens.test/graphql" token="t" accountId="acct_demo" />);

    expect(html).toContain('role="treegrid"');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('class="clw"');
  });
});
