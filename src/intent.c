/*-------------------------------------------------------------------------
 *
 * intent.c
 *	  smskpi.reply_intent(text) and smskpi.is_opt_out(text): classify one
 *	  SMS reply as 'opt_out', 'opt_in', 'help', 'yes', 'no', 'question' or
 *	  'other' (the first that applies, in that order).
 *
 *	  The classifier (smskpi_intent) is server-independent: no palloc, no
 *	  ereport, bounded stack memory; it is linked into campaign reports and
 *	  into the libFuzzer harness test/fuzz/intent_fuzz.c (-DSMSKPI_FUZZ).
 *
 *	  One pass turns the first INTENT_WINDOW bytes of the message into
 *	  tokens: ASCII-case-folded words (apostrophes, hyphens and asterisks
 *	  inside a word are dropped: "don't" -> "dont", "opt-out" -> "optout"),
 *	  emoji (one token per grapheme cluster) and clause boundaries
 *	  (. , ! ? ; : dashes, line breaks, emoji).  Each word is looked up in a
 *	  small lexicon of class flags; the rules below work on word ids and
 *	  flags only.  The rest of a long message is only scanned for whether
 *	  it holds more words (then the whole-message keyword rules are off)
 *	  and whether its last ASCII mark is '?'.  doc/intent.md has the rules.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#ifndef SMSKPI_FUZZ
#include "fmgr.h"
#include "utils/builtins.h"
#endif

#include "intent.h"
#include "unicode.h"

/* bytes of a message tokenised for the phrase rules (> a 10-part SMS) */
#define INTENT_WINDOW	2048
/* most tokens kept; a window of 2048 bytes holds at most 1024 tokens */
#define INTENT_MAX_TOKENS	1100
/* longest word looked up; longer words are unknown */
#define INTENT_MAX_WORD		24

/* word classes */
#define F_KWOUT		((uint64) 1 << 0)	/* whole-message opt-out keyword */
#define F_STRONG	((uint64) 1 << 1)	/* STOP family: also as a clause */
#define F_KWIN		((uint64) 1 << 2)	/* whole-message opt-in keyword */
#define F_KWHELP	((uint64) 1 << 3)	/* whole-message help keyword */
#define F_FILL		((uint64) 1 << 4)	/* please, now, thanks... */
#define F_STOPV		((uint64) 1 << 5)	/* stop/quit/cancel + object */
#define F_OBJ		((uint64) 1 << 6)	/* texting, messages... */
#define F_OBJPL		((uint64) 1 << 7)	/* "no texts", "no spam" */
#define F_SKIP		((uint64) 1 << 8)	/* between a verb and its object */
#define F_NEG		((uint64) 1 << 9)	/* dont, not, never, cant... */
#define F_SELF		((uint64) 1 << 10)	/* ill, will, gonna: not a request */
#define F_CONTACT	((uint64) 1 << 11)	/* "don't text/call/contact me" */
#define F_AFF		((uint64) 1 << 12)	/* affirmative first word */
#define F_AFF2		((uint64) 1 << 13)	/* affirmative at any clause start */
#define F_NEGW		((uint64) 1 << 14)	/* negative word at a clause start */
#define F_QW		((uint64) 1 << 15)	/* question word */
#define F_AUX		((uint64) 1 << 16)	/* can, is, do... (+ pronoun) */
#define F_PRON		((uint64) 1 << 17)	/* you, it, this... (after aux) */
#define F_GREET		((uint64) 1 << 18)	/* hi, oh, lol: skipped at start */
#define F_CTX		((uint64) 1 << 19)	/* may precede a final STOP */
#define F_OFFV		((uint64) 1 << 20)	/* "back off", "f off" */
#define F_REMOVEV	((uint64) 1 << 21)	/* remove/delete me */
#define F_LOSEV		((uint64) 1 << 22)	/* lose/delete my number */
#define F_TAKEV		((uint64) 1 << 23)	/* take/get me off */
#define F_NUMBER	((uint64) 1 << 24)	/* number, phone, info... */
#define F_WRONGOBJ	((uint64) 1 << 25)	/* "wrong number/person" */
#define F_LIST		((uint64) 1 << 26)	/* list, lists, database */
#define F_LISTMOD	((uint64) 1 << 27)	/* "off your texting list" */
#define F_DET		((uint64) 1 << 28)	/* my, this, the... */
#define F_WANTV		((uint64) 1 << 29)	/* "don't want these texts" */
#define F_UNSUB		((uint64) 1 << 30)	/* opt-out word anywhere */
#define F_UNIN		((uint64) 1 << 31)	/* opt-in word anywhere */
#define F_STARTV	((uint64) 1 << 32)	/* start + object */
#define F_PRONOBJ	((uint64) 1 << 33)	/* "stop this/it/these" */
#define F_HELPFILL	((uint64) 1 << 34)	/* "i need help", "more info" */
#define F_TIMEG		((uint64) 1 << 35)	/* "don't text me before 9" */
#define F_BLOCK		((uint64) 1 << 36)	/* "blocking you" */

/*
 * The lexicon: every word the rules know, with its classes.  Words are
 * lower case ASCII with apostrophes removed ("dont", "im").  A duplicate
 * is a compile error (duplicate enum constant).
 */
