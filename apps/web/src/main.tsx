import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { locale, t } from './i18n/t';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

document.title = t('app.name');
document.documentElement.lang = locale;
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
