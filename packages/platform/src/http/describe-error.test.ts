import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

describe('describeError', () => {
  it("keeps what PostgreSQL said, which Drizzle's wrapper hides in its cause", () => {
    const driverError = Object.assign(new Error('insert or update on table "watches" violates foreign key constraint'), {
      code: '23503',
      detail: 'Key is not present in table "listings".',
      constraint: 'watches_listing_id_listings_id_fk',
    });
    const logged = describeError({ originalError: new Error('Failed query: insert into "watches" ...', { cause: driverError }) });
    expect(logged).toMatchObject({
      message: 'Failed query: insert into "watches" ...',
      cause: { message: driverError.message, code: '23503', detail: 'Key is not present in table "listings".', constraint: 'watches_listing_id_listings_id_fk' },
    });
  });

  it('names a thrown value that is not an Error', () => {
    expect(describeError('boom')).toEqual({ value: 'boom' });
  });
});
