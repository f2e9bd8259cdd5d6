/**
 * The widget's stylesheet as text: injected by `useWidgetStyles`, or written to
 * dist/styles.css (scripts/styles-css.mjs) for hosts under `style-src 'self'`.
 *
 * Why the host always wins: every rule sits in the `creditlens` cascade layer, and unlayered
 * host rules beat layered ones whatever their specificity. Every colour is read as
 * `var(--clw-x, default)` into a private `--clw-_x`, so a host's `--clw-x` on `.clw` or on any
 * ancestor is what the widget paints with; the themes only swap the defaults.
 */
const LIGHT = {
  fg: '#1b1f24', muted: '#59636e', bg: '#fff', border: '#d1d9e0', hover: '#f3f5f7', focus: '#0969da', bar: '#0969da', 'bar-part': '#218bff', 'bar-track': '#e4e9ee', danger: '#cf222e',
  up: '#1a7f37', band0: '#0969da', band1: '#8250df', band2: '#bf3989', band3: '#bc4c00', other: '#8c959f',
};
const DARK: typeof LIGHT = {
  fg: '#e6edf3', muted: '#9198a1', bg: '#0d1117', border: '#3d444d', hover: '#151b23', focus: '#4493f8', bar: '#4493f8', 'bar-part': '#80ccff', 'bar-track': '#262c36', danger: '#f85149',
  up: '#3fb950', band0: '#4493f8', band1: '#ab7df8', band2: '#f778ba', band3: '#f0883e', other: '#656c76',
};

const vars = (theme: Record<string, string>) =>
  Object.entries(theme)
    .map(([name, value]) => `--clw-_${name}:var(--clw-${name},${value})`)
    .join(';');
const v = (name: keyof typeof LIGHT | 'radius' | 'font') => `var(--clw-_${name})`;

