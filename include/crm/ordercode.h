/*
 * crm/ordercode.h - order codes: the positional code of an order line
 * that the factory's planning system (APS) reads.
 *
 * A layout (a JSON rule file, crm-order-code(5); the default is
 * share/crm/order-code.json) cuts the code into fields of fixed width:
 * the production base from a plant-to-code map, the demand year, month
 * and ISO week, a sequence number, the colour code, option codes in
 * slots, literal separators.  Encoding and decoding are exact inverses:
 * decode(encode(r)) gives r's values back (options sorted) and
 * encode(decode(c)) gives c back, and decode refuses any code that
 * encode would not write, naming the 1-based character position, the
 * field and the reason.
 *
 * The month of a code is the month of the demand week's Thursday (the
 * rule ISO 8601 uses for the year of a week), so 2026-W01, which runs
 * from 2025-12-29 to 2026-01-04, is in January 2026.
 *
 * A layout is immutable once loaded and may be shared by any number of
 * threads.  No function here allocates per code: encoding writes into
 * the caller's buffer.
 */
#ifndef CRM_ORDERCODE_H
#define CRM_ORDERCODE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "rec.h"

typedef struct crm_ordercode crm_ordercode;

/* The longest code a layout may describe, in characters (ASCII). */
#define CRM_ORDERCODE_MAX 64

/* Room for a scope key and its NUL (see crm_ordercode_scope). */
#define CRM_ORDERCODE_SCOPE_BUFSZ 160

/* Load and check the layout at path; NULL is order-code.json in
 * crm_conf_share_dir().  A file that is not a valid layout is
 * CRM_ECONFIG "file:line: where: what" (exit 78).  *oc is NULL on
 * failure; free with crm_ordercode_free(). */
CRM_API int crm_ordercode_load(const char *path, crm_ordercode **oc,
	crm_err *err);
/* crm_ordercode_free(NULL) does nothing. */
CRM_API void crm_ordercode_free(crm_ordercode *oc);

/* The length of every code of the layout. */
CRM_API size_t crm_ordercode_width(const crm_ordercode *oc);

/* The record field of the layout's sequence number ("seq" by default),
 * or NULL when the layout has none.  Borrowed from oc. */
CRM_API const char *crm_ordercode_seq_field(const crm_ordercode *oc);

/*
 * Encoding.  A record gives the value of each field from the record
 * field its layout names as source (the defaults: "plant", "seq",
 * "colour", "options"); options are a JSON array of codes or a string
 * of codes separated by "," or "+".  The demand week comes from the
 * first of the layout's demand fields that the record has (by default
 * "demand_week" or "requested_week", "YYYY-Www", or "demand_date",
 * "YYYY-MM-DD", whose ISO week is taken).  A value that is missing or
 * cannot be encoded is CRM_EDATA "file:line: field: reason".
 */

/* Append the code of rec to out (the sequence number must be in rec).
 * CRM_OK, CRM_EDATA, or CRM_EINTERNAL when out cannot grow. */
CRM_API int crm_ordercode_encode(const crm_ordercode *oc, const crm_rec *rec,
	crm_buf *out, crm_err *err);

/* The values of one code without a record, for callers that have them
 * at hand (order creation).  Fields whose source is "plant", "colour",
 * "options" or the sequence field take the members below; a field with
 * any other source is read from rec, which may be NULL when the layout
 * has none.  rec also gives the place for messages.  All pointers are
 * borrowed for the call. */
typedef struct crm_ordercode_values {
	const char *plant;      /* the map's key, e.g. "Shanghai" */
	int iso_year;           /* the demand week: ISO year and week; */
	int week;               /* iso_year 0 when there is none */
	int64_t seq;            /* 0 when not assigned yet */
	const char *colour;     /* NULL when there is none */
	const char *options;    /* codes separated by "," or "+"; NULL or
	                           "" when there are none */
	const crm_rec *rec;     /* may be NULL */
} crm_ordercode_values;

/* Append the code of v to out.  Errors as crm_ordercode_encode(). */
CRM_API int crm_ordercode_encode_values(const crm_ordercode *oc,
	const crm_ordercode_values *v, crm_buf *out, crm_err *err);

