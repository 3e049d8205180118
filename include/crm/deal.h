/*
 * crm/deal.h - deals (opportunities): stage rules, import, stage moves,
 * listing and the open pipeline.
 *
 * A stage rule file (crm-deal-stages(5); the default is
 * share/crm/deal-stages.json) lists the stages in pipeline order, each
 * with its default probability (0-100) and forecast category (pipeline,
 * best_case, commit, closed); one stage is the won stage and one the
 * lost stage, the others are open.  Stage names match without regard to
 * ASCII case ("Won" is won) and are stored as the rule file spells them.
 *
 * Every change of a deal's stage appends a "stage" event (crm/event.h)
 * in the same transaction, so dwell times and stage-to-stage conversion
 * can be computed from the events.  A stage change sets the deal's
 * probability and forecast category to the new stage's defaults; values
 * given on import override them until the next stage change.
 */
#ifndef CRM_DEAL_H
#define CRM_DEAL_H

#include <stdint.h>

#include "db.h"
#include "err.h"
#include "fmt.h"
#include "rec.h"

/* The forecast categories, in pipeline order. */
#define CRM_DEAL_FORECASTS "pipeline, best_case, commit, closed"

typedef enum crm_deal_outcome {
	CRM_DEAL_OPEN,
	CRM_DEAL_WON,
	CRM_DEAL_LOST
} crm_deal_outcome;

typedef struct crm_deal_stage {
	const char *name;
	int probability;
	const char *forecast_category;
	crm_deal_outcome outcome;
} crm_deal_stage;

typedef struct crm_deal_stages crm_deal_stages;

/* Load and validate a stage rule file; path NULL is deal-stages.json of
 * crm_conf_share_dir().  CRM_ECONFIG "file:line: where: what" for
 * anything wrong.  Free with crm_deal_stages_free(); NULL does nothing. */
CRM_API int crm_deal_stages_load(const char *path, crm_deal_stages **stages,
	crm_err *err);
CRM_API void crm_deal_stages_free(crm_deal_stages *stages);

/* The stages in rule order (borrowed, valid as long as stages). */
CRM_API size_t crm_deal_stages_count(const crm_deal_stages *stages);
CRM_API const crm_deal_stage *crm_deal_stage_at(const crm_deal_stages *stages,
	size_t i);
/* The stage called name (any ASCII case), or NULL. */
CRM_API const crm_deal_stage *crm_deal_stage_find(
	const crm_deal_stages *stages, const char *name);
/* The won or the lost stage (outcome CRM_DEAL_WON or CRM_DEAL_LOST). */
CRM_API const crm_deal_stage *crm_deal_stage_outcome(
	const crm_deal_stages *stages, crm_deal_outcome outcome);
/* As crm_deal_stage_find, but CRM_EDATA "unknown stage X (known: a, b,
 * ...)" (without a place) when there is no such stage. */
CRM_API int crm_deal_stage_lookup(const crm_deal_stages *stages,
	const char *name, const crm_deal_stage **stage, crm_err *err);
/* The index of category in CRM_DEAL_FORECASTS (exact, lower case), or
 * -1 when it is not one. */
CRM_API int crm_deal_forecast_rank(const char *category);

/*
 * Import: upsert on id, inside the caller's transaction.  The fields a
 * record gives replace the stored ones; fields it leaves out (or null)
 * keep theirs.  A record that changes nothing writes nothing, so
 * re-importing a file is harmless.  See crm-deal(1) for the fields.
 */
typedef struct crm_deal_importer crm_deal_importer;

typedef struct crm_deal_import_counts {
	unsigned long inserted, updated, unchanged;
	unsigned long customers;     /* created from an account name */
	unsigned long stage_changes; /* stage events recorded */
} crm_deal_import_counts;

/* currency (may be NULL) is the currency of records that give none; now
 * is the instant of the run (ms).  stages is borrowed and must outlive
 * the importer.  CRM_EUSAGE "--currency: unknown code X". */
CRM_API int crm_deal_importer_new(crm_db *db, const crm_deal_stages *stages,
	const char *currency, int64_t now, crm_deal_importer **imp,
	crm_err *err);
/* Import one record.  CRM_EDATA "file:line: field: what" for a bad
 * record; what it wrote is undone only by the caller's savepoint or
 * rollback.  Counts change only when it succeeds. */
CRM_API int crm_deal_import(crm_deal_importer *imp, const crm_rec *r,
	crm_err *err);
/* Borrowed; valid as long as imp. */
CRM_API const crm_deal_import_counts *crm_deal_import_counts_of(
	const crm_deal_importer *imp);
CRM_API void crm_deal_importer_free(crm_deal_importer *imp);

/*
 * Stage moves.  Any stage may follow any other, backward too.  A won or
 * lost deal is closed: it moves only with reopen set, which clears its
 * close date and reasons.  Moving to the stage a deal is in already is
 * harmless and records nothing.
 */
