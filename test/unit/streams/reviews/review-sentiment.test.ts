import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reviewSentiment, sentimentOfReview } from '../../../../streams/reviews/review-sentiment.ts';

const labelOf = (text: string): string => reviewSentiment(text).label;

describe('reviewSentiment', () => {
  it('labels plain positive, negative and neutral texts', () => {
    assert.deepEqual(
      ['Good quality for the money.', 'It broke after two days.', 'Setup took longer than expected.', ''].map(labelOf),
      ['positive', 'negative', 'neutral', 'neutral'],
    );
    assert.deepEqual(reviewSentiment(''), { score: 0, label: 'neutral' });
  });

  it('scores by the VADER normalisation of the weights: good (1) is 1/sqrt(16), terrible (-3) is -3/sqrt(24)', () => {
    assert.equal(reviewSentiment('good').score, 0.25);
    assert.equal(reviewSentiment('terrible').score, -0.6124);
  });

  it('flips and halves a word after a negation, within three words and its clause: "not in any way good" is past its reach', () => {
    assert.equal(reviewSentiment('not good').score, -0.128); // -0.5 / sqrt(0.25 + 15)
    assert.deepEqual(['not good', "wasn't bad at all", 'never broke', 'not in any way good', 'Not cheap, but good'].map(labelOf), ['negative', 'positive', 'positive', 'positive', 'positive']);
  });

  it('scales a word after an intensifier, and an intensified negation too', () => {
    assert.ok(reviewSentiment('very good').score > reviewSentiment('good').score);
    assert.ok(reviewSentiment('extremely bad').score < reviewSentiment('very bad').score);
    assert.ok(reviewSentiment('slightly disappointed').score > reviewSentiment('disappointed').score);
    assert.ok(reviewSentiment('not very good').score < 0);
  });

  it('stays within [-1, 1] however long the text', () => {
    assert.ok(reviewSentiment('great '.repeat(500)).score <= 1);
    assert.ok(reviewSentiment('terrible '.repeat(500)).score >= -1);
  });

  it('is deterministic: the same text always gets the same score', () => {
    const text = 'Exceeded my expectations. The item arrived damaged, but support was really quick.';
    assert.deepEqual(reviewSentiment(text), reviewSentiment(text));
  });

  it('reads a review by its title and body', () => {
    assert.equal(sentimentOfReview({ title: 'Terrible', body: 'Does what it says.' }).label, 'negative');
    assert.equal(sentimentOfReview({ title: null, body: 'Would buy again, love it.' }).label, 'positive');
  });
});
