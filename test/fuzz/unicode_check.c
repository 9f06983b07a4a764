/*
 * unicode_check.c -- conformance of src/unicode.c against the Unicode data
 * files (a plain program, built by build.sh like the fuzz targets).
 * fuzz-sources: src/unicode.c src/emoji.c
 *
 *   build/fuzz/unicode_check [UCD_DIR]        (default /usr/share/unicode)
 *
 * 1. auxiliary/GraphemeBreakTest.txt: every test line's cluster boundaries
 *    must equal smskpi_grapheme_next's (lines with surrogates are skipped:
 *    they cannot be written in UTF-8).
 * 2. emoji/emoji-test.txt: every fully-qualified emoji (and component) must
 *    be exactly one grapheme cluster and one emoji; minimally-qualified
 *    ones too; unqualified ones are reported (a bare text-default character
 *    such as U+263A is, by our definition, not an emoji).
 * Exit 0 when everything conforms, 1 on a failure, 77 when the files are
 * missing (Debian package unicode-data not installed).
 */
#include "postgres.h"
#include <ctype.h>
#include "unicode.h"

static int
enc(pg_wchar c, unsigned char *o)
{
	if (c < 0x80) { o[0] = c; return 1; }
	if (c < 0x800) { o[0] = 0xC0 | (c >> 6); o[1] = 0x80 | (c & 0x3F); return 2; }
	if (c < 0x10000) { o[0] = 0xE0 | (c >> 12); o[1] = 0x80 | ((c >> 6) & 0x3F); o[2] = 0x80 | (c & 0x3F); return 3; }
	o[0] = 0xF0 | (c >> 18); o[1] = 0x80 | ((c >> 12) & 0x3F); o[2] = 0x80 | ((c >> 6) & 0x3F); o[3] = 0x80 | (c & 0x3F);
	return 4;
}

static int
grapheme_test(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[4096];
	int			lines = 0,
				bad = 0,
				skipped = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
	{
		unsigned char buf[1024];
		int			breaks[256],
					nb = 0,
					len = 0,
					got[256],
					ng = 0,
					i;
		bool		skip = false;
		char	   *p = line;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		/* tokens: "÷" (C3 B7) or "×" (C3 97) and hex code points, up to '#' */
		while (*p && *p != '#')
		{
			if ((unsigned char) p[0] == 0xC3 && (unsigned char) p[1] == 0xB7)
			{
				breaks[nb++] = len;
				p += 2;
			}
			else if ((unsigned char) p[0] == 0xC3 && (unsigned char) p[1] == 0x97)
				p += 2;
			else if (isxdigit((unsigned char) *p))
			{
				unsigned long c = strtoul(p, &p, 16);

				if (c >= 0xD800 && c <= 0xDFFF)
					skip = true;
				else
					len += enc((pg_wchar) c, buf + len);
			}
			else
				p++;
		}
		if (skip)
		{
			skipped++;
			continue;
		}
		lines++;
		/* our boundaries: 0, then after each cluster */
		got[ng++] = 0;
		for (i = 0; i < len;)
		{
			i += smskpi_grapheme_next(buf + i, len - i, NULL);
			got[ng++] = i;
		}
		if (ng != nb || memcmp(got, breaks, sizeof(int) * nb) != 0)
		{
			bad++;
			if (bad <= 10)
				fprintf(stderr, "GraphemeBreakTest mismatch: %s", line);
		}
	}
	fclose(f);
	printf("GraphemeBreakTest: %d lines, %d mismatches, %d skipped (surrogates)\n",
		   lines, bad, skipped);
	return bad;
}

static int
emoji_test(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[4096];
	int			n[4] = {0},
				ok[4] = {0},
				bad = 0;
	static const char *kinds[4] = {"fully-qualified", "minimally-qualified",
	"unqualified", "component"};

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
	{
		unsigned char buf[256];
		int			len = 0,
					k,
					cl;
		char	   *p = line,
				   *semi = strchr(line, ';');
		bool		e;

		if (line[0] == '#' || line[0] == '\n' || !semi)
			continue;
		while (p < semi)
		{
			if (isxdigit((unsigned char) *p))
				len += enc((pg_wchar) strtoul(p, &p, 16), buf + len);
			else
				p++;
		}
		for (k = 0; k < 4; k++)
			if (strncmp(semi + 2, kinds[k], strlen(kinds[k])) == 0)
				break;
		if (k == 4)
			continue;
		n[k]++;
		cl = smskpi_grapheme_next(buf, len, &e);
		if (cl == len && e && smskpi_emoji_count(buf, len, false) == 1)
			ok[k]++;
		else if (k != 2)
		{
			bad++;
			if (bad <= 10)
				fprintf(stderr, "emoji-test: not one emoji: %s", line);
		}
	}
	fclose(f);
	for (int k = 0; k < 4; k++)
		printf("emoji-test %s: %d of %d are one emoji cluster\n", kinds[k], ok[k], n[k]);
	return bad;
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/usr/share/unicode";
	char		path[1024];
	int			a,
				b;

	printf("tables: Unicode %s\n", smskpi_unicode_version());
	snprintf(path, sizeof path, "%s/auxiliary/GraphemeBreakTest.txt", dir);
	a = grapheme_test(path);
	snprintf(path, sizeof path, "%s/emoji/emoji-test.txt", dir);
	b = emoji_test(path);
	if (a < 0 || b < 0)
	{
		printf("Unicode test files not found under %s: skipped\n", dir);
		return 77;
	}
	return (a || b) ? 1 : 0;
}
