/*
 * crm/identity.h - identity resolution: the same person or company
 * arriving through several channels recognised as one customer.
 *
 * The normalisers turn what people type into keys that compare equal
 * when they mean the same thing; crm_identity_score says how sure a
 * pair is one customer, and why; crm_identity_match proposes the pairs
 * of the database's customers; crm_identity_merge joins two customers
 * and crm_identity_unmerge takes them apart again exactly.
 *
 * Every normaliser replaces out's contents (a NUL-terminated string) and
 * returns CRM_OK, CRM_END when nothing usable is left (out empty: no key
 * for this value), or CRM_EINTERNAL (out of memory).  Input is UTF-8; a
 * byte that is not becomes U+FFFD.  Full-width ASCII (as CJK input
 * methods type it) is ASCII first.  Transliterations are left alone:
 * "Müller" and "Mueller", or "北京" and "Beijing", are different keys.
 */
#ifndef CRM_IDENTITY_H
#define CRM_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "io.h"
#include "rec.h"

/* An e-mail address: trimmed, lower case, checked as crm_email_norm
 * does (CRM_END when it is not an address).  For gmail.com (and
 * googlemail.com, which becomes gmail.com) the dots of the local part
 * and a "+tag" are dropped, as Gmail delivers them to the same box;
 * other domains keep them, since not every provider ignores them. */
CRM_API int crm_identity_email(crm_buf *out, const char *s, size_t len,
	crm_err *err);

/* A phone number as digits only, with its country code: "+86 138...",
 * "0086 138..." and (with country "86") "138..." or "0138..." are all
 * "86138...".  Full-width digits count.  country is the calling code of
 * national numbers; NULL or "" keeps a national number's digits as they
 * are (its trunk 0 dropped).  CRM_END for letters or other signs, or
 * fewer than 7 or more than 15 digits in the key. */
CRM_API int crm_identity_phone(crm_buf *out, const char *s, size_t len,
	const char *country, crm_err *err);

/* A tax, registration or post code: its ASCII letters (upper case) and
 * digits only, so "91 3100-0013" and "9131000013" are one key. */
CRM_API int crm_identity_code(crm_buf *out, const char *s, size_t len,
	crm_err *err);

/* A person's or company's name: lower case (ASCII, Latin-1, Latin
 * Extended-A, Greek, Cyrillic), punctuation (ASCII, Latin-1 and CJK) and
 * the no-break space as space, white space collapsed, the soft hyphen,
 * zero-width characters and byte order mark left out, and the words of
 * a legal form
 * dropped: Ltd, Limited, GmbH, Co, Inc, Corp, LLC, PLC, AG, SA, SRL,
 * BV, KG, and at the end of a CJK word 有限公司, 股份有限公司,
 * 有限责任公司 (and its traditional spelling), 集团 and 公司.  CRM_END
 * when nothing is left. */
CRM_API int crm_identity_name(crm_buf *out, const char *s, size_t len,
	crm_err *err);

/* A street line: lower case, punctuation as space, white space
 * collapsed, and street, road, avenue, boulevard, drive, lane as st, rd,
 * ave, blvd, dr, ln. */
CRM_API int crm_identity_street(crm_buf *out, const char *s, size_t len,
	crm_err *err);

/* A city: as a name, and a trailing 市 dropped ("上海市" is "上海"). */
CRM_API int crm_identity_city(crm_buf *out, const char *s, size_t len,
	crm_err *err);

/* How alike two normalised names are, from 0 (nothing alike) to 1 (the
 * same).  Names with CJK characters are compared character by character
 * (Jaro-Winkler over code points, spaces left out); others word by word
 * (each word against its best match in the other name by Jaro-Winkler,
 * averaged both ways, so word order does not matter), or as one string
 * when that is closer ("west lake" and "westlake").  NULL or "" is 0. */
CRM_API double crm_identity_name_similarity(const char *a, const char *b);

/* A customer's normalised keys (from the normalisers above); NULL or ""
 * when unknown.  Borrowed by crm_identity_score. */
typedef struct crm_identity_keys {
	const char *name;
	const char *email;
	const char *phone;
	const char *tax_id;
	const char *reg_no;
	const char *postcode;
	const char *street;
	const char *city;
} crm_identity_keys;

#define CRM_IDENTITY_EVIDENCE_MAX 8

