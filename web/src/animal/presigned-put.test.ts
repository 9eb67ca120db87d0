import { describe, expect, it } from 'vitest';
import { headersToSend } from './presigned-put';

describe('the headers of a presigned PUT', () => {
  it('keeps the signed content type and leaves the length to the browser, whatever the case', () => {
    expect(
      headersToSend([
        { name: 'Content-Type', value: 'image/png' },
        { name: 'Content-Length', value: '1234' },
        { name: 'HOST', value: 'example' },
        { name: 'x-amz-meta-a', value: 'b' },
      ]),
    ).toEqual([
      ['Content-Type', 'image/png'],
      ['x-amz-meta-a', 'b'],
    ]);
  });
});
