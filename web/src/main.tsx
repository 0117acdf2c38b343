import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadView } from './app/routes';
import { SessionProvider } from './auth/session';
import { initI18n } from './i18n/i18n';
import './styles/app.css';

preloadView(location.pathname);
void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <SessionProvider>
        <App />
      </SessionProvider>
    </StrictMode>,
  );
});
