/*-------------------------------------------------------------------------
 *
 * response_time.c
 *	  Response-time aggregates: first response time (FRT) and reply time.
 *
 *	  First response time of a conversation: the earliest outbound message
 *	  sent at or after the conversation's earliest inbound message, minus
 *	  that inbound message's time.  Conversations without an inbound message
 *	  do not count; those never answered count as unanswered.
 *
 *	  Reply time: the messages of a conversation in time order (at the same
 *	  instant inbound before outbound); a customer turn starts at an inbound
 *	  message when no turn is open, and is answered by the next outbound
 *	  message, which closes it.  Further inbound messages of an open turn
 *	  (a burst) do not restart it; outbound messages with no open turn
 *	  answer nothing.
 *
 *	  Rows whose conversation, direction or time is NULL are skipped; a
 *	  time of +-infinity is an error.  With a smskpi.business_hours
 *	  schedule, a response time counts only working time.
 *
 *	  Every aggregate has the same transition state (response_state.c), a
 *	  combine function, and a final function that leaves the state as it
 *	  is, so they run in parallel, on Citus workers, and as window
 *	  aggregates.  Percentiles are exact: the final function collects the
 *	  response times and selects the order statistics (introselect),
 *	  interpolating as percentile_cont does.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/nbtree.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "response_state.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

/*
 * The argument layout of a transition function, from its declared argument
 * types (pg_proc.proargtypes), which never change for a function OID.
 */
typedef struct RsArgLayout
{
	Oid			fn_oid;			/* InvalidOid: an empty slot */
	int16		nargs;
	bool		keyed;
	Oid			keytype;		/* declared key type; InvalidOid: polymorphic */
	int			keykind;		/* its storage (keytype valid only) */
	int16		keylen;
	int			argi_fraction;	/* -1 if absent */
	int			argi_windows;
	int			argi_bh;
	/* keytype passed rs_check_key_type with this collation (bare calls) */
	bool		key_checked;
	Oid			key_checked_coll;
} RsArgLayout;

/*
 * Layouts, cached for the backend's lifetime (direct-mapped by OID; a
 * collision just reads the catalog again) and forgotten whenever pg_proc
 * changes.  A caller that gives no expression tree and keeps nothing
 * between rows (Citus's worker_partial_agg calls the transition function
 * through a new FmgrInfo for every row) pays a lookup per row, not a
 * catalog read.
 */
#define RS_LAYOUT_SLOTS 64
static RsArgLayout rs_layouts[RS_LAYOUT_SLOTS];
static bool rs_layouts_registered = false;

/* What a transition function knows about its call. */
typedef struct RsCallInfo
{
	int			kind;
	int			keykind;
	int16		keylen;
	Oid			keytype;
	int			argi_inbound;	/* argument positions */
	int			argi_ts;
	int			argi_fraction;	/* -1 if absent */
	int			argi_windows;
	int			argi_bh;
	/* option arguments that are constants: the same on every row */
	bool		const_fraction;
	bool		const_windows;
	bool		const_bh;
	RsScratch  *sc;				/* merge buffers kept for the query, or NULL */
	RsScratch	scratch;
} RsCallInfo;

static const int64 default_windows[] = {
	15 * USECS_PER_MINUTE, USECS_PER_HOUR, 24 * USECS_PER_HOUR
};

/* ----------------------------------------------------------------------
 * Transition
 * ----------------------------------------------------------------------
 */

/*
 * Conversation keys are compared by their binary image, which is right only
 * for types whose equality is image equality (integers, text with a
 * deterministic collation, uuid, date, ...): btree's "equalimage" support
 * function says which.  numeric (1.0 = 1.00) and float (0 = -0) are not.
 * keytype must exist.
 */
static bool
rs_key_type_comparable(Oid keytype, Oid collation)
{
	TypeCacheEntry *tce = lookup_type_cache(keytype, TYPECACHE_BTREE_OPFAMILY);

	if (OidIsValid(tce->btree_opf))
	{
		Oid			proc = get_opfamily_proc(tce->btree_opf, tce->btree_opintype,
											 tce->btree_opintype, BTEQUALIMAGE_PROC);

		if (OidIsValid(proc))
			return DatumGetBool(OidFunctionCall1Coll(proc, collation,
													 ObjectIdGetDatum(tce->btree_opintype)));
	}
	return false;
}

static void
rs_check_key_type(Oid keytype, Oid collation)
{
	if (!rs_key_type_comparable(keytype, collation))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("conversation keys of type %s cannot be compared by value",
						format_type_be(keytype)),
				 errdetail("smskpi compares conversation keys by their binary image, which needs a type (and collation) whose equal values have equal images."),
				 errhint("Use an integer, uuid or text (with a deterministic collation) conversation key, e.g. cast it to bigint or text.")));
}