#define INTENT_WORDS \
	W(a, F_SKIP) \
	W(absolutely, F_AFF|F_AFF2) \
	W(accept, F_AFF) \
	W(add, 0) \
	W(ads, F_OBJ|F_OBJPL) \
	W(affirmative, F_AFF) \
	W(again, F_FILL|F_SKIP) \
	W(agree, 0) \
	W(agreed, F_AFF) \
	W(ahead, 0) \
	W(aight, F_AFF) \
	W(alerts, F_OBJ|F_OBJPL) \
	W(all, F_SKIP) \
	W(alone, 0) \
	W(already, F_FILL) \
	W(alright, F_AFF) \
	W(alrighty, F_AFF) \
	W(alto, F_KWOUT) \
	W(am, F_AUX) \
	W(an, F_SKIP) \
	W(and, 0) \
	W(annoying, F_SKIP) \
	W(another, 0) \
	W(any, F_SKIP) \
	W(anymore, F_FILL|F_SKIP) \
	W(are, F_AUX) \
	W(arent, F_NEG) \
	W(asap, F_FILL) \
	W(asked, 0) \
	W(at, F_TIMEG) \
	W(away, 0) \
	W(awesome, F_AFF) \
	W(ayuda, F_KWHELP) \
	W(back, F_OFFV|F_TIMEG) \
	W(baja, F_KWOUT) \
	W(be, 0) \
	W(before, F_TIMEG) \
	W(bet, F_AFF) \
	W(block, F_BLOCK) \
	W(blocked, F_BLOCK) \
	W(blocking, F_BLOCK) \
	W(bloody, F_SKIP) \
	W(bother, F_CONTACT) \
	W(bothering, F_OBJ|F_CONTACT) \
	W(bs, F_OBJ) \
	W(bugger, F_OFFV) \
	W(bullshit, F_OBJ) \
	W(but, 0) \
	W(buzz, F_OFFV) \
	W(bye, F_CTX|F_FILL) \
	W(call, F_CONTACT) \
	W(calling, F_OBJ|F_CONTACT) \
	W(calls, F_OBJ|F_OBJPL) \
	W(can, F_AUX) \
	W(cancel, F_KWOUT|F_STOPV) \
	W(cancelar, F_KWOUT) \
	W(cannot, F_NEG) \
	W(cant, F_NEG) \
	W(cease, F_STOPV) \
	W(cell, F_NUMBER|F_WRONGOBJ) \
	W(certainly, F_AFF) \
	W(confirm, F_AFF) \
	W(confirmed, F_AFF) \
	W(contact, F_CONTACT|F_NUMBER|F_WRONGOBJ) \
	W(contacting, F_OBJ|F_CONTACT) \
	W(cool, F_AFF) \
	W(correct, F_AFF) \
	W(could, F_AUX) \
	W(couldnt, F_NEG) \
	W(count, 0) \
	W(course, 0) \
	W(crap, F_OBJ) \
	W(damn, F_SKIP) \
	W(database, F_LIST) \
	W(deal, F_AFF) \
	W(deals, F_OBJ|F_OBJPL) \
	W(definitely, F_AFF|F_AFF2) \
	W(delete, F_REMOVEV|F_LOSEV) \
	W(desist, F_UNSUB) \
	W(details, F_NUMBER|F_HELPFILL) \
	W(detener, F_KWOUT) \
	W(did, F_AUX) \
	W(didnt, F_NEG) \
	W(disinterested, 0) \
	W(distribution, F_LISTMOD) \
	W(dnc, F_UNSUB|F_KWOUT) \
	W(do, F_AUX) \
	W(does, F_AUX) \
	W(doesnt, F_NEG) \
	W(dont, F_NEG) \
	W(down, 0) \
	W(drop, F_LOSEV) \
	W(dude, F_WRONGOBJ) \
	W(dumb, F_SKIP) \
	W(during, F_TIMEG) \
	W(effing, F_SKIP) \
	W(email, F_CONTACT|F_LISTMOD) \
	W(emailing, F_OBJ|F_CONTACT) \
	W(emails, F_OBJ|F_OBJPL) \
	W(end, F_KWOUT) \
	W(erase, F_REMOVEV|F_LOSEV) \
	W(even, F_SKIP) \
	W(ever, F_SKIP) \
	W(evr, F_SKIP) \
	W(f, F_OFFV) \
	W(fck, F_OFFV|F_SKIP) \
	W(fine, 0) \
	W(fk, F_OFFV) \
	W(fkn, F_SKIP) \
	W(for, 0) \
	W(forget, F_LOSEV) \
	W(freaking, F_SKIP) \
	W(frickin, F_SKIP) \
	W(friggin, F_SKIP) \
	W(from, 0) \
	W(fuck, F_OFFV) \
	W(fucking, F_SKIP) \
	W(fuk, F_OFFV) \
	W(garbage, F_OBJ) \
	W(get, F_TAKEV|F_SKIP) \
	W(getting, F_SKIP) \
	W(girl, F_WRONGOBJ) \
	W(gladly, F_AFF) \
	W(go, 0) \
	W(gonna, F_SELF) \
	W(good, 0) \
	W(great, F_AFF) \
	W(guy, F_WRONGOBJ) \
	W(hah, F_GREET) \
	W(haha, F_GREET) \
	W(harassing, F_OBJ) \
	W(harassment, F_OBJ) \
	W(hard, 0) \
	W(has, F_AUX) \
	W(have, F_AUX) \
	W(he, F_PRON) \
	W(hell, 0) \
	W(hello, F_GREET) \
	W(help, F_KWHELP|F_CTX) \
	W(hey, F_GREET) \
	W(hi, F_GREET) \
	W(hiya, F_GREET) \
	W(hmm, F_GREET) \
	W(how, F_QW) \
	W(hows, F_QW) \
	W(i, F_PRON|F_HELPFILL) \
	W(id, 0) \
	W(ill, F_SELF) \
	W(im, 0) \
	W(immediately, F_FILL) \
	W(in, 0) \
	W(info, F_KWHELP|F_NUMBER|F_CTX) \
	W(information, F_KWHELP|F_NUMBER) \
	W(interested, F_CTX) \
	W(is, F_AUX) \
	W(isnt, F_NEG) \
	W(it, F_PRON|F_PRONOBJ|F_CTX) \
	W(junk, F_OBJ) \
	W(just, F_FILL|F_SKIP) \
	W(k, F_AFF) \
	W(kk, F_AFF) \
	W(lady, F_WRONGOBJ) \
	W(later, F_TIMEG) \
	W(leave, 0) \
	W(lets, 0) \
	W(like, 0) \
	W(list, F_LIST) \
	W(lists, F_LIST) \
	W(lol, F_GREET) \
	W(longer, 0) \
	W(loose, F_LOSEV) \
	W(lose, F_LOSEV) \
	W(lost, 0) \
	W(love, 0) \
	W(mailing, F_LISTMOD) \
	W(marketing, F_OBJ|F_OBJPL|F_LISTMOD) \
	W(may, F_AUX) \
	W(maybe, 0) \
	W(me, F_SKIP|F_HELPFILL) \
	W(message, F_CONTACT|F_OBJ) \
	W(messages, F_OBJ|F_OBJPL) \
	W(messaging, F_OBJ|F_CONTACT|F_OBJPL) \
	W(more, F_SKIP|F_HELPFILL) \
	W(msg, F_CONTACT|F_OBJ) \
	W(msging, F_OBJ|F_CONTACT) \
	W(msgs, F_OBJ|F_OBJPL) \
	W(my, F_SKIP|F_PRON|F_DET) \
	W(n, 0) \
	W(na, F_NEGW) \
	W(nah, F_NEGW) \
	W(naw, F_NEGW) \
	W(nay, F_NEGW) \
	W(need, F_WANTV|F_HELPFILL) \
	W(negative, F_NEGW) \
	W(never, F_NEG|F_NEGW) \
	W(next, 0) \
	W(nmbr, F_NUMBER|F_WRONGOBJ) \
	W(no, F_NEGW|F_CTX) \
	W(nonsense, F_OBJ) \
	W(nop, F_NEGW) \
	W(nope, F_NEGW|F_CTX) \
	W(not, F_NEG) \
	W(notifications, F_OBJ|F_OBJPL) \
	W(now, F_FILL|F_SKIP) \
	W(np, 0) \
	W(num, F_NUMBER|F_WRONGOBJ) \
	W(number, F_NUMBER|F_WRONGOBJ|F_CTX) \
	W(numbers, F_NUMBER|F_WRONGOBJ) \
	W(of, 0) \
	W(ofc, F_AFF) \
	W(off, 0) \
	W(offers, F_OBJ|F_OBJPL) \
	W(oh, F_GREET) \
	W(ohh, F_GREET) \
	W(ok, F_AFF|F_FILL|F_CTX) \
	W(okay, F_AFF|F_FILL|F_CTX) \
	W(oki, F_AFF) \
	W(okie, F_AFF) \
	W(omg, F_GREET) \
	W(on, F_TIMEG) \
	W(opt, 0) \
	W(opted, 0) \
	W(optin, F_UNIN|F_KWIN) \
	W(opting, 0) \
	W(optout, F_UNSUB|F_KWOUT|F_STRONG) \
	W(our, F_SKIP|F_DET) \
	W(out, 0) \
	W(parar, F_KWOUT) \
	W(pass, F_NEGW) \
	W(perfect, F_AFF) \
	W(person, F_WRONGOBJ) \
	W(persons, F_WRONGOBJ) \
	W(phone, F_NUMBER|F_WRONGOBJ) \
	W(pics, F_OBJ) \
	W(piss, F_OFFV) \
	W(pleas, F_FILL|F_SKIP|F_CTX) \
	W(please, F_FILL|F_SKIP|F_CTX) \
	W(plez, F_FILL|F_SKIP|F_CTX) \
	W(pls, F_FILL|F_SKIP|F_CTX) \
	W(plse, F_FILL|F_SKIP|F_CTX) \
	W(plz, F_FILL|F_SKIP|F_CTX) \
	W(prob, 0) \
	W(problem, 0) \
	W(promo, F_OBJ) \
	W(promos, F_OBJ|F_OBJPL) \
	W(promotions, F_OBJ|F_OBJPL) \
	W(put, 0) \
	W(quit, F_KWOUT|F_STOPV) \
	W(r, F_AUX) \
	W(re, 0) \
	W(really, F_SKIP) \
	W(receive, F_SKIP) \
	W(receiving, F_SKIP) \
	W(recieve, F_SKIP) \
	W(recieving, F_SKIP) \
	W(reminders, F_OBJ|F_OBJPL) \
	W(remove, F_KWOUT|F_REMOVEV|F_LOSEV) \
	W(restart, F_STARTV|F_KWIN) \
	W(resubscribe, F_UNIN|F_KWIN) \
	W(resume, F_STARTV|F_KWIN) \
	W(revoke, F_UNSUB|F_KWOUT|F_STRONG) \
	W(right, F_TIMEG|F_FILL) \
	W(said, F_CTX) \
	W(see, 0) \
	W(send, F_CONTACT|F_HELPFILL) \
	W(sending, F_OBJ|F_SKIP) \
	W(set, 0) \
	W(shall, F_AUX|F_SELF) \
	W(she, F_PRON) \
	W(shit, F_OBJ) \
	W(should, F_AUX) \
	W(shouldnt, F_NEG) \
	W(si, F_AFF|F_AFF2) \
	W(sign, 0) \
	W(sir, F_FILL) \
	W(sms, F_OBJ|F_OBJPL|F_CONTACT|F_LISTMOD) \
	W(so, F_GREET) \
	W(sotp, F_KWOUT|F_STRONG|F_STOPV) \
	W(sounds, 0) \
	W(spam, F_OBJ|F_OBJPL|F_SKIP|F_KWOUT|F_CTX) \
	W(spamming, F_OBJ) \
	W(stahp, F_KWOUT|F_STRONG|F_STOPV) \
	W(start, F_KWIN|F_STARTV) \
	W(stop, F_KWOUT|F_STRONG|F_STOPV) \
	W(stopall, F_UNSUB|F_KWOUT|F_STRONG) \
	W(stopp, F_KWOUT|F_STRONG|F_STOPV) \
	W(stp, F_KWOUT|F_STRONG|F_STOPV) \
	W(stpo, F_KWOUT|F_STRONG|F_STOPV) \
	W(stupid, F_SKIP) \
	W(subscribe, F_KWIN) \
	W(subscriber, F_LISTMOD) \
	W(subscription, F_OBJ) \
	W(subscriptions, F_OBJ|F_OBJPL) \
	W(sure, F_AFF) \
	W(tak, F_TAKEV) \
	W(take, F_TAKEV) \
	W(texing, F_OBJ|F_CONTACT) \
	W(text, F_OBJ|F_CONTACT|F_LISTMOD) \
	W(textin, F_OBJ|F_CONTACT) \
	W(texting, F_OBJ|F_CONTACT|F_OBJPL|F_LISTMOD) \
	W(textn, F_OBJ|F_CONTACT) \
	W(textng, F_OBJ|F_CONTACT) \
	W(texts, F_OBJ|F_OBJPL) \
	W(thank, F_FILL|F_GREET) \
	W(thanks, F_FILL|F_GREET|F_CTX) \
	W(thankyou, F_FILL|F_GREET|F_CTX) \
	W(that, F_PRON|F_PRONOBJ|F_DET|F_LISTMOD) \
	W(the, F_SKIP|F_DET|F_LISTMOD) \
	W(them, F_SKIP|F_PRONOBJ) \
	W(then, 0) \
	W(there, F_PRON) \
	W(these, F_SKIP|F_PRONOBJ|F_DET) \
	W(they, F_PRON) \
	W(think, 0) \
	W(this, F_SKIP|F_PRON|F_PRONOBJ|F_DET|F_LISTMOD|F_CTX) \
	W(thnx, F_FILL|F_GREET|F_CTX) \
	W(those, F_SKIP|F_PRONOBJ|F_DET) \
	W(thx, F_FILL|F_GREET|F_CTX) \
	W(til, F_TIMEG) \
	W(till, F_TIMEG) \
	W(to, F_SKIP) \
	W(today, F_TIMEG) \
	W(told, 0) \
	W(tomorrow, F_TIMEG) \
	W(tonight, F_TIMEG) \
	W(ttyl, 0) \
	W(txt, F_OBJ|F_CONTACT) \
	W(txtin, F_OBJ|F_CONTACT) \
	W(txting, F_OBJ|F_CONTACT|F_OBJPL) \
	W(txtn, F_OBJ|F_CONTACT) \
	W(txts, F_OBJ|F_OBJPL) \
	W(ty, F_FILL|F_GREET|F_CTX) \
	W(u, F_PRON|F_FILL) \
	W(uninterested, 0) \
	W(unstop, F_UNIN|F_KWIN) \
	W(unsubscribe, F_UNSUB|F_KWOUT|F_STRONG) \
	W(until, F_TIMEG) \
	W(up, 0) \
	W(updates, F_OBJ|F_OBJPL) \
	W(ur, F_SKIP|F_PRON|F_DET|F_LISTMOD) \
	W(us, F_SKIP) \
	W(wait, F_GREET) \
	W(want, F_WANTV|F_HELPFILL) \
	W(was, F_AUX) \
	W(wasnt, F_NEG) \
	W(wat, F_QW) \
	W(way, 0) \
	W(we, F_PRON) \
	W(well, F_GREET) \
	W(were, F_AUX) \
	W(what, F_QW) \
	W(whats, F_QW) \
	W(when, F_QW|F_TIMEG) \
	W(whens, F_QW) \
	W(where, F_QW) \
	W(wheres, F_QW) \
	W(which, F_QW) \
	W(while, F_TIMEG) \
	W(who, F_QW) \
	W(whom, F_QW) \
	W(whos, F_QW) \
	W(whose, F_QW) \
	W(why, F_QW) \
	W(will, F_AUX|F_SELF) \
	W(wish, F_WANTV) \
	W(with, F_SKIP) \
	W(wondering, 0) \
	W(wont, F_NEG) \
	W(works, F_AFF) \
	W(worries, 0) \
	W(would, F_AUX) \
	W(wouldnt, F_NEG) \
	W(wow, F_GREET) \
	W(wrong, 0) \
	W(wut, F_QW) \
	W(wya, F_QW) \
	W(y, 0) \
	W(ya, F_AFF|F_PRON|F_LISTMOD) \
	W(yah, F_AFF|F_AFF2) \
	W(yall, F_PRON) \
	W(yas, F_AFF) \
	W(ye, F_AFF) \
	W(yea, F_AFF|F_AFF2) \
	W(yeah, F_AFF|F_AFF2|F_CTX) \
	W(yeh, F_AFF|F_AFF2) \
	W(yep, F_AFF|F_AFF2|F_CTX) \
	W(yer, F_LISTMOD) \
	W(yes, F_AFF|F_AFF2|F_CTX) \
	W(yessir, F_AFF) \
	W(yet, 0) \
	W(yo, F_GREET) \
	W(you, F_PRON|F_FILL) \
	W(your, F_SKIP|F_PRON|F_DET|F_LISTMOD) \
	W(yup, F_AFF|F_AFF2|F_CTX) \
	/* end of INTENT_WORDS */

