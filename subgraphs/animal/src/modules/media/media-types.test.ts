import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffContentType } from './media-types.js';

const image = (format: 'jpeg' | 'png' | 'webp') =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } })
    .toFormat(format)
    .toBuffer();

describe('sniffContentType', () => {
  it('reads the type from the bytes of each allowed format', async () => {
    expect(sniffContentType(await image('jpeg'))).toBe('image/jpeg');
    expect(sniffContentType(await image('png'))).toBe('image/png');
    expect(sniffContentType(await image('webp'))).toBe('image/webp');
    expect(sniffContentType(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'))).toBe('image/heic');
    expect(sniffContentType(Buffer.from('%PDF-1.7\n%...'))).toBe('application/pdf');
  });

  it('answers null for bytes of anything else, whatever they are named', async () => {
    expect(sniffContentType(Buffer.from('<html><body>not a photo</body></html>'))).toBeNull();
    expect(
      sniffContentType(
        await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
          .gif()
          .toBuffer(),
      ),
    ).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});
