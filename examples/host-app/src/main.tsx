import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BillingUsagePage } from './billing-usage-page';
import './host.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BillingUsagePage />
  </StrictMode>,
);
