// Postcodes for the fictional "MB" area (and a national sample's other made-up areas), in real UK
// format: MB<district> <sector><unit letters>.
// The unit letters come from the 20 Royal Mail allows there (never C, I, K, M, O or V), so a
// validator that knows the real rules accepts them. Each locality owns its districts; when a big
// --scale uses up a district's 4,000 units the allocator opens a new district number.
import type { Rng } from './prng.ts';

export const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export class PostcodeAllocator {
  private readonly free = new Map<number, string[]>();
  private nextNewDistrict: number;

  constructor(
    private readonly rng: Rng,
    private readonly reserved: ReadonlySet<string>,
    firstSpareDistrict: number,
    /** The postcode area: MB is Mastbury's; a national sample's other towns have others. */
    private readonly area = 'MB',
  ) {
    this.nextNewDistrict = firstSpareDistrict;
  }

  /** A fresh postcode in one of the given districts (which grow when exhausted). */
  allocate(districts: number[]): string {
    for (;;) {
      const open = districts.filter((d) => this.units(d).length > 0);
      if (open.length === 0) {
        districts.push(this.nextNewDistrict++);
        continue;
      }
      const code = this.units(this.rng.pick(open)).pop()!;
      if (!this.reserved.has(code)) return code;
    }
  }

  private units(district: number): string[] {
    let list = this.free.get(district);
    if (!list) {
      list = [];
      for (let sector = 0; sector <= 9; sector++)
        for (const a of UNIT_LETTERS) for (const b of UNIT_LETTERS) list.push(`${this.area}${district} ${sector}${a}${b}`);
      // Real postcodes fill a sector at a time; sort each sector's units randomly but keep the
      // sectors in order, popping from the end, so neighbouring streets share sectors.
      const bySector: string[][] = Array.from({ length: 10 }, (_, s) => this.rng.shuffle(list!.slice(s * 400, s * 400 + 400)));
      list = this.rng.shuffle(bySector).flat();
      this.free.set(district, list);
    }
    return list;
  }
}
