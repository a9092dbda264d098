import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/background/main';

// Wiring only: every listener is added synchronously in startBackground, so an event that
// wakes a stopped worker finds its listener.
export default defineBackground(() => startBackground());
