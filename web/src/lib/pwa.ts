// Registers the service worker built by @vite-pwa/sveltekit. It precaches the app shell only;
// API data is never cached, so an offline phone shows "cannot reach mast", never old data.
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({ immediate: true });
}
