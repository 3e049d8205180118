/*
 * care.c - crm-customer's care verbs: tag, untag, segment, campaign,
 * optout, optin.
 */
#include "verbs.h"

enum {
	OPT_IDS = 3100, OPT_RULES, OPT_TAG, OPT_ANY_TAG, OPT_NOT_TAG,
	OPT_PERSONA, OPT_TIER, OPT_REGION, OPT_OWNER, OPT_KIND,
	OPT_LAST_BEFORE, OPT_LAST_AFTER, OPT_BOUGHT, OPT_BOUGHT_CATEGORY,
	OPT_CHANNEL, OPT_TEMPLATE, OPT_COOLDOWN, OPT_DRY_RUN, OPT_CONTACT,
	OPT_KEEP
};

static int
tag_ids_one(void *ctx, crm_rec *rec, crm_err *err)
{
	return crm_care_tag_ids(ctx, rec, err);
}

struct by_rules {
	crm_care_tagger *tagger;
	const crm_care_rules *rules;
};

static int
tag_rules_one(void *ctx, crm_rec *rec, crm_err *err)
{
	struct by_rules *b = ctx;

	return crm_care_tag_by_rules(b->tagger, b->rules, rec, err);
}

static void
tag_summary(crm_cli *cli, const crm_care_tagger *t)
{
	const crm_care_tag_counts *c = crm_care_tag_counts_of(t);
	char extra[128];

	snprintf(extra, sizeof(extra), "tagged %lu, already %lu, untagged "
	    "%lu, absent %lu", c->tagged, c->already, c->untagged, c->absent);
	crm_cli_summary(cli, extra);
}

/* TAG ID ...: each customer given tagged (on) or untagged. */
static int
tag_by_hand(crm_cli *cli, crm_care_tagger *t, int on)
{
	const char *tag = crm_cli_arg(cli, 0);
	crm_err *err = crm_cli_err(cli);
	int i, rc = CRM_OK;

	for (i = 1; rc == CRM_OK && i < crm_cli_nargs(cli); i++)
		rc = on ? crm_care_tag(t, crm_cli_arg(cli, i), tag, err) :
		    crm_care_untag(t, crm_cli_arg(cli, i), tag, err);
	return rc;
}

