/*-------------------------------------------------------------------------
 *
 * segments.c
 *	  SMS encoding and segment count of a message body, as a carrier bills
 *	  it: smskpi.sms_encoding(), sms_segments(), sms_smart_encoding() and
 *	  sms_smart_segments().
 *
 *	  GSM-7 (3GPP TS 23.038 basic alphabet, 7-bit septets) when every
 *	  character of the body is in the basic alphabet or its extension table
 *	  (^ { } \ [ ~ ] | euro and form feed, 2 septets each: escape + char);
 *	  otherwise UCS-2 (UTF-16 code units; a character outside the BMP is a
 *	  surrogate pair, 2 units).  One segment holds 160 septets / 70 units;
 *	  a longer body is sent as a concatenated message whose parts carry a
 *	  6-octet user data header, leaving 153 septets / 67 units each.  Parts
 *	  are filled greedily with whole grapheme clusters (UAX #29): neither an
 *	  escape pair, a surrogate pair, nor a cluster (CR LF, a letter and its
 *	  accents, an emoji ZWJ sequence, a flag) is split across parts.  Only a
 *	  cluster larger than a whole part (dozens of combining marks) is split,
 *	  between code points.  The empty body is 1 segment.
 *
 *	  Smart encoding emulates Twilio's Smart Encoding: before the count,
 *	  look-alike characters (curly quotes, dashes, ellipsis, no-break and
 *	  other spaces, full-width forms, ...) are replaced by GSM-7 ones.  The
 *	  replacement table follows the one in Twilio's message-segment-calculator
 *	  (MIT License, Copyright (c) 2021 Twilio Inc; see
 *	  test/data/LICENSE-sms-segments-calculator-MIT.txt).
 *
 *	  One pass over the bytes; no allocation beyond detoasting (and, in a
 *	  database whose encoding is neither UTF8 nor SQL_ASCII, the conversion
 *	  to UTF-8).  The core is server-independent (fuzzed in test/fuzz).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#ifndef SMSKPI_FUZZ
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#endif

#include "unicode.h"
#include "unicode_tables.h"

#define GSM_SINGLE		160
#define GSM_PART		153
#define UCS_SINGLE		70
#define UCS_PART		67

/*
 * Septets of an ASCII character in GSM-7: 1 = basic alphabet, 2 = extension
 * table (ESC + char), 0 = not in GSM-7 (controls other than LF, FF, CR; and
 * the grave accent `).
 */
static const uint8 gsm_ascii[128] = {
	/* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 0, 0,
	/* 0x10 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/* 0x20  !"#$%&'()*+,-./ */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 0x30 0-9:;<=>? */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 0x40 @A-O */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 0x50 P-Z[\]^_ */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 1,
	/* 0x60 `a-o */ 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	/* 0x70 p-z{|}~DEL */ 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 0,
};

/* septets of a non-ASCII code point in GSM-7 (0 = not in GSM-7) */
static inline int
gsm_septets(pg_wchar cp)
{
	if (cp < 0x80)
		return gsm_ascii[cp];
	switch (cp)
	{
		case 0x00A1:			/* inverted exclamation mark */
		case 0x00A3:			/* pound sign */
		case 0x00A4:			/* currency sign */
		case 0x00A5:			/* yen sign */
		case 0x00A7:			/* section sign */
		case 0x00BF:			/* inverted question mark */
		case 0x00C4:			/* A diaeresis */
		case 0x00C5:			/* A ring */
		case 0x00C6:			/* AE */
		case 0x00C7:			/* C cedilla */
		case 0x00C9:			/* E acute */
		case 0x00D1:			/* N tilde */
		case 0x00D6:			/* O diaeresis */
		case 0x00D8:			/* O stroke */
		case 0x00DC:			/* U diaeresis */
		case 0x00DF:			/* sharp s */
		case 0x00E0:			/* a grave */
		case 0x00E4:			/* a diaeresis */
		case 0x00E5:			/* a ring */
		case 0x00E6:			/* ae */
		case 0x00E8:			/* e grave */
		case 0x00E9:			/* e acute */
		case 0x00EC:			/* i grave */
		case 0x00F1:			/* n tilde */
		case 0x00F2:			/* o grave */
		case 0x00F6:			/* o diaeresis */
		case 0x00F8:			/* o stroke */
		case 0x00F9:			/* u grave */
		case 0x00FC:			/* u diaeresis */
		case 0x0393:			/* Greek capital Gamma */
		case 0x0394:			/* Delta */
		case 0x0398:			/* Theta */
		case 0x039B:			/* Lambda */
		case 0x039E:			/* Xi */
		case 0x03A0:			/* Pi */
		case 0x03A3:			/* Sigma */
		case 0x03A6:			/* Phi */
		case 0x03A8:			/* Psi */
		case 0x03A9:			/* Omega */
			return 1;
		case 0x20AC:			/* euro sign: extension table */
			return 2;
		default:
			return 0;
	}
}

