/** What the server writes into the demo page (see server/src/demo/page/demo-page.html.ts). */
export interface DemoConfig {
  readonly endpoint: string;
  readonly token: string;
  readonly accountId: string;
}

export const DEMO_CONFIG_ELEMENT_ID = 'creditlens-demo-config';

export function readDemoConfig(document: Document): DemoConfig {
  const element = document.getElementById(DEMO_CONFIG_ELEMENT_ID);
  if (!element?.textContent) throw new Error(`the demo page has no #${DEMO_CONFIG_ELEMENT_ID} element: it is served by the Creditlens server at GET /`);
  return JSON.parse(element.textContent) as DemoConfig;
}