/*
 * Sequence numbers.  The layout's sequence field counts per scope: the
 * values of the fields the layout names in "scope" (by default the base,
 * the ISO year and the week).  crm_ordercode_scope() writes that key, the
 * scope fields' codes joined by "/" with the year as four digits and
 * the week as "Www", e.g. "01/2026/W40", into buf
 * (CRM_ORDERCODE_SCOPE_BUFSZ bytes); the sequence number itself is not
 * needed.  It fails as encoding does for a scope value that is missing
 * or wrong.
 *
 * The counters live in the table order_seqs (scope, last).  Numbers are
 * handed out inside the caller's write transaction (crm_db_begin: BEGIN
 * IMMEDIATE), which holds SQLite's write lock until it commits or rolls
 * back; another process asking for a number waits on the lock (the busy
 * timeout) and then sees the committed counter, so a number is never
 * handed out twice, and numbers handed out in a transaction that rolls
 * back are handed out again.  Called outside a transaction these
 * functions return CRM_EINTERNAL.  When every number of a scope is used
 * (9999 for four digits) the next is CRM_EDATA "seq: every number of
 * scope S is used (1 to 9999)".
 */
CRM_API int crm_ordercode_scope(const crm_ordercode *oc,
	const crm_ordercode_values *v, char *buf, crm_err *err);
CRM_API int crm_ordercode_scope_rec(const crm_ordercode *oc,
	const crm_rec *rec, char *buf, crm_err *err);

/* The next number of scope, read and written in the database at once.
 * CRM_EINTERNAL when oc has no sequence field. */
CRM_API int crm_ordercode_next_seq(crm_db *db, const crm_ordercode *oc,
	const char *scope, int64_t *seq, crm_err *err);

/* The same for runs that hand out many numbers in one transaction: since
 * the transaction holds the write lock from its start to its end, no one
 * else can move a counter meanwhile, so the allocator reads each scope's
 * counter once, counts in memory, and writes the counters back in
 * crm_ordercode_seqs_flush(), which the caller runs once before
 * committing.  Use one allocator inside one transaction only: after a
 * rollback (or a failed flush) free it, and make a new one for the next
 * transaction.  db and oc are borrowed and must outlive the allocator.
 *
 * crm_ordercode_seqs_claim() records that a number a record brought with
 * it is in use: the scope's counter is raised to it if lower, so that
 * no later number repeats it. */
typedef struct crm_ordercode_seqs crm_ordercode_seqs;

CRM_API int crm_ordercode_seqs_new(crm_db *db, const crm_ordercode *oc,
	crm_ordercode_seqs **seqs, crm_err *err);
CRM_API int crm_ordercode_seqs_next(crm_ordercode_seqs *seqs,
	const char *scope, int64_t *seq, crm_err *err);
CRM_API int crm_ordercode_seqs_claim(crm_ordercode_seqs *seqs,
	const char *scope, int64_t seq, crm_err *err);
CRM_API int crm_ordercode_seqs_flush(crm_ordercode_seqs *seqs, crm_err *err);
/* crm_ordercode_seqs_free(NULL) does nothing.  Counters not flushed are
 * forgotten. */
CRM_API void crm_ordercode_seqs_free(crm_ordercode_seqs *seqs);

/* The encode filter's step: set field (NULL: "order_code") of rec to
 * rec's code.  With seqs not NULL, a record without a sequence number
 * gets the next one of its scope, which is set in rec too, and a record
 * with one claims it; with seqs NULL the number must be in rec. */
CRM_API int crm_ordercode_stamp(const crm_ordercode *oc, crm_rec *rec,
	const char *field, crm_ordercode_seqs *seqs, crm_err *err);

/*
 * Decoding.  Set in out, for every field, its source field to the value
 * the code holds: the map's key (a string), the number (an integer), the
 * text without its padding (a string; removed when an optional text is
 * all padding), the option codes (an array of strings, sorted; [] for
 * none); and for the date parts the first demand field to the week
 * ("YYYY-Www") and the year (ISO year, four digits), month and week
 * fields, each as an integer under its name.  Other fields of out are
 * left alone.  A code the layout does not describe is CRM_EDATA
 * "position P: field: reason" (P the 1-based character position); out
 * may then hold some of the fields.
 */
CRM_API int crm_ordercode_decode(const crm_ordercode *oc, const char *code,
	size_t len, crm_rec *out, crm_err *err);

/* The decode filter's step: decode field (NULL: "order_code") of rec
 * into rec.  CRM_EDATA "file:line: field: position P: ..." for a bad
 * code, "file:line: field: missing" when rec has none. */
CRM_API int crm_ordercode_unstamp(const crm_ordercode *oc, crm_rec *rec,
	const char *field, crm_err *err);

#endif
