/*
 * segments_fuzz.c -- libFuzzer target for src/segments.c (differential).
 * fuzz-sources: src/unicode.c src/segments.c
 *
 * smskpi_sms_count (one pass, ASCII fast path, streaming packers) must equal
 * a plain reference written here from the definition: decode every code
 * point, apply smart replacements, cut into grapheme clusters, then
 *   GSM-7 iff every code point is in GSM-7; cost = septets / UTF-16 units;
 *   total <= 160 / 70 -> 1 segment; else fill parts of 153 / 67 greedily
 *   with whole clusters (a cluster larger than a part is cut between code
 *   points once it would exceed a part).
 * Both smart = false and smart = true are checked on every input.
 */
#include "postgres.h"
#include "unicode.h"

static int
ref_gsm(pg_wchar c)
{
	static const char basic[] = "@$\n\r _!\"#%&'()*+,-./0123456789:;<=>?"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const pg_wchar basic_u[] = {0xA3, 0xA5, 0xE8, 0xE9, 0xF9, 0xEC, 0xF2,
		0xC7, 0xD8, 0xF8, 0xC5, 0xE5, 0x394, 0x3A6, 0x393, 0x39B, 0x3A9, 0x3A0,
		0x3A8, 0x3A3, 0x398, 0x39E, 0xC6, 0xE6, 0xDF, 0xC9, 0xA4, 0xA1, 0xC4,
		0xD6, 0xD1, 0xDC, 0xA7, 0xBF, 0xE4, 0xF6, 0xF1, 0xFC, 0xE0};
	size_t		k;

	if (c == 0x0C || c == '^' || c == '{' || c == '}' || c == '\\' ||
		c == '[' || c == '~' || c == ']' || c == '|' || c == 0x20AC)
		return 2;
	if (c > 0 && c < 0x80 && strchr(basic, (int) c))
		return 1;
	for (k = 0; k < lengthof(basic_u); k++)
		if (basic_u[k] == c)
			return 1;
	return 0;
}

static int
ref_count(const unsigned char *s, int len, bool smart, bool *gsm, int64 *units)
{
	pg_wchar   *cps = malloc(sizeof(pg_wchar) * (7 * (size_t) len + 1));
	int		   *cl = malloc(sizeof(int) * (7 * (size_t) len + 1));	/* cluster id */
	int			n = 0,
				i,
				segs;
	bool		all_gsm = true;
	int64		tot_g = 0,
				tot_u = 0;

	for (i = 0; i < len;)
	{
		pg_wchar	cp;
		const char *r;

		i += smskpi_utf8_decode(s + i, len - i, &cp);
		if (smart && (r = smskpi_smart_replacement(cp)) != NULL)
			for (; *r; r++)
				cps[n++] = (unsigned char) *r;
		else
			cps[n++] = cp;
	}
	if (n > 0)
	{
		SmskpiGrapheme g;
		int			id = 0;

		smskpi_gr_start(&g, cps[0]);
		cl[0] = 0;
		for (i = 1; i < n; i++)
		{
			if (smskpi_gr_next(&g, cps[i]))
				id++;
			cl[i] = id;
		}
	}
	for (i = 0; i < n; i++)
	{
		int			c = ref_gsm(cps[i]);

		if (c == 0)
			all_gsm = false;
		tot_g += c;
		tot_u += cps[i] > 0xFFFF ? 2 : 1;
	}
	*gsm = all_gsm;
	*units = all_gsm ? tot_g : tot_u;
	if (*units <= (all_gsm ? 160 : 70))
		segs = 1;
	else
	{
		int			cap = all_gsm ? 153 : 67;
		int64		used = 0;

		segs = 1;
		for (i = 0; i < n;)
		{
			/* one cluster, cut into pieces of at most cap */
			int			j = i;

			while (j < n && cl[j] == cl[i])
			{
				int64		piece = 0;

				while (j < n && cl[j] == cl[i])
				{
					int			c = all_gsm ? ref_gsm(cps[j]) : (cps[j] > 0xFFFF ? 2 : 1);

					if (piece + c > cap)
						break;
					piece += c;
					j++;
				}
				if (used + piece > cap)
				{
					segs++;
					used = piece;
				}
				else
					used += piece;
			}
			i = j;
		}
	}
	free(cps);
	free(cl);
	return segs;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int			sm;

	for (sm = 0; sm <= 1; sm++)
	{
		bool		g1,
					g2;
		int64		u1,
					u2;
		int			a = smskpi_sms_count(data, (int) size, sm, &g1, &u1);
		int			b = ref_count(data, (int) size, sm, &g2, &u2);

		if (a != b || g1 != g2 || u1 != u2)
		{
			fprintf(stderr, "smart=%d: got %d seg %s %lld units, reference %d seg %s %lld units\n",
					sm, a, g1 ? "GSM-7" : "UCS-2", (long long) u1,
					b, g2 ? "GSM-7" : "UCS-2", (long long) u2);
			abort();
		}
		assert(a >= 1);
	}
	return 0;
}
