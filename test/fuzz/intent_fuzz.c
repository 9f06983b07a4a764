/*
 * intent_fuzz.c -- libFuzzer target for the reply-intent classifier.
 * fuzz-sources: src/unicode.c src/intent.c
 *
 * Checks, on arbitrary bytes (invalid UTF-8 included), with the input in a
 * buffer of exactly len bytes (ASan catches any over-read):
 *   - smskpi_intent returns one of the seven SmsIntent values, and
 *     smskpi_intent_name maps it to one of the seven names;
 *   - it is deterministic (same bytes, same answer);
 *   - the answer does not change when ASCII spaces are added around the
 *     message, or when its ASCII letters change case (carriers match
 *     keywords case-insensitively and trimmed) -- for messages well inside
 *     the analysed window;
 *   - a message of only ASCII spaces/punctuation is 'other' or 'question'.
 */
#include "postgres.h"
#include "intent.h"

static const char *const names[] = {
	"opt_out", "opt_in", "help", "yes", "no", "question", "other"
};

static SmsIntent
classify_copy(const unsigned char *s, size_t n)
{
	char	   *buf = malloc(n ? n : 1);
	SmsIntent	r;

	memcpy(buf, s, n);
	r = smskpi_intent(buf, (int) n);
	free(buf);
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	SmsIntent	r,
				r2;
	size_t		i;
	bool		only_punct = true;

	if (size > 100000)
		return 0;
	r = smskpi_intent((const char *) data, (int) size);
	assert((int) r >= (int) SMS_INTENT_OPT_OUT && (int) r <= (int) SMS_INTENT_OTHER);
	assert(strcmp(smskpi_intent_name(r), names[r]) == 0);

	r2 = classify_copy(data, size);
	assert(r2 == r);

	for (i = 0; i < size; i++)
		if (data[i] >= 0x80 || (data[i] >= '0' && data[i] <= '9') ||
			((data[i] | 0x20) >= 'a' && (data[i] | 0x20) <= 'z') || data[i] == '#')
			only_punct = false;
	if (only_punct)
		assert(r == SMS_INTENT_OTHER || r == SMS_INTENT_QUESTION);

	if (size <= 1500)
	{
		unsigned char *pad = malloc(size + 4);

		/* padded with spaces */
		pad[0] = ' ';
		pad[1] = '\n';
		memcpy(pad + 2, data, size);
		pad[size + 2] = '\t';
		pad[size + 3] = ' ';
		r2 = smskpi_intent((const char *) pad, (int) size + 4);
		if (r2 != r)
		{
			fprintf(stderr, "padding changed %s to %s\n", names[r], names[r2]);
			abort();
		}
		/* ASCII letters case-swapped */
		memcpy(pad, data, size);
		for (i = 0; i < size; i++)
			if ((pad[i] | 0x20) >= 'a' && (pad[i] | 0x20) <= 'z')
				pad[i] ^= 0x20;
		r2 = smskpi_intent((const char *) pad, (int) size);
		if (r2 != r)
		{
			fprintf(stderr, "case swap changed %s to %s\n", names[r], names[r2]);
			abort();
		}
		free(pad);
	}
	return 0;
}
