/*-------------------------------------------------------------------------
 *
 * sentiment.c
 *	  smskpi.sentiment_score(text) -> float8 in [-1, 1] and
 *	  smskpi.sentiment_label(text) -> 'positive' | 'neutral' | 'negative':
 *	  lexicon-based sentiment in the VADER tradition (Hutto & Gilbert 2014),
 *	  with the fixes SMS text needs.  doc/sentiment.md has the exact
 *	  definition; in short:
 *
 *	  1. One pass over the UTF-8 bytes splits the message into tokens:
 *		 words (ASCII letters/digits and non-ASCII letters, with inner
 *		 apostrophes -- straight or curly -- and hyphens), emoticons (a
 *		 punctuation chunk found in the lexicon), and emoji (one grapheme
 *		 cluster each, smskpi_grapheme_next).  Unicode punctuation never
 *		 sticks to a word.  Clause (, ; : dashes) and sentence (. ! ? new
 *		 line) boundaries and the ! / ? counts of each sentence are recorded.
 *		 Words are lower-cased into a stack buffer and looked up in a
 *		 perfect hash generated from VADER's lexicon plus smskpi's tables
 *		 (sentiment_lexicon.h).
 *	  2. Each token gets a valence: lexicon value, CAPS emphasis (only when
 *		 the message also has non-capital words), elongation emphasis,
 *		 boosters/dampeners up to 3 words back, negation up to 3 words back
 *		 within the clause (x -0.74; x -0.3 for a negative word), idioms at any position, "like" only as a verb
 *		 of liking, "no" as a negator only before a sentiment word,
 *		 positive words in a question halved, words after an irrealis
 *		 marker (if, could, ...) or a concessive connective (although,
 *		 though, despite, ...) in their clause halved.
 *	  3. Per sentence: contrast ("but", "however": before x0.5, after
 *		 x1.5), then ! and ? emphasis in the direction of the sentence sum.
 *	  4. compound = x / sqrt(x^2 + 15), x = (sum over sentences) / sqrt(n),
 *		 n = number of tokens with a non-zero valence (at least 1).
 *
 *	  The scorer (smskpi_sentiment) allocates nothing and is server-
 *	  independent: test/fuzz/sentiment_fuzz.c builds it with -DSMSKPI_FUZZ.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#ifndef SMSKPI_FUZZ
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#endif

#include "sentiment.h"
#include "sentiment_lexicon.h"
#include "unicode.h"

#ifdef SMSKPI_FUZZ
#ifndef UINT64CONST
#define UINT64CONST(x) UINT64_C(x)
#endif
#endif

/* VADER's constants (vaderSentiment.py) */
#define B_INCR		0.293		/* booster / dampener step */
#define C_INCR		0.733		/* CAPS emphasis */
#define N_SCALAR	(-0.74)		/* negation */
#define EXCL_STEP	0.292		/* per '!' (at most 4 per sentence) */
#define QM_STEP		0.18		/* per '?' when 2 or 3 */
#define QM_MAX		0.96		/* 4 or more '?' */
#define ALPHA		15.0		/* compound = x / sqrt(x^2 + ALPHA) */
/* ours */
#define QUESTION_DAMP 0.5		/* positive words in a question */
#define IRREALIS_DAMP 0.5		/* words after if/could/should/might or
								 * although/though/despite in the clause */
#define N_SCALAR_NEG (-0.3)		/* negation of a negative word ("not bad") */

#define SENT_MAXTOK 128			/* tokens scored together (a message) */
#define SENT_TOKLEN 32			/* bytes kept of a token (keys are <= 31) */

/* token flags */
#define T_CAPS		0x0001		/* >= 2 letters, all ASCII capitals */
#define T_WORD		0x0002		/* >= 2 letters */
#define T_CLAUSE	0x0004		/* a clause boundary follows the token */
#define T_SENT		0x0008		/* a sentence boundary follows the token */
#define T_CONSUMED	0x0010		/* inner word of a matched idiom */
#define T_EMO		0x0020		/* emoji or emoticon */
#define T_LONG		0x0040		/* longer than SENT_TOKLEN - 1: never matches */
#define T_ELONG		0x0080		/* elongated ("sooo", "goood") */
#define T_NEG		0x0100		/* negator (lexicon flag or "...n't") */
#define T_IRREALIS	0x0200		/* after if/could/should/might (irrealis) or
								 * although/though/despite (concession) in
								 * its clause */

typedef struct SentTok
{
	char		s[SENT_TOKLEN]; /* lower-cased key bytes */
	uint8		len;
	uint8		nexcl;			/* on a sentence's last token: its '!' */
	uint8		nq;				/* ... and '?' */
	uint16		tflags;
	int16		entry;			/* slot in sent_entries, -1 = none */
	/* cached from the entry, so that scoring seldom reads sent_entries */
	uint32		ef;				/* its flags (0 if none) */
	float		val;			/* its valence (0 if none) */
} SentTok;

