/*-------------------------------------------------------------------------
 *
 * sentiment.c
 *	  smskpi.sentiment_score(text) and smskpi.sentiment_label(text):
 *	  lexicon-based sentiment (work in progress: naive first version).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "sentiment.h"

double
smskpi_sentiment(const char *utf8, int len)
{
	(void) utf8;
	(void) len;
	return 0.0;
}
