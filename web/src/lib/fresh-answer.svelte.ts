// A lookup's answer (an address, a person) read against the clock now, not when the server
// answered: a phone put to sleep on a page and woken the next night must not show yesterday's
// answer as current. On coming back into view an outdated answer is asked for again; until it
// comes (or while offline) the page says when it was looked up (result-age.ts). Asked by the
// page itself, not by re-running its load: a load that fails replaces the page with an error,
// and a responder on a weak signal must keep the answer they have, with its warning.
import { goto } from '$app/navigation';
import { isUnauthorized } from '$lib/api.ts';
import { isOutdated, lookedUpNotice, readingTime } from '$lib/result-age.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';

export class FreshAnswer<T extends { generatedAt: string }> {
  #given: () => T;
  #ask: (given: T) => Promise<T>;
  #phoneNow = $state(Date.now());
  #updating = $state(false);
  #offline = $state(false);
  // A newer answer, and a failure to get one: each kept only for the answer it was asked in place
  // of, so neither follows the user to another address or person (the page is reused). Raw
  // state: a deep proxy would never be === the answer it names.
  #newer = $state.raw<{ for: T; answer: T } | null>(null);
  #failedFor = $state.raw<T | null>(null);

  readonly answer: T;
  /** One clock for the whole page, so every line agrees on what "today" means. */
  readonly now: Date;
  readonly lookedUp: { text: string; warn: boolean };

  /** `given`: the answer the page loaded; `ask`: asks the server again for the same thing. */
  constructor(given: () => T, ask: (given: T) => Promise<T>) {
    this.#given = given;
    this.#ask = ask;
    this.answer = $derived.by(() => {
      const loaded = this.#given();
      return this.#newer && this.#newer.for === loaded ? this.#newer.answer : loaded;
    });
    this.now = $derived(readingTime(this.answer.generatedAt, this.#phoneNow));
    this.lookedUp = $derived(
      lookedUpNotice(
        this.answer.generatedAt,
        this.now,
        this.#offline ? 'offline' : this.#updating ? 'updating' : this.#failedFor === this.#given() ? 'unreachable' : 'idle',
      ),
    );
  }

  async catchUp(): Promise<void> {
    this.#phoneNow = Date.now();
    this.#offline = !navigator.onLine;
    if (this.#offline || this.#updating || document.visibilityState !== 'visible') return;
    if (!isOutdated(this.answer.generatedAt, readingTime(this.answer.generatedAt, this.#phoneNow))) return;
    const asked = this.#given();
    this.#updating = true;
    try {
      this.#newer = { for: asked, answer: await this.#ask(asked) };
      if (this.#failedFor === asked) this.#failedFor = null;
    } catch (err) {
      if (isUnauthorized(err)) await goto(signInPath(location.pathname + location.search));
      else this.#failedFor = asked;
    } finally {
      this.#updating = false;
      this.#phoneNow = Date.now();
    }
  }

  /** Watches the page coming back into view and the network, and moves the clock on; for onMount. */
  watch(): () => void {
    const onChange = () => void this.catchUp();
    // The words ("today", "late") move with the clock while the page stays open on screen too.
    const tick = setInterval(() => (this.#phoneNow = Date.now()), 30_000);
    document.addEventListener('visibilitychange', onChange);
    window.addEventListener('pageshow', onChange);
    window.addEventListener('online', onChange);
    window.addEventListener('offline', onChange);
    return () => {
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onChange);
      window.removeEventListener('pageshow', onChange);
      window.removeEventListener('online', onChange);
      window.removeEventListener('offline', onChange);
    };
  }
}