typedef struct SentState
{
	SentTok		tok[SENT_MAXTOK];
	int			ntok;
	/* the word being read */
	char		w[SENT_TOKLEN];	/* zero beyond wlen (sent_lookup_hashed) */
	uint64		wh;				/* FNV-1a hash of w[0..wlen) */
	int			wlen;
	int			wletters;
	int			wupper;
	bool		wlong;
	bool		wrun3;			/* has a run of >= 3 equal bytes ("sooo") */
	char		wjoin;			/* pending inner ' or - (0 = none) */
	/* punctuation seen since the last token */
	bool		p_clause;
	bool		p_sent;
	bool		p_dot;			/* a '.' that ends a sentence unless a word
								 * follows at once ("3.5", "a.m.") */
	int			p_excl;
	int			p_q;
	/* an ASCII punctuation run inside a chunk, for emoticons ("thx:)") */
	char		run[8];
	int			runlen;
	/* the words of st->tok, counted as end_word() makes them */
	int			nwords;			/* T_WORD tokens */
	int			ncaps;			/* ... of them T_CAPS */
	int			nplain;			/* tokens that are not T_EMO */
	int			lastplain;		/* index of the last of them */
	uint32		wflags;			/* lexicon flags of them all, or'ed */
	/* result */
	double		total;
	int			nval;			/* tokens with a non-zero valence */
	int			nflush;
} SentState;

/* ---------------------------------------------------------------------
 * Lexicon lookup (perfect hash, see test/gen/gen_sentiment_lexicon.py)
 * ---------------------------------------------------------------------
 */
#define FNV_OFFSET	UINT64CONST(0xcbf29ce484222325)
#define FNV_PRIME	UINT64CONST(0x100000001b3)