static int
run_tag(crm_cli *cli, int on)
{
	crm_err *err = crm_cli_err(cli);
	const char *rules_path = on ? crm_cli_opt(cli, OPT_RULES) : NULL;
	int ids = on && crm_cli_opt(cli, OPT_IDS) != NULL;
	crm_care_rules *rules = NULL;
	crm_care_tagger *t = NULL;
	struct by_rules b;
	crm_buf src = CRM_BUF_INIT;
	crm_db *db = NULL;
	int64_t now;
	int rc;

	if (ids && rules_path != NULL)
		return crm_cli_usage_error(cli, "--ids or --rules, not both");
	if (rules_path == NULL && on && crm_cli_opt(cli, OPT_KEEP) != NULL)
		return crm_cli_usage_error(cli, "--keep is for --rules");
	if (!ids && rules_path == NULL && crm_cli_nargs(cli) < 2)
		return crm_cli_usage_error(cli, "a tag and one customer id or "
		    "more%s", on ? " (or --ids, or --rules)" : "");
	if (!ids && rules_path == NULL &&
	    crm_cli_opt(cli, CRM_OPT_REJECT) != NULL)
		return crm_cli_usage_error(cli, "--reject is for --ids and "
		    "--rules");
	if ((rc = crm_now(&now, err)) != CRM_OK)
		goto out;
	if (rules_path != NULL && ((rc = crm_care_rules_load(rules_path,
	    &rules, err)) != CRM_OK || (rc = crm_buf_adds(&src, "rules:")) !=
	    CRM_OK || (rc = crm_buf_adds(&src, rules_path)) != CRM_OK)) {
		if (rc == CRM_EINTERNAL)
			rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_care_tagger_new(db, ids ? NULL : rules ? src.data :
	    "cli", now, &t, err)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	if (ids) {
		rc = crm_cli_each(cli, db, tag_ids_one, t);
	} else if (rules != NULL) {
		b.tagger = t;
		b.rules = rules;
		rc = crm_cli_each(cli, db, tag_rules_one, &b);
		if (rc == CRM_OK && crm_cli_opt(cli, OPT_KEEP) == NULL)
			rc = crm_care_tag_rules_prune(t, rules, err);
	} else {
		rc = tag_by_hand(cli, t, on);
	}
	if (rc == CRM_OK && (rc = crm_db_commit(db, err)) == CRM_OK)
		tag_summary(cli, t);
out:
	crm_care_tagger_free(t);
	crm_db_close(db);
	crm_care_rules_free(rules);
	crm_buf_free(&src);
	return rc;
}

static int
cmd_tag(crm_cli *cli)
{
	return run_tag(cli, 1);
}

static int
cmd_untag(crm_cli *cli)
{
	return run_tag(cli, 0);
}

/* The segment options of the command line; the rules when --persona
 * asks for them. */
static int
segment_of(crm_cli *cli, crm_care_segment *s, crm_care_rules **rules)
{
	int rc;

	*rules = NULL;
	s->tags = crm_cli_opt(cli, OPT_TAG);
	s->any_tags = crm_cli_opt(cli, OPT_ANY_TAG);
	s->not_tags = crm_cli_opt(cli, OPT_NOT_TAG);
	s->persona = crm_cli_opt(cli, OPT_PERSONA);
	s->tiers = crm_cli_opt(cli, OPT_TIER);
	s->regions = crm_cli_opt(cli, OPT_REGION);
	s->owners = crm_cli_opt(cli, OPT_OWNER);
	s->kinds = crm_cli_opt(cli, OPT_KIND);
	s->bought = crm_cli_opt(cli, OPT_BOUGHT);
	s->bought_category = crm_cli_opt(cli, OPT_BOUGHT_CATEGORY);
	s->rules = NULL;
	if ((rc = crm_now(&s->now, crm_cli_err(cli))) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_LAST_BEFORE,
	    &s->last_order_before)) != CRM_OK ||
	    (rc = crm_cli_date_opt(cli, OPT_LAST_AFTER,
	    &s->last_order_after)) != CRM_OK)
		return rc;
	if (s->persona == NULL)
		return CRM_OK;
	if ((rc = crm_care_rules_load(crm_cli_opt(cli, OPT_RULES), rules,
	    crm_cli_err(cli))) != CRM_OK)
		return rc;
	s->rules = *rules;
	return CRM_OK;
}

static int
cmd_segment(crm_cli *cli)
{
	crm_care_segment seg;
	crm_care_rules *rules = NULL;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int rc;

	if (crm_cli_nargs(cli) > 0)
		return crm_cli_usage_error(cli, "segment takes no operands, "
		    "only options");
	if ((rc = segment_of(cli, &seg, &rules)) == CRM_OK &&
	    (rc = crm_cli_open_db(cli, CRM_DB_READONLY, &db)) == CRM_OK &&
	    (rc = crm_cli_open_out(cli, &out)) == CRM_OK)
		rc = crm_cli_close_out(cli, out, crm_care_segment_write(db,
		    &seg, out, NULL, crm_cli_err(cli)));
	crm_db_close(db);
	crm_care_rules_free(rules);
	return rc;
}

static const char *const campaign_columns[] = { "campaign", "customer_id",
	"contact_id", "channel", "to", "message", "activity_id" };

