import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '../../components/App';
import '../../components/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelApp />
  </StrictMode>,
);
