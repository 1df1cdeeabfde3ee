import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TesseraApi } from '../../shared/tessera-api';
import { getTesseraApi } from './api';
import { ApiProvider } from './ApiProvider';
import { App } from './App';
import { StartupErrorScreen } from './StartupErrorScreen';
import './styles.css';

/**
 * Renderer entry: wires `window.tessera` into the app.
 *
 * The stylesheet is imported here so Vite emits it as a file, which the production CSP
 * (`style-src 'self'`) allows where an inline `<style>` would be blocked.
 */
const container = document.getElementById('root');
if (!container) throw new Error('Tessera: #root is missing from index.html.');

let api: TesseraApi | null = null;
try {
  api = getTesseraApi();
} catch (error) {
  console.error(error);
}

createRoot(container).render(
  <StrictMode>
    {api ? (
      <ApiProvider api={api}>
        <App />
      </ApiProvider>
    ) : (
      <StartupErrorScreen />
    )}
  </StrictMode>,
);
