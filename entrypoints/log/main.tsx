import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LogApp } from '../../components/logpage/LogApp';
import '../../components/shared/base.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LogApp />
  </StrictMode>,
);
