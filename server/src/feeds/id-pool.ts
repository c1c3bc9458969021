// Ids reserved from a database sequence ahead of use, handed out one at a time without waiting.
export class IdPool {
  private ids: number[] = [];
  private next = 0;

  get available(): number {
    return this.ids.length - this.next;
  }

  add(ids: readonly number[]): void {
    this.ids = this.ids.slice(this.next).concat(ids);
    this.next = 0;
  }

  take(): number {
    if (this.next >= this.ids.length) throw new Error('no reserved id left: reserve before linking a batch');
    return this.ids[this.next++]!;
  }
}
