// Registers the service worker built by @vite-pwa/sveltekit. It precaches the app shell only;
// API answers are never cached, so an offline phone shows "cannot reach mast", never old data.
// The one thing kept for offline use is the alert list (lib/offline/), sealed, and always shown
// with its age and expiry.
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({ immediate: true });
}
