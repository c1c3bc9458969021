// A steward's decision on a review item, the same flow on every review page: post it; if it was
// not saved, say why (or go to sign-in); once saved, find the next open item in the queue.
import { goto } from '$app/navigation';
import type { ReviewDecision } from '@mast/shared';
import { ApiRequestError, isUnauthorized } from '$lib/api.ts';
import { signInPath } from '$lib/sign-in-redirect.ts';

/** What the steward is told when a decision was not saved. */
export function decisionFailure(error: unknown): string {
  if (error instanceof ApiRequestError && error.code === 'network') {
    return 'Cannot reach mast. The decision was not saved: check your signal and try again.';
  }
  if (error instanceof ApiRequestError && error.status === 403) return 'Only data stewards can decide. The decision was not saved.';
  return 'The decision was not saved. Please try again.';
}

export interface NextItem {
  /** The next open item (null: none left). */
  id: string | null;
  /** How many are open; -1 when the queue could not be read. */
  open: number;
}

export interface DecisionFlowOptions<T> {
  /** The item as it stands now. */
  item: () => T;
  /** Posts the decision; answers the item as it then stands. */
  post: (decision: ReviewDecision) => Promise<T>;
  /** Takes the item as the server now has it. */
  saved: (item: T) => void;
  /** The next open item after the one decided, given as it was before the decision. */
  findNext: (before: T) => Promise<NextItem>;
  /** The page to come back to after signing in. */
  here: () => string;
  /** Moves focus to the outcome once it is on screen. */
  focusOutcome: () => Promise<void>;
}

export class DecisionFlow<T> {
  busy = $state<ReviewDecision | null>(null);
  failure = $state('');
  /** Known once a decision was made here. */
  next = $state<NextItem | null>(null);
  /** When the decision was saved, for "by steward, 06:10 today". */
  now = $state(new Date());

  readonly #options: DecisionFlowOptions<T>;

  constructor(options: DecisionFlowOptions<T>) {
    this.#options = options;
  }

  decide = async (decision: ReviewDecision): Promise<void> => {
    if (this.busy) return;
    this.busy = decision;
    this.failure = '';
    const before = this.#options.item();
    try {
      this.#options.saved(await this.#options.post(decision));
      this.now = new Date();
    } catch (error) {
      if (isUnauthorized(error)) {
        this.busy = null;
        await goto(signInPath(this.#options.here()));
        return;
      }
      this.failure = decisionFailure(error);
      return;
    } finally {
      this.busy = null;
    }
    await this.#options.focusOutcome();
    try {
      this.next = await this.#options.findNext(before);
    } catch {
      // Without the queue, the list is still the way on.
      this.next = { id: null, open: -1 };
    }
  };
}