/*
 * Smart encoding replacements: code point -> GSM-7 string (ASCII; "" =
 * dropped).  Sorted by code point for binary search.
 */
typedef struct SmartMap
{
	uint32		cp;
	const char *to;
} SmartMap;

static const SmartMap smart_map[] = {
	{0x0000, ""}, {0x0003, ""}, {0x0004, ""},
	{0x0009, "       "},		/* tab: 7 spaces */
	{0x0010, ""}, {0x0011, ""}, {0x0012, ""}, {0x0013, ""}, {0x0014, ""},
	{0x0017, ""}, {0x0019, ""},
	{0x0060, "'"},
	{0x0080, "  "}, {0x008D, "  "}, {0x0090, "  "}, {0x009B, "  "}, {0x009F, "  "},
	{0x00A0, "  "},				/* no-break space */
	{0x00AB, "\""}, {0x00B4, "'"}, {0x00BB, "\""},
	{0x00BC, "1/4"}, {0x00BD, "1/2"}, {0x00BE, "3/4"},
	{0x00F7, "/"},
	{0x01C3, "!"},
	{0x0262, "G"}, {0x026A, "I"}, {0x0274, "N"}, {0x0280, "R"}, {0x028F, "Y"},
	{0x0299, "B"}, {0x029C, "H"}, {0x029F, "L"},
	{0x02B9, "'"}, {0x02BA, "\""}, {0x02BB, "'"}, {0x02BC, "'"}, {0x02BD, "'"},
	{0x02C6, "^"}, {0x02C8, "'"}, {0x02CA, "'"}, {0x02CB, "'"},
	{0x02D0, ":"}, {0x02D6, "+"}, {0x02DC, "~"}, {0x02EE, "\""},
	{0x02F7, "~"}, {0x02F8, ":"},
	{0x0302, "^"}, {0x0303, "~"}, {0x0313, "'"}, {0x0314, "'"},
	{0x0326, ","}, {0x0330, "~"}, {0x0332, "_"}, {0x0334, "~"},
	{0x0337, "/"}, {0x0338, "/"}, {0x0347, "="},
	{0x1D00, "A"}, {0x1D04, "C"}, {0x1D05, "D"}, {0x1D07, "E"},
	{0x1D0A, "J"}, {0x1D0B, "K"}, {0x1D0D, "M"}, {0x1D0F, "O"},
	{0x1D18, "P"}, {0x1D1B, "T"}, {0x1D1C, "U"}, {0x1D20, "V"},
	{0x1D21, "W"}, {0x1D22, "Z"},
	{0x1DCD, "^"},
	{0x2000, "  "}, {0x2001, " "}, {0x2002, "  "}, {0x2003, "  "},
	{0x2004, "  "}, {0x2005, "  "}, {0x2006, "  "}, {0x2007, "  "},
	{0x2008, "  "}, {0x2009, "  "}, {0x200A, "  "},
	{0x200B, ""},
	{0x2010, "-"}, {0x2013, "-"}, {0x2014, "-"}, {0x2015, "-"},
	{0x2017, "'"},
	{0x2018, "'"}, {0x2019, "'"}, {0x201A, ","}, {0x201B, "'"},
	{0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""}, {0x201F, "\""},
	{0x2022, "-"}, {0x2026, "..."},
	{0x2028, " "}, {0x2029, " "}, {0x202F, "  "},
	{0x2039, ">"}, {0x203A, "<"}, {0x203C, "!!"},
	{0x2043, "-"}, {0x2044, "/"}, {0x204E, "*"}, {0x204F, ";"},
	{0x205F, "  "}, {0x2060, ""},
	{0x20D2, "|"}, {0x20D3, "|"}, {0x20E5, "\\"},
	{0x2215, "/"}, {0x2217, "*"}, {0x2223, "|"}, {0x223C, "~"}, {0x229B, "*"},
	{0x239C, "|"}, {0x239F, "|"}, {0x23B8, "|"}, {0x23B9, "|"},
	{0x23BC, "-"}, {0x23BD, "-"}, {0x23D0, "|"},
	{0x2722, "*"}, {0x2723, "*"}, {0x2724, "*"}, {0x2725, "*"},
	{0x2731, "*"}, {0x2732, "*"}, {0x2733, "*"}, {0x273A, "*"},
	{0x273B, "*"}, {0x273C, "*"}, {0x273D, "*"}, {0x2743, "*"},
	{0x2749, "*"}, {0x274A, "*"}, {0x274B, "*"},
	{0x275B, "'"}, {0x275C, "'"}, {0x275D, "\""}, {0x275E, "\""},
	{0x2768, "("}, {0x2769, ")"}, {0x276A, "("}, {0x276B, ")"},
	{0x2774, "{"}, {0x2775, "}"},
	{0x27EE, "("}, {0x27EF, ")"},
	{0x2982, ":"}, {0x2985, "("}, {0x2986, ")"},
	{0x29C6, "*"}, {0x29F5, "\\"}, {0x29F8, "/"}, {0x29F9, "\\"},
	{0x3000, "  "}, {0x3001, ","}, {0x3002, "."},
	{0x301D, "\""}, {0x301E, "\""},
	{0xA730, "F"}, {0xA731, "S"}, {0xA789, ":"}, {0xA78A, "="},
	{0xFE10, "'"}, {0xFE11, "'"}, {0xFE13, ":"}, {0xFE14, ";"},
	{0xFE15, "!"}, {0xFE16, "?"},
	{0xFE50, ","}, {0xFE51, ","}, {0xFE52, "."}, {0xFE54, ";"},
	{0xFE56, "?"}, {0xFE57, "!"}, {0xFE59, "("}, {0xFE5A, ")"},
	{0xFE5B, "{"}, {0xFE5C, "}"}, {0xFE5F, "#"}, {0xFE60, "&"},
	{0xFE61, "*"}, {0xFE62, "+"}, {0xFE63, "-"}, {0xFE64, "<"},
	{0xFE65, ">"}, {0xFE66, "="}, {0xFE68, "\\"}, {0xFE69, "$"},
	{0xFE6A, "%"}, {0xFE6B, "@"},
	{0xFEFF, ""},
	{0xFF01, "!"}, {0xFF02, "\""}, {0xFF03, "#"}, {0xFF04, "$"},
	{0xFF05, "%"}, {0xFF06, "&"}, {0xFF07, "'"}, {0xFF08, "("},
	{0xFF09, ")"}, {0xFF0A, "*"}, {0xFF0B, "+"}, {0xFF0C, ","},
	{0xFF0D, "-"}, {0xFF0E, "."}, {0xFF0F, "/"},
	{0xFF10, "0"}, {0xFF11, "1"}, {0xFF12, "2"}, {0xFF13, "3"},
	{0xFF14, "4"}, {0xFF15, "5"}, {0xFF16, "6"}, {0xFF17, "7"},
	{0xFF18, "8"}, {0xFF19, "9"},
	{0xFF1A, ":"}, {0xFF1B, ";"}, {0xFF1C, "<"}, {0xFF1D, "="},
	{0xFF1E, ">"}, {0xFF1F, "?"}, {0xFF20, "@"},
	{0xFF21, "A"}, {0xFF22, "B"}, {0xFF23, "C"}, {0xFF24, "D"},
	{0xFF25, "E"}, {0xFF26, "F"}, {0xFF27, "G"}, {0xFF28, "H"},
	{0xFF29, "I"}, {0xFF2A, "J"}, {0xFF2B, "K"}, {0xFF2C, "L"},
	{0xFF2D, "M"}, {0xFF2E, "N"}, {0xFF2F, "O"}, {0xFF30, "P"},
	{0xFF31, "Q"}, {0xFF32, "R"}, {0xFF33, "S"}, {0xFF34, "T"},
	{0xFF35, "U"}, {0xFF36, "V"}, {0xFF37, "W"}, {0xFF38, "X"},
	{0xFF39, "Y"}, {0xFF3A, "Z"},
	{0xFF3B, "["}, {0xFF3C, "\\"}, {0xFF3D, "]"}, {0xFF3E, "^"}, {0xFF3F, "_"},
	{0xFF5B, "{"}, {0xFF5C, "|"}, {0xFF5D, "}"}, {0xFF5E, "~"},
	{0xFF61, "."}, {0xFF64, ","},
};

