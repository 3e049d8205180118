/*
 * crm/crm.h - everything libcrm offers.  See libcrm(3).
 */
#ifndef CRM_CRM_H
#define CRM_CRM_H

#include "err.h"
#include "buf.h"
#include "rec.h"
#include "io.h"
#include "fmt.h"
#include "money.h"
#include "date.h"
#include "db.h"
#include "cli.h"
#include "conf.h"
#include "lead.h"
#include "route.h"
#include "customer.h"
#include "care.h"
#include "deal.h"
#include "text.h"
#include "event.h"
#include "order.h"
#include "invoice.h"
#include "ordercode.h"
#include "promo.h"
#include "catalog.h"
#include "stock.h"
#include "report.h"
#include "demand.h"
#include "forecast.h"
#include "series.h"
#include "fcrun.h"
#include "referral.h"
#include "identity.h"
#include "activity.h"

/* The library's version, e.g. "0.1.0". */
CRM_API const char *crm_version(void);

#endif
