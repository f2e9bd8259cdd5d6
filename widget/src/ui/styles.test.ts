import { WIDGET_CSS } from './styles';

/** The selectors of every style rule, inside the layer and any @media / @container block. */
function selectors(css: string): string[] {
  const found: string[] = [];
  const body = css
    .replace(/@keyframes[^{]+\{[^{}]*\{[^{}]*\}\}/g, '')
    .replace(/@(layer|media|container)[^{]+\{/g, '');
  for (const match of body.matchAll(/([^{}]+)\{([^{}]*)\}/g)) found.push(...match[1]!.split(','));
  return found.map((selector) => selector.trim()).filter(Boolean);
}

describe('WIDGET_CSS', () => {
  it('scopes every rule under the .clw root class, so nothing styles the host page', () => {
    const all = selectors(WIDGET_CSS);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((selector) => !/^\.clw(\[|\s|$)/.test(selector))).toEqual([]);
  });

  it('puts every rule in the creditlens cascade layer, so any unlayered host rule wins whatever its specificity', () => {
    expect(WIDGET_CSS.startsWith('@layer creditlens{')).toBe(true);
    let depth = 0;
    const closes: number[] = [];
    [...WIDGET_CSS].forEach((char, index) => {
      if (char === '{') depth += 1;
      if (char === '}') {
        depth -= 1;
        if (depth === 0) closes.push(index);
      }
    });
    expect(closes).toEqual([WIDGET_CSS.length - 1]);
  });

  it('paints with the host\'s --clw-* variables, set on .clw or any ancestor, and only falls back to its own colours', () => {
    expect(WIDGET_CSS).toContain('--clw-_bar:var(--clw-bar,#0969da)');
    expect(WIDGET_CSS).not.toMatch(/[;{]--clw-bar:/);
  });

  it('offers light and dark themes: pinned, from the host page\'s color-scheme, or from the OS when the host declares none', () => {
    expect(WIDGET_CSS).toContain('.clw[data-theme=dark],.clw[data-theme=auto][data-scheme=dark]{--clw-_fg:var(--clw-fg,#e6edf3)');
    expect(WIDGET_CSS).toContain('@media (prefers-color-scheme:dark){.clw[data-theme=auto]:not([data-scheme]){--clw-_fg:var(--clw-fg,#e6edf3)');
  });

  it('drops the share bar before the names shrink, by container width', () => {
    expect(WIDGET_CSS).toContain('container-type:inline-size');
    expect(WIDGET_CSS).toMatch(/@container \(max-width:44rem\)\{[^@]*\.clw \.clw-bar-box\{display:none\}/);
  });
});