static int
cmd_campaign(crm_cli *cli)
{
	crm_err *err = crm_cli_err(cli);
	crm_care_campaign_opts o;
	crm_care_campaign_counts c;
	crm_care_segment seg;
	crm_care_rules *rules = NULL;
	crm_care_template *tpl = NULL;
	crm_out *out = NULL;
	crm_db *db = NULL;
	char extra[160];
	long days;
	int rc;

	memset(&o, 0, sizeof(o));
	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "campaign takes one NAME");
	o.name = crm_cli_arg(cli, 0);
	o.channel = crm_cli_opt(cli, OPT_CHANNEL);
	o.dry_run = crm_cli_opt(cli, OPT_DRY_RUN) != NULL;
	if (o.channel == NULL || crm_cli_opt(cli, OPT_TEMPLATE) == NULL)
		return crm_cli_usage_error(cli, "--channel and --template are "
		    "needed");
	if ((rc = crm_cli_whole_opt(cli, OPT_COOLDOWN, 0, 3650, 7, &days)) !=
	    CRM_OK)
		return rc;
	o.cooldown_days = days;
	if ((rc = segment_of(cli, &seg, &rules)) != CRM_OK ||
	    (rc = crm_care_template_load(crm_cli_opt(cli, OPT_TEMPLATE), &tpl,
	    err)) != CRM_OK || (rc = crm_now(&o.now, err)) != CRM_OK)
		goto out;
	o.tpl = tpl;
	o.seg = &seg;
	if ((rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK ||
	    (rc = crm_cli_open_out_columns(cli, campaign_columns,
	    ARRAY_LEN(campaign_columns), &out)) != CRM_OK)
		goto out;
	rc = crm_care_campaign(db, &o, out, &c, err);
	/* The contacts are out before the commit: when they cannot be
	 * written, nothing is logged as planned. */
	rc = crm_cli_close_out(cli, out, rc);
	if (rc == CRM_OK && !o.dry_run)
		rc = crm_db_commit(db, err);
	if (rc == CRM_OK) {
		snprintf(extra, sizeof(extra), "selected %lu, contacted %lu, "
		    "opted out %lu, cooled down %lu, no address %lu%s",
		    c.selected, c.contacted, c.opted_out, c.cooled_down,
		    c.no_address, o.dry_run ? " (dry run: nothing written)" :
		    "");
		crm_cli_summary(cli, extra);
	}
out:
	crm_db_close(db);
	crm_care_template_free(tpl);
	crm_care_rules_free(rules);
	return rc;
}

static int
run_opt(crm_cli *cli, int out_of)
{
	crm_err *err = crm_cli_err(cli);
	const char *customer, *contact = crm_cli_opt(cli, OPT_CONTACT);
	const char *channel = crm_cli_opt(cli, OPT_CHANNEL);
	crm_rec *r = NULL;
	crm_out *out = NULL;
	crm_db *db = NULL;
	int64_t now;
	int rc, changed = 0;

	if (crm_cli_nargs(cli) != 1)
		return crm_cli_usage_error(cli, "one CUSTOMER id");
	customer = crm_cli_arg(cli, 0);
	if ((rc = crm_now(&now, err)) != CRM_OK ||
	    (rc = crm_cli_open_db(cli, CRM_DB_NOCREATE, &db)) != CRM_OK ||
	    (rc = crm_db_begin(db, err)) != CRM_OK)
		goto out;
	rc = out_of ? crm_care_optout(db, customer, contact, channel, now,
	    "cli", &changed, err) : crm_care_optin(db, customer, contact,
	    channel, &changed, err);
	if (rc != CRM_OK || (rc = crm_db_commit(db, err)) != CRM_OK)
		goto out;
	if ((r = crm_rec_new()) == NULL) {
		rc = crm_err_nomem(err);
		goto out;
	}
	if ((rc = crm_rec_set_str(r, "customer_id", customer, strlen(customer),
	    err)) != CRM_OK || (rc = (contact ? crm_rec_set_str(r,
	    "contact_id", contact, strlen(contact), err) : crm_rec_set_null(r,
	    "contact_id", err))) != CRM_OK || (rc = (channel ?
	    crm_rec_set_str(r, "channel", channel, strlen(channel), err) :
	    crm_rec_set_str(r, "channel", "all", 3, err))) != CRM_OK ||
	    (rc = crm_rec_set_bool(r, "opted_out", out_of, err)) != CRM_OK ||
	    (rc = crm_rec_set_bool(r, "changed", changed, err)) != CRM_OK ||
	    (rc = crm_cli_open_out(cli, &out)) != CRM_OK)
		goto out;
	rc = crm_cli_close_out(cli, out, crm_out_write(out, r, err));
out:
	crm_rec_free(r);
	crm_db_close(db);
	return rc;
}

static int
cmd_optout(crm_cli *cli)
{
	return run_opt(cli, 1);
}

