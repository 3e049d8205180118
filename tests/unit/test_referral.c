/*
 * test_referral.c - the referral rule file and its arithmetic, worked by
 * hand: first-order amounts, percents rounded half away from zero, caps,
 * whole and marginal rebate tiers at their edges.
 */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "crm/crm.h"

static char dir[] = "/tmp/crm-test-referral-XXXXXX";
static char path[256];
static crm_err err;

/* Rule text is written with ' for " to keep it readable here. */
static crm_referral_rules *
rules_from(const char *text)
{
	crm_referral_rules *r = NULL;
	FILE *fp = fopen(path, "w");
	const char *c;

	for (c = text; *c != '\0'; c++)
		fputc(*c == '\'' ? '"' : *c, fp);
	fclose(fp);
	if (crm_referral_rules_load(path, &r, &err) != CRM_OK)
		return NULL;
	return r;
}

/* The error of loading text, without the file name in front. */
static const char *
load_error(const char *text)
{
	crm_referral_rules *r = rules_from(text);

	if (r != NULL) {
		crm_referral_rules_free(r);
		return "(loaded)";
	}
	if (err.code != CRM_ECONFIG)
		return "(not CRM_ECONFIG)";
	return strncmp(err.msg, path, strlen(path)) == 0 ?
	    err.msg + strlen(path) : err.msg;
}

static const char reward_rules[] =
	"{'rewards': [\n"
	" {'name': 'cny', 'currency': 'CNY', 'first_order': '200.00',\n"
	"  'percent': '2.5', 'days': 90, 'cap': '1000.00',\n"
	"  'period_cap': '1500.00'},\n"
	" {'name': 'jpy', 'currency': 'JPY', 'percent': 3, 'days': 30},\n"
	" {'name': 'usd', 'currency': 'USD', 'first_order': 25}\n"
	"]}\n";

static int64_t
reward(crm_referral_rules *r, const char *cur, int first, int64_t rev,
    const char **rule)
{
	int64_t amount = -1;

	if (crm_referral_reward_upto(r, cur, first, rev, &amount, rule,
	    &err) != CRM_OK)
		return -99;
	return amount;
}

static void
test_rewards(void)
{
	crm_referral_rules *r = rules_from(reward_rules);
	const char *rule;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	/* 200.00 + 2.5% of 1234.50 = 200.00 + 30.8625 -> 230.86. */
	CHECK_INT(reward(r, "CNY", 1, 123450, &rule), 23086);
	CHECK_STR(rule, "cny");
	/* No first order yet: 2.5% of 0.20 = 0.005 -> 0.01 (half up). */
	CHECK_INT(reward(r, "CNY", 0, 20, &rule), 1);
	/* 2.5% of 0.19 = 0.00475 -> 0.00. */
	CHECK_INT(reward(r, "CNY", 0, 19, &rule), 0);
	/* Capped: 200 + 2.5% of 40000.00 = 1200.00 -> 1000.00. */
	CHECK_INT(reward(r, "CNY", 1, 4000000, &rule), 100000);
	/* Exactly at the cap: 200 + 2.5% of 32000.00 = 1000.00. */
	CHECK_INT(reward(r, "CNY", 1, 3200000, &rule), 100000);
	/* Returns beyond the bonus: never below zero. */
	CHECK_INT(reward(r, "CNY", 1, -1000000, &rule), 0);
	/* A return of 10.00 against the bonus: 200 - 0.25 = 199.75. */
	CHECK_INT(reward(r, "CNY", 1, -1000, &rule), 19975);
	/* JPY has no minor unit: 3% of 1050 yen = 31.5 -> 32. */
	CHECK_INT(reward(r, "JPY", 1, 1050, &rule), 32);
	CHECK_INT(reward(r, "JPY", 0, 1049, &rule), 31);
	/* USD: a first order only, no percent. */
	CHECK_INT(reward(r, "USD", 1, 999999, &rule), 2500);
	CHECK_INT(reward(r, "USD", 0, 999999, &rule), 0);
	/* No rule for EUR. */
	CHECK_INT(reward(r, "EUR", 1, 100000, &rule), 0);
	CHECK(rule == NULL);
	CHECK_INT(crm_referral_reward_days(r, "CNY"), 90);
	CHECK_INT(crm_referral_reward_days(r, "USD"), 0);
	CHECK_INT(crm_referral_reward_period_cap(r, "CNY", 150001), 150000);
	CHECK_INT(crm_referral_reward_period_cap(r, "CNY", 150000), 150000);
	CHECK_INT(crm_referral_reward_period_cap(r, "JPY", 9999999), 9999999);
	crm_referral_rules_free(r);
}

