#!/usr/bin/env python3
"""Generate src/sentiment_lexicon.h: smskpi's sentiment lexicon as a perfect hash.

    python3 test/gen/gen_sentiment_lexicon.py [VADER_LEXICON] > src/sentiment_lexicon.h

VADER_LEXICON defaults to ../shared/data/sentiment/vader_lexicon.txt (vaderSentiment,
MIT license, Copyright (c) 2016 C.J. Hutto: test/data/LICENSE-vaderSentiment-MIT.txt).
The generated header is committed, so building smskpi never needs the data folder.

Entries = VADER's valence lexicon (last duplicate wins, as in VADER; upper-case
emoticon keys such as ":P" or "D:" are kept with their case and matched exactly)
+ the hand-written tables below (SMS vocabulary, boosters, negators, idioms, emoji).
Every hand-written value is on VADER's scale (-4 .. +4) and documented in
doc/sentiment.md.

Lookup (mirrored in src/sentiment.c, sent_slot_of/sent_lookup): h = FNV-1a 64 of the
key bytes (the tokenizer computes it while it reads a word); bucket = (h >> 40) &
(NBUCKETS - 1); slot = ((h ^ (d[bucket] * 0x9E3779B97F4A7C15)) * 0xff51afd7ed558ccd)
>> (64 - log2(NSLOTS)) -- hash and displace, so every key has exactly one slot.  The
entries are stored in slot order (no index from slot to entry), 8,192 slots for
8,063 keys; a separate array holds one 16-bit fingerprint per slot, so most
unknown words are rejected after reading 4 KB + 16 KB of tables.  An entry holds
the first 8 key bytes zero-padded (most keys fit: one 8-byte compare), the rest of
a longer key is in sent_tail.
"""
import os
import sys

B_INCR = 0.293
B_DECR = -0.293

# flag bits (keep in sync with src/sentiment.c)
F_VAL = 1 << 0           # has a valence
F_BOOST = 1 << 1         # booster / dampener (boost value)
F_NEG = 1 << 2           # negator
F_CONTRAST = 1 << 3      # "but", "however"
F_IDIOM_START = 1 << 4   # first word of some idiom key
F_IDIOM = 1 << 5         # a multi-word key "w1 w2 [w3]"
F_LIKE = 1 << 6          # "like": sentiment only after a subject / intensifier / negator
F_LIKE_SUBJ = 1 << 7     # words after which "like" is the verb of liking
F_OPTOUT = 1 << 8        # opt-out keyword: 0 when it is the whole message
F_CONVCAPS = 1 << 9      # conventionally written in capitals (OK, LOL): no CAPS emphasis
F_LEAST = 1 << 10
F_NO = 1 << 11           # "no", "nope": negator before a sentiment word, else own valence
F_EMOJI = 1 << 12        # emoji (normalised cluster) or emoticon
F_NEVER = 1 << 13
F_SOTHIS = 1 << 14       # "so", "this" (never so good)
F_WITHOUT = 1 << 15
F_DOUBT = 1 << 16
F_ATVERY = 1 << 17       # "at", "very" (at least)
F_ADVADJ = 1 << 18       # degree adverb before a sentiment word ("pretty good"), else own valence
F_ORNOR = 1 << 19
F_IRREALIS = 1 << 20     # if/unless/whether/could/should/might: damps the rest of the clause
F_IDIOM_2ND = 1 << 21    # second word of some idiom (cheap pre-filter before a lookup)
F_CONCESS = 1 << 22      # although/though/despite/albeit: damps the rest of the clause