typedef enum IntentWord
{
	W__NONE = 0,				/* unknown word, or past the last token */
#define W(w, f) W_##w,
	INTENT_WORDS
#undef W
	W__NWORDS,
	/* emoji tokens (not words) */
	E_YES = W__NWORDS,			/* thumbs up, OK hand, check marks, 100 */
	E_NO,						/* thumbs down, cross marks, prohibited */
	E_STOP,						/* stop sign, no entry */
	E_OTHER,					/* any other emoji */
	W__NIDS
} IntentWord;

static const char *const word_text[W__NWORDS] = {
	NULL,
#define W(w, f) #w,
	INTENT_WORDS
#undef W
};

static const uint64 word_flags[W__NIDS] = {
	0,
#define W(w, f) f,
	INTENT_WORDS
#undef W
};

/*
 * Word lookup: open addressing hash table (power of two > 2 * words),
 * built on first use.  Immutable afterwards; a backend is single-threaded.
 */
#define HASH_SIZE 1024
static uint16 word_hash[HASH_SIZE];
static bool word_hash_ready = false;

static inline uint32
hash_word(const char *w, int len)
{
	uint32		h = 2166136261u;
	int			i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char) w[i]) * 16777619u;
	return h;
}

static void
build_word_hash(void)
{
	int			id;

	StaticAssertStmt(HASH_SIZE >= 2 * W__NWORDS, "intent hash table too small");
	memset(word_hash, 0, sizeof(word_hash));
	for (id = 1; id < W__NWORDS; id++)
	{
		uint32		h = hash_word(word_text[id], strlen(word_text[id])) & (HASH_SIZE - 1);

		while (word_hash[h] != 0)
			h = (h + 1) & (HASH_SIZE - 1);
		word_hash[h] = (uint16) id;
	}
	word_hash_ready = true;
}

