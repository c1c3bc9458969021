// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference types="vite-plugin-pwa/client" />

declare global {
  namespace App {
    interface Error {
      message: string;
      /** No answer arrived at all: the error page tries again when the signal returns. */
      network?: boolean;
    }
  }
}

export {};