/* smart replacement of cp, or NULL when cp stays as it is */
const char *
smskpi_smart_replacement(pg_wchar cp)
{
	int			lo = 0,
				hi = lengthof(smart_map) - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (cp < smart_map[mid].cp)
			hi = mid - 1;
		else if (cp > smart_map[mid].cp)
			lo = mid + 1;
		else
			return smart_map[mid].to;
	}
	return NULL;
}

/*
 * Greedy packing of clusters into parts of `cap` units, for one encoding.
 * `cur` is the cost of the open cluster; a cluster that grows beyond a
 * whole part is cut there (between code points).
 */
typedef struct Packer
{
	int64		parts;
	int64		used;			/* units in the last part */
	int64		cur;			/* units of the open cluster */
} Packer;

static inline void
pack_place(Packer *p, int64 cost, int cap)
{
	if (p->used + cost > cap)
	{
		p->parts++;
		p->used = cost;
	}
	else
		p->used += cost;
}

static inline void
pack_close(Packer *p, int cap)
{
	if (p->cur > 0)
		pack_place(p, p->cur, cap);
	p->cur = 0;
}

static inline void
pack_add(Packer *p, int cost, int cap)
{
	if (p->cur + cost > cap)
		pack_close(p, cap);
	p->cur += cost;
}

