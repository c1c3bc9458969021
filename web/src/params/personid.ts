// Route matcher for /person/[personId]: a person's id is all digits, never a name or a date of
// birth. The rule is the API's PersonIdParamSchema, written as a plain regex so the app entry does
// not bundle zod; personid.test.ts checks that the two agree.
import type { ParamMatcher } from '@sveltejs/kit';

const PERSON_ID = /^[1-9]\d{0,15}$/;

export const match: ParamMatcher = (param) => PERSON_ID.test(param);
