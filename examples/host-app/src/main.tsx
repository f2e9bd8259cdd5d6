import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BillingUsagePage } from './billing-usage-page';
import { readPageOptions } from './page-options';
import './host.css';

const options = readPageOptions(window.location, document);
if (options.theme) document.documentElement.dataset['theme'] = options.theme;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BillingUsagePage options={options} />
  </StrictMode>,
);
