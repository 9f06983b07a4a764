/*-------------------------------------------------------------------------
 *
 * unicode.c
 *	  The Unicode core shared by smskpi's text functions: a text datum as
 *	  UTF-8 in any server encoding, a UTF-8 decoder that never over-reads,
 *	  code point properties (generated tables, binary search), extended
 *	  grapheme clusters (UAX #29, Unicode 15.0 rules GB1..GB999) and emoji
 *	  classification of a cluster (UTS #51).
 *
 *	  Everything but smskpi_text_utf8() is server-independent: the libFuzzer
 *	  build compiles this file with -DSMSKPI_FUZZ (test/fuzz/build.sh).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#ifndef SMSKPI_FUZZ
#include "mb/pg_wchar.h"
#endif

#include "unicode.h"
#include "unicode_tables.h"

#define REPLACEMENT_CHAR 0xFFFD

#ifndef SMSKPI_FUZZ
const char *
smskpi_text_utf8(text *t, int *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();
	char	   *conv;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII || n == 0)
	{
		*len = n;
		return s;
	}
	/* returns s itself when no conversion is needed, else a palloc'd copy */
	conv = pg_server_to_any(s, n, PG_UTF8);
	*len = (conv == s) ? n : (int) strlen(conv);
	return conv;
}
#endif

int
smskpi_utf8_decode(const unsigned char *s, int len, pg_wchar *cp)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80,
				hi = 0xBF;
	int			need;
	pg_wchar	v;
	int			i;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		need = 1;
		v = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;			/* no overlongs */
		else if (c == 0xED)
			hi = 0x9F;			/* no surrogates */
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;			/* no overlongs */
		else if (c == 0xF4)
			hi = 0x8F;			/* nothing above U+10FFFF */
	}
	else
	{
		*cp = REPLACEMENT_CHAR;
		return 1;
	}
	if (len <= need)
	{
		*cp = REPLACEMENT_CHAR;
		return 1;
	}
	for (i = 1; i <= need; i++)
	{
		unsigned char b = s[i];

		if (b < lo || b > hi)
		{
			*cp = REPLACEMENT_CHAR;
			return 1;
		}
		lo = 0x80;
		hi = 0xBF;
		v = (v << 6) | (b & 0x3F);
	}
	*cp = v;
	return need + 1;
}

const char *
smskpi_unicode_version(void)
{
	return SMSKPI_UNICODE_VERSION;
}

uint16
smskpi_uprops(pg_wchar cp)
{
	int			lo = 0,
				hi = lengthof(smskpi_uni_ranges) - 1;

	if (cp < 0x80)
		return smskpi_ascii_props[cp];
	if (cp >= 0xAC00 && cp <= 0xD7A3)
		return ((cp - 0xAC00) % 28 == 0) ? SMSKPI_GCB_LV : SMSKPI_GCB_LVT;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (cp < smskpi_uni_ranges[mid].lo)
			hi = mid - 1;
		else if (cp > smskpi_uni_ranges[mid].hi)
			lo = mid + 1;
		else
			return smskpi_uni_ranges[mid].v;
	}
	return 0;
}

static inline void
gr_begin_cluster(SmskpiGrapheme *g, pg_wchar cp, uint16 p)
{
	g->first = p;
	g->first_cp = cp;
	g->ncp = 1;
	g->emoji_seq = false;
	g->text_vs = false;
}

/* GB11 / GB12-13 state after code point with property word p */
static inline void
gr_track(SmskpiGrapheme *g, uint16 p)
{
	int			b = p & SMSKPI_GCB_MASK;

	if (p & SMSKPI_UP_EXTENDED_PICTOGRAPHIC)
		g->ep = 1;
	else if (b == SMSKPI_GCB_EXTEND && g->ep == 1)
		g->ep = 1;
	else if (b == SMSKPI_GCB_ZWJ && g->ep == 1)
		g->ep = 2;
	else
		g->ep = 0;
	if (b == SMSKPI_GCB_REGIONAL_INDICATOR)
		g->ri_odd = ((g->prev & SMSKPI_GCB_MASK) == SMSKPI_GCB_REGIONAL_INDICATOR) ? !g->ri_odd : true;
	else
		g->ri_odd = false;
	g->prev = p;
}

void
smskpi_gr_start(SmskpiGrapheme *g, pg_wchar cp)
{
	uint16		p = smskpi_uprops(cp);

	g->prev = 0;
	g->ep = 0;
	g->ri_odd = false;
	g->ended_emoji = false;
	gr_begin_cluster(g, cp, p);
	gr_track(g, p);
}

