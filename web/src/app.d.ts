// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference types="vite-plugin-pwa/client" />

declare global {
  namespace App {
    interface Error {
      message: string;
    }
  }
}

export {};