# --- VADER's booster dictionary (vaderSentiment.py), kept as is ---------------------
BOOSTERS_UP = """absolutely amazingly awfully completely considerable considerably decidedly
deeply effing enormous enormously entirely especially exceptional exceptionally extreme
extremely fabulously flipping flippin frackin fracking fricking frickin frigging friggin
fully fuckin fucking fuggin fugging greatly hella highly hugely incredible incredibly
intensely major majorly more most particularly purely quite really remarkably so
substantially thoroughly total totally tremendous tremendously uber unbelievably unusually
utter utterly very""".split()
BOOSTERS_DOWN = """almost barely hardly kinda kindof kind-of less little marginal marginally
occasional occasionally partly scarce scarcely slight slightly somewhat sorta sortof
sort-of""".split()
# SMS spellings (ours)
BOOSTERS_UP += "soo rly realy rlly srsly seriously sooo".split()
BOOSTERS_DOWN += "lil kinda".split()
# multi-word boosters/dampeners: idioms whose last word becomes the modifier
BOOSTER_IDIOMS = {"kind of": B_DECR, "sort of": B_DECR, "a bit": B_DECR,
                  "a little": B_DECR, "a little bit": B_DECR, "a lil": B_DECR,
                  "just enough": B_DECR, "a lot": 0.0}

# --- negators: VADER's NEGATE list minus "despite" (concessive, not a negation) ------
NEGATORS = """aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't
daren't didn't doesn't dont hadnt hasnt havent isnt mightnt mustnt neither don't hadn't
hasn't haven't isn't mightn't mustn't neednt needn't never none nope nor not nothing nowhere
oughtnt shant shouldnt uhuh wasnt werent oughtn't shan't shouldn't uh-uh wasn't weren't
without wont wouldnt won't wouldn't rarely seldom""".split()
NEGATORS += "nobody dnt didn doesn isn wasn neva nvr cudnt wudnt shudnt".split()

# --- SMS vocabulary: valences on VADER's scale (ours; see doc/sentiment.md) ----------
SMS = {
    # thanks / politeness
    "tysm": 2.2, "tyvm": 2.2, "thanx": 1.9, "thnx": 1.9, "thnks": 1.9, "thks": 1.9,
    "tks": 1.5, "thankyou": 1.9, "thanku": 1.9, "yw": 1.4,
    # politeness markers of requests, not sentiment (VADER: 1.3, 0.3, 0.3)
    "please": 0.0, "pls": 0.0, "plz": 0.0, "plse": 0.0,
    "sorry": -0.5, "sry": -0.5, "srry": -0.5, "soz": -0.5,
    # agreement / acknowledgement
    "yup": 1.2, "yea": 1.2, "k": 0.0, "okie": 1.2, "okey": 1.2, "kk": 1.5,
    "nope": -1.2,
    # affection / fun
    "ily": 3.0, "ilysm": 3.2, "luv": 3.2, "xo": 2.0, "gr8": 3.1, "awsome": 3.1,
    "congratz": 2.4, "grats": 2.4, "hbd": 2.5, "omg": 0.0, "ikr": 0.5,
    "fml": -2.5, "ffs": -2.0, "meh": -0.5, "smh": -1.3,
    # opt-out keywords (0 when the whole message; see F_OPTOUT)
    "unsubscribe": -0.4, "unsub": -0.4, "stopall": 0.0, "optout": 0.0,
    "like": 1.5,
}
OPTOUT = "stop stopall unsubscribe unsub cancel end quit optout revoke".split()
CONVCAPS = "ok lol lmao lmfao rofl omg wtf ty thx np asap fyi btw idk ily tbh brb stop xoxo xo ok".split()
LIKE_SUBJ = """i you u we they ya yall y'all really totally also still actually definitely
def do does did truly so""".split()
IRREALIS = "if unless whether could should might".split()
# concessive connectives: the clause they open is the backgrounded part (RST concession)
CONCESS = "although though altho tho despite albeit".split()
ADVADJ = "pretty super real damn hella wicked mad".split()

