/*
 * order_codes.c - order codes for the lines of orders as they are
 * created: one per line the factory makes, its sequence number counted
 * in memory for the run's transaction and written back before commit.
 */
#include "internal.h"
#include "order_internal.h"

int
crm_order_codes_begin(crm_order_creator *cr, crm_err *err)
{
	if (cr->codes == NULL)
		return CRM_OK;
	return crm_ordercode_seqs_new(cr->db, cr->codes, &cr->seqs, err);
}

void
crm_order_codes_end(crm_order_creator *cr)
{
	crm_ordercode_seqs_free(cr->seqs);
	cr->seqs = NULL;
}

int
crm_order_codes_flush(crm_order_creator *cr, crm_err *err)
{
	return cr->seqs != NULL ? crm_ordercode_seqs_flush(cr->seqs, err) :
	    CRM_OK;
}

int
crm_order_assign_codes(crm_order_creator *cr, struct order *o, crm_err *err)
{
	char scope[CRM_ORDERCODE_SCOPE_BUFSZ];
	crm_buf code = CRM_BUF_INIT;
	crm_ordercode_values v;
	size_t i;
	int rc = CRM_OK;

	if (cr->codes == NULL || o->is_return)
		return CRM_OK;
	memset(&v, 0, sizeof(v));
	for (i = 0; i < o->nlines && rc == CRM_OK; i++) {
		struct line *l = &cr->lines[i];

		if (!l->bom)
			continue;
		if (o->text[ORDER_PLANT][0] == '\0') {
			rc = crm_rec_fail(l->rec, err, CRM_EDATA, "plant",
			    "missing (%s is made to order: its order code "
			    "needs the plant)", l->sku);
			break;
		}
		if (v.iso_year == 0)
			crm_date_iso_week(o->demand_day, &v.iso_year, &v.week);
		v.plant = o->text[ORDER_PLANT];
		v.colour = l->colour[0] != '\0' ? l->colour : NULL;
		v.options = l->options;
		v.rec = l->rec;
		v.seq = 0;
		code.len = 0;
		if ((rc = crm_ordercode_scope(cr->codes, &v, scope, err)) !=
		    CRM_OK || (rc = crm_ordercode_seqs_next(cr->seqs, scope,
		    &v.seq, err)) != CRM_OK ||
		    (rc = crm_ordercode_encode_values(cr->codes, &v, &code,
		    err)) != CRM_OK)
			break;
		if (code.len >= sizeof(l->order_code)) {
			rc = crm_err_set(err, CRM_EINTERNAL, "order code too "
			    "long");
			break;
		}
		memcpy(l->order_code, code.data, code.len + 1);
		cr->counts.codes++;
	}
	crm_buf_free(&code);
	return rc;
}