static inline int
lookup_exact(const char *w, int len)
{
	uint32		h = hash_word(w, len) & (HASH_SIZE - 1);

	while (word_hash[h] != 0)
	{
		const char *t = word_text[word_hash[h]];

		if (strncmp(t, w, len) == 0 && t[len] == '\0')
			return word_hash[h];
		h = (h + 1) & (HASH_SIZE - 1);
	}
	return W__NONE;
}

/* copy w with runs of the same letter longer than maxrun cut to maxrun */
static int
collapse_runs(const char *w, int len, char *out, int maxrun)
{
	int			i,
				o = 0,
				run = 0;

	for (i = 0; i < len; i++)
	{
		run = (i > 0 && w[i] == w[i - 1]) ? run + 1 : 1;
		if (run <= maxrun)
			out[o++] = w[i];
	}
	return o;
}

/*
 * Id of a word: exact, else with letter runs cut to two ("yesss" -> "yess",
 * "offf" -> "off") or to one ("nooo" -> "no", "pleeease" -> "please").
 * Words starting "unsub"/"unsus" are all "unsubscribe" (unsubscribed,
 * unsubcribe, unsuscribe...).
 */
static int
lookup_word(const char *w, int len)
{
	char		buf[INTENT_MAX_WORD];
	int			id,
				n;

	if (len >= 5 && w[0] == 'u' && w[1] == 'n' && w[2] == 's' && w[3] == 'u' &&
		(w[4] == 'b' || w[4] == 's'))
		return W_unsubscribe;
	id = lookup_exact(w, len);
	if (id != W__NONE)
		return id;
	n = collapse_runs(w, len, buf, 2);
	if (n < len && (id = lookup_exact(buf, n)) != W__NONE)
		return id;
	n = collapse_runs(w, len, buf, 1);
	if (n < len)
		return lookup_exact(buf, n);
	return W__NONE;
}

/* ---------------------------------------------------------------------
 * Tokeniser
 * ---------------------------------------------------------------------
 */
#define TF_CLAUSE	0x01		/* first token of a clause */

typedef struct IntentTok
{
	uint16		id;
	uint8		flags;
} IntentTok;

typedef struct IntentMsg
{
	int			n;				/* tokens */
	bool		truncated;		/* more words than were tokenised */
	bool		question;		/* a question mark seen */
	IntentTok	tok[INTENT_MAX_TOKENS];
} IntentMsg;

typedef struct TokState
{
	IntentMsg  *m;
	char		w[INTENT_MAX_WORD];
	int			wlen;
	bool		in_word;
	bool		unknown;		/* non-ASCII letter or too long */
	char		pend;			/* '\'' '-' '*' seen inside a word, or 0 */
	bool		clause;			/* next token starts a clause */
} TokState;

static inline void
push_tok(TokState *st, int id)
{
	IntentMsg  *m = st->m;

	if (m->n >= INTENT_MAX_TOKENS)
	{
		m->truncated = true;
		return;
	}
	m->tok[m->n].id = (uint16) id;
	m->tok[m->n].flags = st->clause ? TF_CLAUSE : 0;
	m->n++;
	st->clause = false;
}

/* end the current word (if any); a pending '-' becomes a clause boundary */
static inline void
end_word(TokState *st)
{
	if (st->in_word)
	{
		push_tok(st, st->unknown ? W__NONE : lookup_word(st->w, st->wlen));
		st->in_word = false;
		st->unknown = false;
		st->wlen = 0;
	}
	if (st->pend == '-')
		st->clause = true;
	st->pend = 0;
}

static inline void
word_char(TokState *st, char c)
{
	st->pend = 0;
	st->in_word = true;
	if (st->wlen < INTENT_MAX_WORD)
		st->w[st->wlen++] = c;
	else
		st->unknown = true;
}

/* ASCII character classes */
#define C_SEP		0			/* space, control, other symbols */
#define C_WORD		1			/* letter or digit */
#define C_BOUND		2			/* clause boundary */
#define C_QMARK		3
#define C_JOIN		4			/* ' ` - * : dropped inside a word */
#define C_HASH		5			/* '#': the word "num" ("wrong #") */

static const uint8 ascii_class[128] = {
	/* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C_BOUND, 0, 0, C_BOUND, 0, 0,
	/* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* ' ' ! " # $ % & ' ( ) * + , - . / */
	C_SEP, C_BOUND, C_SEP, C_HASH, C_SEP, C_SEP, C_SEP, C_JOIN,
	C_BOUND, C_BOUND, C_JOIN, C_SEP, C_BOUND, C_JOIN, C_BOUND, C_BOUND,
	/* 0-9 */
	C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD,
	/* : ; < = > ? @ */
	C_BOUND, C_BOUND, C_SEP, C_SEP, C_SEP, C_QMARK, C_SEP,
	/* A-Z */
	C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD,
	C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD,
	C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD,
	/* [ \ ] ^ _ ` */
	C_BOUND, C_SEP, C_BOUND, C_SEP, C_SEP, C_JOIN,
	/* a-z */
	C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD,
	C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD,
	C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD, C_WORD,
	/* { | } ~ DEL */
	C_BOUND, C_BOUND, C_BOUND, C_SEP, C_SEP
};