# --- idioms (multi-word keys; valence replaces that of the words) --------------------
IDIOMS = {
    # VADER's SPECIAL_CASES and SENTIMENT_LADEN_IDIOMS (now applied at any position)
    "the shit": 3.0, "the bomb": 3.0, "bad ass": 1.5, "yeah right": -1.5,
    "kiss of death": -1.5, "to die for": 3.0, "beating heart": 3.1, "broken heart": -2.9,
    "cut the mustard": 2.0, "hand to mouth": -2.0, "back handed": -2.0,
    "blow smoke": -2.0, "blowing smoke": -2.0, "upper hand": 1.0, "break a leg": 2.0,
    "cooking with gas": 2.0, "in the black": 2.0, "in the red": -2.0,
    "on the ball": 2.0, "under the weather": -2.0,
    "can't stand": -2.0, "fed up": -1.8, "screwed up": -1.5,
    # SMS (ours)
    "no problem": 1.5, "no problems": 1.5, "no prob": 1.5, "no probs": 1.5,
    "no worries": 1.5, "no worry": 1.5, "not a problem": 1.5,
    "can't wait": 2.0, "cant wait": 2.0, "cannot wait": 2.0,
    "cant stand": -2.0, "cannot stand": -2.0,
    "miss you": 1.0, "miss u": 1.0, "thank god": 1.5, "for sure": 1.2,
    "bus stop": 0.0, "pit stop": 0.0, "stop by": 0.0, "one stop": 0.0, "full stop": 0.0,
    "reply stop": 0.0, "text stop": 0.0, "txt stop": 0.0, "send stop": 0.0,
    "msg stop": 0.0, "sms stop": 0.0, "stop to": 0.0, "stop 2": 0.0,
    "opt out": 0.0, "no thanks": -0.8, "no thank you": -0.8, "no way": -0.8,
    "could be better": -1.0, "should be better": -1.0,
    "well done": 2.2, "good morning": 0.8, "good night": 0.8, "good luck": 1.5,
    "good afternoon": 0.8, "good evening": 0.8,
    "like i said": 0.0, "like you said": 0.0, "feel like": 0.0, "looks like": 0.0,
    "look like": 0.0, "sounds like": 0.0, "seems like": 0.0,
}
IDIOMS.update({k: v for k, v in BOOSTER_IDIOMS.items()})

# --- emoji: normalised cluster (no VS15/VS16, no skin-tone modifier) -> valence ------
EMOJI = {
    "👍": 1.8, "🙏": 1.8, "❤": 2.8, "😍": 3.0, "😊": 2.4, "😂": 1.8, "🎉": 2.3, "💯": 1.8,
    "🔥": 1.0, "👎": -1.8, "😡": -2.8, "😠": -2.5, "💔": -2.3, "😒": -1.7, "😞": -2.0,
    "😢": -2.2, "😀": 2.0, "😁": 2.2, "😃": 2.2, "😄": 2.2, "😆": 1.9, "🤣": 1.9,
    "😘": 2.4, "🥰": 3.0, "😻": 2.6, "💕": 2.6, "💖": 2.6, "💗": 2.5, "💓": 2.5,
    "💞": 2.5, "💘": 2.4, "💝": 2.4, "💙": 2.2, "💚": 2.2, "💛": 2.2, "💜": 2.2,
    "🧡": 2.2, "🤍": 2.0, "🖤": 1.0, "♥": 2.6, "😉": 1.2, "🙂": 1.2, "☺": 2.0,
    "😎": 1.6, "🤗": 2.2, "👏": 1.8, "🙌": 2.0, "👌": 1.5, "✌": 0.8, "🤞": 1.0,
    "✅": 0.9, "✔": 0.6, "😅": 0.3, "😇": 1.7, "🥳": 2.6, "🤩": 2.8, "😋": 1.6,
    "🍾": 1.5, "🥂": 1.5, "🎂": 1.2, "🎁": 1.3, "💪": 1.5, "🌟": 1.4, "⭐": 1.4,
    "✨": 1.4, "🌹": 1.5, "💐": 1.5, "🙃": -0.3, "😏": 0.2, "😬": -0.6, "😐": -0.3,
    "😑": -0.5, "🤔": -0.2, "🤷": -0.2, "🤦": -1.2, "😴": -0.2, "😪": -0.7,
    "🥱": -0.5, "😳": -0.4, "😱": -1.2, "😨": -1.7, "😰": -1.8, "😥": -1.5,
    "😓": -1.2, "😟": -1.6, "🙁": -1.7, "☹": -1.9, "😕": -1.2, "😔": -1.8,
    "😭": -1.6, "😩": -1.7, "😫": -1.8, "😖": -1.9, "😣": -1.6, "😤": -1.6,
    "🤬": -3.0, "👿": -2.2, "💩": -1.5, "🙄": -1.5, "😷": -1.2, "🤒": -1.4,
    "🤕": -1.4, "🤢": -2.0, "🤮": -2.3, "😵": -1.0, "😿": -1.8, "😾": -1.5,
    "🖕": -3.0, "❌": -1.0, "🚫": -1.0, "🆘": -1.5, "😜": 1.3, "😝": 1.2, "😛": 1.2,
    "🤪": 1.0, "😙": 1.5, "😚": 1.8, "😗": 1.0, "🤑": 0.8, "🤓": 0.6, "🥲": 0.2,
    "🤝": 1.3, "💃": 1.8, "🕺": 1.8, "🍀": 1.0, "🌈": 1.2, "☀": 1.0, "🌞": 1.4,
    "👋": 0.6, "🤙": 1.0, "😹": 1.8, "😸": 1.6, "😽": 1.8, "🙈": 0.5, "💋": 1.8,
    "👑": 1.2, "🏆": 2.0, "🥇": 2.0, "🎊": 2.2, "🎈": 1.2, "🆗": 1.0, "🆒": 1.2,
    "💢": -1.5, "😌": 1.0, "😺": 1.2, "🤤": 0.5, "😈": 0.3, "🥺": 0.0, "💀": 0.0,
    # ZWJ sequences with their own meaning (looked up before the first component)
    "❤\u200d🔥": 2.5, "❤\u200d🩹": 1.0, "😮\u200d💨": -0.5, "😵\u200d💫": -0.8,
}