/* How keys of type keytype (which exists) are stored. */
void
rs_key_layout(Oid keytype, int *keykind, int16 *keylen)
{
	int16		typlen;
	bool		typbyval;

	get_typlenbyval(keytype, &typlen, &typbyval);
	*keylen = typlen;
	*keykind = (typbyval && (typlen == 1 || typlen == 2 || typlen == 4 || typlen == 8))
		? RS_KEY_BYVAL : RS_KEY_BYTES;
}

/*
 * Why a state cannot have keys of type keytype stored as keykind/keylen, or
 * NULL if it can: exactly the states rs_call_info makes are accepted (no
 * key: key type 0 and length 0; else a type that exists, that
 * rs_key_type_comparable accepts, stored as rs_key_layout says).  Nothing
 * here looks up a type before knowing that it exists, so a hand-edited OID
 * gives the caller's clean error, not "cache lookup failed".  The
 * collation: the aggregate checked the one it was called with; the state
 * does not record it, and every deterministic collation gives the same
 * answer as the database's default one.
 */
char *
rs_key_type_problem(int keykind, int16 keylen, Oid keytype)
{
	int			kk;
	int16		kl;

	if (keykind == RS_KEY_NONE)
		return keytype == InvalidOid && keylen == 0 ? NULL :
			psprintf("key type %u in a state without keys", keytype);
	if (!OidIsValid(keytype) || !SearchSysCacheExists1(TYPEOID, ObjectIdGetDatum(keytype)))
		return psprintf("key type %u does not exist", keytype);
	if (!get_typisdefined(keytype))
		return psprintf("key type %s is only a shell", format_type_be(keytype));
	if (!rs_key_type_comparable(keytype, DEFAULT_COLLATION_OID))
		return psprintf("conversation keys of type %s cannot be compared by value",
						format_type_be(keytype));
	rs_key_layout(keytype, &kk, &kl);
	if (kk != keykind || kl != keylen)
		return psprintf("keys of type %s are not stored with length %d",
						format_type_be(keytype), (int) keylen);
	return NULL;
}

/*
 * Is every option argument from first_opt on a Const?  Then it has the same
 * value on every row, and rechecking it per row is pointless.  Only nodeAgg
 * gives the Aggref; for a window aggregate every row is checked.  (A
 * pointer to a value computed per row says nothing: per-row values are
 * built in per-tuple memory, where the next row's value may land at the
 * same address.)
 */
static void
rs_find_const_opts(FunctionCallInfo fcinfo, RsCallInfo *ci, int first_opt)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	bool		isconst[FUNC_MAX_ARGS];
	int			argno = 1;		/* transition function argument of the entry */
	ListCell   *lc;

	if (aggref == NULL || aggref->aggdirectargs != NIL)
		return;
	foreach(lc, aggref->args)
	{
		TargetEntry *tle = lfirst_node(TargetEntry, lc);

		if (tle->resjunk)
			continue;			/* an ORDER BY expression only */
		if (argno >= FUNC_MAX_ARGS)
			return;
		isconst[argno++] = IsA(tle->expr, Const);
	}
	if (argno != PG_NARGS())
		return;					/* not the arguments we were called with */
	for (int i = first_opt; i < argno; i++)
	{
		if (i == ci->argi_fraction)
			ci->const_fraction = isconst[i];
		else if (i == ci->argi_windows)
			ci->const_windows = isconst[i];
		else if (i == ci->argi_bh)
			ci->const_bh = isconst[i];
	}
}

static void
rs_layouts_inval(Datum arg, int cacheid, uint32 hashvalue)
{
	memset(rs_layouts, 0, sizeof(rs_layouts));
}

/*
 * The layout of the transition function being called (keyed: its
 * argument 1 is the conversation key).  The returned slot stays valid
 * until the next catalog access, which may clear it.
 */