static inline void
ascii_char(TokState *st, unsigned char c)
{
	switch (ascii_class[c])
	{
		case C_WORD:
			word_char(st, (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : (char) c);
			break;
		case C_JOIN:
			if (st->in_word)
			{
				if (st->pend == 0 || c == '-')
					st->pend = (c == '`') ? '\'' : (char) c;
			}
			else if (c == '-')
				st->clause = true;
			break;
		case C_BOUND:
			end_word(st);
			st->clause = true;
			break;
		case C_QMARK:
			end_word(st);
			st->clause = true;
			st->m->question = true;
			break;
		case C_HASH:
			end_word(st);
			push_tok(st, W_num);
			break;
		default:
			end_word(st);
			break;
	}
}

/* the emoji the rules know, by first code point of the cluster */
static int
emoji_id(pg_wchar cp)
{
	switch (cp)
	{
		case 0x1F44D:			/* thumbs up */
		case 0x1F44C:			/* OK hand */
		case 0x2705:			/* white heavy check mark */
		case 0x2714:			/* heavy check mark */
		case 0x2611:			/* ballot box with check */
		case 0x1F64C:			/* raising hands */
		case 0x1F4AF:			/* hundred points */
		case 0x1F91D:			/* handshake */
		case 0x1F197:			/* squared OK */
			return E_YES;
		case 0x1F44E:			/* thumbs down */
		case 0x274C:			/* cross mark */
		case 0x274E:			/* cross mark button */
		case 0x2716:			/* heavy multiplication x */
		case 0x1F6AB:			/* prohibited */
		case 0x1F645:			/* person gesturing no */
			return E_NO;
		case 0x1F6D1:			/* stop sign */
		case 0x26D4:			/* no entry */
			return E_STOP;
	}
	return W__NONE;
}

/*
 * A non-ASCII grapheme cluster starting at s (n bytes).  Returns its length.
 */
static int
unicode_cluster(TokState *st, const unsigned char *s, int n)
{
	pg_wchar	cp;
	bool		emoji = false;
	int			clen = smskpi_grapheme_next(s, n, &emoji);
	int			e;

	(void) smskpi_utf8_decode(s, n, &cp);
	if ((e = emoji_id(cp)) != W__NONE || emoji)
	{
		end_word(st);
		st->clause = true;		/* an emoji ends a clause ... */
		push_tok(st, e != W__NONE ? e : E_OTHER);
		st->clause = true;		/* ... and so does the next token */
		return clen;
	}
	/* Latin-1 letters fold to ASCII ("sí" -> "si"), except the signs x and / */
	if (cp >= 0x00C0 && cp <= 0x00FF && cp != 0x00D7 && cp != 0x00F7)
	{
		static const char latin1_fold[] =
			"aaaaaaaceeeeiiiidnooooo?ouuuuyts"
			"aaaaaaaceeeeiiiidnooooo?ouuuuyty";

		word_char(st, latin1_fold[cp - 0x00C0]);
		return clen;
	}
	/* fullwidth ASCII letters and digits fold to ASCII */
	if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
		(cp >= 0xFF41 && cp <= 0xFF5A))
	{
		ascii_char(st, (unsigned char) (cp - 0xFEE0));
		return clen;
	}
	switch (cp)
	{
		case 0x2018:			/* left single quotation mark */
		case 0x2019:			/* right single quotation mark (curly ') */
		case 0x201B:
		case 0x02BC:			/* modifier letter apostrophe */
		case 0x02B9:
		case 0x2032:			/* prime */
		case 0x00B4:			/* acute accent */
		case 0xFF07:			/* fullwidth apostrophe */
			ascii_char(st, '\'');
			return clen;
		case 0x00BF:			/* inverted question mark */
		case 0xFF1F:			/* fullwidth question mark */
		case 0x037E:			/* Greek question mark */
		case 0x203D:			/* interrobang */
		case 0x2047:
		case 0x2048:
		case 0x2049:
			ascii_char(st, '?');
			return clen;
		case 0x00A1:			/* inverted exclamation mark */
		case 0x2028:			/* line separator */
		case 0x2029:			/* paragraph separator */
		case 0x3001:			/* ideographic comma */
		case 0x3002:			/* ideographic full stop */
		case 0x0085:			/* next line */
			ascii_char(st, '.');
			return clen;
	}
	if ((cp >= 0x2010 && cp <= 0x2015) ||	/* dashes */
		(cp >= 0x2020 && cp <= 0x2027) ||	/* bullets, ellipsis */
		(cp >= 0xFF01 && cp <= 0xFF0F) ||	/* fullwidth punctuation */
		(cp >= 0xFF1A && cp <= 0xFF20))
	{
		ascii_char(st, '.');
		return clen;
	}
	if (cp == 0xFFFD ||			/* invalid byte */
		(cp >= 0x0080 && cp <= 0x00BF) ||	/* C1 controls, Latin-1 symbols */
		(cp >= 0x2000 && cp <= 0x206F) ||	/* spaces, quotes, invisible */
		(cp >= 0x2190 && cp <= 0x2BFF) ||	/* arrows, math, shapes, dingbats */
		(cp >= 0x3000 && cp <= 0x303F) ||	/* CJK symbols and punctuation */
		(cp >= 0xFE00 && cp <= 0xFE0F) ||	/* variation selectors */
		cp == 0xFEFF || cp == 0x00D7 || cp == 0x00F7)
	{
		ascii_char(st, ' ');
		return clen;
	}
	/* anything else is a letter of a word the lexicon does not know */
	word_char(st, '?');
	st->unknown = true;
	return clen;
}

/*
 * Tokenise s[0..len): after leading ASCII spaces and punctuation, the
 * first INTENT_WINDOW bytes fully, the rest only
 * for whether it holds more than ASCII spaces and punctuation (truncated)
 * and whether its last ASCII mark that is not a space is '?'.
 */
static void
tokenise(IntentMsg *m, const unsigned char *s, int len)
{
	TokState	st;
	int			i = 0;
	int			lim;

	m->n = 0;
	m->truncated = false;
	m->question = false;
	st.m = m;
	st.wlen = 0;
	st.in_word = false;
	st.unknown = false;
	st.pend = 0;
	st.clause = true;

	/* leading ASCII spaces and punctuation do not count against the window */
	while (i < len && s[i] < 0x80 && ascii_class[s[i]] != C_WORD &&
		   ascii_class[s[i]] != C_HASH)
	{
		if (s[i] == '?')
			m->question = true;
		i++;
	}
	lim = (len - i > INTENT_WINDOW) ? i + INTENT_WINDOW : len;

	while (i < lim)
	{
		unsigned char c = s[i];

		if (c < 0x80)
		{
			ascii_char(&st, c);
			i++;
		}
		else
			i += unicode_cluster(&st, s + i, len - i);
	}
	if (i < len)
	{
		/* the tail: a word cut at the window edge is unknown */
		bool		endq = false;

		for (; i < len; i++)
		{
			unsigned char c = s[i];

			if ((i & 0xFFFFF) == 0)
				CHECK_FOR_INTERRUPTS();	/* about every MB of a huge message */
			if (c >= 0x80 || ascii_class[c] == C_WORD || ascii_class[c] == C_HASH)
			{
				if (st.in_word)
					st.unknown = true;
				m->truncated = true;
				endq = false;
			}
			else
			{
				end_word(&st);
				if (c == '?')
					endq = true;
			}
		}
		if (endq)
			m->question = true;
	}
	end_word(&st);
}

/* ---------------------------------------------------------------------
 * Rules
 * ---------------------------------------------------------------------
 */
#define ID(i)	((i) >= 0 && (i) < m->n ? (int) m->tok[i].id : W__NONE)
#define FL(i)	(word_flags[ID(i)])
/* token i starts a clause; past the end counts as a boundary */
#define CL(i)	((i) >= m->n || (i) <= 0 || (m->tok[i].flags & TF_CLAUSE) != 0)
#define IS_EMOJI(i) (ID(i) >= E_YES)