export const WIDGET_CSS = `@layer creditlens{
.clw{${vars(LIGHT)};--clw-_radius:var(--clw-radius,8px);--clw-_font:var(--clw-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
container-type:inline-size;color:${v('fg')};background:${v('bg')};font:14px/1.45 ${v('font')};border:1px solid ${v('border')};border-radius:${v('radius')};overflow:hidden;box-sizing:border-box;min-width:0;max-width:100%}
.clw[data-theme=dark],.clw[data-theme=auto][data-scheme=dark]{${vars(DARK)};color-scheme:dark}
@media (prefers-color-scheme:dark){.clw[data-theme=auto]:not([data-scheme]){${vars(DARK)};color-scheme:dark}}
.clw *{box-sizing:border-box}
.clw .clw-row{display:grid;grid-template-columns:minmax(4rem,1fr) 7rem 11rem 9rem;align-items:center;gap:1rem;padding:.55rem 1rem;border-top:1px solid ${v('border')}}
.clw .clw-with-actions .clw-row{grid-template-columns:minmax(4rem,1fr) 7rem 11rem 9rem var(--clw-actions-width,6rem)}
.clw .clw-trend{display:flex;align-items:center;gap:.5rem;justify-content:flex-end;white-space:nowrap;font-variant-numeric:tabular-nums}
.clw .clw-spark{width:4rem;height:1.1rem;flex:none}
.clw .clw-spark polyline{fill:none;stroke:${v('bar')};stroke-width:1.5}
.clw .clw-change{min-width:3.8rem;text-align:right;font-size:13px}
.clw .clw-change-up{color:${v('up')}}
.clw .clw-change-down{color:${v('danger')}}
.clw .clw-change-new,.clw .clw-change-none,.clw .clw-change-same{color:${v('muted')}}
.clw .clw-toolbar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding:0 1rem .75rem}
.clw .clw-toolbar .clw-filter{margin:0;width:auto;flex:1 1 12rem}
.clw .clw-sort{display:flex;align-items:center;gap:.5rem;font-size:13px;color:${v('muted')};margin-left:auto}
.clw .clw-sort select{color:${v('fg')}}
.clw .clw-chart{padding:0 1rem .75rem}
.clw .clw-chart-top{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;font-size:13px;min-height:1.4em}
.clw .clw-chart-title{font-weight:600}
.clw .clw-chart-tip{font-variant-numeric:tabular-nums}
.clw .clw-chart-plot{margin-top:.25rem;border-bottom:1px solid ${v('border')}}
.clw .clw-chart-plot:focus-visible{outline:2px solid ${v('focus')};outline-offset:2px}
.clw .clw-chart-plot svg{display:block;width:100%;height:7rem}
.clw .clw-chart-active{fill:${v('hover')}}
.clw .clw-band-0{fill:${v('band0')}}.clw .clw-band-1{fill:${v('band1')}}.clw .clw-band-2{fill:${v('band2')}}.clw .clw-band-3{fill:${v('band3')}}.clw .clw-band-other{fill:${v('other')}}
.clw .clw-legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:.5rem 0 0;padding:0;font-size:12px;color:${v('muted')}}
.clw .clw-legend li{display:flex;align-items:center;gap:.35rem;min-width:0;max-width:100%}
.clw .clw-legend span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.clw .clw-swatch{width:10px;height:10px;flex:none}
.clw .clw-chart-data{margin-top:.5rem;font-size:12px}
.clw .clw-chart-data summary{cursor:pointer;color:${v('focus')}}
.clw .clw-table-scroll{overflow:auto;max-height:16rem;margin-top:.25rem}
.clw .clw-entries-scroll{overflow-x:auto}
.clw .clw-entries-scroll:focus-visible{outline:2px solid ${v('focus')};outline-offset:-2px}
.clw .clw-chart-data table{border-collapse:collapse;font-variant-numeric:tabular-nums}
.clw .clw-chart-data th,.clw .clw-chart-data td{padding:.15rem .5rem;text-align:right;border-bottom:1px solid ${v('border')};white-space:nowrap}
.clw .clw-chart-data th[scope=row]{text-align:left}
.clw .clw-header{border-top:0;color:${v('muted')};font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.clw .clw-level-1[aria-expanded]{cursor:pointer;font-weight:600}
.clw .clw-level-1[aria-expanded]:hover,.clw .clw-level-2:hover,.clw .clw-more:hover{background:${v('hover')}}
.clw .clw-level-2{font-size:13px}
.clw .clw-level-2 .clw-name{padding-left:1.6rem}
.clw .clw-row:focus{outline:none}
.clw .clw-row:focus-visible{outline:2px solid ${v('focus')};outline-offset:-2px}
.clw .clw-name{display:flex;align-items:baseline;gap:.5rem;min-width:0;flex-wrap:wrap}
.clw .clw-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0;max-width:100%}
.clw [aria-expanded] .clw-label{max-width:calc(100% - 1.5rem)}
.clw .clw-row:focus .clw-label{white-space:normal;overflow-wrap:anywhere}
.clw .clw-chevron{display:inline-block;width:.5em;height:.5em;border-right:2px solid currentColor;border-bottom:2px solid currentColor;transform:rotate(-45deg);transition:transform .15s;margin-right:.25rem;flex:none;align-self:center}
.clw [data-state=open] .clw-chevron{transform:rotate(45deg)}
.clw .clw-note{flex-basis:100%;color:${v('muted')};font-size:12px;font-weight:400}
.clw .clw-budget{flex-basis:100%;min-width:0;display:flex;flex-wrap:wrap;align-items:center;gap:.15rem .5rem;color:${v('muted')};font-size:12px;font-weight:400;font-variant-numeric:tabular-nums}
.clw .clw-budget-bar{position:relative;width:6rem;min-width:2.5rem;height:6px;border-radius:3px;background:${v('bar-track')};flex:0 1 auto}
.clw .clw-budget-fill{display:block;height:100%;border-radius:3px;background:${v('bar')}}
.clw .clw-over{background:${v('danger')}}
.clw .clw-mark{position:absolute;top:-2px;width:2px;height:10px;margin-left:-1px;background:${v('border')}}
.clw .clw-crossed{background:${v('fg')}}
.clw .clw-tag{color:${v('muted')};font-size:11px;border:1px solid ${v('border')};border-radius:4px;padding:0 .3rem}
.clw .clw-credits{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.clw .clw-percent{display:flex;align-items:center;gap:.5rem;justify-content:flex-end;font-variant-numeric:tabular-nums;white-space:nowrap}
.clw .clw-bar-box{flex:1;display:flex}
.clw .clw-bar{height:6px;border-radius:3px;background:${v('bar-track')};overflow:hidden}
.clw .clw-bar-fill{display:block;height:100%;background:${v('bar')}}
.clw .clw-level-2 .clw-bar{height:4px;border-radius:2px}
.clw .clw-level-2 .clw-bar-fill{background:${v('bar-part')}}
.clw .clw-percent-text{min-width:3.6rem;text-align:right}
.clw .clw-actions{display:flex;gap:.4rem;justify-content:flex-end}
.clw .clw-status-cell{grid-column:1/-1;display:flex;align-items:center;gap:.75rem;color:${v('muted')}}
.clw .clw-error,.clw .clw-error .clw-status-cell{color:${v('danger')}}
.clw .clw-notice{padding:1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
.clw .clw-top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding:.75rem 1rem}
.clw .clw-period{font-weight:600}
.clw .clw-asof{display:inline-block;color:${v('muted')};font-size:12px;margin-left:.5rem;white-space:nowrap}
.clw .clw-tools{display:flex;gap:.5rem;flex-wrap:wrap}
.clw .clw-button{font:inherit;font-size:13px;color:${v('fg')};background:${v('bg')};border:1px solid ${v('border')};border-radius:6px;padding:.2rem .8rem;cursor:pointer}
.clw .clw-button[aria-disabled=true]{opacity:.5;cursor:default}
.clw .clw-button:focus-visible,.clw .clw-filter:focus-visible{outline:2px solid ${v('focus')};outline-offset:1px}
.clw .clw-filter{font:inherit;color:${v('fg')};background:${v('bg')};border:1px solid ${v('border')};border-radius:6px;padding:.3rem .6rem;margin:0 1rem .75rem;width:calc(100% - 2rem);max-width:20rem}
.clw .clw-more{cursor:pointer;color:${v('focus')}}
.clw .clw-stale{opacity:.55;transition:opacity .2s}
.clw .clw-footer{font-weight:600;background:${v('hover')}}
.clw .clw-entries{flex:none;align-self:center;width:1.4rem;height:1.2rem;padding:0;border:1px solid transparent;border-radius:4px;cursor:pointer;color:${v('muted')};background:linear-gradient(currentColor,currentColor) 50% 30%/55% 1.5px no-repeat,linear-gradient(currentColor,currentColor) 50% 50%/55% 1.5px no-repeat,linear-gradient(currentColor,currentColor) 50% 70%/55% 1.5px no-repeat}
.clw .clw-entries:hover{border-color:${v('border')};color:${v('fg')}}
.clw .clw-entries:focus-visible{outline:2px solid ${v('focus')};outline-offset:1px}
.clw .clw-panel{border-top:1px solid ${v('border')};border-bottom:1px solid ${v('border')};background:${v('hover')}}
.clw .clw-panel h2{margin:0;font-size:14px}
.clw .clw-panel h2:focus{outline:none}
.clw .clw-summary{margin:0;padding:0 1rem .5rem;color:${v('muted')};font-size:12px}
.clw .clw-entries-table{width:100%;border-collapse:collapse;font-size:13px;background:${v('bg')}}
.clw .clw-entries-table th,.clw .clw-entries-table td{text-align:left;padding:.35rem 1rem;border-top:1px solid ${v('border')}}
.clw .clw-entries-table th{color:${v('muted')};font-size:12px;font-weight:600}
.clw .clw-entries-table .clw-credits{text-align:right}
.clw .clw-key{font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
.clw .clw-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.clw .clw-spinner{width:12px;height:12px;border:2px solid ${v('bar-track')};border-top-color:${v('bar')};border-radius:50%;animation:clw-spin .8s linear infinite}
@keyframes clw-spin{to{transform:rotate(360deg)}}
@container (max-width:44rem){
.clw .clw-row,.clw .clw-with-actions .clw-row{grid-template-columns:minmax(4rem,1fr) minmax(4.5rem,max-content) 3.6rem minmax(4.5rem,max-content);gap:.5rem;padding:.5rem .75rem}
.clw .clw-spark{display:none}
.clw .clw-change{min-width:0}
.clw .clw-chart,.clw .clw-toolbar{padding-left:.75rem;padding-right:.75rem}
.clw .clw-bar-box{display:none}
.clw .clw-percent-text{min-width:0}
.clw .clw-actions{grid-column:1/-1;justify-content:flex-start}
.clw .clw-level-2 .clw-name{padding-left:1rem}
.clw .clw-top{padding:.6rem .75rem}
.clw .clw-asof{white-space:normal}
.clw .clw-filter{margin:0 .75rem .6rem;width:calc(100% - 1.5rem)}
}
@container (max-width:26rem){
.clw .clw-row,.clw .clw-with-actions .clw-row{grid-template-columns:minmax(4rem,1fr) minmax(4.5rem,max-content) 3.4rem;font-size:13px;gap:.1rem .4rem;padding:.45rem .5rem}
.clw .clw-row:not(.clw-status)>:first-child{grid-row:span 2}
.clw .clw-row>.clw-trend{grid-column:2/-1}
.clw .clw-header{font-size:11px;letter-spacing:0}
.clw .clw-chart-tip{flex-basis:100%;min-height:1.4em}
}
@media (prefers-reduced-motion:reduce){.clw .clw-spinner,.clw .clw-chevron,.clw .clw-stale{animation:none;transition:none}}
}`;