static RsArgLayout *
rs_arg_layout(FunctionCallInfo fcinfo, bool keyed)
{
	Oid			fn_oid = fcinfo->flinfo->fn_oid;
	RsArgLayout *slot = &rs_layouts[fn_oid % RS_LAYOUT_SLOTS];
	RsArgLayout l;
	HeapTuple	tup;
	Form_pg_proc proc;
	int			i;

	if (slot->fn_oid == fn_oid && OidIsValid(fn_oid) &&
		slot->nargs == PG_NARGS() && slot->keyed == keyed)
		return slot;

	if (!rs_layouts_registered)
	{
		CacheRegisterSyscacheCallback(PROCOID, rs_layouts_inval, (Datum) 0);
		rs_layouts_registered = true;
	}
	memset(&l, 0, sizeof(l));
	l.fn_oid = fn_oid;
	l.keyed = keyed;
	l.argi_fraction = l.argi_windows = l.argi_bh = -1;
	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for function %u", fn_oid);
	proc = (Form_pg_proc) GETSTRUCT(tup);
	l.nargs = proc->pronargs;
	if (l.nargs != PG_NARGS() || l.nargs < (keyed ? 4 : 3))
		elog(ERROR, "smskpi response-time transition function %u called with %d arguments",
			 fn_oid, (int) PG_NARGS());
	if (keyed)
	{
		Oid			t = proc->proargtypes.values[1];

		if (!IsPolymorphicType(t))
		{
			l.keytype = getBaseType(t);
			rs_key_layout(l.keytype, &l.keykind, &l.keylen);
		}
	}
	for (i = keyed ? 4 : 3; i < l.nargs; i++)
	{
		Oid			t = proc->proargtypes.values[i];

		if (t == FLOAT8OID)
			l.argi_fraction = i;
		else if (t == INTERVALARRAYOID)
			l.argi_windows = i;
		else
			l.argi_bh = i;		/* smskpi.business_hours */
	}
	ReleaseSysCache(tup);
	/* filled after the catalog access: an invalidation cannot clear it half made */
	*slot = l;
	return slot;
}

/*
 * What a transition function needs to know about its call.  With an
 * expression tree (nodeAgg, window aggregates) it is worked out once per
 * call site and kept in fn_extra: the key type is the argument's actual
 * type (anyelement), and constant options are found in the Aggref.
 * Without one (Citus: a new FmgrInfo for every row, fn_extra and fn_expr
 * NULL, the Aggref not ours) it comes from the declared argument types,
 * into *bare, without allocating: the key type must then be a concrete one,
 * every option is compared with the group's state on every row, and merges
 * allocate their buffers afresh (there is nowhere to keep them).
 */
static RsCallInfo *
rs_call_info(FunctionCallInfo fcinfo, int kind, bool keyed, RsCallInfo *bare)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	RsCallInfo *ci = (RsCallInfo *) flinfo->fn_extra;
	RsArgLayout *l;

	if (ci != NULL)
		return ci;
	l = rs_arg_layout(fcinfo, keyed);
	if (flinfo->fn_expr != NULL)
	{
		ci = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(RsCallInfo));
		ci->scratch.cxt = flinfo->fn_mcxt;
		ci->sc = &ci->scratch;
	}
	else
	{
		/* every field but the unused scratch is set (no memset: every row) */
		ci = bare;
		ci->const_fraction = ci->const_windows = ci->const_bh = false;
		ci->sc = NULL;
	}
	ci->kind = kind;
	ci->argi_inbound = keyed ? 2 : 1;
	ci->argi_ts = ci->argi_inbound + 1;
	ci->argi_fraction = l->argi_fraction;
	ci->argi_windows = l->argi_windows;
	ci->argi_bh = l->argi_bh;
	ci->keykind = RS_KEY_NONE;
	ci->keylen = 0;
	ci->keytype = InvalidOid;
	if (keyed && flinfo->fn_expr == NULL)
	{
		Oid			coll = PG_GET_COLLATION();

		if (!OidIsValid(l->keytype))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("could not determine the conversation key type"),
					 errdetail("The caller gave no argument types, and this aggregate's conversation key is anyelement."),
					 errhint("Pass a conversation key of type bigint, integer, smallint, text, varchar or uuid (cast it).")));
		ci->keytype = l->keytype;
		ci->keykind = l->keykind;
		ci->keylen = l->keylen;

		/*
		 * Citus passes no collation (its worker_partial_agg's argument is a
		 * row): check with the database's.  Checked once per function.
		 */
		if (!OidIsValid(coll))
			coll = DEFAULT_COLLATION_OID;
		if (!l->key_checked || l->key_checked_coll != coll)
		{
			Oid			fn_oid = l->fn_oid;

			rs_check_key_type(ci->keytype, coll);
			l = &rs_layouts[fn_oid % RS_LAYOUT_SLOTS];
			if (l->fn_oid == fn_oid)
			{
				l->key_checked = true;
				l->key_checked_coll = coll;
			}
		}
	}
	else if (keyed)
	{
		Oid			t = get_fn_expr_argtype(flinfo, 1);

		if (!OidIsValid(t))
			elog(ERROR, "could not determine the conversation key type");
		/* a domain's states name its base type: pg_dump keeps no type OIDs */
		ci->keytype = getBaseType(t);
		rs_check_key_type(ci->keytype, PG_GET_COLLATION());
		rs_key_layout(ci->keytype, &ci->keykind, &ci->keylen);
	}
	if (flinfo->fn_expr != NULL)
	{
		rs_find_const_opts(fcinfo, ci, ci->argi_ts + 1);
		flinfo->fn_extra = ci;
	}
	return ci;
}

