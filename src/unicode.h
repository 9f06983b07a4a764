/*-------------------------------------------------------------------------
 *
 * unicode.h
 *	  Shared Unicode core of smskpi's text functions: UTF-8 access to a
 *	  text datum in any server encoding, a safe UTF-8 decoder, extended
 *	  grapheme cluster segmentation (UAX #29) and emoji classification.
 *
 *	  Include "postgres.h" first.  Everything except smskpi_text_utf8()
 *	  is server-independent and also compiles in the libFuzzer build
 *	  (-DSMSKPI_FUZZ with test/fuzz/shim on the include path).
 *
 *-------------------------------------------------------------------------
 */
#ifndef SMSKPI_UNICODE_H
#define SMSKPI_UNICODE_H

#include "mb/pg_wchar.h"

#ifndef SMSKPI_FUZZ
/*
 * Bytes of a text datum as UTF-8: in UTF8 and SQL_ASCII databases the bytes
 * as they are (SQL_ASCII may hold invalid sequences: they decode as U+FFFD,
 * never crash, never over-read); in any other server encoding the text
 * converted to UTF-8 (pg_server_to_any, which pallocs).  *len is set.  The
 * result is not NUL-terminated.
 */
extern const char *smskpi_text_utf8(text *t, int *len);
#endif

/*
 * Decode one code point from s[0..len) (len > 0); returns bytes consumed
 * (1..4).  An invalid, overlong, surrogate, out-of-range or truncated
 * sequence consumes 1 byte and yields U+FFFD.
 */
extern int	smskpi_utf8_decode(const unsigned char *s, int len, pg_wchar *cp);

/*
 * Byte length (>= 1) of the extended grapheme cluster (UAX #29) starting at s
 * (len > 0).  *emoji (if emoji is not NULL) = true when the cluster is an
 * emoji as users see it: an Emoji_Presentation character, a character
 * followed by VS16 (U+FE0F), an Emoji_Modifier_Base with a skin-tone
 * modifier, a ZWJ sequence of pictographs, a regional-indicator flag pair,
 * a keycap (0-9 # * + U+20E3), or a tag sequence (subdivision flags).
 */
extern int	smskpi_grapheme_next(const unsigned char *s, int len, bool *emoji);

/* Unicode version of the generated property tables, e.g. "15.0.0". */
extern const char *smskpi_unicode_version(void);

/*
 * Streaming interface, for callers that segment a code point stream that is
 * not a byte string (sms_smart_segments maps code points before clustering)
 * or that want code points and clusters in one pass.
 *
 *	 SmskpiGrapheme g;
 *	 smskpi_gr_start(&g, cp0);				first code point of the text
 *	 for each next cp:
 *		 if (smskpi_gr_next(&g, cp))		break before cp: cp started a new
 *			 ... g.ended_emoji ...			cluster in g; g.ended_emoji tells
 *											whether the one that ended is emoji
 *	 at the end: smskpi_gr_emoji(&g) classifies the last cluster.
 *
 * Property word of a code point: Grapheme_Cluster_Break | SMSKPI_UP_* flags
 * (see unicode_tables.h).
 */
typedef struct SmskpiGrapheme
{
	uint16		prev;			/* property word of the previous code point */
	uint8		ep;				/* GB11: 1 = ExtPict Extend*, 2 = ... ZWJ */
	bool		ri_odd;			/* odd run of Regional_Indicators before */
	/* classification of the current cluster */
	uint16		first;			/* property word of its first code point */
	pg_wchar	first_cp;
	int			ncp;			/* code points in it so far */
	bool		emoji_seq;		/* VS16 / modifier / keycap / flag / ZWJ join */
	bool		text_vs;		/* VS15 (U+FE0E) right after the first */
	bool		ended_emoji;	/* smskpi_gr_emoji() of the cluster that the
								 * last break (smskpi_gr_next() = true) ended */
} SmskpiGrapheme;

extern uint16 smskpi_uprops(pg_wchar cp);
extern void smskpi_gr_start(SmskpiGrapheme *g, pg_wchar cp);
extern bool smskpi_gr_next(SmskpiGrapheme *g, pg_wchar cp);
extern bool smskpi_gr_emoji(const SmskpiGrapheme *g);

/*
 * SMS segments (segments.c).  s is UTF-8 (invalid bytes count as U+FFFD,
 * a UCS-2 character).  smart = emulate Twilio Smart Encoding: look-alike
 * characters are first replaced by GSM-7 ones.  Sets *gsm (true = GSM-7,
 * false = UCS-2), *units (septets for GSM-7, UTF-16 code units for UCS-2,
 * after smart replacement) and returns the number of segments (>= 1).
 */
extern int	smskpi_sms_count(const unsigned char *s, int len, bool smart,
							 bool *gsm, int64 *units);

/* Smart encoding replacement of cp (an ASCII string, "" = dropped), or NULL
 * when smart encoding keeps cp. */
extern const char *smskpi_smart_replacement(pg_wchar cp);

/* Emoji (emoji.c): number of emoji grapheme clusters; stop_at_first = only
 * tell 0 or 1 (has_emoji). */
extern int	smskpi_emoji_count(const unsigned char *s, int len, bool stop_at_first);

#endif							/* SMSKPI_UNICODE_H */
