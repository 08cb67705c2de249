import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { topicOfSubject } from '../../../console/server/subject-impact.ts';

describe('topicOfSubject', () => {
  it('reads the topic of a TopicNameStrategy subject, value or key', () => {
    assert.equal(topicOfSubject('shelfstream.orders-value'), 'shelfstream.orders');
    assert.equal(topicOfSubject('shelfstream.orders-key'), 'shelfstream.orders');
    assert.equal(topicOfSubject('a-value-value'), 'a-value');
  });

  it('finds no topic in a subject named otherwise (RecordNameStrategy, a bare name)', () => {
    assert.equal(topicOfSubject('com.shelfstream.raw.SalesOrder'), undefined);
    assert.equal(topicOfSubject('-value'), undefined);
    assert.equal(topicOfSubject('money'), undefined);
  });
});
