/*
 * ordercode_internal.h - the loaded layout, shared by the files of the
 * order-code module (internal).
 */
#ifndef CRM_ORDERCODE_INTERNAL_H
#define CRM_ORDERCODE_INTERNAL_H

#include "crm/crm.h"

/* Most fields in a layout, option slots in a field, record fields
 * tried for the demand week. */
#define OC_MAX_FIELDS 32
#define OC_MAX_SLOTS 16
#define OC_MAX_DEMAND 8

enum oc_kind {
	OC_MAP, OC_NUMBER, OC_TEXT, OC_OPTIONS, OC_YEAR, OC_MONTH, OC_WEEK,
	OC_LITERAL
};

/* Where the values-struct encoder takes a field's value from. */
enum oc_role { OC_ROLE_REC, OC_ROLE_PLANT, OC_ROLE_COLOUR, OC_ROLE_OPTIONS,
	OC_ROLE_SEQ, OC_ROLE_NONE };

struct oc_entry {
	char *key;                  /* the record's value */
	size_t keylen;
	char *code;                 /* exactly the field's width */
};

struct oc_field {
	enum oc_kind kind;
	enum oc_role role;
	char *name;
	char *source;               /* record field; NULL: date part, literal */
	size_t pos, width;          /* offset in the code and length */
	struct oc_entry *map;       /* map */
	size_t nmap;
	int64_t min, max;           /* number */
	unsigned char allowed[128]; /* text, options: 1 for allowed chars */
	char *chars;                /* the same as written, for messages */
	char pad[CRM_ORDERCODE_MAX + 1];  /* text: one char; options: a slot */
	int has_pad, align_right, optional;  /* text */
	size_t slots, slot_width;   /* options */
	char *text;                 /* literal */
};

struct crm_ordercode {
	char *file;                 /* for messages */
	struct oc_field *field;
	size_t n, width;
	long seq;                   /* index of the sequence field, or -1 */
	long year, month, week;     /* indexes of the date parts, or -1 */
	size_t scope[OC_MAX_FIELDS], nscope;
	char *demand[OC_MAX_DEMAND];
	size_t ndemand;
};

/* 10^n for n <= 18. */
int64_t crm_ordercode_pow10(size_t n);

/* The month (1-12) of ISO week week of iso_year: the month of its
 * Thursday.  The week must exist. */
int crm_ordercode_week_month(int iso_year, int week);

#endif
