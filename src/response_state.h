/*-------------------------------------------------------------------------
 *
 * response_state.h
 *	  The transition state of smskpi's response-time aggregates (SQL type
 *	  smskpi.response_state).
 *
 *	  It is log-structured: rows are appended to a log (sequential writes,
 *	  no hash probe per row); when the log is full it is radix-sorted by key
 *	  hash and merged into the compacted part, an array of one record per
 *	  conversation sorted by (hash, key).  Every step is a sequential pass
 *	  over memory, which is what makes a group of millions of conversations
 *	  fast when the rows arrive in random order.  A state combined into
 *	  another goes into its log the same way, as the rows its
 *	  conversations stand for, so merging many states is linear too.
 *
 *	  A state has two representations with the same content:
 *	  - flat: one varlena (below), what is stored in tables, shipped from
 *	    parallel workers or Citus nodes, and read by the I/O functions;
 *	  - expanded (response_state.c): a PostgreSQL expanded object owned by
 *	    the aggregate's memory context, whose parts are separate arrays.
 *	    A large group's state is held this way while rows stream in: it
 *	    grows in place (nodeAgg keeps the same pointer and never copies it)
 *	    and merges into reused buffers.  It is flattened (compacted first)
 *	    only when it leaves the aggregate.
 *	  Code that only reads a state sees an RsParts view of either.
 *
 * Flat layout (offsets from the start of the varlena, regions MAXALIGNed):
 *
 *	ResponseState header
 *	RsOpts   opts					percentile fraction, windows, business hours
 *	RsEntry  entries[nentries]		compacted: one per conversation, sorted
 *	int64    events[nevents]		compacted: per entry, in entry order, its
 *									stored times (see RsEntry)
 *	char     arena[arena_used]		compacted: keys of pass-by-reference
 *									types, int32 length + bytes, 4-aligned
 *	RsLogRow log[log_cap]			rows not merged yet (nlog used)
 *	char     log_arena[log_arena_cap]	their pass-by-reference keys
 *
 * The binary (send/recv) and text (hex of the binary) forms
 * (response_state_io.c) carry the compacted data only (the log is merged
 * first); every count, length and order read there is checked.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SMSKPI_RESPONSE_STATE_H
#define SMSKPI_RESPONSE_STATE_H

#include "business_hours.h"
#include "datatype/timestamp.h"
#include "fmgr.h"

/* what the state collects */
#define RS_KIND_FIRST	1		/* first response: first inbound, first answer */
#define RS_KIND_REPLY	2		/* every customer turn: all messages */

/* how conversation keys are stored */
#define RS_KEY_NONE		0		/* no key: the whole group is one conversation */
#define RS_KEY_BYVAL	1		/* pass-by-value type of 1, 2, 4 or 8 bytes */
#define RS_KEY_BYTES	2		/* any other type: its bytes in the arena */

#define RS_NO_TIME		DT_NOEND	/* "none" marker for timestamps */

/*
 * One conversation.  RS_KIND_FIRST: first_in is its earliest inbound
 * message, first_out the earliest outbound message at or after first_in,
 * and its events are the outbound messages earlier than first_in (one of
 * them becomes the answer if an earlier inbound message turns up).
 * RS_KIND_REPLY: its events are all its messages, the n_inbound inbound
 * ones first.  A merge writes the events in time order (inbound and
 * outbound ones each), so that a compacted state does not depend on the
 * order of its rows; states stored by earlier libraries may hold them in
 * any order, which readers allow.
 */
typedef struct RsEntry
{
	uint64		key;			/* by-value key, or arena offset of the key */
	TimestampTz first_in;		/* RS_NO_TIME if none */
	union
	{
		TimestampTz first_out;	/* RS_KIND_FIRST; RS_NO_TIME if none */
		int64		n_inbound;	/* RS_KIND_REPLY */
	}			u;
	uint32		hash;			/* hash of the key */
	int32		nevents;
} RsEntry;

/* A row not merged yet. */
typedef struct RsLogRow
{
	uint64		key;			/* by-value key, or log_arena offset */
	TimestampTz ts;
	uint32		hash;
	int32		inbound;
} RsLogRow;

/*
 * Options of the aggregate call, fixed for a group: taken from the first
 * row and checked on the others; stored because a final function sees
 * only the state.
 */
typedef struct RsOpts
{
	float8		fraction;		/* percentile to compute, or -1 */
	int32		nwindows;		/* answered-within windows */
	int32		bh_len;			/* bytes of the business_hours value, or 0 */
	int64		windows[FLEXIBLE_ARRAY_MEMBER]; /* microseconds */
	/* then, MAXALIGNed, the business_hours varlena */
} RsOpts;

#define RS_OPTS_BH_OFFSET(nwindows) \
	MAXALIGN(offsetof(RsOpts, windows) + sizeof(int64) * (nwindows))
#define RS_OPTS_SIZE(nwindows, bh_len) \
	(RS_OPTS_BH_OFFSET(nwindows) + MAXALIGN(bh_len))
#define RS_OPTS_BH_RAW(o) \
	((char *) (o) + RS_OPTS_BH_OFFSET((o)->nwindows))
#define RS_OPTS_BH(o) \
	((o)->bh_len > 0 ? (const BusinessHours *) RS_OPTS_BH_RAW(o) : NULL)

