import { WIDGET_CSS } from './styles';

/** The selectors of every style rule, descending into @media blocks. */
function selectors(css: string): string[] {
  const found: string[] = [];
  const rule = /([^{}]+)\{([^{}]*)\}/g;
  for (const match of css.replace(/@media[^{]+\{/g, '').matchAll(rule)) {
    const selector = match[1]!.trim();
    if (!/^(from|to|\d+%)$/.test(selector) && !selector.startsWith('@')) found.push(...selector.split(','));
  }
  return found.map((selector) => selector.trim()).filter((selector) => !/^@keyframes/.test(selector));
}

describe('WIDGET_CSS', () => {
  it('scopes every rule under the .clw root class, so nothing styles the host page', () => {
    const all = selectors(WIDGET_CSS.replace(/@keyframes[^{]+\{[^{}]*\{[^{}]*\}\}/g, ''));
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((selector) => !/^\.clw(\[|\s|$)/.test(selector))).toEqual([]);
  });

  it('offers light and dark themes through custom properties', () => {
    expect(WIDGET_CSS).toContain('@media (prefers-color-scheme:dark){.clw[data-theme=auto]{--clw-fg');
    expect(WIDGET_CSS).toContain('.clw[data-theme=dark]{--clw-fg');
  });
});
