import { insecureOrigin, normaliseOrigin, type Settings } from './settings';

// The options form's checks, one clear reason per field (issue 7, onboarding). Pure.

export const SLA_MIN = 1;
export const SLA_MAX = 1440;

export interface SettingsFormInput {
  url: string;
  authMode: Settings['authMode'];
  token: string;
  slaMinutes: string;
}

export interface SettingsFormErrors {
  url?: 'empty' | 'invalid' | 'insecure';
  token?: 'empty';
  slaMinutes?: 'invalid';
}

export function validateSettingsForm(input: SettingsFormInput): SettingsFormErrors {
  const errors: SettingsFormErrors = {};
  if (input.url.trim() === '') errors.url = 'empty';
  else {
    const origin = normaliseOrigin(input.url);
    if (!origin) errors.url = 'invalid';
    else if (insecureOrigin(origin)) errors.url = 'insecure';
  }
  if (input.authMode === 'token' && input.token.trim() === '') errors.token = 'empty';
  const sla = input.slaMinutes.trim();
  const minutes = Number(sla);
  if (!/^\d+$/.test(sla) || minutes < SLA_MIN || minutes > SLA_MAX) errors.slaMinutes = 'invalid';
  return errors;
}
