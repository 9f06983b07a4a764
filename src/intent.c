/*-------------------------------------------------------------------------
 *
 * intent.c
 *	  reply_intent(text) and is_opt_out(text): classify an SMS reply.
 *	  (First naive version: whole-message carrier keywords only.)
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "intent.h"

static const char *const intent_names[] = {
	"opt_out", "opt_in", "help", "yes", "no", "question", "other"
};

const char *
smskpi_intent_name(SmsIntent i)
{
	if ((int) i < 0 || (int) i > (int) SMS_INTENT_OTHER)
		return "other";
	return intent_names[i];
}

static bool
kw_eq(const char *s, int len, const char *kw)
{
	int			i;

	for (i = 0; i < len && kw[i]; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != kw[i])
			return false;
	}
	return i == len && kw[i] == '\0';
}

SmsIntent
smskpi_intent(const char *s, int len)
{
	static const char *const stops[] = {
		"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout", NULL
	};
	int			b = 0,
				e = len;
	int			k;

	while (b < e && !((s[b] | 0x20) >= 'a' && (s[b] | 0x20) <= 'z'))
		b++;
	while (e > b && !((s[e - 1] | 0x20) >= 'a' && (s[e - 1] | 0x20) <= 'z'))
		e--;
	for (k = 0; stops[k]; k++)
		if (kw_eq(s + b, e - b, stops[k]))
			return SMS_INTENT_OPT_OUT;
	if (kw_eq(s + b, e - b, "start") || kw_eq(s + b, e - b, "unstop"))
		return SMS_INTENT_OPT_IN;
	if (kw_eq(s + b, e - b, "help") || kw_eq(s + b, e - b, "info"))
		return SMS_INTENT_HELP;
	return SMS_INTENT_OTHER;
}
