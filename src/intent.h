/*-------------------------------------------------------------------------
 *
 * intent.h
 *	  Reply-intent classifier for SMS replies (opt-out, opt-in, help, yes,
 *	  no, question, other).  The core is server-independent (no palloc, no
 *	  ereport), so it can be linked into the campaign reports and the fuzz
 *	  harness alike.  See doc/intent.md for the exact rules.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SMSKPI_INTENT_H
#define SMSKPI_INTENT_H

typedef enum SmsIntent
{
	SMS_INTENT_OPT_OUT,
	SMS_INTENT_OPT_IN,
	SMS_INTENT_HELP,
	SMS_INTENT_YES,
	SMS_INTENT_NO,
	SMS_INTENT_QUESTION,
	SMS_INTENT_OTHER
} SmsIntent;

/* Classify one reply given as UTF-8 bytes s[0..len) (need not be valid UTF-8). */
extern SmsIntent smskpi_intent(const char *utf8, int len);

/* 'opt_out', 'opt_in', 'help', 'yes', 'no', 'question', 'other' (static string). */
extern const char *smskpi_intent_name(SmsIntent i);

#endif							/* SMSKPI_INTENT_H */
