// Route matcher for /address/[uprn]: a bad UPRN is a 404 page here instead of a round trip.
// The rule is the API's UprnParamSchema; it is written as a plain regex so the app entry does not
// bundle zod (matchers load with the first page, on a phone with poor signal). uprn.test.ts
// checks that the two agree.
import type { ParamMatcher } from '@sveltejs/kit';

const UPRN = /^[1-9]\d{0,11}$/;

export const match: ParamMatcher = (param) => UPRN.test(param);
