// Route matcher for /analytics/[topic]: an unknown topic is a 404 page here instead of a round
// trip. The list is REPORT_TOPICS, written out so the app entry does not bundle zod (matchers load
// with the first page); topic.test.ts checks that the two agree.
import type { ParamMatcher } from '@sveltejs/kit';

const TOPICS: readonly string[] = ['demand', 'partners', 'alerts', 'use', 'impact'];

export const match: ParamMatcher = (param) => TOPICS.includes(param);