static int
cmd_optin(crm_cli *cli)
{
	return run_opt(cli, 0);
}

static const crm_opt tag_opts[] = {
	{ "ids", OPT_IDS, NULL, "read {\"id\",\"tags\":[...]} records from "
	    "the files" },
	{ "rules", OPT_RULES, "RULES", "tag the records of the files by these "
	    "rules" },
	{ "keep", OPT_KEEP, NULL, "with --rules: only add, take no tag off" },
	{ NULL, 0, NULL, NULL }
};

#define SEGMENT_OPTS \
	{ "tag", OPT_TAG, "TAGS", "with all of these tags (a,b)" }, \
	{ "any-tag", OPT_ANY_TAG, "TAGS", "with at least one of these tags" }, \
	{ "not-tag", OPT_NOT_TAG, "TAGS", "with none of these tags" }, \
	{ "persona", OPT_PERSONA, "NAME", "with every tag of this persona" }, \
	{ "rules", OPT_RULES, "FILE", "the personas (default " \
	    "share/crm/customer-tags.json)" }, \
	{ "tier", OPT_TIER, "TIERS", "of one of these value tiers" }, \
	{ "region", OPT_REGION, "REGIONS", "in one of these regions" }, \
	{ "owner", OPT_OWNER, "REPS", "owned by one of these reps" }, \
	{ "kind", OPT_KIND, "KINDS", "of one of these kinds" }, \
	{ "last-order-before", OPT_LAST_BEFORE, "DATE", "last sale before " \
	    "this day" }, \
	{ "last-order-after", OPT_LAST_AFTER, "DATE", "last sale after this " \
	    "day" }, \
	{ "bought", OPT_BOUGHT, "SKUS", "bought one of these products" }, \
	{ "bought-category", OPT_BOUGHT_CATEGORY, "CATS", "bought a product " \
	    "of one of these categories" }

static const crm_opt segment_opts[] = {
	SEGMENT_OPTS,
	{ NULL, 0, NULL, NULL }
};

static const crm_opt campaign_opts[] = {
	{ "channel", OPT_CHANNEL, "CHANNEL", "email or sms" },
	{ "template", OPT_TEMPLATE, "FILE", "the message, with {name}, "
	    "{contact_name}, ... placeholders" },
	{ "cooldown", OPT_COOLDOWN, "DAYS", "skip customers contacted on the "
	    "channel in the last DAYS (default 7)" },
	{ "dry-run", OPT_DRY_RUN, NULL, "write the contacts, log nothing" },
	SEGMENT_OPTS,
	{ NULL, 0, NULL, NULL }
};

static const crm_opt opt_opts[] = {
	{ "contact", OPT_CONTACT, "ID", "only this contact of the customer" },
	{ "channel", OPT_CHANNEL, "CHANNEL", "only this channel: email, sms, "
	    "phone, post (default all)" },
	{ NULL, 0, NULL, NULL }
};

const crm_verb crm_customer_care_verbs[] = {
	{ "tag", cmd_tag, CRM_CLI_DB | CRM_CLI_INPUT | CRM_CLI_REJECT,
	    tag_opts, "TAG ID ... | [FILE ...]", "tag customers by hand, from "
	    "a list of ids or by rule" },
	{ "untag", cmd_untag, CRM_CLI_DB, NULL, "TAG ID ...",
	    "take a tag off customers" },
	{ "segment", cmd_segment, CRM_CLI_DB | CRM_CLI_OUTPUT, segment_opts,
	    NULL, "select customers by tags, tier, region, orders" },
	{ "campaign", cmd_campaign, CRM_CLI_DB | CRM_CLI_OUTPUT,
	    campaign_opts, "NAME", "one contact per customer of a segment, "
	    "logged, opt-outs respected" },
	{ "optout", cmd_optout, CRM_CLI_DB | CRM_CLI_OUTPUT, opt_opts,
	    "CUSTOMER", "a customer or contact wants no more contact" },
	{ "optin", cmd_optin, CRM_CLI_DB | CRM_CLI_OUTPUT, opt_opts,
	    "CUSTOMER", "undo an opt-out" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
