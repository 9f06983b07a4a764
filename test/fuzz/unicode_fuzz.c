/*
 * unicode_fuzz.c -- libFuzzer target for src/unicode.c and src/emoji.c.
 * fuzz-sources: src/unicode.c src/emoji.c
 *
 * Checks, on arbitrary bytes (invalid UTF-8 included):
 *   - smskpi_utf8_decode consumes 1..4 bytes, never past len, yields a
 *     scalar value (no surrogate, <= U+10FFFF), and U+FFFD whenever it
 *     consumes 1 byte of a non-ASCII lead; re-encoding a multi-byte result
 *     gives back the input bytes;
 *   - smskpi_grapheme_next consumes >= 1 byte, never past len, and the
 *     clusters tile the input exactly;
 *   - cluster boundaries and emoji flags equal those of the streaming API
 *     (smskpi_gr_start/smskpi_gr_next) over the decoded code points;
 *   - smskpi_emoji_count equals the number of emoji clusters, has_emoji
 *     (stop_at_first) equals count > 0.
 * ASan/UBSan catch any over-read (the input buffer is exactly len bytes).
 */
#include "postgres.h"
#include "unicode.h"

static int
encode(pg_wchar c, unsigned char *o)
{
	if (c < 0x80) { o[0] = c; return 1; }
	if (c < 0x800) { o[0] = 0xC0 | (c >> 6); o[1] = 0x80 | (c & 0x3F); return 2; }
	if (c < 0x10000) { o[0] = 0xE0 | (c >> 12); o[1] = 0x80 | ((c >> 6) & 0x3F); o[2] = 0x80 | (c & 0x3F); return 3; }
	o[0] = 0xF0 | (c >> 18); o[1] = 0x80 | ((c >> 12) & 0x3F); o[2] = 0x80 | ((c >> 6) & 0x3F); o[3] = 0x80 | (c & 0x3F);
	return 4;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *s = data;
	int			len = (int) size;
	int			i;
	int			emoji_clusters = 0;

	/* decoder */
	for (i = 0; i < len;)
	{
		pg_wchar	cp;
		unsigned char buf[4];
		int			n = smskpi_utf8_decode(s + i, len - i, &cp);

		assert(n >= 1 && n <= 4 && i + n <= len);
		assert(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
		if (n == 1 && s[i] >= 0x80)
			assert(cp == 0xFFFD);
		if (n > 1)
		{
			assert(encode(cp, buf) == n);
			assert(memcmp(buf, s + i, n) == 0);
		}
		i += n;
	}

	/* clusters: byte API vs streaming API */
	{
		SmskpiGrapheme g;
		int			pos = 0;
		int			next_break;		/* end of the cluster by byte API */
		bool		e;
		bool		started = false;

		next_break = (len > 0) ? smskpi_grapheme_next(s, len, &e) : 0;
		assert(len == 0 || (next_break >= 1 && next_break <= len));
		if (len > 0 && e)
			emoji_clusters++;
		for (i = 0; i < len;)
		{
			pg_wchar	cp;
			int			n = smskpi_utf8_decode(s + i, len - i, &cp);

			if (!started)
			{
				smskpi_gr_start(&g, cp);
				started = true;
			}
			else if (smskpi_gr_next(&g, cp))
			{
				/* stream says a cluster ends at i: byte API must agree */
				assert(i == next_break);
				assert(g.ended_emoji == e);
				pos = i;
				next_break = pos + smskpi_grapheme_next(s + pos, len - pos, &e);
				assert(next_break > pos && next_break <= len);
				if (e)
					emoji_clusters++;
			}
			else
				assert(i < next_break);
			i += n;
		}
		if (len > 0)
		{
			assert(next_break == len);
			assert(smskpi_gr_emoji(&g) == e);
		}
	}

	assert(smskpi_emoji_count(s, len, false) == emoji_clusters);
	assert((smskpi_emoji_count(s, len, true) > 0) == (emoji_clusters > 0));
	return 0;
}