static float8
rs_arg_fraction(FunctionCallInfo fcinfo, int argi)
{
	float8		f;

	if (PG_ARGISNULL(argi))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("percentile fraction must not be null")));
	f = PG_GETARG_FLOAT8(argi);
	if (isnan(f) || f < 0 || f > 1)
	{
		/* shortest exact digits: 1.0000001, not "1" */
		char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

		double_to_shortest_decimal_buf(f, buf);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("percentile fraction %s is not between 0 and 1", buf)));
	}
	return f;
}

/* interval -> microseconds, counting a month as 30 days as interval_cmp does */
static int64
rs_interval_usecs(const Interval *iv)
{
	int128		v = (int128) iv->month * DAYS_PER_MONTH * USECS_PER_DAY
		+ (int128) iv->day * USECS_PER_DAY + iv->time;

	if (v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("response-time window must be a non-negative interval")));
	if (v > PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("response-time window is out of range")));
	return (int64) v;
}

static void
rs_windows_dims(ArrayType *arr)
{
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("response-time windows must be a one-dimensional array")));
}

static ArrayType *
rs_windows_array(FunctionCallInfo fcinfo, int argi)
{
	if (PG_ARGISNULL(argi))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("response-time windows must not be null")));
	return PG_GETARG_ARRAYTYPE_P(argi);
}

/*
 * The windows of array arr, checked, in microseconds (*nwindows of them,
 * palloc'd).
 */
static int64 *
rs_windows_usecs(ArrayType *arr, int32 *nwindows)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int64	   *windows;

	rs_windows_dims(arr);
	deconstruct_array(arr, INTERVALOID, sizeof(Interval), false, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	windows = palloc(sizeof(int64) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("response-time windows must not contain nulls")));
		windows[i] = rs_interval_usecs(DatumGetIntervalP(elems[i]));
	}
	*nwindows = n;
	return windows;
}

/* The windows argument argi of this row, checked, in microseconds. */
static const int64 *
rs_arg_windows(FunctionCallInfo fcinfo, int argi, int32 *nwindows)
{
	return rs_windows_usecs(rs_windows_array(fcinfo, argi), nwindows);
}

/*
 * Does the windows argument argi of this row (checked as on a group's
 * first row) differ from the windows of "have"?  An array without nulls is
 * read in place, short header or not (a value read from a column, or from
 * the row that Citus builds of the arguments): no copy, no conversion
 * buffer, no cache, so a row costs the same whether or not the caller
 * keeps anything between rows.
 */
static bool
rs_windows_differ(FunctionCallInfo fcinfo, int argi, const RsOpts *have)
{
	struct varlena *raw;
	const char *body;
	const char *data;
	int32		ndim,
				dataoffset,
				n = 0;
	bool		differ;

	if (PG_ARGISNULL(argi))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("response-time windows must not be null")));
	raw = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(PG_GETARG_DATUM(argi)));
	/* the ArrayType fields after vl_len_, maybe unaligned (short header) */
	body = VARDATA_ANY(raw);
	memcpy(&ndim, body + offsetof(ArrayType, ndim) - VARHDRSZ, sizeof(int32));
	memcpy(&dataoffset, body + offsetof(ArrayType, dataoffset) - VARHDRSZ, sizeof(int32));
	if (ndim > 1)
		rs_windows_dims(DatumGetArrayTypeP(PointerGetDatum(raw)));
	if (dataoffset != 0)
	{
		int32		nw;

		/* a null bitmap: the conversion reports the null */
		(void) rs_windows_usecs(DatumGetArrayTypeP(PointerGetDatum(raw)), &nw);
		return true;
	}
	if (ndim == 1)
		memcpy(&n, body + sizeof(ArrayType) - VARHDRSZ, sizeof(int32));	/* dims[0] */
	data = body + ARR_OVERHEAD_NONULLS(ndim) - VARHDRSZ;
	if (ndim < 0 || n < 0 ||
		data + (Size) n * sizeof(Interval) > body + VARSIZE_ANY_EXHDR(raw))
		elog(ERROR, "unexpected response-time windows array");
	differ = n != have->nwindows;
	for (int i = 0; i < n; i++)
	{
		Interval	iv;
		int64		w;

		memcpy(&iv, data + (Size) i * sizeof(Interval), sizeof(Interval));
		w = rs_interval_usecs(&iv);
		if (!differ && w != have->windows[i])
			differ = true;
	}
	return differ;
}

