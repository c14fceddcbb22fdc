import { createSimulatorPhone } from './simulator-phone.js';
import { createVonagePhone } from './vonage-phone.js';

/**
 * The phone the desk's config names: `{"phone":"vonage"}` → the Client SDK (loaded only then),
 * `{"phone":"simulator","simulatorUrl":…}` → vonage-simulator.
 */
export async function createPhone(config) {
  if (config.phone === 'simulator') return createSimulatorPhone(config.simulatorUrl);
  const { VonageClient } = await import('@vonage/client-sdk');
  return createVonagePhone(new VonageClient());
}

/**
 * Logs the phone in with a Client SDK token from `fetchJwt()` (`{token, expiresAt}`) and keeps its session alive:
 * a new token is fetched and handed to `refresh` two minutes before expiry (half-way for shorter tokens).
 * Returns `stop()`.
 */
export function keepPhoneSession(phone, fetchJwt, { onError = () => {}, now = Date.now } = {}) {
  let timer;
  let stopped = false;
  const schedule = (expiresAt) => {
    const left = Date.parse(expiresAt) - now();
    // capped at a day: setTimeout fires at once for delays beyond 2^31-1 ms
    const wait = Math.min(Math.max(left - Math.min(120000, left / 2), 1000), 86400000);
    timer = setTimeout(async () => {
      try {
        const { token, expiresAt: next } = await fetchJwt();
        if (stopped) return;
        await phone.refresh(token);
        schedule(next);
      } catch (error) {
        onError(error);
        if (!stopped) timer = setTimeout(() => schedule(new Date(now() + 30000).toISOString()), 0);
      }
    }, wait);
  };
  const started = (async () => {
    const { token, expiresAt } = await fetchJwt();
    await phone.login(token);
    schedule(expiresAt);
  })();
  return {
    started,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