/*
 * Is the word at i negated or not a request: "don't stop", "never stop",
 * "can't stop", "I'll stop", "don't ever stop", "did you stop"?
 */
static bool
negated(const IntentMsg *m, int i)
{
	int			p = i - 1;

	if (CL(i))
		return false;
	if (FL(p) & (F_NEG | F_SELF))
		return true;
	if (CL(p))
		return false;
	if ((ID(p) == W_ever || ID(p) == W_even || ID(p) == W_evr || ID(p) == W_just ||
		 ID(p) == W_really || ID(p) == W_please || ID(p) == W_pls || ID(p) == W_plz) &&
		(FL(p - 1) & F_NEG))
		return true;
	if ((ID(p) == W_you || ID(p) == W_u) &&
		(ID(p - 1) == W_did || ID(p - 1) == W_didnt || ID(p - 1) == W_have ||
		 ID(p - 1) == W_has || ID(p - 1) == W_when))
		return true;
	return false;
}

/* negation within the three words before i in its clause ("not really interested") */
static bool
negated_near(const IntentMsg *m, int i)
{
	int			k;

	for (k = 1; k <= 3 && !CL(i - k + 1); k++)
	{
		int			id = ID(i - k);

		if ((FL(i - k) & F_NEG) || id == W_no || id == W_longer)
			return true;
	}
	return false;
}

/* token j may pad a keyword: please, now, thanks... ; "it"/"all" after STOP/QUIT */
static inline bool
fill_ok(const IntentMsg *m, int j)
{
	if (FL(j) & F_FILL)
		return true;
	return (ID(j) == W_it || ID(j) == W_all) && j > 0 &&
		((FL(j - 1) & F_STRONG) || ID(j - 1) == W_quit);
}

/*
 * Tokens a..b-1 hold at least one word of class kw and otherwise only
 * fillers, words of class also, and emoji (E_STOP counts as F_KWOUT).
 */
static bool
span_only(const IntentMsg *m, int a, int b, uint64 kw, uint64 also)
{
	int			j,
				have = 0;

	for (j = a; j < b; j++)
	{
		if (IS_EMOJI(j))
		{
			if (ID(j) == E_STOP && kw == F_KWOUT)
				have++;
			continue;
		}
		if (FL(j) & kw)
			have++;
		else if (!fill_ok(m, j) && !(FL(j) & also))
			return false;
	}
	return have > 0;
}

/* index of the next clause start after i (or m->n) */
static inline int
clause_end(const IntentMsg *m, int i)
{
	int			j = i + 1;

	while (j < m->n && !CL(j))
		j++;
	return j;
}

/* first token of the clause holding i */
static inline int
clause_start(const IntentMsg *m, int i)
{
	while (i > 0 && !CL(i))
		i--;
	return i;
}

/* opt-out phrase rules at token i */
static bool
opt_out_at(const IntentMsg *m, int i)
{
	int			id = ID(i);
	uint64		f = FL(i);
	int			j,
				k;

	if (f == 0 && id != W_opt && id != W_opting && id != W_opted && id != W_off &&
		id != W_leave && id != W_no && id != W_wrong && id != W_go && id != W_interested &&
		id != W_want)
		return false;

	/* unsubscribe*, stopall, optout, revoke, dnc: anywhere */
	if ((f & F_UNSUB) && !negated(m, i))
		return true;
	/* opt out, opt me out, opting out */
	if (id == W_opt || id == W_opting || id == W_opted)
	{
		j = i + 1;
		if (ID(j) == W_me || ID(j) == W_us)
			j++;
		if (ID(j) == W_out && !CL(j) && !negated(m, i))
			return true;
	}
	/* stop/quit/cancel [me, sending, these, ...] texts/messages/calls */
	if ((f & F_STOPV) && !negated(m, i))
	{
		for (j = i + 1, k = 0; k < 4 && !CL(j) && (FL(j) & F_SKIP) && !(FL(j) & F_OBJ); j++, k++)
			;
		if (!CL(j) && (FL(j) & F_OBJ))
			return true;
	}
	/* STOP as a clause of its own, "stop it/this/these", "... number STOP" */
	if ((f & F_STRONG) && !negated(m, i))
	{
		int			cs = clause_start(m, i),
					ce = clause_end(m, i);
		bool		pron = false;

		if (span_only(m, cs, ce, F_STRONG, 0))
			return true;
		for (j = i + 1; j < ce; j++)
		{
			if (!(FL(j) & (F_SKIP | F_FILL | F_PRONOBJ)))
				break;
			if (FL(j) & F_PRONOBJ)
				pron = true;
		}
		if (j == ce && pron)
			return true;
		/* "... not interested STOP", "make these texts stop" */
		if (i + 1 == ce && i > cs && (FL(i - 1) & (F_CTX | F_OBJPL)))
			return true;
		/* "I asked you to stop", "told u to stop" */
		if (i + 1 == ce && i - 2 >= cs && ID(i - 1) == W_to &&
			(ID(i - 2) == W_you || ID(i - 2) == W_u || ID(i - 2) == W_ya))
			return true;
	}
	/* remove me, remove from, delete me */
	if ((f & F_REMOVEV) && !negated(m, i) && !CL(i + 1) &&
		(ID(i + 1) == W_me || ID(i + 1) == W_us || ID(i + 1) == W_from))
		return true;
	/* lose/delete/forget [my] number */
	if ((f & F_LOSEV) && !negated(m, i) && !CL(i + 1))
	{
		if (FL(i + 1) & F_NUMBER)
			return true;
		if ((FL(i + 1) & F_DET) && !CL(i + 2) && (FL(i + 2) & F_NUMBER))
			return true;
	}
	/* take/get me off, take my number off */
	if ((f & F_TAKEV) && !negated(m, i))
	{
		j = i + 1;
		if (ID(j) == W_me || ID(j) == W_us)
			j++;
		else if ((FL(j) & F_DET) && (FL(j + 1) & F_NUMBER))
			j += 2;
		else
			j = -1;
		if (j > 0 && ID(j) == W_off && !CL(i + 1) && !CL(j) && (j == i + 2 || !CL(j - 1)))
			return true;
	}
	/* off your (texting) list */
	if (id == W_off)
	{
		for (j = i + 1, k = 0; k < 3 && !CL(j) && (FL(j) & F_LISTMOD); j++, k++)
			;
		if (!CL(j) && (FL(j) & F_LIST))
			return true;
	}
	/* leave me alone, leave me the hell alone */
	if (id == W_leave && (ID(i + 1) == W_me || ID(i + 1) == W_us) && !CL(i + 1))
	{
		for (j = i + 2; j <= i + 4 && !CL(j); j++)
			if (ID(j) == W_alone)
				return true;
	}
	/* don't / do not / never + text/call/contact/message + me/again/... */
	if (f & F_CONTACT)
	{
		int			p = i - 1;
		bool		neg = false,
					never = false;

		for (k = 0; k < 2 && !CL(p + 1) && p >= 0 &&
			 (ID(p) == W_ever || ID(p) == W_evr || ID(p) == W_even || ID(p) == W_you ||
			  ID(p) == W_u || ID(p) == W_please || ID(p) == W_pls || ID(p) == W_plz ||
			  ID(p) == W_again || ID(p) == W_just); k++)
			p--;
		if (p >= 0 && !CL(p + 1))
		{
			if (ID(p) == W_dont)
				neg = true;
			else if (ID(p) == W_never)
				neg = never = true;
			else if (ID(p) == W_not && !CL(p) &&
					 (ID(p - 1) == W_do || ID(p - 1) == W_please || ID(p - 1) == W_pls ||
					  ID(p - 1) == W_plz))
				neg = true;
		}
		if (neg)
		{
			j = i + 1;
			if (CL(j))
				return !never;
			if (ID(j) == W_me || ID(j) == W_us)
				return CL(j + 1) || !(FL(j + 1) & F_TIMEG);
			if (ID(j) == W_this || ID(j) == W_again || ID(j) == W_anymore ||
				ID(j) == W_any || ID(j) == W_ever || ID(j) == W_my || ID(j) == W_these ||
				ID(j) == W_ur || ID(j) == W_your ||
				((FL(j) & F_FILL) && ID(j) != W_just))	/* "don't call, just text" */
				return true;
		}
	}
	/* no more (texts), no texts/spam */
	if (id == W_no && !CL(i + 1))
	{
		if (ID(i + 1) == W_more)
		{
			for (j = i + 2, k = 0; k < 3 && !CL(j) && (FL(j) & (F_SKIP | F_FILL)) &&
				 !(FL(j) & F_OBJ); j++, k++)
				;
			if (CL(j) || (FL(j) & F_OBJ))
				return true;
		}
		if (FL(i + 1) & F_OBJPL)
			return true;
	}
	/* don't want / no longer wish / not interested in + [to receive ...] texts */
	if ((f & F_WANTV) || id == W_interested)
	{
		bool		neg = (id == W_interested) ? negated_near(m, i) :
		(negated(m, i) || (ID(i - 1) == W_longer && ID(i - 2) == W_no && !CL(i - 1)));

		if (neg)
		{
			for (j = i + 1, k = 0; k < 5 && !CL(j) && ((FL(j) & F_SKIP) || ID(j) == W_in) &&
				 !(FL(j) & F_OBJ); j++, k++)
				;
			if (!CL(j) && (FL(j) & F_OBJ))
				return true;
		}
	}
	/* i want out (of this) */
	if (id == W_want && ID(i + 1) == W_out && !CL(i + 1) && !negated(m, i) &&
		(CL(i + 2) || ID(i + 2) == W_of))
		return true;
	/* wrong number / wrong # / wrong person */
	if (id == W_wrong && !CL(i + 1) && (FL(i + 1) & F_WRONGOBJ))
		return true;
	/* back off, f off, piss off */
	if ((f & F_OFFV) && ID(i + 1) == W_off && !CL(i + 1))
		return true;
	/* go away, get lost */
	if ((id == W_go && ID(i + 1) == W_away && !CL(i + 1)) ||
		(id == W_get && ID(i + 1) == W_lost && !CL(i + 1)))
		return true;
	/* blocking you / this number */
	if ((f & F_BLOCK) && !CL(i + 1) &&
		(ID(i + 1) == W_you || ID(i + 1) == W_u || ID(i + 1) == W_ya || ID(i + 1) == W_this ||
		 ID(i + 1) == W_your || ID(i + 1) == W_ur || ID(i + 1) == W_yall ||
		 ID(i + 1) == W_number))
		return true;
	return false;
}