typedef struct SmsCounter
{
	bool		open;			/* a cluster is open in g */
	bool		gsm;			/* everything so far is GSM-7 */
	int64		septets;
	int64		units;
	Packer		pg;				/* GSM-7 parts */
	Packer		pu;				/* UCS-2 parts */
	SmskpiGrapheme g;
} SmsCounter;

/* add code point cp (after smart replacement) to the stream */
static void
count_cp(SmsCounter *c, pg_wchar cp)
{
	int			sept = gsm_septets(cp);
	int			u = (cp > 0xFFFF) ? 2 : 1;

	if (!c->open)
	{
		smskpi_gr_start(&c->g, cp);
		c->open = true;
	}
	else if (smskpi_gr_next(&c->g, cp))
	{
		pack_close(&c->pg, GSM_PART);
		pack_close(&c->pu, UCS_PART);
	}
	c->units += u;
	pack_add(&c->pu, u, UCS_PART);
	if (c->gsm)
	{
		if (sept == 0)
			c->gsm = false;
		else
		{
			c->septets += sept;
			pack_add(&c->pg, sept, GSM_PART);
		}
	}
}

/*
 * Byte classes for the ASCII fast path: septets (0..2), NONGSM, EXT, and STOP
 * (ends a fast run: non-ASCII byte, CR, or in smart mode a replaced
 * character).  Built once from gsm_ascii and the smart table.
 */
