// Route matcher for /review/[id]: a pair's id is all digits, never a name or a date of birth.
// The rule is the API's ReviewIdParamSchema, written as a plain regex so the app entry does not
// bundle zod; reviewid.test.ts checks that the two agree.
import type { ParamMatcher } from '@sveltejs/kit';

const REVIEW_ID = /^[1-9]\d{0,15}$/;

export const match: ParamMatcher = (param) => REVIEW_ID.test(param);
