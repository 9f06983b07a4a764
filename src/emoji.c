/*-------------------------------------------------------------------------
 *
 * emoji.c
 *	  Emoji in a message body, counted as users see them: one per extended
 *	  grapheme cluster (UAX #29) that displays as an emoji (UTS #51).
 *	  smskpi.emoji_count(text) and smskpi.has_emoji(text).
 *
 *	  A cluster is an emoji when it is
 *	    - a character with Emoji_Presentation=Yes (default emoji display:
 *	      U+1F600, U+1F44D, U+2705...), not followed by VS15 (U+FE0E);
 *	    - an Emoji=Yes character followed by VS16 (U+FE0F): U+2764 U+FE0F,
 *	      U+00A9 U+FE0F;
 *	    - an Emoji_Modifier_Base followed by a skin-tone modifier;
 *	    - a keycap: 0-9, # or * [+ U+FE0F] + U+20E3;
 *	    - a pair of regional indicators (a flag);
 *	    - a ZWJ sequence joining pictographs (UAX #29 rule GB11).
 *	  Text-default characters without VS16 are not emoji: a bare U+2764,
 *	  U+263A, (c), TM, digits, #.  A lone regional indicator is not an emoji.
 *	  Whatever follows inside the cluster (modifiers, ZWJ parts, tags) does
 *	  not add to the count: a family or a flag is one emoji.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#ifndef SMSKPI_FUZZ
#include "fmgr.h"
#include "miscadmin.h"
#endif

#include "unicode.h"

int
smskpi_emoji_count(const unsigned char *s, int len, bool stop_at_first)
{
	int			count = 0;
	int			i = 0;
	int			budget = 1 << 20;

	while (i < len)
	{
		bool		emoji;

		if (unlikely(--budget == 0))
		{
			CHECK_FOR_INTERRUPTS();
			budget = 1 << 20;
		}
		/* ASCII followed by ASCII: a one-character cluster, never an emoji */
		if (s[i] < 0x80 && (i + 1 == len || s[i + 1] < 0x80))
		{
			i++;
			continue;
		}
		i += smskpi_grapheme_next(s + i, len - i, &emoji);
		if (emoji)
		{
			count++;
			if (stop_at_first)
				break;
		}
	}
	return count;
}

#ifndef SMSKPI_FUZZ

/* emoji_count(text) returns the number of emoji grapheme clusters. */
PG_FUNCTION_INFO_V1(smskpi_emoji_count_text);
Datum
smskpi_emoji_count_text(PG_FUNCTION_ARGS)
{
	int			len;
	const char *s = smskpi_text_utf8(PG_GETARG_TEXT_PP(0), &len);

	PG_RETURN_INT32(smskpi_emoji_count((const unsigned char *) s, len, false));
}

/* has_emoji(text) returns true when the text contains at least one emoji. */
PG_FUNCTION_INFO_V1(smskpi_has_emoji);
Datum
smskpi_has_emoji(PG_FUNCTION_ARGS)
{
	int			len;
	const char *s = smskpi_text_utf8(PG_GETARG_TEXT_PP(0), &len);

	PG_RETURN_BOOL(smskpi_emoji_count((const unsigned char *) s, len, true) > 0);
}

#endif							/* SMSKPI_FUZZ */