#define CLS_SEPTETS 0x03
#define CLS_STOP	0x04
#define CLS_NONGSM	0x08
#define CLS_EXT		0x10

static uint8 cls_plain[256];
static uint8 cls_smart[256];
static bool cls_ready = false;

static void
cls_init(void)
{
	for (int b = 0; b < 256; b++)
	{
		uint8		v;

		if (b >= 0x80 || b == '\r')
			v = CLS_STOP;
		else
			v = gsm_ascii[b] | (gsm_ascii[b] == 0 ? CLS_NONGSM : 0) |
				(gsm_ascii[b] == 2 ? CLS_EXT : 0);
		cls_plain[b] = v;
		cls_smart[b] = (b < 0x80 && smskpi_smart_replacement(b) != NULL) ? CLS_STOP : v;
	}
	cls_ready = true;
}

/* place k clusters of 1 unit each, greedily */
static inline void
pack_units(Packer *p, int64 k, int cap)
{
	int64		room = cap - p->used;

	if (k <= room)
	{
		p->used += k;
		return;
	}
	k -= room;
	p->parts += (k + cap - 1) / cap;
	p->used = (k - 1) % cap + 1;
}

int
smskpi_sms_count(const unsigned char *s, int len, bool smart,
				 bool *gsm, int64 *units)
{
	SmsCounter c;
	int			i = 0;
	int			budget = 1 << 20;
	const uint8 *cls;

	if (unlikely(!cls_ready))
		cls_init();
	cls = smart ? cls_smart : cls_plain;

	c.open = false;
	c.gsm = true;
	c.septets = 0;
	c.units = 0;
	c.pg.parts = c.pu.parts = 1;
	c.pg.used = c.pu.used = 0;
	c.pg.cur = c.pu.cur = 0;

	while (i < len)
	{
		unsigned char b = s[i];

		if (unlikely(--budget == 0))
		{
			CHECK_FOR_INTERRUPTS();
			budget = 1 << 20;
		}

		/*
		 * Fast path: a run of ASCII characters, none of them CR (nor, in
		 * smart mode, replaced).  Each but the last is a whole grapheme
		 * cluster of 1 UTF-16 unit; the last one is left to the slow path
		 * unless CR or the end follows (a combining mark may follow it).
		 * The run may not start while the open cluster ends in Prepend
		 * (GB9b) or CR (CR LF, GB3).
		 */
		if (!(cls[b] & CLS_STOP) &&
			(!c.open || ((c.g.prev & SMSKPI_GCB_MASK) != SMSKPI_GCB_PREPEND &&
						 (c.g.prev & SMSKPI_GCB_MASK) != SMSKPI_GCB_CR)))
		{
			int			j = i;
			int64		sept = 0;
			uint8		acc = 0;

			while (j < len && !(cls[s[j]] & CLS_STOP))
			{
				uint8		v = cls[s[j]];

				sept += v & CLS_SEPTETS;
				acc |= v;
				j++;
			}
			if (j < len && s[j] != '\r')
			{
				/* the last character might take a following mark: slow path */
				sept -= cls[s[j - 1]] & CLS_SEPTETS;
				j--;
				if (j == i)
					goto slow;
				acc = 0;
				for (int k = i; k < j; k++)
					acc |= cls[s[k]];
			}
			if (c.open)
			{
				pack_close(&c.pg, GSM_PART);
				pack_close(&c.pu, UCS_PART);
				c.open = false;
			}
			c.units += j - i;
			pack_units(&c.pu, j - i, UCS_PART);
			if (c.gsm)
			{
				if (acc & CLS_NONGSM)
					c.gsm = false;
				else if (acc & CLS_EXT)
				{
					for (int k = i; k < j; k++)
						pack_place(&c.pg, cls[s[k]] & CLS_SEPTETS, GSM_PART);
					c.septets += sept;
				}
				else
				{
					pack_units(&c.pg, j - i, GSM_PART);
					c.septets += sept;
				}
			}
			i = j;
			continue;
		}
slow:
		{
			pg_wchar	cp;
			const char *rep;

			i += smskpi_utf8_decode(s + i, len - i, &cp);
			if (smart && (rep = smskpi_smart_replacement(cp)) != NULL)
			{
				for (; *rep; rep++)
					count_cp(&c, (unsigned char) *rep);
			}
			else
				count_cp(&c, cp);
		}
	}
	pack_close(&c.pg, GSM_PART);
	pack_close(&c.pu, UCS_PART);

	*gsm = c.gsm;
	if (c.gsm)
	{
		*units = c.septets;
		return (c.septets <= GSM_SINGLE) ? 1 : (int) c.pg.parts;
	}
	*units = c.units;
	return (c.units <= UCS_SINGLE) ? 1 : (int) c.pu.parts;
}

