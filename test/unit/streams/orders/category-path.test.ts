import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryPath } from '../../../../streams/orders/category-path.ts';

describe('categoryPath', () => {
  it('keeps a one-level category, ampersands and apostrophes included, as a path of one', () => {
    assert.deepEqual(categoryPath('Toys & Games'), ['Toys & Games']);
    assert.deepEqual(categoryPath("Children's Book"), ["Children's Book"]);
  });

  it('splits breadcrumbs on >, › and /, trimming steps and collapsing inner whitespace', () => {
    assert.deepEqual(categoryPath('Electronics > Headphones'), ['Electronics', 'Headphones']);
    assert.deepEqual(categoryPath(' Home  ›  Kitchen &  Dining›Cookware '), ['Home', 'Kitchen & Dining', 'Cookware']);
    assert.deepEqual(categoryPath('Books/Fiction'), ['Books', 'Fiction']);
  });

  it('drops empty steps, so an empty category has an empty path', () => {
    assert.deepEqual(categoryPath('Electronics >> > Audio'), ['Electronics', 'Audio']);
    assert.deepEqual(categoryPath('   '), []);
  });
});