/* opt-in phrase rules at token i */
static bool
opt_in_at(const IntentMsg *m, int i)
{
	int			id = ID(i);
	int			j,
				k;

	if ((FL(i) & F_UNIN) && !negated(m, i))
		return true;
	/* opt in, opt me in, opt back in, opt me back in */
	if (id == W_opt || id == W_opting || id == W_opted)
	{
		j = i + 1;
		if (ID(j) == W_me || ID(j) == W_us)
			j++;
		if (ID(j) == W_back)
			j++;
		if (ID(j) == W_in && !CL(j) && j - 1 > i - 1 && !CL(i + 1) && !negated(m, i))
			return true;
	}
	/* start (sending me) texts again */
	if ((FL(i) & F_STARTV) && !negated(m, i))
	{
		for (j = i + 1, k = 0; k < 4 && !CL(j) && (FL(j) & F_SKIP) && !(FL(j) & F_OBJ); j++, k++)
			;
		if (!CL(j) && (FL(j) & F_OBJ))
			return true;
	}
	/* add me back, put me back, sign me back up */
	if ((id == W_add || id == W_put || id == W_sign) &&
		(ID(i + 1) == W_me || ID(i + 1) == W_us) && ID(i + 2) == W_back &&
		!CL(i + 1) && !CL(i + 2))
		return true;
	/* subscribe me, re subscribe */
	if (id == W_subscribe && !CL(i + 1) && (ID(i + 1) == W_me || ID(i + 1) == W_us) &&
		!negated(m, i))
		return true;
	if (id == W_re && ID(i + 1) == W_subscribe && !CL(i + 1))
		return true;
	return false;
}

/* yes phrase rules at token i (not the first-word rule) */
static bool
yes_at(const IntentMsg *m, int i, int nwords)
{
	int			id = ID(i);
	int			n1 = ID(i + 1),
				n2 = ID(i + 2);
	bool		c1 = !CL(i + 1),
				c2 = c1 && !CL(i + 2);

	/* yes/yeah/yep/absolutely... starting any clause, not "... not" */
	if ((FL(i) & F_AFF2) && CL(i) && !(n1 == W_not && c1) &&
		!(m->question && nwords == 1))
		return true;
	if (negated_near(m, i) && id != W_no)
		return false;
	switch (id)
	{
		case W_sounds:			/* sounds good / great / like a plan */
			return c1 && (n1 == W_good || n1 == W_like || n1 == W_great || n1 == W_perfect ||
						  n1 == W_fine || n1 == W_awesome || n1 == W_cool ||
						  n1 == W_love || n1 == W_deal);
		case W_count:			/* count me in */
			return c2 && (n1 == W_me || n1 == W_us) && n2 == W_in;
		case W_im:				/* i'm in / i'm down / i'm interested */
			return c1 && ((n1 == W_in || n1 == W_down) &&
						  (CL(i + 2) || (FL(i + 2) & F_FILL)));
		case W_interested:
			return !negated_near(m, i);
		case W_sign:			/* sign me up */
			return c2 && (n1 == W_me || n1 == W_us) && n2 == W_up;
		case W_lets:			/* let's do it / let's go */
			return c1 && (n1 == W_do || n1 == W_go);
		case W_go:				/* go ahead / go for it */
			return c1 && (n1 == W_ahead || (n1 == W_for && c2 && n2 == W_it));
		case W_for:				/* for sure */
			return c1 && n1 == W_sure;
		case W_please:			/* please do */
			return c1 && n1 == W_do && CL(i + 2);
		case W_that:			/* that works */
			return c1 && n1 == W_works;
		case W_works:			/* works for me; "Thursday works" */
			return (c2 && n1 == W_for && n2 == W_me) ||
				(CL(i + 1) && nwords <= 4 && i > 0);
		case W_of:				/* of course (not "of course not") */
			return c1 && n1 == W_course && !(c2 && n2 == W_not);
		case W_no:				/* no problem / no worries */
			return c1 && (n1 == W_problem || n1 == W_prob || n1 == W_worries);
		case W_np:
			return true;
		case W_love:			/* love to / would love / i'd love */
			return (c1 && n1 == W_to) || ID(i - 1) == W_id || ID(i - 1) == W_would;
		case W_see:				/* see you then/there */
			return c2 && (n1 == W_you || n1 == W_u || n1 == W_ya) &&
				(n2 == W_then || n2 == W_there);
		case W_be:				/* i'll be there / will be there */
			return c1 && n1 == W_there && (ID(i - 1) == W_ill || ID(i - 1) == W_will);
		case W_will:			/* will do */
			return c1 && n1 == W_do && CL(i + 2) && CL(i);
		case W_agree:
			return !negated(m, i);
	}
	return false;
}