/* is there a grapheme cluster boundary between prev and a code point n? */
static inline bool
gr_is_break(const SmskpiGrapheme *g, uint16 n, bool *zwj_join)
{
	int			a = g->prev & SMSKPI_GCB_MASK;
	int			b = n & SMSKPI_GCB_MASK;

	*zwj_join = false;
	if (a == SMSKPI_GCB_CR && b == SMSKPI_GCB_LF)
		return false;			/* GB3 */
	if (a == SMSKPI_GCB_CR || a == SMSKPI_GCB_LF || a == SMSKPI_GCB_CONTROL)
		return true;			/* GB4 */
	if (b == SMSKPI_GCB_CR || b == SMSKPI_GCB_LF || b == SMSKPI_GCB_CONTROL)
		return true;			/* GB5 */
	if (a == SMSKPI_GCB_L && (b == SMSKPI_GCB_L || b == SMSKPI_GCB_V ||
							  b == SMSKPI_GCB_LV || b == SMSKPI_GCB_LVT))
		return false;			/* GB6 */
	if ((a == SMSKPI_GCB_LV || a == SMSKPI_GCB_V) &&
		(b == SMSKPI_GCB_V || b == SMSKPI_GCB_T))
		return false;			/* GB7 */
	if ((a == SMSKPI_GCB_LVT || a == SMSKPI_GCB_T) && b == SMSKPI_GCB_T)
		return false;			/* GB8 */
	if (b == SMSKPI_GCB_EXTEND || b == SMSKPI_GCB_ZWJ)
		return false;			/* GB9 */
	if (b == SMSKPI_GCB_SPACINGMARK)
		return false;			/* GB9a */
	if (a == SMSKPI_GCB_PREPEND)
		return false;			/* GB9b */
	if (a == SMSKPI_GCB_ZWJ && g->ep == 2 && (n & SMSKPI_UP_EXTENDED_PICTOGRAPHIC))
	{
		*zwj_join = true;
		return false;			/* GB11 */
	}
	if (a == SMSKPI_GCB_REGIONAL_INDICATOR && b == SMSKPI_GCB_REGIONAL_INDICATOR &&
		g->ri_odd)
		return false;			/* GB12, GB13 */
	return true;				/* GB999 */
}

bool
smskpi_gr_next(SmskpiGrapheme *g, pg_wchar cp)
{
	uint16		p = smskpi_uprops(cp);
	bool		zwj_join;

	if (gr_is_break(g, p, &zwj_join))
	{
		g->ended_emoji = smskpi_gr_emoji(g);
		gr_begin_cluster(g, cp, p);
		gr_track(g, p);
		return true;
	}
	/* cp joins the current cluster: note what makes the cluster an emoji */
	g->ncp++;
	if (zwj_join)
		g->emoji_seq = true;
	else if (g->ncp == 2)
	{
		int			f = g->first & SMSKPI_GCB_MASK;

		if (cp == 0xFE0F && (g->first & SMSKPI_UP_EMOJI))
			g->emoji_seq = true;	/* emoji presentation sequence */
		else if (cp == 0xFE0E)
			g->text_vs = true;	/* text presentation sequence */
		else if ((p & SMSKPI_UP_EMOJI_MODIFIER) &&
				 (g->first & SMSKPI_UP_EMOJI_MODIFIER_BASE))
			g->emoji_seq = true;	/* emoji modifier sequence */
		else if (f == SMSKPI_GCB_REGIONAL_INDICATOR &&
				 (p & SMSKPI_GCB_MASK) == SMSKPI_GCB_REGIONAL_INDICATOR)
			g->emoji_seq = true;	/* flag */
	}
	if (cp == 0x20E3 && g->ncp <= 3 &&
		((g->first_cp >= '0' && g->first_cp <= '9') ||
		 g->first_cp == '#' || g->first_cp == '*'))
		g->emoji_seq = true;	/* keycap: base [FE0F] 20E3 */
	gr_track(g, p);
	return false;
}

bool
smskpi_gr_emoji(const SmskpiGrapheme *g)
{
	if (g->emoji_seq)
		return true;
	if (g->text_vs)
		return false;
	/* a lone regional indicator is a letter in a box, not a flag */
	if ((g->first & SMSKPI_GCB_MASK) == SMSKPI_GCB_REGIONAL_INDICATOR)
		return false;
	return (g->first & SMSKPI_UP_EMOJI_PRESENTATION) != 0;
}

int
smskpi_grapheme_next(const unsigned char *s, int len, bool *emoji)
{
	SmskpiGrapheme g;
	pg_wchar	cp;
	int			i;

	Assert(len > 0);
	/* fast path: an ASCII character followed by ASCII (or the end) */
	if (s[0] < 0x80 && s[0] != '\r' && (len == 1 || s[1] < 0x80))
	{
		if (emoji)
			*emoji = false;
		return 1;
	}
	i = smskpi_utf8_decode(s, len, &cp);
	smskpi_gr_start(&g, cp);
	while (i < len)
	{
		int			n = smskpi_utf8_decode(s + i, len - i, &cp);

		if (smskpi_gr_next(&g, cp))
		{
			if (emoji)
				*emoji = g.ended_emoji;
			return i;
		}
		i += n;
	}
	if (emoji)
		*emoji = smskpi_gr_emoji(&g);
	return i;
}
