/*
 * report_rfm.h - shared by report_rfm.c (orders to customers, scores,
 * flags) and report_value.c (the rows of rfm and value-matrix).
 */
#ifndef CRM_REPORT_RFM_H
#define CRM_REPORT_RFM_H

#include "crm/report.h"
#include "strmap.h"

/* The lapse threshold of a regular customer whose sales all fell on one
 * day: there is no gap to take twice. */
#define CV_LAPSE_ONE_DAY 180

struct cv_order {
	size_t cust;
	int32_t day;
	int64_t amount;
	int is_return;
};

struct cv_cust {
	char *id;
	char currency[4];
	int exponent;
	size_t nsales;           /* frequency: sales, not returns */
	int64_t monetary;        /* sales less returns */
	int32_t last;            /* the last sale */
	int64_t lapse_after;     /* days; -1: not regular */
	int score[3];            /* R, F, M */
};

struct crm_custval {
	crm_custval_opts o;
	crm_strmap *index;       /* "id\x1fcurrency" -> index in custs */
	crm_strmap *order_ids;   /* order ids of records seen */
	crm_buf key;
	struct cv_order *orders;
	size_t norders, caporders;
	struct cv_cust *custs;
	size_t ncusts, capcusts;
	size_t *rows;            /* customers with a sale, by id, currency */
	size_t nrows;
	size_t loyal_point;      /* 0: none */
	int done;
};

/* Reduce the orders to customers, score them and find the loyalty
 * point, once. */
int custval_finish(crm_custval *cv, crm_err *err);

#endif
