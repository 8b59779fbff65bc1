import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { restoreLastView } from './db/settings-store.ts';
import { installTestHooks } from './db/test-hooks.ts';
import { readParam, URL_PARAMS } from './state/url-schema.ts';
import { CampaignProvider } from './views/campaigns/campaign-store.tsx';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('Élément #root absent de index.html');
restoreLastView();
if (readParam(window.location.search, URL_PARAMS.testHooks)) installTestHooks();
createRoot(root).render(
  <StrictMode>
    <CampaignProvider>
      <App />
    </CampaignProvider>
  </StrictMode>,
);
