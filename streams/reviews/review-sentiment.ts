/**
 * Review sentiment by a small word lexicon, with negation and intensifiers.
 *
 * Why a lexicon and not a model: the score is a pure function of the text, with no model download,
 * no version drift and no floating-point differences between machines, so replaying the log
 * (rebuild) gives every review exactly the score it had, and a test can compute the same scores.
 */

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface Sentiment {
  /** From -1 (negative) to 1 (positive), rounded to 4 decimals. */
  readonly score: number;
  readonly label: SentimentLabel;
}

/** Word weights, 1 mild to 3 strong. */
const LEXICON: ReadonlyMap<string, number> = new Map([
  ...(['good', 'nice', 'fine', 'works', 'quick', 'fast', 'easy', 'sturdy', 'worth', 'recommend', 'happy', 'pleased', 'satisfied', 'reliable', 'comfortable', 'solid'] as const).map((w) => [w, 1] as const),
  ...(['great', 'love', 'loved', 'exceeded', 'best', 'awesome', 'amazing', 'excellent', 'perfect'] as const).map((w) => [w, 2] as const),
  ...(['bad', 'poor', 'slow', 'lower', 'flimsy', 'cheaply', 'returned', 'return', 'refund', 'problem', 'issue', 'disappointed', 'disappointing'] as const).map((w) => [w, -1] as const),
  ...(['broke', 'broken', 'damaged', 'defective', 'faulty', 'useless', 'waste', 'hate'] as const).map((w) => [w, -2] as const),
  ...(['terrible', 'awful', 'worst', 'horrible'] as const).map((w) => [w, -3] as const),
]);

/** Words that flip the sentiment of the next few words: "not good" is negative, "never broke" positive. */
const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'nothing', 'without', 'hardly', "isn't", "wasn't", "don't", "doesn't", "didn't", "won't", "can't", 'cannot']);
/** Multipliers of the next sentiment word. */
const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.5], ['really', 1.5], ['so', 1.5], ['extremely', 2], ['absolutely', 2], ['totally', 1.5], ['highly', 1.5], ['super', 1.5],
  ['slightly', 0.5], ['somewhat', 0.5], ['barely', 0.5],
]);
/** How many words after a negation it reaches (within its clause). */
const NEGATION_REACH = 3;
/** A negated word counts for less than its opposite: "not bad" is not "good". */
const NEGATED_WEIGHT = -0.5;
/** Normalises a sum of weights into (-1, 1) as VADER does: x / sqrt(x² + α). */
const ALPHA = 15;
/** Scores within this of zero are neutral. */
const NEUTRAL_BAND = 0.05;

/** The sentiment of a review's text: words of the lexicon, flipped after a negation, scaled by an intensifier before them. */
export function reviewSentiment(text: string): Sentiment {
  let sum = 0;
  for (const clause of text.toLowerCase().split(/[.!?;:,]+|\bbut\b/u)) {
    let negatedFor = 0;
    let intensity = 1;
    for (const word of clause.match(/[a-z']+/gu) ?? []) {
      const weight = LEXICON.get(word);
      if (NEGATIONS.has(word)) {
        negatedFor = NEGATION_REACH;
        continue;
      }
      const factor = INTENSIFIERS.get(word);
      if (factor !== undefined) {
        intensity *= factor;
        continue;
      }
      if (weight !== undefined) {
        sum += weight * intensity * (negatedFor > 0 ? NEGATED_WEIGHT : 1);
        negatedFor = 0;
      } else if (negatedFor > 0) {
        negatedFor--;
      }
      intensity = 1;
    }
  }
  const score = Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 10_000) / 10_000;
  return { score, label: score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral' };
}

/** A review's sentiment: its title and body together. */
export function sentimentOfReview(review: { readonly title: string | null; readonly body: string }): Sentiment {
  return reviewSentiment(review.title === null ? review.body : `${review.title}. ${review.body}`);
}
