import { useInsertionEffect } from 'react';
import { WIDGET_CSS } from './widget-css';

export { WIDGET_CSS };

const STYLE_ELEMENT_ID = 'creditlens-widget-styles';

/**
 * Puts the stylesheet in the document once, however many widgets (or copies of the bundle) are
 * on the page, with the host's CSP nonce. An insertion effect runs before layout and never on a
 * server, so importing or server-rendering the widget does not touch `document`. Hosts that
 * link `@creditlens/widget/styles.css` pass `injectStyles={false}`.
 */
export function useWidgetStyles(inject: boolean, nonce: string | undefined): void {
  useInsertionEffect(() => {
    if (!inject || document.getElementById(STYLE_ELEMENT_ID)) return;
    const style = document.createElement('style');
    style.id = STYLE_ELEMENT_ID;
    if (nonce) style.nonce = nonce;
    style.textContent = WIDGET_CSS;
    document.head.appendChild(style);
  }, [inject, nonce]);
}