/* no phrase rules at token i (not the first-word rule) */
static bool
no_at(const IntentMsg *m, int i)
{
	int			id = ID(i);
	int			n1 = ID(i + 1);
	bool		c1 = !CL(i + 1);

	if (id == E_NO)
		return true;
	/* no/nope/nah/pass starting any clause, "but no"; "never" on its own */
	if ((FL(i) & F_NEGW) && (CL(i) || ID(i - 1) == W_but) &&
		(id != W_never || CL(i + 1)))
		return true;
	/* maybe later / maybe next time */
	if (id == W_maybe && c1 && (n1 == W_later || n1 == W_next || n1 == W_another))
		return true;
	switch (id)
	{
		case W_not:				/* not interested/now/today/really/yet/for me */
			return c1 && (n1 == W_interested || n1 == W_now || n1 == W_today ||
						  n1 == W_tonight || n1 == W_really || n1 == W_anymore ||
						  n1 == W_yet || n1 == W_thanks || n1 == W_thx ||
						  n1 == W_ty || n1 == W_for || n1 == W_at || n1 == W_right ||
						  n1 == W_this);
		case W_interested:		/* not really interested, no longer interested */
			return negated_near(m, i);
		case W_uninterested:
		case W_disinterested:
			return true;
		case W_no:				/* no thanks, no way */
			return c1 && (n1 == W_thanks || n1 == W_thank || n1 == W_thx ||
						  n1 == W_ty || n1 == W_way || n1 == W_sir);
		case W_im:				/* i'm good / ok / fine / set [, thanks] */
		case W_were:
			if (c1 && (n1 == W_good || n1 == W_ok || n1 == W_okay || n1 == W_fine ||
					   n1 == W_set || (n1 == W_all && ID(i + 2) == W_set)))
			{
				int			j = (n1 == W_all) ? i + 3 : i + 2;

				while (!CL(j) && (FL(j) & F_FILL))
					j++;
				return CL(j);
			}
			return false;
		case W_ill:				/* i'll pass */
		case W_hard:			/* hard pass */
			return c1 && n1 == W_pass;
		case W_think:			/* i don't think so */
			return c1 && n1 == W_so && negated(m, i);
		case W_want:			/* don't want / don't need */
		case W_need:
			return negated(m, i) || (ID(i - 1) == W_longer && ID(i - 2) == W_no);
	}
	return false;
}

/*
 * Classify one reply.  The tokens live in a stack buffer (about 4.5 kB);
 * nothing is allocated.  With opt_out_only, anything but an opt-out is
 * reported as SMS_INTENT_OTHER (is_opt_out() needs no more).
 */
static SmsIntent
classify(const char *utf8, int len, bool opt_out_only)
{
	IntentMsg	msg;
	IntentMsg  *m = &msg;
	int			i,
				f0,
				nwords = 0;

	if (!word_hash_ready)
		build_word_hash();
	if (utf8 == NULL || len <= 0)
		return SMS_INTENT_OTHER;
	tokenise(m, (const unsigned char *) utf8, len);

	for (i = 0; i < m->n; i++)
		if (!IS_EMOJI(i))
			nwords++;

	/* opt-out */
	if (!m->truncated && span_only(m, 0, m->n, F_KWOUT, 0))
		return SMS_INTENT_OPT_OUT;
	for (i = 0; i < m->n; i++)
		if (opt_out_at(m, i))
			return SMS_INTENT_OPT_OUT;
	if (opt_out_only)
		return SMS_INTENT_OTHER;

	/* opt-in */
	if (!m->truncated && span_only(m, 0, m->n, F_KWIN, F_AFF))
		return SMS_INTENT_OPT_IN;
	for (i = 0; i < m->n; i++)
		if (opt_in_at(m, i))
			return SMS_INTENT_OPT_IN;

	/* help: the whole message, or its first clause */
	if (!m->truncated && span_only(m, 0, m->n, F_KWHELP, F_HELPFILL))
		return SMS_INTENT_HELP;
	if (m->n > 0 && span_only(m, 0, clause_end(m, 0), F_KWHELP, F_HELPFILL))
		return SMS_INTENT_HELP;

	/* the first meaningful token: skip greetings, "thank you", other emoji */
	for (f0 = 0; f0 < m->n; f0++)
	{
		if (ID(f0) == E_OTHER || (FL(f0) & F_GREET))
			continue;
		if (ID(f0) == W_you && f0 > 0 && ID(f0 - 1) == W_thank)
			continue;
		break;
	}

	/* yes */
	if (ID(f0) == E_YES)
		return SMS_INTENT_YES;
	if ((FL(f0) & F_AFF) && !(ID(f0 + 1) == W_not && !CL(f0 + 1)) &&
		!(m->question && nwords == 1))
		return SMS_INTENT_YES;
	if (ID(f0) == W_y && nwords == 1 && !m->question)
		return SMS_INTENT_YES;
	for (i = 0; i < m->n; i++)
		if (yes_at(m, i, nwords))
			return SMS_INTENT_YES;

	/* no */
	if (ID(f0) == W_n && nwords == 1 && !m->question)
		return SMS_INTENT_NO;
	if ((FL(f0) & F_AFF) && ID(f0 + 1) == W_not && !CL(f0 + 1))
		return SMS_INTENT_NO;	/* "absolutely not", "sure not" */
	if (ID(f0) == W_of && ID(f0 + 1) == W_course && ID(f0 + 2) == W_not)
		return SMS_INTENT_NO;
	for (i = 0; i < m->n; i++)
		if (no_at(m, i))
			return SMS_INTENT_NO;

	/* question */
	if (m->question)
		return SMS_INTENT_QUESTION;
	for (i = 0; i < m->n; i++)
	{
		if (!CL(i) && i != f0)
			continue;
		if (FL(i) & F_QW)
			return SMS_INTENT_QUESTION;
		if ((FL(i) & F_AUX) && (FL(i + 1) & F_PRON) && !CL(i + 1))
			return SMS_INTENT_QUESTION;
	}
	for (i = 0; i < m->n; i++)
		if (ID(i) == W_wondering)
			return SMS_INTENT_QUESTION;

	return SMS_INTENT_OTHER;
}

SmsIntent
smskpi_intent(const char *utf8, int len)
{
	return classify(utf8, len, false);
}

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

#ifndef SMSKPI_FUZZ

/* reply_intent(text) returns the intent of a reply as text ('opt_out' ...). */
PG_FUNCTION_INFO_V1(smskpi_reply_intent);
Datum
smskpi_reply_intent(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			len;
	const char *s = smskpi_text_utf8(t, &len);
	SmsIntent	r = smskpi_intent(s, len);

	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_TEXT_P(cstring_to_text(smskpi_intent_name(r)));
}

/* is_opt_out(text) returns true when reply_intent(text) is 'opt_out'. */
PG_FUNCTION_INFO_V1(smskpi_is_opt_out);
Datum
smskpi_is_opt_out(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			len;
	const char *s = smskpi_text_utf8(t, &len);
	SmsIntent	r = classify(s, len, true);

	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_BOOL(r == SMS_INTENT_OPT_OUT);
}

#endif							/* SMSKPI_FUZZ */