/* A pair's score: confidence 0 to 100 and the evidence, each a short
 * text ("email", "phone", "tax_id", "reg_no", "name 0.93 + postcode",
 * "tax_id conflict", "email differs"). */
typedef struct crm_identity_score {
	int confidence;
	size_t nevidence;
	char evidence[CRM_IDENTITY_EVIDENCE_MAX][40];
} crm_identity_score;

/* Score a pair.  Points: the same e-mail 55, phone 40, tax id 70,
 * registration number 70; a name similarity s of 0.70 or more
 * round((s - 0.70) / 0.30 * 35), and with it the same street and
 * postcode 25, else the same postcode 15, else the same city 8;
 * different tax ids (or registration numbers) -60 each, different
 * e-mails -15.  The sum, clamped to 0..100, is the confidence. */
CRM_API void crm_identity_score_pair(const crm_identity_keys *a,
	const crm_identity_keys *b, crm_identity_score *score);

typedef struct crm_identity_match_opts {
	int min_confidence;    /* pairs below are left out (default 50) */
	const char *country;   /* calling code of national phone numbers */
} crm_identity_match_opts;

/* Propose the pairs of customers (neither merged, not recorded as
 * distinct) that look like one customer, confidence min_confidence or
 * more, as records {a, b, confidence, evidence, a_name, b_name} (a <
 * b) written to out, highest confidence first, then by a and b.
 * Candidates come from blocks of equal keys (e-mail, phone, tax id,
 * registration number, and each name word or CJK character with the
 * postcode, or with the city), never all pairs; a block of more than
 * 32 customers compares each only with its 8 next in the order of
 * their names.  *pairs (may be NULL) gets the number written. */
CRM_API int crm_identity_match(crm_db *db,
	const crm_identity_match_opts *opts, crm_out *out,
	unsigned long *pairs, crm_err *err);

/* Record that customers a and b are two (customer_nonmatches), so that
 * match no longer proposes them; again is harmless.  CRM_EUSAGE when a
 * and b are the same, CRM_EDATA for an unknown id or a merged customer
 * (its pairs are its survivor's).  Inside the caller's transaction. */
CRM_API int crm_identity_distinct(crm_db *db, const char *a, const char *b,
	const char *note, int64_t now, const char *actor, crm_err *err);

typedef struct crm_identity_merge_opts {
	const char *evidence;  /* why; may be NULL */
	int confidence;        /* 0..100, or -1 for none */
	int64_t now;
	const char *actor;     /* may be NULL */
} crm_identity_merge_opts;

/* Merge customer merged into survivor, inside the caller's transaction
 * (roll it back on failure: nothing is then written).  The survivor
 * takes each field it lacks from the merged customer (one
 * customer_history row each; a field both have keeps the survivor's
 * value); every lead, deal, order, invoice, payment, activity, contact,
 * address, tag (one the survivor has already stays), location, stock
 * move (issued to it), referral, opt-out and pair recorded as distinct
 * of the merged customer is re-pointed to the survivor and listed in
 * merge_moves; the merged customer gets merged_into and merged_at; each
 * gets an event (kind merge, data {merge_id, merged, into}).  result
 * gets {merge_id, merged, into, fields, moved}.  CRM_EUSAGE for a
 * customer into itself; CRM_EDATA for an unknown id or a customer
 * already merged on either side. */
CRM_API int crm_identity_merge(crm_db *db, const char *merged,
	const char *survivor, const crm_identity_merge_opts *opts,
	crm_rec *result, crm_err *err);

/* Undo a merge: the one of customer merged that is not undone (merged
 * not NULL), or merge number merge_id (merged NULL).  Every row the
 * merge moved goes back, each field it filled is emptied again (one the
 * survivor has changed since keeps its new value) with a
 * customer_history row (source unmerge), the merged customer is a
 * customer of its own again, the merge gets undone_at, and both
 * customers an event (kind unmerge).  result gets {merge_id, merged,
 * into, fields, moved}.  CRM_EDATA when there is no such merge, or the
 * survivor has been merged into another since (unmerge that first). */
CRM_API int crm_identity_unmerge(crm_db *db, const char *merged,
	int64_t merge_id, int64_t now, const char *actor, crm_rec *result,
	crm_err *err);

#endif