static const char rebate_rules[] =
	"{'rebates': [\n"
	" {'name': 'agent', 'kind': 'agent', 'currency': 'CNY',\n"
	"  'tiers': [{'from': '0', 'percent': '1'},\n"
	"   {'from': '100000.00', 'percent': '2'},\n"
	"   {'from': '500000.00', 'percent': '3.125'}],\n"
	"  'cap': '20000.00'},\n"
	" {'name': 'ref', 'kind': 'referral', 'currency': 'CNY',\n"
	"  'tiering': 'marginal',\n"
	"  'tiers': [{'from': 0, 'percent': '0.5'},\n"
	"   {'from': '1000.00', 'percent': '1.5'},\n"
	"   {'from': '5000.00', 'percent': 3}]}\n"
	"]}\n";

static int64_t
rebate(crm_referral_rules *r, const char *kind, int64_t rev)
{
	const char *rule;
	int64_t amount = -1;

	if (crm_referral_rebate(r, kind, "CNY", rev, &amount, &rule, &err) !=
	    CRM_OK)
		return -99;
	return amount;
}

static void
test_rebates(void)
{
	crm_referral_rules *r = rules_from(rebate_rules);
	const char *rule;
	int64_t amount;

	CHECK(r != NULL);
	if (r == NULL)
		return;
	/* Whole: the tier reached applies to all of it. */
	/* 1% of 99999.99 = 999.9999 -> 1000.00. */
	CHECK_INT(rebate(r, "agent", 9999999), 100000);
	CHECK_INT(rebate(r, "agent", 10000000), 200000);    /* 2% of 100000 */
	/* 2% of 499999.99 = 9999.9998 -> 10000.00. */
	CHECK_INT(rebate(r, "agent", 49999999), 1000000);
	/* 3.125% of 500000.00 = 15625.00; of 500000.16 = 15625.005 ->
	 * 15625.01 (half away from zero). */
	CHECK_INT(rebate(r, "agent", 50000000), 1562500);
	CHECK_INT(rebate(r, "agent", 50000016), 1562501);
	/* 3.125% of 700000.00 = 21875.00, capped at 20000.00. */
	CHECK_INT(rebate(r, "agent", 70000000), 2000000);
	/* Nothing on no revenue or returns. */
	CHECK_INT(rebate(r, "agent", 0), 0);
	CHECK_INT(rebate(r, "agent", -500000), 0);
	/* Marginal: 0.5% of the first 1000.00, 1.5% of the next 4000.00,
	 * 3% above 5000.00.  At 6000.00: 5.00 + 60.00 + 30.00 = 95.00. */
	CHECK_INT(rebate(r, "referral", 600000), 9500);
	/* At 1000.00 exactly: 5.00. */
	CHECK_INT(rebate(r, "referral", 100000), 500);
	/* At 1000.01: 5.00 + 1.5% of 0.01 (0.00015 -> 0.00) = 5.00. */
	CHECK_INT(rebate(r, "referral", 100001), 500);
	/* At 999.99: 0.5% = 4.99995 -> 5.00. */
	CHECK_INT(rebate(r, "referral", 99999), 500);
	/* Each band rounded on its own: at 1000.70, 5.00 + 1.5% of 0.70
	 * (0.0105 -> 0.01) = 5.01. */
	CHECK_INT(rebate(r, "referral", 100070), 501);
	/* No rule for dealers, nor for USD. */
	CHECK_INT(rebate(r, "dealer", 600000), 0);
	CHECK(crm_referral_rebate(r, "agent", "USD", 600000, &amount, &rule,
	    &err) == CRM_OK && amount == 0 && rule == NULL);
	crm_referral_rules_free(r);
}

