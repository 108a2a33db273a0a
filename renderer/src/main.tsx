import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { createDefaultClient } from './api/client';
import { AppProviders, routes } from './App';

// The client first: in browser mode it takes the token out of the URL hash before the router reads it.
const client = createDefaultClient();
const router = createHashRouter(routes);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