#ifndef SMSKPI_FUZZ

static int
sms_count_text(text *t, bool smart, bool *gsm)
{
	int			len;
	const char *s = smskpi_text_utf8(t, &len);
	int64		units;

	return smskpi_sms_count((const unsigned char *) s, len, smart, gsm, &units);
}

/* sms_encoding(text) returns 'GSM-7' or 'UCS-2'. */
PG_FUNCTION_INFO_V1(smskpi_sms_encoding);
Datum
smskpi_sms_encoding(PG_FUNCTION_ARGS)
{
	bool		gsm;

	(void) sms_count_text(PG_GETARG_TEXT_PP(0), false, &gsm);
	PG_RETURN_TEXT_P(cstring_to_text(gsm ? "GSM-7" : "UCS-2"));
}

/* sms_segments(text) returns the number of SMS segments (>= 1). */
PG_FUNCTION_INFO_V1(smskpi_sms_segments);
Datum
smskpi_sms_segments(PG_FUNCTION_ARGS)
{
	bool		gsm;

	PG_RETURN_INT32(sms_count_text(PG_GETARG_TEXT_PP(0), false, &gsm));
}

/* sms_smart_encoding(text) returns 'GSM-7' or 'UCS-2' after smart encoding. */
PG_FUNCTION_INFO_V1(smskpi_sms_smart_encoding);
Datum
smskpi_sms_smart_encoding(PG_FUNCTION_ARGS)
{
	bool		gsm;

	(void) sms_count_text(PG_GETARG_TEXT_PP(0), true, &gsm);
	PG_RETURN_TEXT_P(cstring_to_text(gsm ? "GSM-7" : "UCS-2"));
}

/* sms_smart_segments(text) returns the segments after smart encoding. */
PG_FUNCTION_INFO_V1(smskpi_sms_smart_segments);
Datum
smskpi_sms_smart_segments(PG_FUNCTION_ARGS)
{
	bool		gsm;

	PG_RETURN_INT32(sms_count_text(PG_GETARG_TEXT_PP(0), true, &gsm));
}

/* sms_units(text) returns septets (GSM-7) or UTF-16 code units (UCS-2). */
PG_FUNCTION_INFO_V1(smskpi_sms_units);
Datum
smskpi_sms_units(PG_FUNCTION_ARGS)
{
	int			len;
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = smskpi_text_utf8(t, &len);
	bool		gsm;
	int64		units;

	(void) smskpi_sms_count((const unsigned char *) s, len, false, &gsm, &units);
	PG_RETURN_INT64(units);
}

#endif							/* SMSKPI_FUZZ */