def key_bytes(k):
    return k.encode("utf-8")


def fnv1a64(b):
    h = 0xcbf29ce484222325
    for c in b:
        h ^= c
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def fmix64(k):
    M = 0xFFFFFFFFFFFFFFFF
    k ^= k >> 33
    k = (k * 0xff51afd7ed558ccd) & M
    k ^= k >> 33
    k = (k * 0xc4ceb53a185ec97f) & M
    k ^= k >> 33
    return k


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "shared", "data", "sentiment",
        "vader_lexicon.txt")
    ent = {}            # key(str) -> [valence or None, boost, flags]

    def get(k):
        if k not in ent:
            ent[k] = [None, 0.0, 0]
        return ent[k]

    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0]:
                continue
            e = get(parts[0])
            e[0] = float(parts[1])          # last duplicate wins, as in VADER
            if not all(ch.isalnum() or ch in "'-" for ch in parts[0]):
                e[2] |= F_EMOJI              # emoticon: never negated or boosted
    for k, v in SMS.items():
        get(k)[0] = v
    for w in BOOSTERS_UP:
        e = get(w); e[1] = B_INCR; e[2] |= F_BOOST
    for w in BOOSTERS_DOWN:
        e = get(w); e[1] = B_DECR; e[2] |= F_BOOST
    for w in NEGATORS:
        get(w)[2] |= F_NEG
    for w in ("no", "nope"):
        get(w)[2] |= F_NO | F_NEG
    for w in ("but", "however"):
        get(w)[2] |= F_CONTRAST
    get("like")[2] |= F_LIKE
    for w in LIKE_SUBJ:
        get(w)[2] |= F_LIKE_SUBJ
    for w in OPTOUT:
        get(w)[2] |= F_OPTOUT
    for w in CONVCAPS:
        get(w)[2] |= F_CONVCAPS
    for w in ADVADJ:
        e = get(w); e[2] |= F_ADVADJ; e[1] = B_INCR
    get("least")[2] |= F_LEAST
    for w in IRREALIS:
        get(w)[2] |= F_IRREALIS
    for w in CONCESS:
        get(w)[2] |= F_CONCESS
    get("never")[2] |= F_NEVER
    get("so")[2] |= F_SOTHIS
    get("this")[2] |= F_SOTHIS
    get("without")[2] |= F_WITHOUT
    get("doubt")[2] |= F_DOUBT
    get("at")[2] |= F_ATVERY
    get("very")[2] |= F_ATVERY
    get("or")[2] |= F_ORNOR
    get("nor")[2] |= F_ORNOR
    for k, v in IDIOMS.items():
        words = k.split(" ")
        e = get(k)
        e[2] |= F_IDIOM
        if k in BOOSTER_IDIOMS:
            e[1] = BOOSTER_IDIOMS[k]; e[2] |= F_BOOST
        else:
            e[0] = v
        get(words[0])[2] |= F_IDIOM_START
        get(words[1])[2] |= F_IDIOM_2ND
        # "can't" etc. are normalised to a straight apostrophe before lookup
    # emoticons as they appear HTML-escaped in text copied from the web ("&lt;3")
    for k in [k for k in ent if ent[k][2] & F_EMOJI and any(c in k for c in "<>&")]:
        esc = k.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if len(esc) <= 10 and esc not in ent:
            ent[esc] = list(ent[k])
    for k, v in EMOJI.items():
        e = get(k); e[0] = v; e[2] |= F_EMOJI
    for k, e in ent.items():
        if e[0] is not None:
            e[2] |= F_VAL
        if len(key_bytes(k)) > 31:
            sys.exit("key too long: %r" % k)

    keys = sorted(ent, key=key_bytes)
    n = len(keys)
    nslots = 1
    while nslots < n:
        nslots *= 2
    slot_bits = nslots.bit_length() - 1
    nbuckets = nslots // 4
    buckets = [[] for _ in range(nbuckets)]
    hashes = {}
    for idx, k in enumerate(keys):
        h = fnv1a64(key_bytes(k))
        hashes[k] = h
        buckets[(h >> 40) & (nbuckets - 1)].append(idx)
    slot = [-1] * nslots
    disp = [0] * nbuckets
    M = 0xFFFFFFFFFFFFFFFF
    for b in sorted(range(nbuckets), key=lambda b: (-len(buckets[b]), b)):
        if not buckets[b]:
            continue
        d = 0
        while True:
            s = [(((hashes[keys[i]] ^ ((d * 0x9E3779B97F4A7C15) & M)) * 0xff51afd7ed558ccd) & M)
                 >> (64 - slot_bits) for i in buckets[b]]
            if len(set(s)) == len(s) and all(slot[x] < 0 for x in s):
                break
            d += 1
            if d > 65535:
                sys.exit("no displacement found")
        disp[b] = d
        for i, x in zip(buckets[b], s):
            slot[x] = i

    out = sys.stdout
    out.write("""/*
 * sentiment_lexicon.h
 *	  GENERATED by test/gen/gen_sentiment_lexicon.py -- do not edit.
 *
 *	  Valence lexicon of smskpi.sentiment_score(): VADER's lexicon
 *	  (vaderSentiment, https://github.com/cjhutto/vaderSentiment, MIT license,
 *	  Copyright (c) 2016 C.J. Hutto; notice in test/data/LICENSE-vaderSentiment-MIT.txt)
 *	  plus smskpi's SMS vocabulary, boosters, negators, idioms and emoji valences
 *	  (see the generator and doc/sentiment.md).  %d entries in a hash-and-displace
 *	  perfect hash of %d slots.
 */
#ifndef SMSKPI_SENTIMENT_LEXICON_H
#define SMSKPI_SENTIMENT_LEXICON_H

#define SENT_NENTRIES %d
#define SENT_NSLOTS %d
#define SENT_SLOT_BITS %d
#define SENT_NBUCKETS %d

#define SENT_F_VAL 0x%x
#define SENT_F_BOOST 0x%x
#define SENT_F_NEG 0x%x
#define SENT_F_CONTRAST 0x%x
#define SENT_F_IDIOM_START 0x%x
#define SENT_F_IDIOM 0x%x
#define SENT_F_LIKE 0x%x
#define SENT_F_LIKE_SUBJ 0x%x
#define SENT_F_OPTOUT 0x%x
#define SENT_F_CONVCAPS 0x%x
#define SENT_F_LEAST 0x%x
#define SENT_F_NO 0x%x
#define SENT_F_EMOJI 0x%x
#define SENT_F_NEVER 0x%x
#define SENT_F_SOTHIS 0x%x
#define SENT_F_WITHOUT 0x%x
#define SENT_F_DOUBT 0x%x
#define SENT_F_ATVERY 0x%x
#define SENT_F_ADVADJ 0x%x
#define SENT_F_ORNOR 0x%x
#define SENT_F_IRREALIS 0x%x
#define SENT_F_IDIOM_2ND 0x%x
#define SENT_F_CONCESS 0x%x

/* one slot of the perfect hash (len 0: empty) */
typedef struct SentEntry
{
	char		key[8];			/* first 8 key bytes, zero-padded */
	uint32		flags;			/* SENT_F_* */
	uint8		len;			/* key length in bytes (1..31), 0 = empty */
	uint16		tail;			/* bytes 8.. of a longer key: offset in sent_tail */
	float		val;			/* valence (-4 .. +4) if SENT_F_VAL */
	float		boost;			/* booster scalar if SENT_F_BOOST / SENT_F_ADVADJ */
} SentEntry;

/* fingerprint of a key's hash in sent_fp: 15 bits, top bit set (0 = empty) */
#define SENT_FP(h) ((uint16) ((((h) >> 20) & 0x7FFF) | 0x8000))

""" % (n, nslots, n, nslots, slot_bits, nbuckets, F_VAL, F_BOOST, F_NEG, F_CONTRAST, F_IDIOM_START,
       F_IDIOM, F_LIKE, F_LIKE_SUBJ, F_OPTOUT, F_CONVCAPS, F_LEAST, F_NO, F_EMOJI, F_NEVER,
       F_SOTHIS, F_WITHOUT, F_DOUBT, F_ATVERY, F_ADVADJ, F_ORNOR, F_IRREALIS, F_IDIOM_2ND,
       F_CONCESS))
    def cchar(c):
        return "'%s'" % chr(c) if c < 128 and chr(c).isalnum() else "'\\%03o'" % c

    tail = bytearray()
    toff = {}
    for k in keys:
        b = key_bytes(k)
        if len(b) > 8:
            toff[k] = len(tail)
            tail += b[8:]
    assert len(tail) < 65536
    out.write("static const char sent_tail[%d] =\n" % (len(tail) + 1))
    for i in range(0, len(tail), 32):
        chunk = tail[i:i + 32]
        s = "".join(chr(c) if (c < 128 and (chr(c).isalnum() or c == 32)) else "\\%03o" % c
                    for c in chunk)
        out.write('"%s"\n' % s)
    out.write(";\n\nstatic const SentEntry sent_entries[SENT_NSLOTS] = {\n")
    for x in slot:
        if x < 0:
            out.write("\t{{0}},\n")
            continue
        k = keys[x]
        b = key_bytes(k)
        v, bst, fl = ent[k]
        out.write("\t{{%s}, 0x%x, %d, %d, %sf, %sf},\t/* %s */\n" % (
            ", ".join(cchar(c) for c in b[:8]), fl, len(b), toff.get(k, 0),
            repr(float(v if v is not None else 0.0)), repr(float(bst)),
            "".join(c if 32 <= ord(c) < 127 and c not in "*/\\" else "?" for c in k)))
    out.write("};\n\nstatic const uint16 sent_fp[SENT_NSLOTS] = {\n")
    fps = ["0x%04X" % ((((hashes[keys[x]] >> 20) & 0x7FFF) | 0x8000) if x >= 0 else 0)
           for x in slot]
    for i in range(0, nslots, 12):
        out.write("\t" + ", ".join(fps[i:i + 12]) + ",\n")
    out.write("};\n\nstatic const uint16 sent_disp[SENT_NBUCKETS] = {\n")
    for i in range(0, nbuckets, 16):
        out.write("\t" + ", ".join(str(x) for x in disp[i:i + 16]) + ",\n")
    out.write("};\n\n#endif\t\t\t\t\t\t\t/* SMSKPI_SENTIMENT_LEXICON_H */\n")


if __name__ == "__main__":
    main()