typedef struct crm_deal_change {
	const char *at;        /* RFC 3339 instant of the change */
	const char *actor;     /* crm_event_actor() or a rep id */
	const char *note;      /* the reason when won or lost; may be NULL */
	const char *closed_on; /* won or lost: the close date (YYYY-MM-DD);
	                          NULL: the UTC date of at */
	const char *amount;    /* the final amount (decimal, the deal's
	                          currency), or NULL to keep it */
	int reopen;            /* allow moving a won or lost deal */
} crm_deal_change;

/* Move deal id to stage to, inside the caller's transaction: sets stage,
 * stage_since (at), probability and forecast_category (the stage's
 * defaults), closed_on and won_reason or lost_reason (for the won and
 * lost stages; cleared for open ones), updated_at, and records a
 * "stage" event from -> to with the note.  *moved (may be NULL) is 0
 * when the deal was in that stage already.  CRM_EDATA "deal ID: unknown
 * deal", "stage: unknown stage ...", "deal ID: is won; reopen it to
 * move it (--reopen)", "deal ID: lost needs a reason", "amount: ...". */
CRM_API int crm_deal_move(crm_db *db, const crm_deal_stages *stages,
	const char *id, const char *to, const crm_deal_change *ch, int *moved,
	crm_err *err);

/*
 * Reading.  Deals come out as records with the import's field names
 * (owner, amount as a decimal string beside its currency, the attrs as
 * fields of their own), plus stage_since and updated_at.
 */
typedef struct crm_deal_filter {
	const char *stage;             /* NULL: any (any ASCII case) */
	const char *owner;             /* rep id */
	const char *customer;          /* customer id */
	const char *forecast_category;
	const char *created_from;      /* YYYY-MM-DD, inclusive */
	const char *created_to;        /* YYYY-MM-DD, inclusive */
	int open;                      /* 1: open only, -1: closed only */
	const char *id;                /* that deal only */
} crm_deal_filter;

/* Write the deals that pass filter (NULL: all) to out, in id order.
 * stages tells open from closed. */
CRM_API int crm_deal_list(crm_db *db, const crm_deal_stages *stages,
	const crm_deal_filter *filter, crm_out *out, crm_err *err);

/* Append the fields of deal id, as crm_deal_list writes them, to r.
 * CRM_EDATA "deal ID: unknown deal". */
CRM_API int crm_deal_get(crm_db *db, const char *id, crm_rec *r,
	crm_err *err);

/* Write deal id with a "history" array of its events, oldest first:
 * {"at","kind","from_state","to_state","actor","note"} (nulls left out).
 * CRM_EDATA "deal ID: unknown deal". */
CRM_API int crm_deal_show(crm_db *db, const char *id, crm_out *out,
	crm_err *err);

/*
 * The open pipeline: deals not in the won or lost stage, in groups by
 * stage (rule order), by owner, by forecast category and in total, each
 * group split by currency.  A group record is {"by","group","currency",
 * "deals","amount","weighted_amount"}: deals counts every deal, amount
 * sums the amounts given, weighted_amount sums each deal's amount x
 * probability / 100 rounded to the minor unit half away from zero
 * (crm_money_percent), so it is exact and adds up over the deals.
 */
enum {
	CRM_DEAL_BY_STAGE = 1,
	CRM_DEAL_BY_OWNER = 2,
	CRM_DEAL_BY_FORECAST = 4,
	CRM_DEAL_BY_TOTAL = 8
};

typedef struct crm_deal_pipeline crm_deal_pipeline;

/* One open deal as the pipeline sees it. */
typedef struct crm_deal_amount {
	const char *stage;
	const char *owner;              /* NULL: no owner, group "(none)" */
	const char *forecast_category;  /* NULL: the stage's */
	const char *currency;           /* NULL: no amount either */
	int64_t amount;                 /* minor units, >= 0 */
	int has_amount;
	int probability;                /* 0-100 */
} crm_deal_amount;

/* A pipeline grouped by the CRM_DEAL_BY_* bits of by.  stages is
 * borrowed.  Free with crm_deal_pipeline_free(); NULL does nothing. */
CRM_API int crm_deal_pipeline_new(const crm_deal_stages *stages, unsigned by,
	crm_deal_pipeline **p, crm_err *err);
CRM_API void crm_deal_pipeline_free(crm_deal_pipeline *p);
/* Count one deal.  CRM_EDATA for an unknown currency or a sum out of
 * range. */
CRM_API int crm_deal_pipeline_add(crm_deal_pipeline *p,
	const crm_deal_amount *deal, crm_err *err);
/* Count every open deal of db. */
CRM_API int crm_deal_pipeline_load(crm_deal_pipeline *p, crm_db *db,
	crm_err *err);
/* Write the groups: by stage, owner (by id), forecast category, total;
 * within each, currencies in code order. */
CRM_API int crm_deal_pipeline_write(const crm_deal_pipeline *p, crm_out *out,
	crm_err *err);

#endif