static inline uint64
fnv1a64(const char *s, int len)
{
	uint64		h = FNV_OFFSET;

	for (int i = 0; i < len; i++)
	{
		h ^= (unsigned char) s[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* the one slot a key with hash h can be in (hash and displace) */
static inline int
sent_slot_of(uint64 h)
{
	uint64		d = sent_disp[(h >> 40) & (SENT_NBUCKETS - 1)];

	return (int) (((h ^ (d * UINT64CONST(0x9E3779B97F4A7C15))) *
				   UINT64CONST(0xff51afd7ed558ccd)) >> (64 - SENT_SLOT_BITS));
}

/*
 * Index in sent_entries of key s[0..len) with hash h, or -1.  padded: s has
 * at least 8 bytes, zero after len (the word buffer), so that a short key
 * is compared in one fixed-size memcmp (one 8-byte compare, no call).
 */
static inline int
sent_lookup_hashed(const char *s, int len, uint64 h, bool padded)
{
	int			e = sent_slot_of(h);
	const SentEntry *ent;

	/* fingerprint first (16 KB of table): most words are not in the lexicon */
	if (sent_fp[e] != SENT_FP(h))
		return -1;
	ent = &sent_entries[e];
	if (ent->len != len)
		return -1;
	if (len <= 8)
	{
		/* the entry's key is zero-padded too */
		if (padded ? memcmp(ent->key, s, 8) != 0 : memcmp(ent->key, s, len) != 0)
			return -1;
	}
	else if (memcmp(ent->key, s, 8) != 0 ||
			 memcmp(sent_tail + ent->tail, s + 8, len - 8) != 0)
		return -1;
	return e;
}

/* index in sent_entries of key s[0..len), or -1 */
static int
sent_lookup(const char *s, int len)
{
	if (len <= 0 || len > 31)
		return -1;
	return sent_lookup_hashed(s, len, fnv1a64(s, len), false);
}

static inline uint32
tok_flags(const SentTok *t)
{
	return t->ef;
}

static inline void
set_entry(SentTok *t, int e)
{
	t->entry = (int16) e;
	t->ef = e >= 0 ? sent_entries[e].flags : 0;
	t->val = e >= 0 ? sent_entries[e].val : 0.0f;
}

/* ---------------------------------------------------------------------
 * Scoring of a run of tokens (a whole message, or SENT_MAXTOK tokens of a
 * very long text)
 * ---------------------------------------------------------------------
 */

/* a boundary lies between tokens j and j + 1 */
static inline bool
boundary_after(const SentTok *t, int j)
{
	return (t[j].tflags & (T_CLAUSE | T_SENT)) != 0;
}

/* the token carries a real sentiment word (not an emoticon, not zero) */
static inline bool
is_sentiment_word(const SentTok *t)
{
	uint32		f = tok_flags(t);

	return (f & SENT_F_VAL) && !(f & (SENT_F_EMOJI | SENT_F_BOOST)) &&
		!(t->tflags & (T_CONSUMED | T_EMO)) &&
		t->val != 0.0f;
}

/* match idioms (2 or 3 words within a clause) anywhere */
static void
match_idioms(SentTok *t, int n)
{
	char		key[SENT_TOKLEN * 3 + 2];

	for (int i = 0; i + 1 < n; i++)
	{
		int			first = (tok_flags(&t[i]) & SENT_F_IDIOM_START) != 0;
		int			second = (tok_flags(&t[i + 1]) & SENT_F_IDIOM_2ND) != 0;

		/*
		 * Both tests in one branch (&, not &&): either alone is often true
		 * ("a", "the", "no", "good"), both seldom.
		 */
		if (!(first & second) || (t[i].tflags & T_CONSUMED))
			continue;
		for (int span = 3; span >= 2; span--)
		{
			int			k = i + span - 1;
			int			klen = 0;
			int			e;
			bool		ok = true;

			if (k >= n)
				continue;
			for (int j = i; j <= k; j++)
			{
				if ((t[j].tflags & (T_EMO | T_LONG)) || (j < k && boundary_after(t, j)))
				{
					ok = false;
					break;
				}
				if (j > i)
					key[klen++] = ' ';
				memcpy(key + klen, t[j].s, t[j].len);
				klen += t[j].len;
			}
			if (!ok)
				continue;
			e = sent_lookup(key, klen);
			if (e >= 0 && (sent_entries[e].flags & SENT_F_IDIOM))
			{
				for (int j = i; j < k; j++)
				{
					t[j].tflags |= T_CONSUMED;
					t[j].tflags &= ~T_NEG;
					set_entry(&t[j], -1);
				}
				set_entry(&t[k], e);
				t[k].tflags &= ~T_NEG;
				i = k - 1;		/* continue after the idiom */
				break;
			}
		}
	}
}

/* VADER's sentiment_valence() with smskpi's rules, for token i */
static double
token_valence(const SentTok *t, int n, int i, bool capdiff, bool question)
{
	uint32		f = t[i].ef;	/* 0 if no entry */
	float		val = t[i].val;
	double		v;
	double		sign;

	if (!(f & SENT_F_VAL) || val == 0.0f || (t[i].tflags & T_CONSUMED))
		return 0.0;
	if ((t[i].tflags & T_EMO) || (f & SENT_F_EMOJI))
		return val;				/* emoji and emoticons: as they are */
	if (f & SENT_F_BOOST)
		return 0.0;
	/* degree adverb before a sentiment word ("pretty good"): a booster */
	if ((f & SENT_F_ADVADJ) && i + 1 < n && !boundary_after(t, i) &&
		is_sentiment_word(&t[i + 1]))
		return 0.0;
	/* "like": the verb of liking only after a subject, adverb or negator */
	if (f & SENT_F_LIKE)
	{
		if (i == 0 || boundary_after(t, i - 1) ||
			!((tok_flags(&t[i - 1]) & SENT_F_LIKE_SUBJ) || (t[i - 1].tflags & T_NEG)))
			return 0.0;
	}
	/* "no" before a sentiment word negates it instead of counting itself */
	if ((f & SENT_F_NO) && i + 1 < n && !boundary_after(t, i) &&
		is_sentiment_word(&t[i + 1]))
		return 0.0;

	v = val;
	sign = v > 0 ? 1.0 : -1.0;
	if ((t[i].tflags & T_CAPS) && capdiff && !(f & SENT_F_CONVCAPS))
		v += sign * C_INCR;
	if (t[i].tflags & T_ELONG)
		v += sign * B_INCR;

	/* up to 3 words back, within the clause */
	for (int k = 0; k < 3; k++)
	{
		int			j = i - 1 - k;
		uint32		fj;
		double		s = 0.0;

		if (j < 0 || boundary_after(t, j))
			break;
		fj = tok_flags(&t[j]);
		if (t[j].tflags & (T_CONSUMED | T_EMO))
			continue;
		if ((fj & SENT_F_BOOST) || ((fj & SENT_F_ADVADJ) && k == 0))
		{
			s = sent_entries[t[j].entry].boost;
			if (v < 0)
				s = -s;
			if ((t[j].tflags & T_CAPS) && capdiff && !(fj & SENT_F_CONVCAPS))
				s += (v > 0 ? C_INCR : -C_INCR);
			if (k == 1)
				s *= 0.95;
			else if (k == 2)
				s *= 0.9;
			v += s;
		}
		if (k == 1 && (fj & SENT_F_NEVER) && (tok_flags(&t[i - 1]) & SENT_F_SOTHIS))
			v *= 1.25;
		else if (k == 1 && (fj & SENT_F_WITHOUT) && (tok_flags(&t[i - 1]) & SENT_F_DOUBT))
			;
		else if (k == 2 && (fj & SENT_F_NEVER) &&
				 ((tok_flags(&t[j + 1]) & SENT_F_SOTHIS) ||
				  (tok_flags(&t[i - 1]) & SENT_F_SOTHIS)))
			v *= 1.25;
		else if (k == 2 && (fj & SENT_F_WITHOUT) &&
				 ((tok_flags(&t[j + 1]) & SENT_F_DOUBT) ||
				  (tok_flags(&t[i - 1]) & SENT_F_DOUBT)))
			;
		else if (t[j].tflags & T_NEG)
		{
			/* "no" reaches 3 words back only through "or"/"nor" */
			if (!(k == 2 && (fj & SENT_F_NO) && !(tok_flags(&t[i - 1]) & SENT_F_ORNOR)))
				v *= val < 0 ? N_SCALAR_NEG : N_SCALAR;
		}
	}
	/* "least": negates, except in "at least" / "very least" */
	if (i > 0 && !boundary_after(t, i - 1) && (tok_flags(&t[i - 1]) & SENT_F_LEAST))
	{
		if (!(i > 1 && !boundary_after(t, i - 2) &&
			  (tok_flags(&t[i - 2]) & SENT_F_ATVERY)))
			v *= val < 0 ? N_SCALAR_NEG : N_SCALAR;
	}
	if (question && v > 0)
		v *= QUESTION_DAMP;
	/*
	 * irrealis ("if it works", "could be better") and concession ("although
	 * it is good, ..."): the clause asserts less
	 */
	if (t[i].tflags & T_IRREALIS)
		v *= IRREALIS_DAMP;
	return v;
}

/* score tokens t[0..n) and add them to st->total */
static void
score_tokens(SentState *st, bool whole_message)
{
	SentTok    *t = st->tok;
	int			n = st->ntok;
	bool		capdiff;
	double		prev_sum = 0.0;
	bool		have_prev = false;
	int			nval = 0;
	double		vals[SENT_MAXTOK];

	if (n == 0)
		return;

	/*
	 * An idiom starts with a word (a T_EMO token never starts or continues
	 * one), so without a word that can start one and a word that can come
	 * second, there is none to match.
	 */
	if ((st->wflags & SENT_F_IDIOM_START) && (st->wflags & SENT_F_IDIOM_2ND))
		match_idioms(t, n);

	/*
	 * An opt-out keyword alone ("STOP", "Unsubscribe.") is not sentiment.
	 * The tokens that are not T_EMO are end_word()'s, which counts them.
	 */
	if (whole_message && st->nplain == 1 &&
		(tok_flags(&t[st->lastplain]) & SENT_F_OPTOUT))
		set_entry(&t[st->lastplain], -1);

	/* CAPS emphasis only if some words are not in capitals */
	capdiff = st->ncaps > 0 && st->ncaps < st->nwords;

	for (int start = 0; start < n;)
	{
		int			end = start;
		int			cb = -1;
		bool		irr = false;
		double		sum = 0.0;
		double		emph;
		int			nexcl,
					nq;

		while (end < n - 1 && !(t[end].tflags & T_SENT))
			end++;
		nexcl = t[end].nexcl;
		nq = t[end].nq;
		for (int i = start; i <= end; i++)
		{
			/*
			 * After an irrealis marker or a concessive connective, up to the
			 * next boundary.  A sentence ends at a boundary (or at the end
			 * of the tokens), so this starts again false in each sentence;
			 * token_valence() reads T_IRREALIS of token i only.
			 */
			if (irr)
				t[i].tflags |= T_IRREALIS;
			if (t[i].ef & (SENT_F_IRREALIS | SENT_F_CONCESS))
				irr = true;
			if (boundary_after(t, i))
				irr = false;
			vals[i] = token_valence(t, n, i, capdiff, nq > 0);
			if (cb < 0 && (tok_flags(&t[i]) & SENT_F_CONTRAST) &&
				!(t[i].tflags & T_CONSUMED))
				cb = i;
		}
		if (cb >= 0 && cb == start && have_prev)
		{
			/* "... . But ...": the previous sentence is the weaker part */
			st->total -= prev_sum * 0.5;
		}
		for (int i = start; i <= end; i++)
		{
			double		v = vals[i];

			/* contrast: before the first "but" x0.5, after it x1.5 */
			if (cb >= 0)
			{
				if (i < cb)
					v *= 0.5;
				else if (i > cb)
					v *= 1.5;
			}
			sum += v;
			if (v != 0.0)
				nval++;
		}

		emph = Min(nexcl, 4) * EXCL_STEP;
		if (nq > 1)
			emph += (nq <= 3) ? nq * QM_STEP : QM_MAX;
		if (sum > 0)
			sum += emph;
		else if (sum < 0)
			sum -= emph;
		else if (nq > 1)
			sum = -((nq <= 3) ? nq * QM_STEP : QM_MAX);	/* "what???" */

		st->total += sum;
		prev_sum = sum;
		have_prev = true;
		start = end + 1;
	}
	st->nval += nval;
	st->ntok = 0;
	st->nwords = st->ncaps = st->nplain = 0;
	st->wflags = 0;
	st->nflush++;
}

/* ---------------------------------------------------------------------
 * Tokenizer
 * ---------------------------------------------------------------------
 */

/* apply the punctuation seen since the last token to it */
static inline void
apply_pending(SentState *st)
{
	SentTok    *last;

	if (st->p_dot)
	{
		st->p_sent = true;
		st->p_dot = false;
	}
	if (st->ntok == 0)
	{
		/* nothing to attach to: keep the marks for the first sentence */
		st->p_clause = st->p_sent = false;
		return;
	}
	last = &st->tok[st->ntok - 1];
	if (st->p_clause)
		last->tflags |= T_CLAUSE;
	if (st->p_sent)
	{
		last->tflags |= T_SENT;
		last->nexcl = (uint8) Min(st->p_excl, 255);
		last->nq = (uint8) Min(st->p_q, 255);
		st->p_excl = st->p_q = 0;
	}
	st->p_clause = st->p_sent = false;
}

/* append a token (before it: the pending boundaries) */
static SentTok *
push_token(SentState *st)
{
	SentTok    *t;

	if (st->p_clause || st->p_sent || st->p_dot)
		apply_pending(st);
	if (st->ntok == SENT_MAXTOK)
	{
		/* a very long text: score what we have and go on */
		st->tok[st->ntok - 1].tflags |= T_SENT;
		st->tok[st->ntok - 1].nexcl = (uint8) Min(st->p_excl, 255);
		st->tok[st->ntok - 1].nq = (uint8) Min(st->p_q, 255);
		st->p_excl = st->p_q = 0;
		score_tokens(st, false);
#ifndef SMSKPI_FUZZ
		CHECK_FOR_INTERRUPTS();
#endif
	}
	t = &st->tok[st->ntok++];
	t->len = 0;
	t->nexcl = t->nq = 0;
	t->tflags = 0;
	set_entry(t, -1);
	return t;
}

/*
 * Code points read as a symbol cluster (emoji, dingbats, arrows, flags):
 * the blocks that hold every Extended_Pictographic code point above U+2100,
 * plus (C) and (R).  Each such grapheme cluster is one token.
 */
static inline bool
symbol_cp(pg_wchar cp)
{
	return (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
		cp == 0x2122 || cp == 0x2139 || cp == 0x3030 || cp == 0x303D ||
		cp == 0x3297 || cp == 0x3299 || cp == 0xA9 || cp == 0xAE;
}

static inline bool
ascii_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* collapse runs of >= 3 equal bytes to 'keep' bytes; returns new length */
static int
collapse_runs(const char *s, int len, char *out, int keep)
{
	int			o = 0;

	for (int i = 0; i < len;)
	{
		int			r = 1;

		while (i + r < len && s[i + r] == s[i])
			r++;
		for (int k = 0; k < (r >= 3 ? keep : r); k++)
			out[o++] = s[i];
		i += r;
	}
	return o;
}

/* only the letters of set (e.g. "ha") */
static bool
all_in(const char *s, int len, const char *set)
{
	for (int i = 0; i < len; i++)
		if (!strchr(set, s[i]))
			return false;
	return true;
}

/* the word in st->w is complete: make it a token */
static void
end_word(SentState *st)
{
	SentTok    *t;
	int			e;

	if (st->wlen == 0)
		return;
	t = push_token(st);
	/* the whole buffer: a fixed-size copy is two moves, not a call */
	memcpy(t->s, st->w, SENT_TOKLEN);
	t->len = (uint8) st->wlen;
	st->nplain++;
	st->lastplain = st->ntok - 1;
	if (st->wletters >= 2)
	{
		t->tflags |= T_WORD;
		st->nwords++;
		if (st->wupper == st->wletters)
		{
			t->tflags |= T_CAPS;
			st->ncaps++;
		}
	}
	if (st->wlong)
		t->tflags |= T_LONG;
	else
	{
		/* the hash was computed as the word was read */
		e = sent_lookup_hashed(st->w, st->wlen, st->wh, true);
		if (e >= 0)
			;
		/* "hahahaha" -> "hahaha", "lolol" -> "lol" */
		else if (t->len > 6 && memcmp(t->s, "haha", 4) == 0 && all_in(t->s, t->len, "ha"))
			e = sent_lookup("hahaha", 6);
		else if (t->len > 3 && memcmp(t->s, "lol", 3) == 0 && all_in(t->s, t->len, "lo"))
			e = sent_lookup("lol", 3);
		else if (st->wrun3)
		{
			/* elongation: "goooood" -> "good", "sooo" -> "so" */
			char		buf[SENT_TOKLEN];
			int			l = collapse_runs(t->s, t->len, buf, 2);

			e = sent_lookup(buf, l);
			if (e < 0)
			{
				l = collapse_runs(t->s, t->len, buf, 1);
				e = sent_lookup(buf, l);
			}
			if (e >= 0)
				t->tflags |= T_ELONG;
		}
		set_entry(t, e);
		st->wflags |= t->ef;
		if ((e >= 0 && (sent_entries[e].flags & SENT_F_NEG)) ||
			(t->len >= 4 && memcmp(t->s + t->len - 3, "n't", 3) == 0))
			t->tflags |= T_NEG;
	}
	memset(st->w, 0, SENT_TOKLEN);
	st->wh = FNV_OFFSET;
	st->wlen = st->wletters = st->wupper = 0;
	st->wlong = st->wrun3 = false;
	st->wjoin = 0;
}

static inline void
word_byte(SentState *st, char c)
{
	if (st->wlen >= 2 && st->w[st->wlen - 1] == c && st->w[st->wlen - 2] == c)
		st->wrun3 = true;
	if (st->wlen < SENT_TOKLEN - 1)
	{
		st->w[st->wlen++] = c;
		st->wh = (st->wh ^ (unsigned char) c) * FNV_PRIME;
	}
	else
		st->wlong = true;
}

/*
 * The rest of a run of ASCII letters and digits s[i..stop), after its first
 * character went through word_char(): exactly word_char() on each byte (for
 * those there is no punctuation run to end, no pending join and wlen > 0),
 * but with the word state (and its hash) in registers instead of in *st,
 * which the calls of the main loop keep in memory.  Returns the index of the
 * first byte not consumed.
 */
static inline int
word_run(SentState *st, const unsigned char *s, int i, int stop)
{
	char	   *w = st->w;
	uint64		wh = st->wh;
	int			wlen = st->wlen,
				wletters = st->wletters,
				wupper = st->wupper;
	bool		wrun3 = st->wrun3,
				wlong = st->wlong;

	for (; i < stop; i++)
	{
		char		c = (char) s[i];

		if (c >= 'a' && c <= 'z')
			wletters++;
		else if (c >= 'A' && c <= 'Z')
		{
			wupper++;
			wletters++;
			c += 'a' - 'A';
		}
		else if (!(c >= '0' && c <= '9'))
			break;
		/* word_byte() */
		if (wlen >= 2 && w[wlen - 1] == c && w[wlen - 2] == c)
			wrun3 = true;
		if (wlen < SENT_TOKLEN - 1)
		{
			w[wlen++] = c;
			wh = (wh ^ (unsigned char) c) * FNV_PRIME;
		}
		else
			wlong = true;
	}
	st->wh = wh;
	st->wlen = wlen;
	st->wletters = wletters;
	st->wupper = wupper;
	st->wrun3 = wrun3;
	st->wlong = wlong;
	return i;
}

/* an ASCII punctuation run ended: it may be an emoticon ("thx:)") */
static void
end_run(SentState *st)
{
	int			e;

	if (st->runlen >= 2 && st->runlen <= (int) sizeof(st->run))
	{
		e = sent_lookup(st->run, st->runlen);
		if (e >= 0 && (sent_entries[e].flags & SENT_F_EMOJI))
		{
			SentTok    *t = push_token(st);

			memcpy(t->s, st->run, st->runlen);
			t->len = (uint8) st->runlen;
			t->tflags |= T_EMO;
			set_entry(t, e);
		}
	}
	st->runlen = 0;
}

/* a punctuation character (ASCII equivalent c) */
static inline void
punct(SentState *st, char c)
{
	if (st->wlen > 0)
		end_word(st);
	if (st->runlen < (int) sizeof(st->run))
		st->run[st->runlen] = c;
	st->runlen++;
	switch (c)
	{
		case '!':
			st->p_excl++;
			st->p_sent = true;
			break;
		case '?':
			st->p_q++;
			st->p_sent = true;
			break;
		case '.':
			st->p_dot = true;
			break;
		case ',':
		case ';':
		case ':':
		case '(':
		case ')':
		case '"':
		case '[':
		case ']':
			st->p_clause = true;
			break;
		default:
			break;
	}
}

/* whitespace: ends words and runs; a new line ends a sentence */
static inline void
space(SentState *st, bool newline)
{
	if (st->wlen > 0)
		end_word(st);
	st->wjoin = 0;
	if (st->runlen > 0)
		end_run(st);
	if (newline)
		st->p_sent = true;
}

/*
 * A whole whitespace-delimited chunk that is an emoticon (":-)", "D:", "<3",
 * ":P"): try it, exactly and lower-cased, before reading it as words.
 * Returns the chunk length if it was one, else 0.
 */
static int
chunk_emoticon(SentState *st, const unsigned char *s, int len)
{
	int			n = 0;
	bool		has_punct = false;
	char		low[12];
	int			e;

	while (n < len && n < 11 && s[n] > ' ' && s[n] < 0x80)
	{
		if (!ascii_word_char(s[n]))
			has_punct = true;
		n++;
	}
	if (n < 2 || n > 10 || !has_punct || (n < len && s[n] > ' '))
		return 0;
	e = sent_lookup((const char *) s, n);
	if (e < 0)
	{
		for (int i = 0; i < n; i++)
			low[i] = (char) ((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + ('a' - 'A') : s[i]);
		e = sent_lookup(low, n);
	}
	if (e < 0 || !(sent_entries[e].flags & SENT_F_EMOJI))
		return 0;
	{
		SentTok    *t = push_token(st);

		memcpy(t->s, s, n);
		t->len = (uint8) n;
		t->tflags |= T_EMO;
		set_entry(t, e);
	}
	return n;
}

/* s[0..len) starts with the lower-case ASCII prefix p, in any case */
static bool
prefix_ci(const unsigned char *s, int len, const char *p)
{
	int			i;

	for (i = 0; p[i]; i++)
	{
		if (i >= len || (s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]) != (unsigned char) p[i])
			return false;
	}
	return true;
}

/*
 * Length of a whitespace-delimited chunk to skip because it is an @mention
 * or a URL ("http://", "https://", "www."), else 0.
 */
static int
skip_chunk(const unsigned char *s, int len)
{
	int			n = 0;

	/* most chunks start with none of '@', 'h', 'w' (in any case) */
	if (s[0] != '@' && (s[0] | 0x20) != 'h' && (s[0] | 0x20) != 'w')
		return 0;
	if (!((len >= 2 && s[0] == '@' && ascii_word_char(s[1])) ||
		  prefix_ci(s, len, "http://") || prefix_ci(s, len, "https://") ||
		  prefix_ci(s, len, "www.")))
		return 0;
	while (n < len && s[n] > ' ' && s[n] != 0x7F)
		n++;
	return n;
}

/* an emoji grapheme cluster s[0..n): normalise and look up */
static void
emoji_token(SentState *st, const unsigned char *s, int n)
{
	SentTok    *t;
	char		key[SENT_TOKLEN];
	int			klen = 0;
	int			first_zwj = -1;
	bool		truncated = false;
	int			e;

	if (st->wlen > 0)
		end_word(st);
	if (st->runlen > 0)
		end_run(st);
	for (int i = 0; i < n;)
	{
		pg_wchar	cp;
		int			l = smskpi_utf8_decode(s + i, n - i, &cp);

		if (!(cp == 0xFE0E || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF)))
		{
			if (cp == 0x200D && first_zwj < 0)
				first_zwj = klen;
			if (klen + l <= SENT_TOKLEN - 1)
			{
				memcpy(key + klen, s + i, l);
				klen += l;
			}
			else
				truncated = true;
		}
		i += l;
	}
	e = truncated ? -1 : sent_lookup(key, klen);
	if (e < 0 && first_zwj > 0)
		e = sent_lookup(key, first_zwj);	/* "🤦‍♀️" -> "🤦" */
	t = push_token(st);
	memcpy(t->s, key, klen);
	t->len = (uint8) klen;
	t->tflags |= T_EMO;
	set_entry(t, (e >= 0 && (sent_entries[e].flags & SENT_F_EMOJI)) ? e : -1);
}

/* Unicode white space (besides ASCII) */
static inline bool
uni_space(pg_wchar cp)
{
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
		cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
		cp == 0x3000 || cp == 0xFEFF || cp == 0x85;
}

/*
 * Non-ASCII punctuation: its ASCII stand-in ('\'' for apostrophes, 0 for
 * "punctuation without a role"), or -1 if cp is not punctuation.
 */
static inline int
uni_punct(pg_wchar cp, int *repeat)
{
	*repeat = 1;
	switch (cp)
	{
		case 0x2018:			/* ‘ ’ ʼ ′ ´: apostrophes */
		case 0x2019:
		case 0x02BC:
		case 0x2032:
		case 0x00B4:
			return '\'';
		case 0x201C:			/* “ ” „ « » ‹ › */
		case 0x201D:
		case 0x201E:
		case 0x00AB:
		case 0x00BB:
		case 0x2039:
		case 0x203A:
			return '"';
		case 0x2026:			/* … */
		case 0x3002:			/* 。 */
		case 0xFF0E:
			return '.';
		case 0x2013:			/* – — ― : clause boundaries */
		case 0x2014:
		case 0x2015:
		case 0x3001:			/* 、 */
		case 0xFF0C:			/* ， */
			return ',';
		case 0xFF01:			/* ！ */
			return '!';
		case 0xFF1F:			/* ？ */
			return '?';
		case 0x203C:			/* ‼ */
			*repeat = 2;
			return '!';
		case 0x2047:			/* ⁇ */
			*repeat = 2;
			return '?';
		case 0x2048:			/* ⁈ ⁉ */
		case 0x2049:
			*repeat = 2;
			return '?';
		default:
			break;
	}
	if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) ||
		cp == 0xD7 || cp == 0xF7 ||
		(cp >= 0x2010 && cp <= 0x206F) ||	/* General Punctuation */
		(cp >= 0x3000 && cp <= 0x303F) ||	/* CJK punctuation */
		(cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20))
		return 0;
	return -1;
}

/* a word character (ASCII or the bytes of a non-ASCII letter) */
static inline void
word_char(SentState *st, const unsigned char *s, int l)
{
	if (st->runlen > 0)
		end_run(st);
	if (st->wlen == 0)
	{
		/* a '.' right before a word, no space, ends no sentence: "3.5", "a.m" */
		st->p_dot = false;
	}
	else if (st->wjoin)
		word_byte(st, st->wjoin);
	st->wjoin = 0;
	if (l == 1)
	{
		unsigned char c = s[0];

		if (c >= 'A' && c <= 'Z')
		{
			st->wupper++;
			st->wletters++;
			c += 'a' - 'A';
		}
		else if (c >= 'a' && c <= 'z')
			st->wletters++;
		word_byte(st, (char) c);
	}
	else
	{
		st->wletters++;
		for (int k = 0; k < l; k++)
			word_byte(st, (char) s[k]);
	}
}

double
smskpi_sentiment(const char *utf8, int len)
{
	SentState	st;
	const unsigned char *s = (const unsigned char *) utf8;
	int			i = 0;
	double		x;
	bool		chunk_start = true;

	if (utf8 == NULL || len <= 0)
		return 0.0;
	st.ntok = 0;
	memset(st.w, 0, SENT_TOKLEN);
	st.wh = FNV_OFFSET;
	st.wlen = st.wletters = st.wupper = 0;
	st.wlong = st.wrun3 = false;
	st.wjoin = 0;
	st.p_clause = st.p_sent = st.p_dot = false;
	st.p_excl = st.p_q = 0;
	st.runlen = 0;
	st.nwords = st.ncaps = st.nplain = 0;
	st.lastplain = -1;
	st.wflags = 0;
	st.total = 0.0;
	st.nval = 0;
	st.nflush = 0;

	while (i < len)
	{
		unsigned char c = s[i];

#ifndef SMSKPI_FUZZ
		if (unlikely((i & 0xFFFFF) == 0) && i > 0)
			CHECK_FOR_INTERRUPTS();	/* about every MB (not exact: harmless) */
#endif

		if (c < 0x80)
		{
			if (c <= ' ' || c == 0x7F)
			{
				space(&st, c == '\n' || c == '\r');
				chunk_start = true;
				i++;
				continue;
			}
			if (chunk_start)
			{
				int			n;

				chunk_start = false;
				/* @mentions, URLs and e-mail-like chunks carry no sentiment */
				n = skip_chunk(s + i, len - i);
				if (n > 0)
				{
					i += n;
					continue;
				}
				if (!ascii_word_char(c) || (i + 1 < len && !ascii_word_char(s[i + 1])))
				{
					n = chunk_emoticon(&st, s + i, len - i);
					if (n > 0)
					{
						i += n;
						continue;
					}
				}
			}
			if (ascii_word_char(c))
			{
				/*
				 * A word: the rest of its ASCII run in a tight loop.  It
				 * stops at the next multiple of 2^20, so that the check for
				 * interrupts above still sees every multiple this loop used
				 * to step on one byte at a time (a 10 MB word included).
				 */
				word_char(&st, s + i, 1);
				i = word_run(&st, s, i + 1, Min(len, (i | 0xFFFFF) + 1));
				continue;
			}
			else if ((c == '\'' || c == '-' || c == '`') && st.wlen > 0 && !st.wjoin)
			{
				/* inner apostrophe or hyphen if a word character follows */
				st.wjoin = (c == '-') ? '-' : '\'';
			}
			else
			{
				st.wjoin = 0;
				punct(&st, (char) c);
			}
			i++;
		}
		else
		{
			pg_wchar	cp;
			int			l = smskpi_utf8_decode(s + i, len - i, &cp);
			int			p,
						rep;

			chunk_start = false;
			if (uni_space(cp))
			{
				space(&st, cp == 0x2028 || cp == 0x2029 || cp == 0x85);
				chunk_start = true;
				i += l;
				continue;
			}
			if (cp == 0xFE0E || cp == 0xFE0F || cp == 0x200D || cp == 0x20E3 ||
				(cp >= 0x1F3FB && cp <= 0x1F3FF))
			{
				i += l;			/* stray emoji modifiers: ignore */
				continue;
			}
			/* invalid UTF-8 (and U+FFFD itself) separates words */
			p = (cp == 0xFFFD) ? (rep = 1, 0) : uni_punct(cp, &rep);
			if (p == '\'')
			{
				if (st.wlen > 0 && !st.wjoin)
					st.wjoin = '\'';
				else
					st.wjoin = 0;
				i += l;
				continue;
			}
			if (p >= 0)
			{
				st.wjoin = 0;
				for (int k = 0; k < rep; k++)
					punct(&st, p ? (char) p : '*');
				i += l;
				continue;
			}
			if (symbol_cp(cp))
			{
				int			n = smskpi_grapheme_next(s + i, len - i, NULL);

				st.wjoin = 0;
				emoji_token(&st, s + i, n);
				i += n;
				continue;
			}
			word_char(&st, s + i, l);
			i += l;
		}
	}
	space(&st, false);
	if (st.p_clause || st.p_sent || st.p_dot || st.p_excl || st.p_q)
	{
		st.p_sent = true;
		apply_pending(&st);
	}
	score_tokens(&st, st.nflush == 0);

	/* evidence, not volume: n sentiment tokens count sqrt(n) times their mean */
	if (st.nval > 1)
		st.total /= sqrt((double) st.nval);
	x = st.total / sqrt(st.total * st.total + ALPHA);
	if (x > 1.0)
		x = 1.0;
	else if (x < -1.0)
		x = -1.0;
	else if (isnan(x))
		x = 0.0;
	return x;
}

#ifndef SMSKPI_FUZZ

/* sentiment_score(text) returns the compound sentiment score in [-1, 1]. */
PG_FUNCTION_INFO_V1(smskpi_sentiment_score);
Datum
smskpi_sentiment_score(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			len;
	const char *s = smskpi_text_utf8(t, &len);
	double		r = smskpi_sentiment(s, len);

	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_FLOAT8(r);
}

/* sentiment_label(text) returns 'positive', 'neutral' or 'negative'. */
PG_FUNCTION_INFO_V1(smskpi_sentiment_label);
Datum
smskpi_sentiment_label(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int			len;
	const char *s = smskpi_text_utf8(t, &len);
	double		r = smskpi_sentiment(s, len);
	const char *label;

	if (r >= 0.05)
		label = "positive";
	else if (r <= -0.05)
		label = "negative";
	else
		label = "neutral";
	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_TEXT_P(cstring_to_text(label));
}

#endif							/* SMSKPI_FUZZ */
