// The explorer page's script: GraphiQL with a credential field. Bundled by esbuild from the
// installed packages (see ../explorer-assets.ts); plain JS with createElement, so no JSX setup.
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createElement as h, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './explorer.css';

const STORAGE_KEY = 'creditlens:credential';
const config = JSON.parse(document.getElementById('explorer-config').textContent);

function readStoredCredential() {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function Explorer() {
  const [draft, setDraft] = useState(readStoredCredential);
  const [credential, setCredential] = useState(draft);
  // A new fetcher per credential makes GraphiQL introspect again: the schema answers authenticated callers only.
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url: config.endpoint, headers: credential ? { Authorization: `Bearer ${credential}` } : {} }),
    [credential],
  );
  const use = (event) => {
    event.preventDefault();
    const value = draft.trim().replace(/^Bearer\s+/i, '');
    try {
      sessionStorage.setItem(STORAGE_KEY, value);
    } catch {
      /* private mode: keep it for this page only */
    }
    setCredential(value);
  };
  return h(
    'div',
    { className: 'creditlens-explorer' },
    h(
      'form',
      { className: 'creditlens-credential', onSubmit: use },
      h('strong', null, 'Creditlens API explorer'),
      h('label', { htmlFor: 'credential' }, 'Authorization: Bearer'),
      h('input', {
        id: 'credential',
        type: 'password',
        autoComplete: 'off',
        spellCheck: false,
        placeholder: 'admin key, API key (clk_key_…) or embed token',
        value: draft,
        onChange: (event) => setDraft(event.target.value),
      }),
      h('button', { type: 'submit' }, 'Use'),
      h('span', { className: 'creditlens-hint', role: 'status' }, credential ? 'sent with every request (kept for this tab only)' : 'no credential: the API answers UNAUTHENTICATED'),
    ),
    h(GraphiQL, {
      fetcher,
      defaultTabs: config.tabs,
      // GraphiQL 4 fills the first tab's editors from these props, not from defaultTabs[0].
      query: config.tabs[0].query,
      variables: config.tabs[0].variables,
      defaultEditorToolsVisibility: 'variables',
      shouldPersistHeaders: false,
    }),
  );
}

createRoot(document.getElementById('explorer')).render(h(Explorer));
