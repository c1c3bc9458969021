// A client-rendered app: the static host has no server-side rendering, and no page is prerendered.
export const ssr = false;
export const prerender = false;