static RsOpts *
rs_build_opts(FunctionCallInfo fcinfo, RsCallInfo *ci)
{
	RsOpts	   *o;
	int32		nwindows = 0;
	const int64 *windows = NULL;
	struct varlena *bh = NULL;
	int32		bh_len = 0;

	if (ci->argi_windows >= 0)
		windows = rs_arg_windows(fcinfo, ci->argi_windows, &nwindows);
	else
	{
		nwindows = lengthof(default_windows);
		windows = default_windows;
	}
	if (ci->argi_bh >= 0 && !PG_ARGISNULL(ci->argi_bh))
	{
		bh = PG_DETOAST_DATUM(PG_GETARG_DATUM(ci->argi_bh));
		bh_len = VARSIZE(bh);
	}
	o = palloc0(RS_OPTS_SIZE(nwindows, bh_len));
	o->fraction = ci->argi_fraction >= 0 ? rs_arg_fraction(fcinfo, ci->argi_fraction) : -1;
	o->nwindows = nwindows;
	memcpy(o->windows, windows, sizeof(int64) * nwindows);
	o->bh_len = bh_len;
	if (bh_len > 0)
		memcpy(RS_OPTS_BH_RAW(o), bh, bh_len);
	return o;
}

/*
 * Options given on a later row must be the ones the group's state was built
 * with (have): compared by value on every row, except for constant
 * arguments.  Not against the options of the row before: with hashed
 * grouping that row may belong to another group.
 */
static void
rs_check_same_opts(FunctionCallInfo fcinfo, RsCallInfo *ci, const RsOpts *have)
{
	if (ci->argi_fraction >= 0 && !ci->const_fraction &&
		rs_arg_fraction(fcinfo, ci->argi_fraction) != have->fraction)
		goto differ;
	if (ci->argi_windows >= 0 && !ci->const_windows &&
		rs_windows_differ(fcinfo, ci->argi_windows, have))
		goto differ;
	if (ci->argi_bh >= 0 && !ci->const_bh)
	{
		struct varlena *bh;

		if (PG_ARGISNULL(ci->argi_bh))
		{
			if (have->bh_len != 0)
				goto differ;
		}
		else
		{
			/* business_hours values are canonical: same schedule, same bytes */
			bh = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(ci->argi_bh));
			if (VARATT_IS_EXTERNAL(bh) || VARATT_IS_COMPRESSED(bh))
				bh = pg_detoast_datum_packed(bh);
			if (have->bh_len < VARHDRSZ ||
				VARSIZE_ANY_EXHDR(bh) != have->bh_len - VARHDRSZ ||
				memcmp(VARDATA_ANY(bh), RS_OPTS_BH_RAW(have) + VARHDRSZ,
					   have->bh_len - VARHDRSZ) != 0)
				goto differ;
		}
	}
	return;
differ:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("the options of a response-time aggregate must be the same for every row of a group"),
			 errdetail("The percentile fraction, windows and business hours are taken from the first row.")));
}

