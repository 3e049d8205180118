/*
 * crm/err.h - result codes and error messages.
 *
 * Every libcrm function that can fail returns an int: CRM_OK (0) on
 * success or one of the CRM_E* codes below, and fills the crm_err the
 * caller passed with a message that names the place in the input
 * ("file:line: field: what is wrong").  The codes are the sysexits(3)
 * values a program should exit with, so a program can return the code.
 * The library never prints; the program prints "crm-<noun>: message".
 */
#ifndef CRM_ERR_H
#define CRM_ERR_H

#include <stdarg.h>

#if defined(__GNUC__)
#define CRM_API __attribute__((visibility("default")))
#define CRM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CRM_API
#define CRM_PRINTF(f, a)
#endif

enum {
	CRM_OK = 0,
	CRM_END = 1,            /* not an error: no more records */
	CRM_EUSAGE = 64,        /* bad command line */
	CRM_EDATA = 65,         /* bad input data */
	CRM_ENOINPUT = 66,      /* cannot open input */
	CRM_EINTERNAL = 70,     /* internal error, out of memory, SQLite misuse */
	CRM_ECANTCREAT = 73,    /* cannot create output */
	CRM_EIO = 74,           /* read or write failed */
	CRM_EBUSY = 75,         /* database busy past the timeout; retry later */
	CRM_ECONFIG = 78        /* bad rule or configuration file */
};

#define CRM_ERR_MSG_MAX 512

/* A result code plus its message.  Plain struct: declare one on the stack
 * and pass its address; crm_err_clear() before reuse is not required. */
typedef struct crm_err {
	int code;
	char msg[CRM_ERR_MSG_MAX];
} crm_err;

/* Set err (if not NULL) to code and the formatted message; returns code so
 * that "return crm_err_set(err, CRM_EDATA, ...);" reads naturally. */
CRM_API int crm_err_set(crm_err *err, int code, const char *fmt, ...)
	CRM_PRINTF(3, 4);
CRM_API int crm_err_vset(crm_err *err, int code, const char *fmt, va_list ap)
	CRM_PRINTF(3, 0);

/* Put "prefix: " in front of err's message, e.g. the file:line of the
 * record the error is about.  Returns err->code. */
CRM_API int crm_err_prefix(crm_err *err, const char *fmt, ...)
	CRM_PRINTF(2, 3);

/* Reset to CRM_OK with an empty message. */
CRM_API void crm_err_clear(crm_err *err);

/* Short name of a code ("bad data", "database busy", ...); never NULL. */
CRM_API const char *crm_err_name(int code);

/* Out of memory: sets err to CRM_EINTERNAL "out of memory". */
CRM_API int crm_err_nomem(crm_err *err);

#endif
