/*
 * crm/text.h - normalising what people type: names, e-mail addresses,
 * phone numbers, in any script.
 *
 * Input is UTF-8 (records from crm_rec are always valid UTF-8).  Full-
 * width ASCII (U+FF01..U+FF5E, as CJK input methods type it) becomes
 * ASCII and the ideographic space U+3000 a space; other characters pass
 * through unchanged.
 */
#ifndef CRM_TEXT_H
#define CRM_TEXT_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

enum {
	CRM_TEXT_HALFWIDTH = 1,  /* full-width ASCII to ASCII */
	CRM_TEXT_TRIM = 2,       /* no leading or trailing white space, runs
	                            of it (tabs, newlines too) one space */
	CRM_TEXT_LOWER = 4,      /* ASCII letters to lower case */
	CRM_TEXT_NOPUNCT = 8     /* ASCII punctuation as white space */
};

/* Replace out's contents with s[0..len) normalised by flags (CRM_TEXT_*
 * bits).  CRM_OK or CRM_EINTERNAL (out of memory). */
CRM_API int crm_text_norm(crm_buf *out, const char *s, size_t len,
	unsigned flags, crm_err *err);

/* An e-mail address: half-width, trimmed, lower case, then checked:
 * one '@'; a local part of 1 to 64 characters (letters, digits,
 * !#$%&'*+/=?^_`{|}~- and dots not first, last or doubled); a domain of
 * at most 253 characters in two or more dot-separated labels of letters,
 * digits and inner hyphens, the last at least two characters.  Bytes of
 * other scripts (U+0080 and up) count as letters.  CRM_EDATA "not an
 * e-mail address" (err without a place: the caller adds it). */
CRM_API int crm_email_norm(crm_buf *out, const char *s, size_t len,
	crm_err *err);

/* A phone number in international form, "+" and digits: half-width, then
 * spaces, dots, hyphens, slashes and parentheses dropped.  "+CC..." and
 * "00CC..." are international already; otherwise a single leading 0 (a
 * trunk prefix) is dropped and country (digits, such as "86" or "1") put
 * in front.  7 to 15 digits in all (E.164).  CRM_EDATA "not a phone
 * number" for letters or other signs, "no country code" for a national
 * number with country NULL or "". */
CRM_API int crm_phone_norm(crm_buf *out, const char *s, size_t len,
	const char *country, crm_err *err);

#endif