static Datum
rs_trans(FunctionCallInfo fcinfo, int kind, bool keyed)
{
	MemoryContext aggcontext;
	RsCallInfo	bare;
	RsCallInfo *ci;
	Datum		state;
	RsKey		key;
	TimestampTz ts;
	bool		inbound;
	Datum		keyd = (Datum) 0;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("smskpi response-time transition function called in non-aggregate context")));
	ci = rs_call_info(fcinfo, kind, keyed, &bare);

	if (PG_ARGISNULL(0))
	{
		RsOpts	   *o = rs_build_opts(fcinfo, ci);

		/* built in the per-call context: the caller copies it into aggcontext */
		state = PointerGetDatum(rs_create(kind, ci->keykind, ci->keylen, ci->keytype, o));
	}
	else
	{
		/* ours: flat in aggcontext, or a read-write expanded state */
		state = PG_GETARG_DATUM(0);
		if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(state)))
		{
			ResponseState *s = (ResponseState *) DatumGetPointer(state);

			/*
			 * Made by this call's first row, unless an aggregate of the
			 * user's gave it (INITCOND): then it must be what that row
			 * would have made.  (An expanded state grew from a flat one.)
			 */
			if (VARATT_IS_EXTENDED(s) || s->magic != RS_MAGIC)
				elog(ERROR, "unexpected smskpi response-time state");
			if (s->kind != kind || s->keykind != ci->keykind ||
				s->keylen != ci->keylen || s->keytype != ci->keytype)
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("smskpi response-time state does not match the aggregate's arguments")));
		}
		if ((ci->argi_fraction >= 0 && !ci->const_fraction) ||
			(ci->argi_windows >= 0 && !ci->const_windows) ||
			(ci->argi_bh >= 0 && !ci->const_bh))
			rs_check_same_opts(fcinfo, ci, rs_datum_opts(state));
	}

	if ((keyed && PG_ARGISNULL(1)) || PG_ARGISNULL(ci->argi_inbound) ||
		PG_ARGISNULL(ci->argi_ts))
		PG_RETURN_DATUM(state); /* NULLs are skipped */

	inbound = PG_GETARG_BOOL(ci->argi_inbound);
	ts = PG_GETARG_TIMESTAMPTZ(ci->argi_ts);
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("message time must be finite, not %s",
						TIMESTAMP_IS_NOBEGIN(ts) ? "-infinity" : "infinity"),
				 errhint("Filter the rows with isfinite(sent_at).")));
	if (keyed)
	{
		keyd = PG_GETARG_DATUM(1);
		if (ci->keylen == -1)
			keyd = PointerGetDatum(PG_DETOAST_DATUM_PACKED(keyd));
	}
	rs_key_from_datum(&key, ci->keykind, ci->keylen, keyd);
	/* the state is ours to change in place */
	PG_RETURN_DATUM(rs_add_message(state, &key, inbound, ts, ci->sc, aggcontext));
}

/* first_response_trans(state, conversation, inbound, sent_at [, options...]) returns the state. */
PG_FUNCTION_INFO_V1(first_response_trans);
Datum
first_response_trans(PG_FUNCTION_ARGS)
{
	return rs_trans(fcinfo, RS_KIND_FIRST, true);
}

/* first_response_trans_nokey(state, inbound, sent_at [, hours]) returns the state of one conversation. */
PG_FUNCTION_INFO_V1(first_response_trans_nokey);
Datum
first_response_trans_nokey(PG_FUNCTION_ARGS)
{
	return rs_trans(fcinfo, RS_KIND_FIRST, false);
}

/* reply_time_trans(state, conversation, inbound, sent_at [, options...]) returns the state. */
PG_FUNCTION_INFO_V1(reply_time_trans);
Datum
reply_time_trans(PG_FUNCTION_ARGS)
{
	return rs_trans(fcinfo, RS_KIND_REPLY, true);
}

/* response_state_combine(state, state) returns the two states merged. */
PG_FUNCTION_INFO_V1(response_state_combine);
Datum
response_state_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	RsScratch  *sc = (RsScratch *) fcinfo->flinfo->fn_extra;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("smskpi response-time combine function called in non-aggregate context")));
	if (sc == NULL && fcinfo->flinfo->fn_expr != NULL)
	{
		/*
		 * merge buffers, kept for the whole query (without an expression
		 * tree, as Citus calls it, fn_extra does not survive the call:
		 * none)
		 */
		sc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RsScratch));
		sc->cxt = fcinfo->flinfo->fn_mcxt;
		fcinfo->flinfo->fn_extra = sc;
	}

	/*
	 * strict: the executor copies the first non-null state into aggcontext
	 * (flat), so the first argument is ours: flat, or the read-write
	 * expanded state an earlier call returned.
	 */
	PG_RETURN_DATUM(rs_combine_datums(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1),
									  sc, aggcontext));
}

/* ----------------------------------------------------------------------
 * Final functions
 * ----------------------------------------------------------------------
 */
typedef struct RsTimes
{
	const BusinessHours *bh;
	int64	   *v;
	int64		n;
	int64		cap;
} RsTimes;

static void
rs_collect(void *arg, TimestampTz asked, TimestampTz answered)
{
	RsTimes    *t = (RsTimes *) arg;
	int64		d;

	if (t->bh)
		d = smskpi_business_usecs(t->bh, asked, answered);
	else if (pg_sub_s64_overflow(answered, asked, &d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("interval out of range")));
	if (t->n == t->cap)
	{
		t->cap = Max(1024, t->cap * 2);
		t->v = t->v ? repalloc_huge(t->v, sizeof(int64) * t->cap)
			: palloc_extended(sizeof(int64) * t->cap, MCXT_ALLOC_HUGE);
	}
	t->v[t->n++] = d;
}

static void
rs_times(Datum state, RsTimes *t, int64 *asked, int64 *unanswered)
{
	memset(t, 0, sizeof(*t));
	t->bh = RS_OPTS_BH(rs_datum_opts(state));
	rs_walk_datum(state, rs_collect, t, asked, unanswered);
}

