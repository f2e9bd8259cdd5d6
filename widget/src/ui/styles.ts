import { useInsertionEffect } from 'react';

/**
 * Every selector starts with `.clw`, so nothing leaks into the host page; hosts theme through
 * the `--clw-*` custom properties (set them on `.clw` or any ancestor's descendant rule).
 * `data-theme="auto"` follows prefers-color-scheme; "light" and "dark" pin it.
 */
export const WIDGET_CSS = `
.clw{--clw-fg:#1b1f24;--clw-muted:#59636e;--clw-bg:#fff;--clw-border:#d1d9e0;--clw-hover:#f3f5f7;--clw-focus:#0969da;--clw-bar:#0969da;--clw-bar-track:#e4e9ee;--clw-danger:#cf222e;--clw-radius:8px;--clw-font:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--clw-fg);background:var(--clw-bg);font:14px/1.45 var(--clw-font);border:1px solid var(--clw-border);border-radius:var(--clw-radius);overflow:hidden;box-sizing:border-box}
.clw[data-theme=dark]{--clw-fg:#e6edf3;--clw-muted:#9198a1;--clw-bg:#0d1117;--clw-border:#3d444d;--clw-hover:#151b23;--clw-focus:#4493f8;--clw-bar:#4493f8;--clw-bar-track:#262c36;--clw-danger:#f85149}
@media (prefers-color-scheme:dark){.clw[data-theme=auto]{--clw-fg:#e6edf3;--clw-muted:#9198a1;--clw-bg:#0d1117;--clw-border:#3d444d;--clw-hover:#151b23;--clw-focus:#4493f8;--clw-bar:#4493f8;--clw-bar-track:#262c36;--clw-danger:#f85149}}
.clw .clw-row{display:grid;grid-template-columns:minmax(0,1fr) 8rem 11rem;align-items:center;gap:1rem;padding:.55rem 1rem;border-top:1px solid var(--clw-border);box-sizing:border-box}
.clw .clw-header{border-top:0;color:var(--clw-muted);font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.clw .clw-level-1[aria-expanded]{cursor:pointer;font-weight:600}
.clw .clw-level-1[aria-expanded]:hover,.clw .clw-level-2:hover{background:var(--clw-hover)}
.clw .clw-level-2{padding-left:2.6rem;font-size:13px}
.clw .clw-row:focus{outline:none}
.clw .clw-row:focus-visible{outline:2px solid var(--clw-focus);outline-offset:-2px}
.clw .clw-name{display:flex;align-items:baseline;gap:.5rem;min-width:0;flex-wrap:wrap}
.clw .clw-label{overflow:hidden;text-overflow:ellipsis}
.clw .clw-chevron{display:inline-block;width:.5em;height:.5em;border-right:2px solid currentColor;border-bottom:2px solid currentColor;transform:rotate(-45deg);transition:transform .15s;margin-right:.25rem;flex:none;align-self:center}
.clw [data-state=open] .clw-chevron{transform:rotate(45deg)}
.clw .clw-note{flex-basis:100%;color:var(--clw-muted);font-size:12px;font-weight:400}
.clw .clw-tag{color:var(--clw-muted);font-size:11px;border:1px solid var(--clw-border);border-radius:4px;padding:0 .3rem}
.clw .clw-credits{text-align:right;font-variant-numeric:tabular-nums}
.clw .clw-percent{display:flex;align-items:center;gap:.5rem;justify-content:flex-end;font-variant-numeric:tabular-nums}
.clw .clw-bar{flex:1;height:6px;border-radius:3px;background:var(--clw-bar-track);overflow:hidden}
.clw .clw-bar-fill{display:block;height:100%;background:var(--clw-bar)}
.clw .clw-percent-text{min-width:3.6rem;text-align:right}
.clw .clw-status-cell{grid-column:1/-1;display:flex;align-items:center;gap:.75rem;color:var(--clw-muted)}
.clw .clw-error,.clw .clw-error .clw-status-cell{color:var(--clw-danger)}
.clw .clw-notice{padding:1rem;display:flex;gap:1rem;align-items:center;justify-content:space-between}
.clw .clw-retry{font:inherit;color:var(--clw-fg);background:var(--clw-bg);border:1px solid var(--clw-border);border-radius:6px;padding:.2rem .8rem;cursor:pointer}
.clw .clw-retry:focus-visible{outline:2px solid var(--clw-focus);outline-offset:1px}
.clw .clw-footer{font-weight:600;background:var(--clw-hover)}
.clw .clw-spinner{width:12px;height:12px;border:2px solid var(--clw-bar-track);border-top-color:var(--clw-bar);border-radius:50%;animation:clw-spin .8s linear infinite}
@keyframes clw-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.clw .clw-spinner,.clw .clw-chevron{animation:none;transition:none}}
`;

const STYLE_ELEMENT_ID = 'creditlens-widget-styles';

/**
 * Puts the stylesheet in the document once, however many widgets (or copies of the bundle) are
 * on the page. An insertion effect runs before layout and never on a server, so importing or
 * server-rendering the widget does not touch `document`.
 */
export function useWidgetStyles(): void {
  useInsertionEffect(() => {
    if (document.getElementById(STYLE_ELEMENT_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ELEMENT_ID;
    style.textContent = WIDGET_CSS;
    document.head.appendChild(style);
  }, []);
}
