#include "internal.h"

#include <stdarg.h>

int
crm_err_vset(crm_err *err, int code, const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return code;
}

int
crm_err_set(crm_err *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	crm_err_vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

int
crm_err_prefix(crm_err *err, const char *fmt, ...)
{
	char prefix[CRM_ERR_MSG_MAX], old[CRM_ERR_MSG_MAX];
	va_list ap;

	if (err == NULL)
		return CRM_EINTERNAL;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	/* A message cut short still names the place first. */
	if (snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old) < 0)
		err->msg[0] = '\0';
	return err->code;
}

void
crm_err_clear(crm_err *err)
{
	if (err == NULL)
		return;
	err->code = CRM_OK;
	err->msg[0] = '\0';
}

int
crm_err_nomem(crm_err *err)
{
	return crm_err_set(err, CRM_EINTERNAL, "out of memory");
}

const char *
crm_err_name(int code)
{
	switch (code) {
	case CRM_OK:         return "ok";
	case CRM_END:        return "end of input";
	case CRM_EUSAGE:     return "usage error";
	case CRM_EDATA:      return "bad data";
	case CRM_ENOINPUT:   return "cannot open input";
	case CRM_EINTERNAL:  return "internal error";
	case CRM_ECANTCREAT: return "cannot create output";
	case CRM_EIO:        return "input/output error";
	case CRM_EBUSY:      return "database busy";
	case CRM_ECONFIG:    return "bad configuration";
	default:             return "unknown error";
	}
}

const char *
crm_version(void)
{
	return CRM_VERSION;
}
