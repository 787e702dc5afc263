import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../src/background/main.js';

// The background worker alone holds the agent token and talks to the server.
export default defineBackground(() => startBackground());
