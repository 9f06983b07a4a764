/*-------------------------------------------------------------------------
 *
 * sentiment.h
 *	  Lexicon-based sentiment score of a UTF-8 message (VADER method with
 *	  SMS-specific fixes).  See doc/sentiment.md for the exact definition.
 *
 * The scorer is server-independent (no palloc, no ereport) so it can be
 * fuzzed outside PostgreSQL (test/fuzz/sentiment_fuzz.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef SMSKPI_SENTIMENT_H
#define SMSKPI_SENTIMENT_H

/*
 * Compound sentiment score of utf8[0..len) in [-1, 1]; 0 for empty or
 * neutral text.  Invalid UTF-8 is tolerated (never over-reads).
 */
extern double smskpi_sentiment(const char *utf8, int len);

#endif							/* SMSKPI_SENTIMENT_H */