static void
test_load_errors(void)
{
	CHECK_STR(load_error("{'bonus': []}"),
	    ":1: unknown member \"bonus\"");
	CHECK_STR(load_error("{'rewards': [{'name': 'a', 'currency': 'CNY'}]}"),
	    ":1: rewards[0]: neither first_order nor percent: a reward of "
	    "nothing");
	CHECK_STR(load_error("{'rewards': [\n{'name': 'a', 'currency': 'XYZ',"
	    " 'first_order': 1}]}"),
	    ":2: rewards[0].currency: currency: unknown code XYZ");
	CHECK_STR(load_error("{'rewards': [\n{'name': 'a', 'currency': 'CNY',"
	    "\n 'percent': '2'}]}"),
	    ":2: rewards[0].days: missing: the days after the referral whose "
	    "sales earn the percent");
	CHECK_STR(load_error("{'rewards': [{'name': 'a', 'currency': 'CNY',"
	    " 'percent': '120', 'days': 9}]}"),
	    ":1: rewards[0].percent: more than 0 and at most 100");
	CHECK_STR(load_error("{'rewards': [{'name': 'a', 'currency': 'CNY',"
	    " 'percent': '1.00001', 'days': 9}]}"),
	    ":1: rewards[0].percent: a percentage such as \"2.5\" (at most 4 "
	    "decimals)");
	CHECK_STR(load_error("{'rewards': [{'name': 'a', 'currency': 'CNY',"
	    " 'first_order': '1.001'}]}"),
	    ":1: rewards[0].first_order: more than 2 decimals");
	CHECK_STR(load_error("{'rewards': [{'name': 'a', 'currency': 'CNY',"
	    " 'first_order': 1},\n{'name': 'b', 'currency': 'CNY',"
	    " 'first_order': 2}]}"),
	    ":2: rewards[1].currency: CNY again (rewards[0]): one reward per "
	    "currency");
	CHECK_STR(load_error("{'rebates': [{'name': 'a', 'kind': 'shop',"
	    " 'currency': 'CNY', 'tiers': []}]}"),
	    ":1: rebates[0].kind: not agent, referral or dealer");
	CHECK_STR(load_error("{'rebates': [{'name': 'a', 'kind': 'agent',"
	    " 'currency': 'CNY', 'tiers': []}]}"),
	    ":1: rebates[0].tiers: a list of 1 to 20 tiers");
	CHECK_STR(load_error("{'rebates': [{'name': 'a', 'kind': 'agent',"
	    " 'currency': 'CNY',\n'tiers': [{'from': 5, 'percent': 1}]}]}"),
	    ":2: rebates[0].tiers[0].from: the first tier starts at 0");
	CHECK_STR(load_error("{'rebates': [{'name': 'a', 'kind': 'agent',"
	    " 'currency': 'CNY', 'tiers': [{'from': 0, 'percent': 1},\n"
	    "{'from': '0.00', 'percent': 2}]}]}"),
	    ":2: rebates[0].tiers[1].from: not above the tier before");
	CHECK_STR(load_error("{'rebates': [{'name': 'a', 'kind': 'agent',"
	    " 'currency': 'CNY', 'tiering': 'step',"
	    " 'tiers': [{'from': 0, 'percent': 1}]}]}"),
	    ":1: rebates[0].tiering: not whole or marginal");
	CHECK_STR(load_error("{'rewards': {}}"),
	    ":1: rewards: a list of at most 200 rules");
	/* Not JSON at all: the parser's line and column. */
	CHECK(strncmp(load_error("{'rewards': ["), ":1:", 3) == 0);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/referral-rules.json", dir);
	RUN(test_rewards);
	RUN(test_rebates);
	RUN(test_load_errors);
	unlink(path);
	rmdir(dir);
	DONE();
}
