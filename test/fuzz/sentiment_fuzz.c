/*
 * sentiment_fuzz.c -- libFuzzer harness for smskpi_sentiment() (src/sentiment.c).
 *
 * fuzz-sources: src/unicode.c src/sentiment.c
 *
 * Any byte string (invalid UTF-8 included, as a SQL_ASCII database may hold)
 * must score without crash, over-read (the input is copied into a buffer of
 * exactly its size, so ASan sees a read past the end) or undefined behaviour,
 * to a finite value in [-1, 1], and the same value twice.
 */
#include "postgres.h"

#include <math.h>

#include "sentiment.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *buf;
	double		a,
				b;

	if (size > 1 << 20)
		return 0;
	buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	a = smskpi_sentiment(buf, (int) size);
	b = smskpi_sentiment(buf, (int) size);
	if (!(a >= -1.0 && a <= 1.0) || isnan(a))
	{
		fprintf(stderr, "score out of range: %g\n", a);
		abort();
	}
	if (a != b)
	{
		fprintf(stderr, "score not deterministic: %g vs %g\n", a, b);
		abort();
	}
	free(buf);
	return 0;
}