static inline void
swap64(int64 *a, int64 *b)
{
	int64		x = *a;

	*a = *b;
	*b = x;
}

static int
cmp64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y;
}

/*
 * Rearrange v[lo..hi] so that v[k] holds the value it would have if sorted,
 * smaller-or-equal values before it and greater-or-equal after.  Hoare
 * partitioning around a median of three; falls back to sorting the range
 * when partitioning stops making progress (bounded O(n log n) worst case).
 */
static void
select_kth(int64 *v, int64 lo, int64 hi, int64 k)
{
	int			budget = 64;

	while (hi > lo)
	{
		int64		i,
					j,
					mid,
					pivot;

		if (hi - lo < 16 || --budget == 0)
		{
			qsort(v + lo, hi - lo + 1, sizeof(int64), cmp64);
			return;
		}
		mid = lo + (hi - lo) / 2;
		if (v[mid] < v[lo])
			swap64(&v[mid], &v[lo]);
		if (v[hi] < v[lo])
			swap64(&v[hi], &v[lo]);
		if (v[hi] < v[mid])
			swap64(&v[hi], &v[mid]);
		pivot = v[mid];
		i = lo;
		j = hi;
		while (i <= j)
		{
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j)
			{
				swap64(&v[i], &v[j]);
				i++;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;				/* v[j+1..i-1] all equal the pivot */
	}
}

/*
 * The fraction-th percentile of v[lo..n-1] as percentile_cont computes it,
 * where v[0..lo-1] are known to be the smallest (already selected).
 */
static int64
rs_percentile(int64 *v, int64 n, float8 fraction, int64 *from)
{
	float8		pos;
	int64		k;
	int64		a,
				b;

	if (!(fraction >= 0 && fraction <= 1))
		elog(ERROR, "percentile fraction %g out of range", fraction);
	pos = fraction * (n - 1);
	k = (int64) floor(pos);
	select_kth(v, *from, n - 1, k);
	a = v[k];
	*from = k;
	if ((float8) k == pos || k + 1 >= n)
		return a;
	/* the next order statistic is the least of the values after k */
	b = v[k + 1];
	for (int64 i = k + 2; i < n; i++)
		if (v[i] < b)
			b = v[i];
	return a + (int64) rint((float8) (b - a) * (pos - k));
}

/*
 * An interval like timestamptz subtraction gives (days and time, no months),
 * or plain hours and minutes for working time.
 */
static Interval *
rs_interval(int64 usecs, bool working_time)
{
	Interval   *r = palloc(sizeof(Interval));

	r->month = 0;
	if (working_time)
	{
		r->day = 0;
		r->time = usecs;
	}
	else
	{
		r->day = (int32) (usecs / USECS_PER_DAY);
		r->time = usecs % USECS_PER_DAY;
	}
	return r;
}

static Datum
rs_final_percentile(FunctionCallInfo fcinfo, float8 fraction)
{
	RsTimes		t;
	int64		asked,
				unanswered,
				from = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	rs_times(PG_GETARG_DATUM(0), &t, &asked, &unanswered);
	if (t.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(rs_interval(rs_percentile(t.v, t.n, fraction, &from),
									 t.bh != NULL));
}

/* response_median(state) returns the median response time of the state. */
PG_FUNCTION_INFO_V1(response_median);
Datum
response_median(PG_FUNCTION_ARGS)
{
	return rs_final_percentile(fcinfo, 0.5);
}

/*
 * response_percentile_final(state) returns the percentile the aggregate was
 * called with.  It is callable from SQL on any state: one that no percentile
 * aggregate made carries no fraction, and is refused.
 */
PG_FUNCTION_INFO_V1(response_percentile_final);
Datum
response_percentile_final(PG_FUNCTION_ARGS)
{
	float8		fraction;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	fraction = rs_datum_opts(PG_GETARG_DATUM(0))->fraction;
	if (!(fraction >= 0 && fraction <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("this smskpi.response_state was not made by a percentile aggregate"),
				 errhint("Use smskpi.response_percentile(state, fraction).")));
	return rs_final_percentile(fcinfo, fraction);
}

/* response_percentile(state, fraction) returns that percentile of the state. */
PG_FUNCTION_INFO_V1(response_percentile);
Datum
response_percentile(PG_FUNCTION_ARGS)
{
	return rs_final_percentile(fcinfo, rs_arg_fraction(fcinfo, 1));
}

/*
 * The smskpi.response_stats row: asked, answered, unanswered, median, p90,
 * mean, max, windows, answered_within, share_within.
 */
static Datum
rs_stats(FunctionCallInfo fcinfo, const Datum *s, const int64 *windows, int nwindows)
{
	TupleDesc	tupdesc;
	Datum		values[10];
	bool		nulls[10] = {0};
	RsTimes		t;
	int64		asked = 0,
				unanswered = 0,
				from = 0;
	Datum	   *wd = palloc(sizeof(Datum) * Max(nwindows, 1));
	Datum	   *cd = palloc(sizeof(Datum) * Max(nwindows, 1));
	Datum	   *sd = palloc(sizeof(Datum) * Max(nwindows, 1));
	int64	   *within = palloc0(sizeof(int64) * Max(nwindows, 1));

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);

	memset(&t, 0, sizeof(t));
	if (s != NULL)
		rs_times(*s, &t, &asked, &unanswered);
	values[0] = Int64GetDatum(asked);
	values[1] = Int64GetDatum(t.n);
	values[2] = Int64GetDatum(unanswered);
	if (t.n == 0)
		nulls[3] = nulls[4] = nulls[5] = nulls[6] = true;
	else
	{
		int128		sum = 0;
		int64		max = PG_INT64_MIN;

		for (int64 i = 0; i < t.n; i++)
		{
			sum += t.v[i];
			if (t.v[i] > max)
				max = t.v[i];
			for (int w = 0; w < nwindows; w++)
				if (t.v[i] <= windows[w])
					within[w]++;
		}
		values[3] = IntervalPGetDatum(rs_interval(rs_percentile(t.v, t.n, 0.5, &from), t.bh != NULL));
		values[4] = IntervalPGetDatum(rs_interval(rs_percentile(t.v, t.n, 0.9, &from), t.bh != NULL));
		values[5] = IntervalPGetDatum(rs_interval((int64) (sum / t.n), t.bh != NULL));
		values[6] = IntervalPGetDatum(rs_interval(max, t.bh != NULL));
	}
	for (int w = 0; w < nwindows; w++)
	{
		wd[w] = IntervalPGetDatum(rs_interval(windows[w], false));
		cd[w] = Int64GetDatum(within[w]);
		sd[w] = Float8GetDatum(asked > 0 ? (float8) within[w] / asked : 0.0);
	}
	if (nwindows < 0)
		nulls[7] = nulls[8] = nulls[9] = true;	/* windows unknown */
	else
	{
		values[7] = PointerGetDatum(construct_array(wd, nwindows, INTERVALOID, sizeof(Interval), false, TYPALIGN_DOUBLE));
		values[8] = PointerGetDatum(construct_array(cd, nwindows, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		values[9] = PointerGetDatum(construct_array(sd, nwindows, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		if (asked == 0)
			nulls[9] = true;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * response_stats_final(state) returns the response_stats row (windows of the
 * aggregate call).  Over no rows at all there is no state, and so no windows
 * either: the arrays are then NULL (response_stats_final_default gives the
 * default windows, for the aggregates that take none).
 */
PG_FUNCTION_INFO_V1(response_stats_final);
Datum
response_stats_final(PG_FUNCTION_ARGS)
{
	Datum		s;
	const RsOpts *o;

	if (PG_ARGISNULL(0))
		return rs_stats(fcinfo, NULL, NULL, -1);
	s = PG_GETARG_DATUM(0);
	o = rs_datum_opts(s);
	return rs_stats(fcinfo, &s, o->windows, o->nwindows);
}

/* response_stats_final_default(state) is response_stats_final with the default windows over no rows. */
PG_FUNCTION_INFO_V1(response_stats_final_default);
Datum
response_stats_final_default(PG_FUNCTION_ARGS)
{
	Datum		s;
	const RsOpts *o;

	if (PG_ARGISNULL(0))
		return rs_stats(fcinfo, NULL, default_windows, lengthof(default_windows));
	s = PG_GETARG_DATUM(0);
	o = rs_datum_opts(s);
	return rs_stats(fcinfo, &s, o->windows, o->nwindows);
}

/* response_stats(state, windows) returns the response_stats row of a state. */
PG_FUNCTION_INFO_V1(response_stats);
Datum
response_stats(PG_FUNCTION_ARGS)
{
	Datum		s = PG_GETARG_DATUM(0);
	RsCallInfo	ci;
	RsOpts	   *o;

	memset(&ci, 0, sizeof(ci));
	ci.argi_fraction = ci.argi_bh = -1;
	ci.argi_windows = 1;
	o = rs_build_opts(fcinfo, &ci);
	return rs_stats(fcinfo, &s, o->windows, o->nwindows);
}
