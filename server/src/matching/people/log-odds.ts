// A match weight is the log2 odds that two records are one person: these turn one into the
// other. Apart from the model so that the stewards' feedback (feedback.ts), which the model reads,
// can use them without importing the model back.

export function probabilityOf(weight: number): number {
  const b = Math.pow(2, weight);
  return b / (1 + b);
}

export function weightOfProbability(p: number): number {
  return Math.log2(p / (1 - p));
}