typedef struct ResponseState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint32		magic;			/* RS_MAGIC: layout version */
	uint8		kind;			/* RS_KIND_* */
	uint8		keykind;		/* RS_KEY_* */
	int16		keylen;			/* typlen of the key type */
	Oid			keytype;		/* type of the conversation key */
	int32		nentries;
	int32		nevents;
	int32		arena_used;
	int32		nlog;
	int32		log_cap;
	int32		log_arena_used;
	int32		log_arena_cap;
	int32		opts_off;
	int32		entries_off;
	int32		events_off;
	int32		arena_off;
	int32		log_off;
	int32		log_arena_off;
} ResponseState;

#define RS_MAGIC			0x32535253	/* "SRS2" */

#define RS_OPTS(s)		((RsOpts *) ((char *) (s) + (s)->opts_off))
#define RS_ENTRIES(s)	((RsEntry *) ((char *) (s) + (s)->entries_off))
#define RS_EVENTS(s)	((int64 *) ((char *) (s) + (s)->events_off))
#define RS_ARENA(s)		((char *) (s) + (s)->arena_off)
#define RS_LOG(s)		((RsLogRow *) ((char *) (s) + (s)->log_off))
#define RS_LOG_ARENA(s) ((char *) (s) + (s)->log_arena_off)

#define DatumGetResponseStateP(X)	((ResponseState *) PG_DETOAST_DATUM(X))

/* A conversation key as handed to rs_add_message(). */
typedef struct RsKey
{
	uint64		value;			/* RS_KEY_BYVAL: the value */
	const char *bytes;			/* RS_KEY_BYTES: the bytes */
	int32		len;
	uint32		hash;
} RsKey;

/*
 * Scratch buffers a transition function keeps across merges (in its
 * fn_mcxt), so that merging does not allocate fresh memory every time.
 */
typedef struct RsScratch
{
	MemoryContext cxt;
	RsLogRow   *rows;
	int64		rows_cap;
	RsLogRow   *tmp;
	int64		tmp_cap;
} RsScratch;

/*
 * A read-only view of a state, flat or expanded.  Pass-by-reference keys
 * are offsets: entries' into arena, log rows' into log_arena.
 */
typedef struct RsParts
{
	uint8		kind;
	uint8		keykind;
	int16		keylen;
	Oid			keytype;
	const RsOpts *opts;
	const RsEntry *entries;
	int64		nentries;
	const int64 *events;
	int64		nevents;
	const char *arena;
	int64		arena_used;
	const RsLogRow *log;
	int64		nlog;
	const char *log_arena;
	int64		log_arena_used;
} RsParts;

/* hash of a pass-by-value key: splitmix64 finalizer, folded to 32 bits */
static inline uint32
rs_hash64(uint64 x)
{
	x ^= x >> 30;
	x *= UINT64CONST(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64CONST(0x94d049bb133111eb);
	x ^= x >> 31;
	return (uint32) (x ^ (x >> 32));
}

/* response_state.c: building and merging states */
extern ResponseState *rs_create(int kind, int keykind, int16 keylen, Oid keytype,
								const RsOpts *opts);
extern Datum rs_add_message(Datum state, const RsKey *key, bool inbound,
							TimestampTz ts, RsScratch *scratch,
							MemoryContext aggcontext);
extern Datum rs_combine_datums(Datum a, Datum b, RsScratch *scratch,
							   MemoryContext aggcontext);
extern ResponseState *rs_combine(const ResponseState *a, const ResponseState *b);
extern ResponseState *rs_merge_parts(const RsParts *a, const RsParts *b);
extern void rs_key_from_datum(RsKey *key, int keykind, int16 keylen, Datum d);
extern void rs_too_big(void) pg_attribute_noreturn();

/*
 * Views: of a flat state, or of any state datum (detoasted if flat,
 * flattened into a copy if expanded); rs_parts_compact's has no log (a
 * state with one is merged into a new flat copy).
 */
extern void rs_parts_flat(const ResponseState *s, RsParts *p);
extern void rs_parts_datum(Datum d, RsParts *p);
extern void rs_parts_compact(Datum d, RsParts *p);

/* The options of any state datum, without copying it. */
extern const RsOpts *rs_datum_opts(Datum d);

/* Callback for every answered turn: start (customer) and answer times. */
typedef void (*rs_turn_cb) (void *arg, TimestampTz asked, TimestampTz answered);

/*
 * Walk a compacted state (nlog = 0): for each conversation call cb for its
 * answered turn(s) (RS_KIND_FIRST: the first response only; RS_KIND_REPLY:
 * every turn); count turns asked and turns left unanswered.
 */
extern void rs_walk(const RsParts *p, rs_turn_cb cb, void *arg,
					int64 *asked, int64 *unanswered);

/* rs_walk over any state datum (an expanded one without copying it) */
extern void rs_walk_datum(Datum d, rs_turn_cb cb, void *arg,
						  int64 *asked, int64 *unanswered);

/*
 * response_time.c: conversation key types.  rs_key_layout gives how keys of
 * an (existing) type are stored; rs_key_type_problem says why a state read
 * by the I/O functions cannot have keys of type keytype stored as
 * keykind/keylen (NULL if it can): the type must exist and be one the
 * aggregates accept, stored as they store it.
 */
extern void rs_key_layout(Oid keytype, int *keykind, int16 *keylen);
extern char *rs_key_type_problem(int keykind, int16 keylen, Oid keytype);

/* qsort comparator of int64 */
extern int	rs_int64_cmp(const void *a, const void *b);

/* Bytes of the compacted flat form without its log (response_state_info). */
extern int64 rs_compacted_bytes(const RsParts *p);

#endif							/* SMSKPI_RESPONSE_STATE_H */
